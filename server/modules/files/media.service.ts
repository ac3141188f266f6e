import fs from 'node:fs'
import type { Deps } from '../../core-deps'
import { conflict, forbidden, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { roleOn, type Actor, type RequestContext } from '../users/actor'
import { siteRepository } from '../sites/site.repository'
import { mediaRepository, type MediaKind, type MediaRow, type MediaUse } from './media.repository'

const ROLE_LABELS: Record<string, string> = {
  attachment: '附件',
  cover: '封面',
  image: '正文图片',
}

/** Anyone with a role on the file's site may see it; files of no site only cluster admins. */
function canRead(actor: Actor, file: { siteId: number | null }): boolean {
  if (actor.isClusterAdmin) return true
  return file.siteId !== null && roleOn(actor, file.siteId) !== null
}

/** Site admins delete any file of their site; editors only their own uploads. */
function canDelete(actor: Actor, file: { siteId: number | null; createdBy: number | null }) {
  if (actor.isClusterAdmin) return true
  if (file.siteId === null) return false
  const role = roleOn(actor, file.siteId)
  if (role === 'admin') return true
  return role !== null && file.createdBy !== null && file.createdBy === actor.id
}

export interface MediaUsage {
  uses: (MediaUse & { roleLabels: string[]; visible: boolean })[]
  /** Uses in sites the actor has no role on: counted, never named. */
  hiddenCount: number
}

/** The media library of a site: list, where a file is used, and deleting unused files. */
export class MediaService {
  constructor(private readonly deps: Deps) {}

  async list(
    ctx: RequestContext,
    input: { siteId: number; keyword?: string; type?: MediaKind; page: number; pageSize: number },
  ): Promise<{ rows: MediaRow[]; total: number }> {
    if (!(await siteRepository.get(this.deps.db, input.siteId))) throw notFound('站点不存在')
    if (!ctx.actor.isClusterAdmin && roleOn(ctx.actor, input.siteId) === null) throw forbidden()
    return mediaRepository.list(this.deps.db, {
      siteId: input.siteId,
      keyword: input.keyword,
      kind: input.type,
      offset: (input.page - 1) * input.pageSize,
      limit: input.pageSize,
    })
  }

  async usage(ctx: RequestContext, id: number): Promise<MediaUsage> {
    const file = await mediaRepository.get(this.deps.db, id)
    if (!file) throw notFound('文件不存在')
    if (!canRead(ctx.actor, file)) throw forbidden()
    return this.usageOf(ctx.actor, await mediaRepository.usage(this.deps.db, id))
  }

  /**
   * Deletes a file nobody uses (409 naming where it is used otherwise). The bytes on disk go
   * only when no row points at the same content any more.
   */
  async remove(ctx: RequestContext, id: number): Promise<void> {
    const file = await mediaRepository.get(this.deps.db, id)
    if (!file) throw notFound('文件不存在')
    if (!canRead(ctx.actor, file)) throw forbidden()
    if (!canDelete(ctx.actor, file)) throw forbidden('只有站点管理员或上传者可以删除该文件')
    await this.deps.db.transaction().execute(async (trx) => {
      const uses = await mediaRepository.usage(trx, id)
      if (uses.length > 0) throw conflict(inUseMessage(this.usageOf(ctx.actor, uses)))
      await mediaRepository.delete(trx, id)
      await recordAudit(trx, ctx, {
        action: 'file.delete',
        entity: 'file',
        entityId: id,
        siteId: file.siteId,
        diff: { name: file.name, size: file.size, mime: file.mime, sha256: file.sha256 },
      })
    })
    if ((await mediaRepository.countBySha(this.deps.db, file.sha256)) === 0) {
      await fs.promises.rm(this.deps.files.pathOf(file.sha256), { force: true })
    }
    this.deps.bus.publish({ action: 'file.delete', tags: [`file:${id}`] })
  }

  private usageOf(actor: Actor, uses: MediaUse[]): MediaUsage {
    const all = uses.map((u) => ({
      ...u,
      roleLabels: u.roles.map((r) => ROLE_LABELS[r] ?? r),
      visible: actor.isClusterAdmin || roleOn(actor, u.siteId) !== null,
    }))
    return {
      uses: all.filter((u) => u.visible),
      hiddenCount: all.filter((u) => !u.visible).length,
    }
  }
}

/** 409 message: which articles use the file, in Chinese. */
export function inUseMessage(usage: MediaUsage): string {
  const named = usage.uses.slice(0, 5).map((u) => `《${u.title}》（${u.roleLabels.join('、')}）`)
  const more = usage.uses.length - named.length
  const parts = [
    ...named,
    ...(more > 0 ? [`等 ${usage.uses.length} 篇信息`] : []),
    ...(usage.hiddenCount > 0 ? [`其他站点的 ${usage.hiddenCount} 篇信息`] : []),
  ]
  return `该文件正在被使用，不能删除：${parts.join('、')}。请先在这些信息中移除该文件。`
}
