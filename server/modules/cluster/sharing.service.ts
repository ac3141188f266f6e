import type { AcceptMode, SharingPolicy } from '../../../common/cluster'
import type { Deps } from '../../core-deps'
import { forbidden, invalid, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { columnRepository } from '../columns/column.repository'
import { siteRepository } from '../sites/site.repository'
import { roleOn, type RequestContext } from '../users/actor'
import { accepts, sharingRepository } from './sharing.repository'

/** Columns that take articles (submissions, pushes): lists and single pages. */
export const ACCEPTING_COLUMN_TYPES = new Set(['list', 'page'])

export interface SharingInput {
  submissions: AcceptMode
  submissionSources: number[]
  submissionColumns: number[]
  pushes: AcceptMode
  pushSources: number[]
  pushReview: boolean
}

/** A site that would take items from a source site, with its accepting columns. */
export interface SharingTarget {
  siteId: number
  siteName: string
  columns: { id: number; name: string; path: string }[]
}

/** What each site accepts from the rest of the cluster (信息报送 and 一稿多发 policies). */
export class SharingService {
  constructor(private readonly deps: Deps) {}

  /** Any role on the site (or a cluster admin) may read its policy. */
  async get(ctx: RequestContext, siteId: number): Promise<SharingPolicy> {
    const policy = await sharingRepository.get(this.deps.db, siteId)
    if (!policy) throw notFound('站点不存在')
    if (roleOn(ctx.actor, siteId) === null) throw forbidden()
    return policy
  }

  /** Only the site's admin (or a cluster admin) sets what the site accepts. */
  async put(ctx: RequestContext, siteId: number, input: SharingInput): Promise<SharingPolicy> {
    const before = await sharingRepository.get(this.deps.db, siteId)
    if (!before) throw notFound('站点不存在')
    if (roleOn(ctx.actor, siteId) !== 'admin') throw forbidden('只有站点管理员可以设置共享规则')
    const sites = new Set((await siteRepository.listAll(this.deps.db)).map((s) => s.id))
    const uniq = (ids: number[]) => [...new Set(ids)]
    const sources = (ids: number[], field: string) => {
      for (const id of ids) {
        if (id === siteId) throw invalid('来源站点不能是本站点', { [field]: '不能选择本站点' })
        if (!sites.has(id)) throw invalid('来源站点不存在', { [field]: `站点 ${id} 不存在` })
      }
      return uniq(ids)
    }
    const submissionSources = sources(input.submissionSources, 'submissionSources')
    const pushSources = sources(input.pushSources, 'pushSources')
    const submissionColumns = uniq(input.submissionColumns)
    for (const id of submissionColumns) {
      const c = await columnRepository.get(this.deps.db, id)
      if (!c || c.siteId !== siteId) {
        throw invalid('接收栏目须属于本站点', { submissionColumns: `栏目 ${id} 不属于本站点` })
      }
      if (!ACCEPTING_COLUMN_TYPES.has(c.type)) {
        throw invalid('接收栏目须为文章列表或单页栏目', {
          submissionColumns: `“${c.name}”不是文章列表或单页栏目`,
        })
      }
    }
    const next = {
      siteId,
      submissions: input.submissions,
      submissionSources,
      submissionColumns,
      pushes: input.pushes,
      pushSources,
      pushReview: input.pushReview,
    }
    await this.deps.db.transaction().execute(async (trx) => {
      await sharingRepository.put(trx, next, ctx.actor.id)
      await recordAudit(trx, ctx, {
        action: 'site.sharing',
        entity: 'site',
        entityId: siteId,
        siteId,
        diff: { from: { ...before, updatedAt: undefined }, to: next },
      })
    })
    return (await sharingRepository.get(this.deps.db, siteId)) as SharingPolicy
  }

  /**
   * Open sites that accept submissions (or pushes) from `sourceSiteId`, with their accepting
   * columns, for the sender's target picker. The actor must work on the source site.
   */
  async targets(
    ctx: RequestContext,
    kind: 'submissions' | 'pushes',
    sourceSiteId: number,
  ): Promise<SharingTarget[]> {
    if (roleOn(ctx.actor, sourceSiteId) === null) throw forbidden()
    const db = this.deps.db
    const [sites, columns] = await Promise.all([
      siteRepository.listAll(db),
      columnRepository.listAll(db),
    ])
    const open = sites.filter((s) => s.status === 'open' && s.id !== sourceSiteId)
    const policies = await sharingRepository.getMany(db, open)
    const out: SharingTarget[] = []
    for (const site of open) {
      const policy = policies.get(site.id)
      if (!policy || !accepts(policy, kind, sourceSiteId)) continue
      const only =
        kind === 'submissions' && policy.submissionColumns.length > 0
          ? new Set(policy.submissionColumns)
          : null
      const accepting = columns
        .filter((c) => c.siteId === site.id && ACCEPTING_COLUMN_TYPES.has(c.type))
        .filter((c) => !only || only.has(c.id))
        .map((c) => ({ id: c.id, name: c.name, path: c.path }))
      if (accepting.length > 0)
        out.push({ siteId: site.id, siteName: site.name, columns: accepting })
    }
    return out
  }
}
