import { createHash } from 'node:crypto'
import fs from 'node:fs'
import type { ReadStream } from 'node:fs'
import type { Deps } from '../../core-deps'
import type { Executor, Trx } from '../../db/database'
import { AppError, notFound } from '../../errors'
import { detectType } from '../files/file-types'
import { cleanName } from '../files/file.service'
import { fileRepository } from '../files/file.repository'

/**
 * A letter's attachments (role `writer`): personal data, never served publicly. Bytes are
 * checked by content (magic bytes), stored by content in the FileStore before the letter's
 * transaction, and linked (`file` + `letter_file` rows) inside it, so an acknowledged letter
 * always has its files and a refused one leaves no rows. A refused letter also removes the
 * blobs it newly wrote; only a crash between writing and committing can leave an unreferenced
 * blob (harmless: content-addressed, never served). The `file` rows carry no site
 * (`site_id` null): the media library never lists them and `/files/` refuses them.
 */

const MB = 1024 * 1024
export const LETTER_ATTACHMENT_LIMITS = {
  count: 3,
  fileBytes: 10 * MB,
  totalBytes: 20 * MB,
  /** What the form's `accept` and hint show. */
  extensions: ['jpg', 'jpeg', 'png', 'pdf', 'doc', 'docx', 'xls', 'xlsx'],
} as const

