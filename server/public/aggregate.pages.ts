import type { Db } from '../db/database'
import type { ListedItem } from '../modules/articles/placement.repository'
import {
  portalLatestLeaves,
  resolveAggregate,
  type AggregateResolution,
} from '../modules/cluster/aggregate'
import { aggregateRepository } from '../modules/cluster/aggregate.repository'
import type { Column } from '../modules/columns/column.repository'
import type { Site } from '../modules/sites/site.repository'
import type { PageContext } from './views'

// Aggregate columns and the portal's cluster-wide 最新信息 on the public site. Rules are
// resolved against the directory snapshot (memoised per snapshot: a site or column change loads
// a new one); items are read at their sources and link there.

/** Aggregate lists page up to this deep (a page beyond answers 404). */
export const AGGREGATE_MAX_PAGES = 50

const memo = new WeakMap<object, Map<string, AggregateResolution>>()

function memoised(ctx: PageContext, key: string, make: () => AggregateResolution) {
  let map = memo.get(ctx.snap)
  if (!map) {
    map = new Map()
    memo.set(ctx.snap, map)
  }
  const hit = map.get(key)
  if (hit) return hit
  const made = make()
  map.set(key, made)
  return made
}

/** An aggregate column's sources and cache tags. */
export function aggregateOf(ctx: PageContext, column: Column): AggregateResolution {
  return memoised(ctx, `c${column.id}`, () => resolveAggregate(ctx.snap, column))
}

/** The portal and its open channels, each as a whole-site source. */
export function clusterLatestOf(ctx: PageContext, portal: Site): AggregateResolution {
  return memoised(ctx, `p${portal.id}`, () => portalLatestLeaves(ctx.snap, portal))
}

/** The newest items of an aggregate column, and the tags of every source they come from. */
export async function aggregateItems(
  db: Db,
  ctx: PageContext,
  column: Column,
  page: { offset: number; limit: number },
): Promise<{ items: ListedItem[]; tags: string[] }> {
  const r = aggregateOf(ctx, column)
  const items = await aggregateRepository.latest(db, r.leaves, page)
  return { items, tags: [`column:${column.id}`, ...r.tags] }
}

/**
 * One page of an aggregate column's own list with its total (capped at 50 pages), or null for a
 * page beyond the last.
 */
export async function aggregatePage(
  db: Db,
  ctx: PageContext,
  column: Column,
  pageNo: number,
  pageSize: number,
): Promise<{ items: ListedItem[]; total: number; tags: string[] } | null> {
  if (pageNo > AGGREGATE_MAX_PAGES) return null
  const r = aggregateOf(ctx, column)
  const [items, total] = await Promise.all([
    aggregateRepository.latest(db, r.leaves, { offset: (pageNo - 1) * pageSize, limit: pageSize }),
    aggregateRepository.count(db, r.leaves, AGGREGATE_MAX_PAGES * pageSize),
  ])
  if (pageNo > Math.max(1, Math.ceil(total / pageSize))) return null
  return { items, total, tags: [`column:${column.id}`, ...r.tags] }
}

/** The portal home's 最新信息: the latest items across the portal and all its channels. */
export async function clusterLatest(
  db: Db,
  ctx: PageContext,
  portal: Site,
  limit: number,
): Promise<{ items: ListedItem[]; tags: string[] }> {
  const r = clusterLatestOf(ctx, portal)
  const items = await aggregateRepository.latest(db, r.leaves, { offset: 0, limit })
  return { items, tags: r.tags }
}
