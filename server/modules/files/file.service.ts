import type { Deps } from '../../core-deps'
import { nowIso } from '../../db/dialect'
import { invalid, tooLarge, unsupportedType } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { authorizeColumn } from '../columns/column.policy'
import type { RequestContext } from '../users/actor'
import { detectType } from './file-types'
import { fileRepository, type StoredFile } from './file.repository'

/** Uploads: size and content-type checked, stored by content, recorded once per content. */
export class FileService {
  constructor(private readonly deps: Deps) {}

  async upload(
    ctx: RequestContext,
    input: { siteId: number; name: string; bytes: Buffer },
  ): Promise<StoredFile> {
    // Anyone who may edit the site's content may upload to it.
    if (!ctx.actor.isClusterAdmin) {
      const granted = ctx.actor.grants.some((g) => g.siteId === input.siteId)
      if (!granted) authorizeColumn(ctx.actor, 'manage', input.siteId)
    }
    if (input.bytes.length === 0) throw invalid('文件为空', { file: '请选择非空文件' })
    if (input.bytes.length > this.deps.config.uploadMaxBytes) {
      throw tooLarge(`文件超过 ${Math.round(this.deps.config.uploadMaxBytes / 1048576)} MB 上限`)
    }
    const name = cleanName(input.name)
    const type = await detectType(input.bytes, name)
    if (!type.ok) throw unsupportedType(type.reason)
    // Bytes reach the disk before the row that points at them.
    const sha256 = await this.deps.files.put(input.bytes)
    return this.deps.db.transaction().execute(async (trx) => {
      const file = await fileRepository.insert(trx, {
        sha256,
        size: input.bytes.length,
        mime: type.mime,
        ext: type.ext,
        name,
        site_id: input.siteId,
        created_by: ctx.actor.id,
        created_at: nowIso(),
      })
      await recordAudit(trx, ctx, {
        action: 'file.upload',
        entity: 'file',
        entityId: file.id,
        siteId: input.siteId,
        diff: { name, size: file.size, mime: file.mime, sha256 },
      })
      return file
    })
  }
}

/** Keeps a display name safe for headers and paths. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file'
  const cleaned = base
    .replace(/[\u0000-\u001f<>:"|?*]/g, '')
    .trim()
    .slice(0, 200)
  return cleaned || 'file'
}

export function fileUrl(f: { sha256: string; ext: string }): string {
  return `/files/${f.sha256}.${f.ext}`
}