/** Detected content type → the extensions it may carry and the MIME type stored. */
const ACCEPTED: Record<string, { exts: string[]; mime?: Record<string, string> }> = {
  'image/jpeg': { exts: ['jpg', 'jpeg'] },
  'image/png': { exts: ['png'] },
  'application/pdf': { exts: ['pdf'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { exts: ['docx'] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { exts: ['xlsx'] },
  'application/msword': { exts: ['doc'] },
  'application/vnd.ms-excel': { exts: ['xls'] },
  // Legacy Office documents are OLE compound files: the extension names the kind.
  'application/x-cfb': {
    exts: ['doc', 'xls'],
    mime: { doc: 'application/msword', xls: 'application/vnd.ms-excel' },
  },
}

const FIELD = 'attachments'
const KINDS = 'jpg、png、pdf、doc、docx、xls、xlsx'

/** A file as the writer sent it. `truncated`: the upload was cut at the per-file limit. */
export interface LetterUpload {
  name: string
  bytes: Buffer
  truncated?: boolean
}

export interface LetterFileView {
  id: number
  name: string
  size: number
  mime: string
}

interface Checked {
  name: string
  bytes: Buffer
  mime: string
  ext: string
}

const refuse = (status: number, code: string, message: string) =>
  new AppError(status, code, message, { [FIELD]: message })

/** Checks count, sizes and types of a letter's uploads; the first problem is thrown. */
export async function checkAttachments(uploads: LetterUpload[]): Promise<Checked[]> {
  const files = uploads.filter((u) => u.name !== '' || u.bytes.length > 0)
  const L = LETTER_ATTACHMENT_LIMITS
  if (files.length > L.count) {
    throw refuse(400, 'too_many_files', `最多上传 ${L.count} 个附件`)
  }
  let total = 0
  const out: Checked[] = []
  for (const f of files) {
    const name = cleanName(f.name)
    if (f.truncated || f.bytes.length > L.fileBytes) {
      throw refuse(413, 'too_large', `附件“${name}”超过 ${L.fileBytes / MB} MB，请压缩后再上传`)
    }
    if (f.bytes.length === 0) throw refuse(400, 'empty_file', `附件“${name}”是空文件`)
    total += f.bytes.length
    if (total > L.totalBytes) {
      throw refuse(413, 'too_large', `附件合计超过 ${L.totalBytes / MB} MB，请压缩或减少附件`)
    }
    const type = await detectType(f.bytes, name)
    const ext = (name.includes('.') ? name.split('.').pop() : '')?.toLowerCase() ?? ''
    const accepted = type.ok ? ACCEPTED[type.mime] : undefined
    if (!type.ok || !accepted || !accepted.exts.includes(ext)) {
      throw refuse(
        415,
        'unsupported_type',
        `附件“${name}”的文件内容不是允许的类型或与扩展名不符（只接受 ${KINDS} 文件）`,
      )
    }
    out.push({ name, bytes: f.bytes, ext, mime: accepted.mime?.[ext] ?? type.mime })
  }
  return out
}

/**
 * Stored blobs waiting for their letter: `link` them inside its transaction, then `settle` the
 * transaction (a refused letter removes the blobs it wrote).
 */
export interface PreparedAttachments {
  link(trx: Trx, letterId: number, at: string): Promise<void>
  settle<T>(transaction: Promise<T>): Promise<T>
}

/** Checks the uploads and writes their bytes to the FileStore (before any transaction). */
export async function prepareAttachments(
  deps: Pick<Deps, 'files' | 'db'>,
  uploads: LetterUpload[],
): Promise<PreparedAttachments> {
  const checked = await checkAttachments(uploads)
  const stored: Array<Checked & { sha256: string; isNew: boolean }> = []
  for (const c of checked) {
    // Content-addressed: bytes already on disk may belong to another file too.
    const isNew = !deps.files.exists(createHash('sha256').update(c.bytes).digest('hex'))
    const sha = await deps.files.put(c.bytes).catch(() => null)
    if (sha === null) {
      await discard(deps, stored)
      throw new AppError(503, 'storage_failed', '附件保存失败，请稍后再试')
    }
    stored.push({ ...c, sha256: sha, isNew })
  }
  return {
    async link(trx, letterId, at) {
      for (const s of stored) {
        const file = await fileRepository.insert(trx, {
          sha256: s.sha256,
          size: s.bytes.length,
          mime: s.mime,
          ext: s.ext,
          name: s.name,
          site_id: null,
          created_by: null,
          created_at: at,
        })
        await trx
          .insertInto('letter_file')
          .values({ letter_id: letterId, file_id: file.id, name: s.name, role: 'writer' })
          .execute()
      }
    },
    async settle(transaction) {
      try {
        return await transaction
      } catch (err) {
        await discard(deps, stored)
        throw err
      }
    },
  }
}

/**
 * Removes the blobs a refused letter wrote. A blob that was already on disk is kept, and so is
 * one another row points at (the same bytes uploaded elsewhere meanwhile).
 */
async function discard(
  deps: Pick<Deps, 'files' | 'db'>,
  stored: Array<{ sha256: string; isNew: boolean }>,
): Promise<void> {
  for (const s of stored) {
    if (!s.isNew) continue
    if (await fileRepository.getBySha(deps.db, s.sha256).catch(() => true)) continue
    await fs.promises.unlink(deps.files.pathOf(s.sha256)).catch(() => undefined)
  }
}

/** A letter's attachments for the admin: `id` is the link's id (`letter_file.id`). */
export async function letterFiles(db: Executor, letterId: number): Promise<LetterFileView[]> {
  const rows = await db
    .selectFrom('letter_file as lf')
    .innerJoin('file as f', 'f.id', 'lf.file_id')
    .select(['lf.id', 'lf.name', 'f.size', 'f.mime'])
    .where('lf.letter_id', '=', letterId)
    .orderBy('lf.id')
    .execute()
  return rows.map((r) => ({ id: r.id, name: r.name, size: r.size, mime: r.mime }))
}

/**
 * One attachment's bytes for the admin route (which authorizes first). `fileId` is the id
 * `letterFiles` returns; a file of another letter is not found.
 */
export async function openLetterFile(
  deps: Pick<Deps, 'db' | 'files'>,
  letterId: number,
  fileId: number,
): Promise<{ stream: ReadStream; mime: string; name: string; size: number }> {
  const r = await deps.db
    .selectFrom('letter_file as lf')
    .innerJoin('file as f', 'f.id', 'lf.file_id')
    .select(['lf.name', 'f.sha256', 'f.mime', 'f.size'])
    .where('lf.letter_id', '=', letterId)
    .where('lf.id', '=', fileId)
    .executeTakeFirst()
  if (!r || !deps.files.exists(r.sha256)) throw notFound('附件不存在')
  return { stream: deps.files.stream(r.sha256), mime: r.mime, name: r.name, size: r.size }
}

/** Whether a `file` row is a letter attachment only (never to be served by `/files/`). */
export async function isLetterOnlyFile(
  db: Executor,
  file: { id: number; siteId: number | null },
): Promise<boolean> {
  if (file.siteId !== null) return false
  const link = await db
    .selectFrom('letter_file')
    .select('id')
    .where('file_id', '=', file.id)
    .executeTakeFirst()
  return link !== undefined
}
