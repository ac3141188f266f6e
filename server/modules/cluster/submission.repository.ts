import type { Insertable, Updateable } from 'kysely'
import {
  DEFAULT_SUBMISSION_SCORING,
  type Submission,
  type SubmissionScoring,
  type SubmissionStatus,
} from '../../../common/cluster'
import { chinaDayStartUtc } from '../../../common/time'
import type { Executor } from '../../db/database'
import { bool, containsInsensitive } from '../../db/dialect'
import { pageWithTotal, placeColumns, toPlaces } from './cluster.names'
import type { SubmissionTable } from './cluster.table'

/** The `setting` row holding the assessment's scoring rule (JSON). */
export const SCORING_SETTING = 'submission.scoring'

export interface SubmissionFilter {
  box: 'outbox' | 'inbox'
  /** Sites whose submissions (as source for the outbox, as target for the inbox) may be seen. */
  siteIds: 'all' | number[]
  siteId?: number
  status?: SubmissionStatus
  q?: string
  /** Beijing dates, YYYY-MM-DD, on `submitted_at`. */
  from?: string
  to?: string
}

/** What the statistics count: one row per submission of the period. */
export interface StatSubmission {
  sourceSiteId: number
  status: SubmissionStatus
  adoptedHome: boolean
}

function base(db: Executor) {
  return db
    .selectFrom('submission as s')
    .innerJoin('site as ss', 'ss.id', 's.source_site_id')
    .innerJoin('site as ts', 'ts.id', 's.target_site_id')
    .leftJoin('site_column as c', 'c.id', 's.target_column_id')
    .leftJoin('app_user as su', 'su.id', 's.submitted_by')
    .leftJoin('app_user as du', 'du.id', 's.decided_by')
}

const COLUMNS = [
  's.id',
  ...placeColumns('s', 'ss', 'ts'),
  's.source_article_id',
  's.title',
  's.note',
  's.status',
  's.reason',
  's.rounds',
  's.adopted_article_id',
  's.adopted_home',
  's.submitted_by',
  'su.display_name as submitted_by_name',
  'su.username as submitted_by_username',
  's.submitted_at',
  's.decided_by',
  'du.display_name as decided_by_name',
  'du.username as decided_by_username',
  's.decided_at',
] as const

function selected(db: Executor) {
  return base(db).select(COLUMNS)
}

type SelectedRow = Awaited<ReturnType<ReturnType<typeof selected>['executeTakeFirstOrThrow']>>

function toSubmission(r: SelectedRow): Submission {
  return {
    id: r.id,
    ...toPlaces(r),
    sourceArticleId: r.source_article_id,
    title: r.title,
    note: r.note,
    status: r.status as SubmissionStatus,
    reason: r.reason,
    rounds: r.rounds,
    adoptedArticleId: r.adopted_article_id,
    adoptedHome: bool(r.adopted_home),
    submittedBy: r.submitted_by,
    submittedByName: r.submitted_by_name || r.submitted_by_username || '',
    submittedAt: r.submitted_at,
    decidedBy: r.decided_by,
    decidedByName: r.decided_by_name || r.decided_by_username || '',
    decidedAt: r.decided_at,
  }
}

function parseScoring(json: string | undefined): SubmissionScoring {
  if (!json) return { ...DEFAULT_SUBMISSION_SCORING }
  try {
    const v = JSON.parse(json) as Partial<Record<keyof SubmissionScoring, unknown>>
    const num = (x: unknown, d: number) => (typeof x === 'number' && Number.isFinite(x) ? x : d)
    return {
      perSubmitted: num(v.perSubmitted, DEFAULT_SUBMISSION_SCORING.perSubmitted),
      perAdopted: num(v.perAdopted, DEFAULT_SUBMISSION_SCORING.perAdopted),
      perAdoptedHome: num(v.perAdoptedHome, DEFAULT_SUBMISSION_SCORING.perAdoptedHome),
    }
  } catch {
    return { ...DEFAULT_SUBMISSION_SCORING }
  }
}

