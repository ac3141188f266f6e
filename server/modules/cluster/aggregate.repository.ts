import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely'
import type { Executor } from '../../db/database'
import type { DB } from '../../db/schema'
import { bool, containsInsensitive, toCount } from '../../db/dialect'
import type { ListedItem } from '../articles/placement.repository'
import { lowerBound, type AggregateLeaf } from './aggregate'

// The listing of aggregate columns and of the portal's cluster-wide latest list. Each source is
// one short index range scan (`placement_column_latest_idx` for a column,
// `placement_site_list_idx` for a whole site) limited to what the page needs; the sources are
// glued with UNION ALL (each wrapped as `select * from (…)`, which both SQLite and PostgreSQL
// accept with ORDER BY/LIMIT inside) and merged newest first here.

/** SQLite allows 500 terms in one compound select; stay well below. */
const CHUNK = 100

/**
 * One source's newest placements. Only placement columns are read (the article is joined only
 * to match tags): article rows are large, and only the few items that make the page are loaded.
 */
function leafQuery(db: Executor, leaf: AggregateLeaf, limit: number, now: number) {
  return leafPlacements(
    db,
    db
      .selectFrom('placement as p')
      .select(['p.article_id', 'p.column_id', 'p.published_at', 'p.pinned', 'p.id as pid']),
    leaf,
    now,
  )
    .orderBy('p.published_at', 'desc')
    .limit(limit)
}

/**
 * Narrows a query on `placement as p` to the leaf's published placements: its column (or its
 * site without the excluded columns), within the leaf's period and tags.
 */
function leafPlacements<O>(
  db: Executor,
  from: SelectQueryBuilder<DB & { p: DB['placement'] }, 'p', O>,
  leaf: AggregateLeaf,
  now: number,
) {
  let q =
    leaf.kind === 'column'
      ? from.where('p.column_id', '=', leaf.columnId)
      : from.where('p.site_id', '=', leaf.siteId)
  q = q.where('p.status', '=', 'published')
  if (leaf.kind === 'site' && leaf.exclude.length > 0) {
    q = q.where('p.column_id', 'not in', leaf.exclude)
  }
  const bound = lowerBound(leaf.filters, now)
  if (bound) q = q.where('p.published_at', '>=', bound)
  for (const set of leaf.filters.tagSets) q = q.where((eb) => hasTag(db, eb, set))
  return q
}

type PlacementEb = ExpressionBuilder<DB & { p: DB['placement'] }, 'p'>

/** The item's 关键词 contain one of the tags (each tag set of the leaf must match). */
function hasTag(db: Executor, eb: PlacementEb, set: string[]) {
  return eb.exists(
    eb
      .selectFrom('article as a')
      .select('a.id')
      .whereRef('a.id', '=', 'p.article_id')
      .where((e2) => e2.or(set.map((tag) => containsInsensitive(db, 'a.keywords', tag)))),
  )
}

function countQuery(db: Executor, leaf: AggregateLeaf, cap: number, now: number) {
  return leafPlacements(db, db.selectFrom('placement as p').select('p.id'), leaf, now).limit(cap)
}

/** From this many whole-site sources on, one backward scan of the cluster's newest beats a scan per site. */
const WIDE_SITES = 16

type SiteLeaf = Extract<AggregateLeaf, { kind: 'site' }>

/**
 * Whole-site sources without tag filters, when there are many of them with the same filters (the
 * portal's 最新信息 over every channel, a rule by site kind), are read together; the rest one by one.
 */
function splitWideSites(leaves: AggregateLeaf[]): { scanned: SiteLeaf[][]; each: AggregateLeaf[] } {
  const groups = new Map<string, SiteLeaf[]>()
  for (const l of leaves) {
    if (l.kind !== 'site' || l.filters.tagSets.length > 0) continue
    const key = JSON.stringify(l.filters)
    groups.set(key, [...(groups.get(key) ?? []), l])
  }
  const scanned = [...groups.values()].filter((g) => g.length >= WIDE_SITES)
  const taken = new Set(scanned.flat())
  return { scanned, each: leaves.filter((l) => !taken.has(l as SiteLeaf)) }
}

/**
 * The newest placements of many whole sites in one query: a backward scan of
 * `placement_status_latest_idx (status, published_at)` that stops after `limit` matching rows.
 */
