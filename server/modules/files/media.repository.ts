import { sql } from 'kysely'
import type { Executor } from '../../db/database'
import { containsInsensitive, toCount } from '../../db/dialect'
import { toFile, type StoredFile } from './file.repository'

/** Kinds of media the library filters by, each a set of MIME types. */
export const MEDIA_KINDS = ['image', 'document', 'archive', 'audio', 'video', 'other'] as const
export type MediaKind = (typeof MEDIA_KINDS)[number]

const DOCUMENT_MIMES = [
  'application/pdf',
  'application/msword',
  'application/vnd.ms-excel',
  'application/x-cfb',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'text/plain',
  'text/csv',
]
const ARCHIVE_MIMES = [
  'application/zip',
  'application/x-rar-compressed',
  'application/vnd.rar',
  'application/x-7z-compressed',
]

export interface MediaRow extends StoredFile {
  /** Articles using the file (any role). */
  usage: number
}

export interface MediaUse {
  articleId: number
  title: string
  status: string
  siteId: number
  roles: string[]
}

/** Every query of the media library (over `file`, `article_file` and `article`). */
export const mediaRepository = {
  async list(
    db: Executor,
    filter: { siteId: number; keyword?: string; kind?: MediaKind; offset: number; limit: number },
  ): Promise<{ rows: MediaRow[]; total: number }> {
    let q = db.selectFrom('file as f').where('f.site_id', '=', filter.siteId)
    const keyword = filter.keyword?.trim()
    if (keyword) q = q.where(containsInsensitive(db, 'f.name', keyword))
    const kind = filter.kind
    if (kind === 'image') q = q.where('f.mime', 'like', 'image/%')
    if (kind === 'audio') q = q.where('f.mime', 'like', 'audio/%')
    if (kind === 'video') q = q.where('f.mime', 'like', 'video/%')
    if (kind === 'document') q = q.where('f.mime', 'in', DOCUMENT_MIMES)
    if (kind === 'archive') q = q.where('f.mime', 'in', ARCHIVE_MIMES)
    if (kind === 'other') {
      q = q
        .where('f.mime', 'not like', 'image/%')
        .where('f.mime', 'not like', 'audio/%')
        .where('f.mime', 'not like', 'video/%')
        .where('f.mime', 'not in', [...DOCUMENT_MIMES, ...ARCHIVE_MIMES])
    }
    const [count, rows] = await Promise.all([
      q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
      q
        .selectAll('f')
        .select((eb) =>
          eb
            .selectFrom('article_file as af')
            .select(sql<number>`count(distinct af.article_id)`.as('n'))
            .whereRef('af.file_id', '=', 'f.id')
            .as('usage'),
        )
        .orderBy('f.created_at', 'desc')
        .orderBy('f.id', 'desc')
        .offset(filter.offset)
        .limit(filter.limit)
        .execute(),
    ])
    return {
      total: toCount(count.n),
      rows: rows.map((r) => ({ ...toFile(r), usage: toCount(r.usage) })),
    }
  },

  async get(db: Executor, id: number): Promise<Omit<MediaRow, 'usage'> | undefined> {
    const r = await db.selectFrom('file').selectAll().where('id', '=', id).executeTakeFirst()
    return r ? toFile(r) : undefined
  },

  /** Articles using a file: through `article_file` (attachment, cover, image) or as cover. */
  async usage(db: Executor, fileId: number): Promise<MediaUse[]> {
    const [linked, covers] = await Promise.all([
      db
        .selectFrom('article_file as af')
        .innerJoin('article as a', 'a.id', 'af.article_id')
        .select(['a.id', 'a.title', 'a.status', 'a.site_id', 'af.role'])
        .where('af.file_id', '=', fileId)
        .orderBy('a.id', 'desc')
        .execute(),
      db
        .selectFrom('article as a')
        .select(['a.id', 'a.title', 'a.status', 'a.site_id'])
        .where('a.cover_file_id', '=', fileId)
        .orderBy('a.id', 'desc')
        .execute(),
    ])
    const byArticle = new Map<number, MediaUse>()
    const add = (
      r: { id: number; title: string; status: string; site_id: number },
      role: string,
    ) => {
      const use = byArticle.get(r.id) ?? {
        articleId: r.id,
        title: r.title,
        status: r.status,
        siteId: r.site_id,
        roles: [],
      }
      if (!use.roles.includes(role)) use.roles.push(role)
      byArticle.set(r.id, use)
    }
    for (const r of linked) add(r, r.role)
    for (const r of covers) add(r, 'cover')
    return [...byArticle.values()].sort((a, b) => b.articleId - a.articleId)
  },

  async delete(db: Executor, id: number): Promise<void> {
    await db.deleteFrom('file').where('id', '=', id).execute()
  },

  /** Rows still pointing at some content (the bytes on disk are shared by content). */
  async countBySha(db: Executor, sha256: string): Promise<number> {
    const r = await db
      .selectFrom('file')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('sha256', '=', sha256)
      .executeTakeFirstOrThrow()
    return toCount(r.n)
  },
}
