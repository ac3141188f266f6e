import type { UpdateClass } from '../../../common/enums'
import type { Executor } from '../../db/database'
import { toCount } from '../../db/dialect'
import { notFound } from '../../errors'
import { loadWorld, resolveAggregate } from '../cluster/aggregate'
import { aggregateRepository } from '../cluster/aggregate.repository'
import { siteRepository } from '../sites/site.repository'
import type { RequestContext } from '../users/actor'
import { authorizeColumn } from './column.policy'
import { columnRepository, type Column } from './column.repository'

/** 2015 inspection table: how many days a column may go without a new item, by `updateClass`. */
export const UPDATE_DEADLINE_DAYS: Partial<Record<UpdateClass, number>> = {
  news: 14,
  notice: 183,
  plan: 365,
}

/** How many days before the deadline a column counts as "close to it". */
const WARN_DAYS: Partial<Record<UpdateClass, number>> = { news: 3, notice: 30, plan: 60 }

const DAY_MS = 86_400_000

export type DeadlineState = 'none' | 'ok' | 'soon' | 'overdue'

export interface ColumnStats {
  columnId: number
  /** Items placed in the column, any status. */
  articles: number
  /** Published items in the column. */
  published: number
  lastPublishedAt: string | null
  /** Deadline by `updateClass` (`null` when the column has no deadline). */
  deadlineDays: number | null
  /** Days left before the deadline (negative once past it); `null` without a deadline. */
  daysLeft: number | null
  deadline: DeadlineState
}

/** Per-column counts for one site: every query of the column statistics. */
export const columnStatsRepository = {
  async countsBySite(
    db: Executor,
    siteId: number,
  ): Promise<Map<number, { articles: number; published: number; lastPublishedAt: string | null }>> {
    const rows = await db
      .selectFrom('placement as p')
      .innerJoin('site_column as c', 'c.id', 'p.column_id')
      .where('c.site_id', '=', siteId)
      .select((eb) => [
        'p.column_id as columnId',
        eb.fn.countAll().as('articles'),
        eb.fn.count('p.id').filterWhere('p.status', '=', 'published').as('published'),
        eb.fn
          .max(eb.case().when('p.status', '=', 'published').then(eb.ref('p.published_at')).end())
          .as('lastPublishedAt'),
      ])
      .groupBy('p.column_id')
      .execute()
    return new Map(
      rows.map((r) => [
        r.columnId,
        {
          articles: toCount(r.articles),
          published: toCount(r.published),
          lastPublishedAt: (r.lastPublishedAt as string | null) ?? null,
        },
      ]),
    )
  },
}

/** Where a column stands against its update deadline on `now`. */
export function deadlineOf(
  column: { type: string; updateClass: UpdateClass; createdAt: string },
  lastPublishedAt: string | null,
  now = Date.now(),
): Pick<ColumnStats, 'deadlineDays' | 'daysLeft' | 'deadline'> {
  // An aggregate column is as fresh as its newest source item.
  const judged = column.type === 'list' || column.type === 'aggregate'
  const days = judged ? UPDATE_DEADLINE_DAYS[column.updateClass] : undefined
  if (days === undefined) return { deadlineDays: null, daysLeft: null, deadline: 'none' }
  // A column never updated is measured from its creation.
  const since = Date.parse(lastPublishedAt ?? column.createdAt)
  const daysLeft = Math.floor((since + days * DAY_MS - now) / DAY_MS)
  const warn = WARN_DAYS[column.updateClass] ?? 0
  const deadline: DeadlineState = daysLeft < 0 ? 'overdue' : daysLeft <= warn ? 'soon' : 'ok'
  return { deadlineDays: days, daysLeft, deadline }
}

/** Article counts, last publication and deadline state of every column of a site. */
export async function columnStats(
  db: Executor,
  ctx: RequestContext,
  siteId: number,
  now = Date.now(),
): Promise<ColumnStats[]> {
  const site = await siteRepository.get(db, siteId)
  if (!site) throw notFound('站点不存在')
  authorizeColumn(ctx.actor, 'read', siteId)
  const [columns, counts] = await Promise.all([
    columnRepository.listBySite(db, siteId),
    columnStatsRepository.countsBySite(db, siteId),
  ])
  const aggregates = columns.filter((c) => c.type === 'aggregate')
  if (aggregates.length > 0) {
    const world = await loadWorld(db)
    for (const c of aggregates) counts.set(c.id, await aggregateCounts(db, world, c))
  }
  return columns.map((c) => {
    const n = counts.get(c.id) ?? { articles: 0, published: 0, lastPublishedAt: null }
    return { columnId: c.id, ...n, ...deadlineOf(c, n.lastPublishedAt, now) }
  })
}

/**
 * What an aggregate column shows, counted at its sources (it holds no item itself): published
 * items (capped, an item in two sources counted twice) and the newest one's time.
 */
async function aggregateCounts(
  db: Executor,
  world: Awaited<ReturnType<typeof loadWorld>>,
  column: Column,
): Promise<{ articles: number; published: number; lastPublishedAt: string | null }> {
  const { leaves } = resolveAggregate(world, column)
  const [newest, published] = await Promise.all([
    aggregateRepository.latest(db, leaves, { offset: 0, limit: 1 }),
    aggregateRepository.count(db, leaves, AGGREGATE_COUNT_CAP),
  ])
  return { articles: published, published, lastPublishedAt: newest[0]?.publishedAt ?? null }
}

const AGGREGATE_COUNT_CAP = 10_000
