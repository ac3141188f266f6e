import type { Updateable } from 'kysely'
import type { Push, PushKind, PushState } from '../../../common/cluster'
import type { Executor } from '../../db/database'
import { nowIso } from '../../db/dialect'
import { pageWithTotal, placeColumns, toPlaces, type PlaceRow } from './cluster.names'
import type { PushTable } from './cluster.table'

/** A push row with the names the admin shows. */
function baseQuery(db: Executor) {
  return db
    .selectFrom('push as p')
    .innerJoin('site as s', 's.id', 'p.source_site_id')
    .innerJoin('site as t', 't.id', 'p.target_site_id')
    .leftJoin('site_column as c', 'c.id', 'p.target_column_id')
    .leftJoin('app_user as pu', 'pu.id', 'p.pushed_by')
    .leftJoin('app_user as du', 'du.id', 'p.decided_by')
}

const COLUMNS = [
  'p.id',
  'p.article_id',
  ...placeColumns('p', 's', 't'),
  'p.kind',
  'p.state',
  'p.title',
  'p.reason',
  'p.copy_article_id',
  'p.pushed_by',
  'pu.display_name as pushed_by_name',
  'p.pushed_at',
  'p.decided_by',
  'du.display_name as decided_by_name',
  'p.decided_at',
] as const

interface PushRow extends PlaceRow {
  id: number
  article_id: number | null
  kind: string
  state: string
  title: string
  reason: string
  copy_article_id: number | null
  pushed_by: number | null
  pushed_by_name: string | null
  pushed_at: string
  decided_by: number | null
  decided_by_name: string | null
  decided_at: string | null
}

function toPush(r: PushRow): Push {
  return {
    id: r.id,
    articleId: r.article_id,
    ...toPlaces(r),
    kind: r.kind as PushKind,
    state: r.state as PushState,
    title: r.title,
    reason: r.reason,
    copyArticleId: r.copy_article_id,
    pushedBy: r.pushed_by,
    pushedByName: r.pushed_by_name ?? '',
    pushedAt: r.pushed_at,
    decidedBy: r.decided_by,
    decidedByName: r.decided_by_name ?? '',
    decidedAt: r.decided_at,
  }
}

export interface NewPush {
  articleId: number
  sourceSiteId: number
  targetSiteId: number
  targetColumnId: number
  kind: PushKind
  state: PushState
  title: string
  pushedBy: number | null
  decidedBy?: number | null
  copyArticleId?: number | null
}

export interface PushFilter {
  box: 'outbox' | 'inbox'
  /** Sites the actor works on ('all' for a cluster admin). */
  scope: 'all' | number[]
  siteId?: number
  state?: PushState
  articleId?: number
}

