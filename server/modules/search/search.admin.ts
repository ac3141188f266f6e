import {
  SEARCH_TYPES,
  isSearchType,
  type IndexStatus,
  type SearchQueryStat,
  type SearchType,
} from '../../../common/search'
import { formatDate } from '../../../common/time'
import type { Core } from '../../core'
import { forbidden, invalid, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { siteRepository } from '../sites/site.repository'
import { roleOn, type Actor, type RequestContext } from '../users/actor'
import type { QueryStatsFilterInput } from './search.admin.schema'

/** The most queries 搜索统计 lists or exports (the service's own cap). */
export const MAX_STAT_ROWS = 1000
const DEFAULT_DAYS = 30
const DAY_MS = 86_400_000

export interface QueryStatsResult {
  rows: SearchQueryStat[]
  siteId: number | null
  from: string
  to: string
}

const isRealDay = (d: string): boolean => {
  const t = Date.parse(`${d}T00:00:00Z`)
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d
}

const shiftDay = (d: string, days: number): string =>
  new Date(Date.parse(`${d}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)

/** The range asked for, defaulting to the last 30 days (Beijing); 400 when it is not one. */
export function statsRange(input: { from?: string; to?: string }): { from: string; to: string } {
  for (const key of ['from', 'to'] as const) {
    const d = input[key]
    if (d !== undefined && !isRealDay(d)) {
      const label = key === 'from' ? '开始日期' : '结束日期'
      throw invalid(`${label}不是有效的日期`, { [key]: `${label}不是有效的日期` })
    }
  }
  const to = input.to ?? formatDate(new Date())
  const from = input.from ?? shiftDay(to, -(DEFAULT_DAYS - 1))
  if (from > to) throw invalid('开始日期不能晚于结束日期', { from: '开始日期不能晚于结束日期' })
  return { from, to }
}

/** `zero=1` (or `true`): only the queries that found nothing. */
export const isZeroOnly = (input: QueryStatsFilterInput): boolean =>
  input.zero === '1' || input.zero === 'true'

/** Whether the actor may read a site's query statistics: its admins and editors, cluster admins. */
export function canReadQueryStats(actor: Actor, siteId: number | null): boolean {
  if (actor.isClusterAdmin) return true
  if (siteId === null) return false
  const role = roleOn(actor, siteId)
  return role === 'admin' || role === 'editor'
}

/** 搜索统计: the top (or zero-hit) queries of one site, or of all sites for cluster admins. */
export async function queryStats(
  core: Core,
  ctx: RequestContext,
  input: QueryStatsFilterInput,
): Promise<QueryStatsResult> {
  const siteId = input.site ?? null
  if (!canReadQueryStats(ctx.actor, siteId)) {
    throw forbidden(
      siteId === null
        ? '只有平台管理员可以查看全部站点的搜索统计'
        : '您没有查看该站点搜索统计的权限',
    )
  }
  if (siteId !== null && !(await siteRepository.get(core.deps.db, siteId))) {
    throw notFound('站点不存在')
  }
  const range = statsRange(input)
  const rows = await core.search.topQueries(siteId, range, {
    zeroOnly: isZeroOnly(input),
    limit: MAX_STAT_ROWS,
  })
  return { rows, siteId, ...range }
}

/** 索引状态 (cluster admins): documents by type, the queue and the engine's index size. */
export async function indexStatus(core: Core, ctx: RequestContext): Promise<IndexStatus> {
  if (!ctx.actor.isClusterAdmin) throw forbidden('只有平台管理员可以查看索引状态')
  const db = core.deps.db
  const counts = await db
    .selectFrom('search_doc')
    .select(['type', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('type')
    .execute()
  const byType = Object.fromEntries(SEARCH_TYPES.map((t) => [t, 0])) as Record<SearchType, number>
  let documents = 0
  for (const c of counts) {
    const n = Number(c.n)
    documents += n
    if (isSearchType(c.type)) byType[c.type] = n
  }
  const size = await core.search.provider.size(db).catch(() => null)
  return {
    engine: core.search.provider.name,
    documents,
    byType,
    pending: await core.search.indexer.pending(),
    indexBytes: size == null ? null : Math.round(size),
  }
}

/**
 * 重建索引 (cluster admins): queues every source; the running server's indexer rebuilds the
 * index in place in the background, so searching keeps working meanwhile.
 */
export async function requestReindex(
  core: Core,
  ctx: RequestContext,
): Promise<{ queued: true; pending: number }> {
  if (!ctx.actor.isClusterAdmin) throw forbidden('只有平台管理员可以重建搜索索引')
  const pendingBefore = await core.search.indexer.pending()
  await core.deps.db.transaction().execute(async (trx) => {
    await core.search.indexer.queueAll(trx)
    await recordAudit(trx, ctx, {
      action: 'search.reindex',
      entity: 'search',
      entityId: core.search.provider.name,
      diff: { engine: core.search.provider.name, pendingBefore },
    })
  })
  return { queued: true, pending: await core.search.indexer.pending() }
}