/** Every query on `submission` (and the scoring setting). */
export const submissionRepository = {
  async get(db: Executor, id: number): Promise<Submission | undefined> {
    const r = await selected(db).where('s.id', '=', id).executeTakeFirst()
    return r ? toSubmission(r) : undefined
  },

  async insert(db: Executor, values: Insertable<SubmissionTable>): Promise<number> {
    const r = await db
      .insertInto('submission')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow()
    return r.id
  },

  /**
   * Changes a submission only while it has the expected status; false when another decision
   * came first (the caller answers 409).
   */
  async transition(
    db: Executor,
    id: number,
    from: SubmissionStatus,
    values: Updateable<SubmissionTable>,
  ): Promise<boolean> {
    const r = await db
      .updateTable('submission')
      .set(values)
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst()
    return Number(r.numUpdatedRows) > 0
  },

  /** A pending submission of this article to this column, if any (one at a time). */
  async pendingFor(
    db: Executor,
    articleId: number,
    columnId: number,
    exceptId?: number,
  ): Promise<number | undefined> {
    let q = db
      .selectFrom('submission')
      .select('id')
      .where('source_article_id', '=', articleId)
      .where('target_column_id', '=', columnId)
      .where('status', '=', 'pending')
    if (exceptId !== undefined) q = q.where('id', '!=', exceptId)
    const r = await q.executeTakeFirst()
    return r?.id
  },

  async list(
    db: Executor,
    f: SubmissionFilter,
    page: { offset: number; limit: number },
  ): Promise<{ rows: Submission[]; total: number }> {
    const side = f.box === 'outbox' ? 's.source_site_id' : 's.target_site_id'
    let q = base(db)
    if (f.siteIds !== 'all') {
      if (f.siteIds.length === 0) return { rows: [], total: 0 }
      q = q.where(side, 'in', f.siteIds)
    }
    if (f.siteId !== undefined) q = q.where(side, '=', f.siteId)
    if (f.status) q = q.where('s.status', '=', f.status)
    if (f.q) q = q.where(containsInsensitive(db, 's.title', f.q))
    if (f.from) q = q.where('s.submitted_at', '>=', chinaDayStartUtc(f.from))
    if (f.to) q = q.where('s.submitted_at', '<', chinaDayStartUtc(f.to, 1))
    const { rows, total } = await pageWithTotal(
      q,
      (all) => all.select(COLUMNS).orderBy('s.submitted_at', 'desc').orderBy('s.id', 'desc'),
      page,
    )
    return { rows: rows.map(toSubmission), total }
  },

  /** Submissions of a period (`[since, until)` UTC instants), withdrawn ones left out. */
  async forStatistics(
    db: Executor,
    f: { since: string; until: string; targetSiteId?: number },
  ): Promise<StatSubmission[]> {
    let q = db
      .selectFrom('submission')
      .select(['source_site_id', 'status', 'adopted_home'])
      .where('submitted_at', '>=', f.since)
      .where('submitted_at', '<', f.until)
      .where('status', '!=', 'withdrawn')
    if (f.targetSiteId !== undefined) q = q.where('target_site_id', '=', f.targetSiteId)
    const rows = await q.execute()
    return rows.map((r) => ({
      sourceSiteId: r.source_site_id,
      status: r.status as SubmissionStatus,
      adoptedHome: bool(r.adopted_home),
    }))
  },

  async getScoring(db: Executor): Promise<SubmissionScoring> {
    const row = await db
      .selectFrom('setting')
      .select('value')
      .where('key', '=', SCORING_SETTING)
      .executeTakeFirst()
    return parseScoring(row?.value)
  },

  async putScoring(db: Executor, scoring: SubmissionScoring): Promise<void> {
    const value = JSON.stringify(scoring)
    await db
      .insertInto('setting')
      .values({ key: SCORING_SETTING, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute()
  },
}
