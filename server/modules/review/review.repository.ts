import type { ReviewDecision, ReviewState } from '../../../common/enums'
import type { Executor } from '../../db/database'
import { bool, nowIso } from '../../db/dialect'
import { parseLevels, type WorkflowLevel } from './workflow'

export interface Review {
  id: number
  articleId: number
  siteId: number
  revisionId: number | null
  levels: WorkflowLevel[]
  level: number
  state: ReviewState
  emergency: boolean
  submittedBy: number | null
  submittedAt: string
  finishedAt: string | null
  reason: string
}

export interface ReviewStep {
  reviewId: number
  level: number
  decision: ReviewDecision
  actorId: number | null
  actorName: string
  comment: string
  at: string
}

type ReviewRow = {
  id: number
  article_id: number
  site_id: number
  revision_id: number | null
  levels: string
  level: number
  state: string
  emergency: number
  submitted_by: number | null
  submitted_at: string
  finished_at: string | null
  reason: string
}

function toReview(r: ReviewRow): Review {
  return {
    id: r.id,
    articleId: r.article_id,
    siteId: r.site_id,
    revisionId: r.revision_id,
    levels: parseLevels(r.levels),
    level: r.level,
    state: r.state as ReviewState,
    emergency: bool(r.emergency),
    submittedBy: r.submitted_by,
    submittedAt: r.submitted_at,
    finishedAt: r.finished_at,
    reason: r.reason,
  }
}

export const reviewRepository = {
  async insert(
    db: Executor,
    r: {
      articleId: number
      siteId: number
      revisionId: number | null
      levels: WorkflowLevel[]
      emergency: boolean
      submittedBy: number | null
    },
  ): Promise<number> {
    const row = await db
      .insertInto('review')
      .values({
        article_id: r.articleId,
        site_id: r.siteId,
        revision_id: r.revisionId,
        levels: JSON.stringify(r.levels),
        level: 1,
        state: 'pending',
        emergency: r.emergency ? 1 : 0,
        submitted_by: r.submittedBy,
        submitted_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  },

  async get(db: Executor, id: number): Promise<Review | undefined> {
    const row = await db.selectFrom('review').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toReview(row) : undefined
  },

  /** Locks the review row on PostgreSQL so two reviewers cannot decide the same level at once. */
  async getForUpdate(db: Executor, id: number, postgres: boolean): Promise<Review | undefined> {
    let q = db.selectFrom('review').selectAll().where('id', '=', id)
    if (postgres) q = q.forUpdate()
    const row = await q.executeTakeFirst()
    return row ? toReview(row) : undefined
  },

  async advance(db: Executor, id: number, fromLevel: number): Promise<boolean> {
    const r = await db
      .updateTable('review')
      .set({ level: fromLevel + 1 })
      .where('id', '=', id)
      .where('level', '=', fromLevel)
      .where('state', '=', 'pending')
      .executeTakeFirst()
    return Number(r.numUpdatedRows) === 1
  },

  /** Closes a pending review; false when it was no longer pending at that level. */
  async finish(
    db: Executor,
    id: number,
    fromLevel: number,
    state: Exclude<ReviewState, 'pending'>,
    reason = '',
  ): Promise<boolean> {
    const r = await db
      .updateTable('review')
      .set({ state, reason, finished_at: nowIso() })
      .where('id', '=', id)
      .where('level', '=', fromLevel)
      .where('state', '=', 'pending')
      .executeTakeFirst()
    return Number(r.numUpdatedRows) === 1
  },

  async addStep(db: Executor, step: ReviewStep): Promise<void> {
    await db
      .insertInto('review_step')
      .values({
        review_id: step.reviewId,
        level: step.level,
        decision: step.decision,
        actor_id: step.actorId,
        actor_name: step.actorName,
        comment: step.comment,
        at: step.at,
      })
      .execute()
  },

  async stepsOf(db: Executor, reviewIds: number[]): Promise<ReviewStep[]> {
    if (reviewIds.length === 0) return []
    const rows = await db
      .selectFrom('review_step')
      .selectAll()
      .where('review_id', 'in', reviewIds)
      .orderBy('id')
      .execute()
    return rows.map((r) => ({
      reviewId: r.review_id,
      level: r.level,
      decision: r.decision as ReviewDecision,
      actorId: r.actor_id,
      actorName: r.actor_name,
      comment: r.comment,
      at: r.at,
    }))
  },

  async listForArticle(db: Executor, articleId: number): Promise<Review[]> {
    const rows = await db
      .selectFrom('review')
      .selectAll()
      .where('article_id', '=', articleId)
      .orderBy('id', 'desc')
      .execute()
    return rows.map(toReview)
  },

  /** Pending reviews in these sites, with what the inbox shows of their articles. */
  async pendingIn(db: Executor, siteIds: number[] | 'all', siteId?: number) {
    let q = db
      .selectFrom('review as r')
      .innerJoin('article as a', 'a.id', 'r.article_id')
      .innerJoin('site as s', 's.id', 'r.site_id')
      .leftJoin('app_user as u', 'u.id', 'r.submitted_by')
      .select([
        'r.id',
        'r.article_id',
        'r.site_id',
        'r.revision_id',
        'r.levels',
        'r.level',
        'r.state',
        'r.emergency',
        'r.submitted_by',
        'r.submitted_at',
        'r.finished_at',
        'r.reason',
        'a.title',
        'a.status as article_status',
        'a.working_revision_id',
        's.name as site_name',
        'u.display_name as submitter_name',
        (eb) =>
          eb
            .selectFrom('placement as p')
            .innerJoin('site_column as c', 'c.id', 'p.column_id')
            .select('c.name')
            .whereRef('p.article_id', '=', 'a.id')
            .where('p.kind', '=', 'primary')
            .limit(1)
            .as('column_name'),
      ])
      .where('r.state', '=', 'pending')
    if (siteIds !== 'all') {
      if (siteIds.length === 0) return []
      q = q.where('r.site_id', 'in', siteIds)
    }
    if (siteId) q = q.where('r.site_id', '=', siteId)
    const rows = await q.orderBy('r.emergency', 'desc').orderBy('r.submitted_at').execute()
    return rows.map((r) => ({
      review: toReview(r),
      title: r.title,
      articleStatus: r.article_status,
      hasWorkingCopy: r.working_revision_id !== null,
      siteName: r.site_name,
      submitterName: r.submitter_name ?? '',
      columnName: r.column_name ?? '',
    }))
  },
}