/** Every query on `push` (一稿多发). */
export const pushRepository = {
  async insert(db: Executor, p: NewPush): Promise<number> {
    const now = nowIso()
    const decided = p.state !== 'pending'
    const r = await db
      .insertInto('push')
      .values({
        article_id: p.articleId,
        source_site_id: p.sourceSiteId,
        target_site_id: p.targetSiteId,
        target_column_id: p.targetColumnId,
        kind: p.kind,
        state: p.state,
        title: p.title.slice(0, 500),
        copy_article_id: p.copyArticleId ?? null,
        pushed_by: p.pushedBy,
        pushed_at: now,
        decided_by: decided ? (p.decidedBy ?? null) : null,
        decided_at: decided ? now : null,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return r.id
  },

  async get(db: Executor, id: number): Promise<Push | undefined> {
    const r = await baseQuery(db).select(COLUMNS).where('p.id', '=', id).executeTakeFirst()
    return r ? toPush(r) : undefined
  },

  async update(db: Executor, id: number, values: Updateable<PushTable>): Promise<void> {
    await db
      .updateTable('push')
      .set({ ...values, updated_at: nowIso() })
      .where('id', '=', id)
      .execute()
  },

  /** Moves a push from one state to another; false when it was no longer in `from`. */
  async decide(
    db: Executor,
    id: number,
    from: PushState,
    values: Updateable<PushTable>,
  ): Promise<boolean> {
    const now = nowIso()
    const r = await db
      .updateTable('push')
      .set({ decided_at: now, ...values, updated_at: now })
      .where('id', '=', id)
      .where('state', '=', from)
      .executeTakeFirst()
    return Number(r.numUpdatedRows) === 1
  },

  async hasPending(db: Executor, articleId: number, columnId: number): Promise<boolean> {
    const r = await db
      .selectFrom('push')
      .select('id')
      .where('article_id', '=', articleId)
      .where('target_column_id', '=', columnId)
      .where('state', '=', 'pending')
      .executeTakeFirst()
    return r !== undefined
  },

  async listForArticle(db: Executor, articleId: number): Promise<Push[]> {
    const rows = await baseQuery(db)
      .select(COLUMNS)
      .where('p.article_id', '=', articleId)
      .orderBy('p.id', 'desc')
      .execute()
    return rows.map(toPush)
  },

  /** Pending pushes of an article (withdrawn when the source goes away). */
  async pendingOfArticle(
    db: Executor,
    articleId: number,
  ): Promise<{ id: number; targetSiteId: number }[]> {
    const rows = await db
      .selectFrom('push')
      .select(['id', 'target_site_id'])
      .where('article_id', '=', articleId)
      .where('state', '=', 'pending')
      .execute()
    return rows.map((r) => ({ id: r.id, targetSiteId: r.target_site_id }))
  },

  async list(
    db: Executor,
    f: PushFilter,
    page: { offset: number; limit: number },
  ): Promise<{ rows: Push[]; total: number }> {
    const side = f.box === 'outbox' ? 'p.source_site_id' : 'p.target_site_id'
    let q = baseQuery(db)
    if (f.scope !== 'all') {
      if (f.scope.length === 0) return { rows: [], total: 0 }
      q = q.where(side, 'in', f.scope)
    }
    if (f.siteId !== undefined) q = q.where(side, '=', f.siteId)
    if (f.state) q = q.where('p.state', '=', f.state)
    if (f.articleId !== undefined) q = q.where('p.article_id', '=', f.articleId)
    const { rows, total } = await pageWithTotal(
      q,
      (all) => all.select(COLUMNS).orderBy('p.pushed_at', 'desc').orderBy('p.id', 'desc'),
      page,
    )
    return { rows: rows.map(toPush), total }
  },

  /** Whether the article already stands in the column (any placement kind). */
  async isPlaced(db: Executor, articleId: number, columnId: number): Promise<boolean> {
    const r = await db
      .selectFrom('placement')
      .select('id')
      .where('article_id', '=', articleId)
      .where('column_id', '=', columnId)
      .executeTakeFirst()
    return r !== undefined
  },

  /** The placement an accepted linked push made. */
  async insertPlacement(
    db: Executor,
    p: {
      articleId: number
      columnId: number
      siteId: number
      pushId: number
      status: string
      publishedAt: string | null
    },
  ): Promise<void> {
    await db
      .insertInto('placement')
      .values({
        article_id: p.articleId,
        column_id: p.columnId,
        site_id: p.siteId,
        kind: 'linked',
        pinned: 0,
        sort: 0,
        status: p.status,
        published_at: p.publishedAt,
        push_id: p.pushId,
      })
      .execute()
  },

  async deletePlacement(
    db: Executor,
    pushId: number,
  ): Promise<{ columnId: number; siteId: number }[]> {
    const rows = await db
      .selectFrom('placement')
      .select(['column_id', 'site_id'])
      .where('push_id', '=', pushId)
      .execute()
    await db.deleteFrom('placement').where('push_id', '=', pushId).execute()
    return rows.map((r) => ({ columnId: r.column_id, siteId: r.site_id }))
  },

  /** Live (published or scheduled) articles copied or adopted from this one. */
  async liveCopiesOf(db: Executor, articleId: number): Promise<number[]> {
    const rows = await db
      .selectFrom('article')
      .select('id')
      .where('origin_article_id', '=', articleId)
      .where('status', 'in', ['published', 'scheduled'])
      .execute()
    return rows.map((r) => r.id)
  },

  /** Pending submissions of a deleted article are withdrawn (信息报送 follows its source). */
  async withdrawPendingSubmissions(
    db: Executor,
    articleId: number,
    reason: string,
  ): Promise<{ id: number; targetSiteId: number }[]> {
    const rows = await db
      .selectFrom('submission')
      .select(['id', 'target_site_id'])
      .where('source_article_id', '=', articleId)
      .where('status', '=', 'pending')
      .execute()
    if (rows.length === 0) return []
    const now = nowIso()
    await db
      .updateTable('submission')
      .set({ status: 'withdrawn', reason, decided_at: now, updated_at: now })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute()
    return rows.map((r) => ({ id: r.id, targetSiteId: r.target_site_id }))
  },
}
