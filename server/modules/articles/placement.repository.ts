import type { PlacementKind } from '../../../common/enums'
import type { Executor } from '../../db/database'
import { bool, toCount } from '../../db/dialect'

export interface Placement {
  id: number
  articleId: number
  columnId: number
  siteId: number
  kind: PlacementKind
  pinned: boolean
  /** Set on a placement made by an accepted push (一稿多发); the editor's column list keeps it. */
  pushId: number | null
}

/** The columns a list item needs, from `placement as p` joined to `article as a`. */
const LISTED_COLUMNS = [
  'a.id',
  'a.site_id',
  'p.column_id',
  'a.title',
  'a.summary',
  'a.source',
  'a.link_url',
  'p.published_at',
  'p.pinned',
  'a.cover_file_id',
  'a.cover_alt',
] as const

/** A published item as a list shows it. */
export interface ListedItem {
  id: number
  siteId: number
  columnId: number
  title: string
  summary: string
  source: string
  linkUrl: string
  publishedAt: string
  pinned: boolean
  coverFileId: number | null
  coverAlt: string
}

export interface NewPlacement {
  columnId: number
  siteId: number
  kind: PlacementKind
  pinned?: boolean
}

/** Every query on `placement`: lists are read from placements, so one article can stand in many columns. */
export const placementRepository = {
  async listForArticle(db: Executor, articleId: number): Promise<Placement[]> {
    const rows = await db
      .selectFrom('placement')
      .select(['id', 'article_id', 'column_id', 'site_id', 'kind', 'pinned', 'push_id'])
      .where('article_id', '=', articleId)
      .orderBy('id')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      articleId: r.article_id,
      columnId: r.column_id,
      siteId: r.site_id,
      kind: r.kind as PlacementKind,
      pinned: bool(r.pinned),
      pushId: r.push_id,
    }))
  },

  async replaceForArticle(
    db: Executor,
    articleId: number,
    placements: NewPlacement[],
    status: string,
    publishedAt: string | null,
  ): Promise<void> {
    // Placements made by accepted pushes belong to the receiving sites: an edit keeps them.
    await db
      .deleteFrom('placement')
      .where('article_id', '=', articleId)
      .where('push_id', 'is', null)
      .execute()
    await db
      .updateTable('placement')
      .set({ status, published_at: publishedAt })
      .where('article_id', '=', articleId)
      .execute()
    if (placements.length === 0) return
    await db
      .insertInto('placement')
      .values(
        placements.map((p, i) => ({
          article_id: articleId,
          column_id: p.columnId,
          site_id: p.siteId,
          kind: p.kind,
          pinned: p.pinned ? 1 : 0,
          sort: i,
          status,
          published_at: publishedAt,
        })),
      )
      .execute()
  },

  async syncStatus(
    db: Executor,
    articleId: number,
    status: string,
    publishedAt: string | null,
  ): Promise<void> {
    await db
      .updateTable('placement')
      .set({ status, published_at: publishedAt })
      .where('article_id', '=', articleId)
      .execute()
  },

  async countInColumn(db: Executor, columnId: number): Promise<number> {
    const r = await db
      .selectFrom('placement')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('column_id', '=', columnId)
      .executeTakeFirstOrThrow()
    return toCount(r.n)
  },

  /** Moves a column's placements to another column, dropping ones the target already has. */
  async moveColumn(
    db: Executor,
    fromColumn: number,
    toColumn: number,
    toSite: number,
  ): Promise<void> {
    // A primary placement about to be dropped hands its role to the article's one in the target.
    await db
      .updateTable('placement')
      .set({ kind: 'primary' })
      .where('column_id', '=', toColumn)
      .where('article_id', 'in', (eb) =>
        eb
          .selectFrom('placement')
          .select('article_id')
          .where('column_id', '=', fromColumn)
          .where('kind', '=', 'primary'),
      )
      .execute()
    await db
      .deleteFrom('placement')
      .where('column_id', '=', fromColumn)
      .where('article_id', 'in', (eb) =>
        eb.selectFrom('placement').select('article_id').where('column_id', '=', toColumn),
      )
      .execute()
    await db
      .updateTable('placement')
      .set({ column_id: toColumn, site_id: toSite })
      .where('column_id', '=', fromColumn)
      .execute()
  },

  async countPublishedInColumns(db: Executor, columnIds: number[]): Promise<number> {
    if (columnIds.length === 0) return 0
    const r = await db
      .selectFrom('placement')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('column_id', 'in', columnIds)
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow()
    return toCount(r.n)
  },

  /** Published items of one column (or a column and its sub-columns), pinned first, newest first. */
  async listPublishedInColumns(
    db: Executor,
    columnIds: number[],
    page: { offset: number; limit: number },
  ): Promise<ListedItem[]> {
    if (columnIds.length === 0) return []
    let q = db
      .selectFrom('placement as p')
      .innerJoin('article as a', 'a.id', 'p.article_id')
      .select(LISTED_COLUMNS)
    q =
      columnIds.length === 1
        ? q.where('p.column_id', '=', columnIds[0] as number)
        : q.where('p.column_id', 'in', columnIds)
    const rows = await q
      .where('p.status', '=', 'published')
      .orderBy('p.pinned', 'desc')
      .orderBy('p.published_at', 'desc')
      .orderBy('p.id', 'desc')
      .offset(page.offset)
      .limit(page.limit)
      .execute()
    return rows.map(toListed)
  },

  listPublishedInColumn(
    db: Executor,
    columnId: number,
    page: { offset: number; limit: number },
  ): Promise<ListedItem[]> {
    return this.listPublishedInColumns(db, [columnId], page)
  },

  /** Latest published articles whose primary column is in the site (sitemap.xml). */
  async latestPrimaryInSite(
    db: Executor,
    siteId: number,
    limit: number,
  ): Promise<{ id: number; columnId: number; updatedAt: string }[]> {
    const rows = await db
      .selectFrom('placement as p')
      .innerJoin('article as a', 'a.id', 'p.article_id')
      .select(['a.id', 'p.column_id', 'a.updated_at'])
      .where('p.site_id', '=', siteId)
      .where('p.status', '=', 'published')
      .where('p.kind', '=', 'primary')
      .orderBy('p.published_at', 'desc')
      .limit(limit)
      .execute()
    return rows.map((r) => ({ id: r.id, columnId: r.column_id, updatedAt: r.updated_at }))
  },

  /** Latest published items placed anywhere in a site, each article once. */
  async latestInSite(db: Executor, siteId: number, limit: number): Promise<ListedItem[]> {
    const rows = await db
      .selectFrom('placement as p')
      .innerJoin('article as a', 'a.id', 'p.article_id')
      .select(LISTED_COLUMNS)
      .where('p.site_id', '=', siteId)
      .where('p.status', '=', 'published')
      .orderBy('p.published_at', 'desc')
      .orderBy('p.id', 'desc')
      .limit(limit * 3)
      .execute()
    const seen = new Set<number>()
    const out: ListedItem[] = []
    for (const r of rows) {
      if (seen.has(r.id)) continue
      seen.add(r.id)
      out.push(toListed(r))
      if (out.length >= limit) break
    }
    return out
  },

  /** Latest published items with a cover in one column (picture news). */
  async withCoverInColumn(db: Executor, columnId: number, limit: number): Promise<ListedItem[]> {
    const rows = await db
      .selectFrom('placement as p')
      .innerJoin('article as a', 'a.id', 'p.article_id')
      .select(LISTED_COLUMNS)
      .where('p.column_id', '=', columnId)
      .where('p.status', '=', 'published')
      .where('a.cover_file_id', 'is not', null)
      .orderBy('p.published_at', 'desc')
      .limit(limit)
      .execute()
    return rows.map(toListed)
  },
}

function toListed(r: {
  id: number
  site_id: number
  column_id: number
  title: string
  summary: string
  source: string
  link_url: string
  published_at: string | null
  pinned: number
  cover_file_id: number | null
  cover_alt: string
}): ListedItem {
  return {
    id: r.id,
    siteId: r.site_id,
    columnId: r.column_id,
    title: r.title,
    summary: r.summary,
    source: r.source,
    linkUrl: r.link_url,
    publishedAt: r.published_at ?? '',
    pinned: bool(r.pinned),
    coverFileId: r.cover_file_id,
    coverAlt: r.cover_alt,
  }
}