function wideSitesQuery(db: Executor, group: SiteLeaf[], limit: number, now: number) {
  const [first] = group
  let q = db
    .selectFrom('placement as p')
    .select(['p.article_id', 'p.column_id', 'p.published_at', 'p.pinned', 'p.id as pid'])
    .where('p.status', '=', 'published')
    .where(
      'p.site_id',
      'in',
      group.map((l) => l.siteId),
    )
  const exclude = group.flatMap((l) => l.exclude)
  if (exclude.length > 0) q = q.where('p.column_id', 'not in', exclude)
  const bound = first ? lowerBound(first.filters, now) : null
  if (bound) q = q.where('p.published_at', '>=', bound)
  return q.orderBy('p.published_at', 'desc').limit(limit)
}

function chunks<T>(list: T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK))
  return out
}

export const aggregateRepository = {
  /**
   * The newest `limit` published items over all leaves, newest first, each article once (an
   * article standing in several sources is listed at the first, i.e. newest, of them).
   */
  async latest(
    db: Executor,
    leaves: AggregateLeaf[],
    page: { offset: number; limit: number },
    now = Date.now(),
  ): Promise<ListedItem[]> {
    const need = page.offset + page.limit
    if (leaves.length === 0 || page.limit <= 0) return []
    const { scanned, each } = splitWideSites(leaves)
    const rows = (
      await Promise.all([
        ...scanned.map((group) => wideSitesQuery(db, group, need, now).execute()),
        ...chunks(each).map((part) => {
          const [first, ...rest] = part.map((l, i) =>
            db.selectFrom(leafQuery(db, l, need, now).as(`s${i}`)).selectAll(),
          )
          if (!first) return Promise.resolve([])
          return rest.reduce((u, q) => u.unionAll(q), first).execute()
        }),
      ])
    ).flat()
    rows.sort((a, b) =>
      a.published_at === b.published_at
        ? b.pid - a.pid
        : (b.published_at ?? '') > (a.published_at ?? '')
          ? 1
          : -1,
    )
    const seen = new Set<number>()
    const picked: typeof rows = []
    for (const r of rows) {
      if (seen.has(r.article_id)) continue
      seen.add(r.article_id)
      picked.push(r)
      if (picked.length >= need) break
    }
    const shown = picked.slice(page.offset)
    if (shown.length === 0) return []
    const articles = await db
      .selectFrom('article as a')
      .select([
        'a.id',
        'a.site_id',
        'a.title',
        'a.summary',
        'a.source',
        'a.link_url',
        'a.cover_file_id',
        'a.cover_alt',
      ])
      .where(
        'a.id',
        'in',
        shown.map((r) => r.article_id),
      )
      .execute()
    const byId = new Map(articles.map((a) => [a.id, a]))
    return shown.flatMap((r) => {
      const a = byId.get(r.article_id)
      if (!a) return []
      return [
        {
          id: a.id,
          siteId: a.site_id,
          columnId: r.column_id,
          title: a.title,
          summary: a.summary,
          source: a.source,
          linkUrl: a.link_url,
          publishedAt: r.published_at ?? '',
          pinned: bool(r.pinned),
          coverFileId: a.cover_file_id,
          coverAlt: a.cover_alt,
        },
      ]
    })
  },

  /**
   * Published items over all leaves, each leaf counted up to `cap` (the deepest page shown), the
   * sum capped too. An article standing in two sources counts twice: exact de-duplication would
   * read every id of every source, and the paging of aggregate lists stops at `cap` anyway.
   */
  async count(db: Executor, leaves: AggregateLeaf[], cap: number, now = Date.now()) {
    if (leaves.length === 0) return 0
    const rows = (
      await Promise.all(
        chunks(leaves).map((part) => {
          const [first, ...rest] = part.map((l, i) =>
            db
              .selectFrom(countQuery(db, l, cap, now).as(`c${i}`))
              .select((eb) => eb.fn.countAll().as('n')),
          )
          if (!first) return Promise.resolve([])
          return rest.reduce((u, q) => u.unionAll(q), first).execute()
        }),
      )
    ).flat()
    return Math.min(
      cap,
      rows.reduce((n, r) => n + toCount(r.n), 0),
    )
  },
}
