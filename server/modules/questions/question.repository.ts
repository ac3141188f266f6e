import type { Updateable } from 'kysely'
import type { QuestionStatus } from '../../../common/questions'
import type { Executor } from '../../db/database'
import { bit, bool, containsInsensitive, nowIso, toCount } from '../../db/dialect'
import type { QuestionTable } from './question.table'

/** One entry as stored (links live in question-links.repository). */
export interface Question {
  id: number
  unitSiteId: number
  unitName: string
  unitCode: string
  question: string
  detail: string
  answer: string
  status: QuestionStatus
  isHot: boolean
  sort: number
  letterId: number | null
  publishedAt: string | null
  createdAt: string
  updatedAt: string
}

/** The editable fields of an entry. */
export interface QuestionValues {
  unitSiteId: number
  question: string
  detail: string
  answer: string
  status: QuestionStatus
  isHot: boolean
  sort: number
}

export interface QuestionFilter {
  /** Units whose entries may be listed: every unit, or these. */
  units: 'all' | number[]
  unitSiteId?: number
  status?: QuestionStatus
  topic?: string
  q?: string
  isHot?: boolean
}

const COLUMNS = [
  'question.id',
  'question.unit_site_id',
  'question.question',
  'question.detail',
  'question.answer',
  'question.status',
  'question.is_hot',
  'question.sort',
  'question.letter_id',
  'question.published_at',
  'question.created_at',
  'question.updated_at',
  'site.name as unit_name',
  'site.code as unit_code',
] as const

type Row = {
  id: number
  unit_site_id: number
  question: string
  detail: string
  answer: string
  status: string
  is_hot: number
  sort: number
  letter_id: number | null
  published_at: string | null
  created_at: string
  updated_at: string
  unit_name: string
  unit_code: string
}

const toQuestion = (r: Row): Question => ({
  id: r.id,
  unitSiteId: r.unit_site_id,
  unitName: r.unit_name,
  unitCode: r.unit_code,
  question: r.question,
  detail: r.detail,
  answer: r.answer,
  status: r.status === 'published' ? 'published' : 'draft',
  isHot: bool(r.is_hot),
  sort: r.sort,
  letterId: r.letter_id,
  publishedAt: r.published_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

function base(db: Executor) {
  return db.selectFrom('question').innerJoin('site', 'site.id', 'question.unit_site_id')
}

function filtered(db: Executor, f: QuestionFilter) {
  let q = base(db)
  if (f.units !== 'all') q = q.where('question.unit_site_id', 'in', f.units)
  if (f.unitSiteId !== undefined) q = q.where('question.unit_site_id', '=', f.unitSiteId)
  if (f.status) q = q.where('question.status', '=', f.status)
  if (f.isHot !== undefined) q = q.where('question.is_hot', '=', bit(f.isHot))
  if (f.topic) {
    const topic = f.topic
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('question_topic')
          .select('question_topic.question_id')
          .whereRef('question_topic.question_id', '=', 'question.id')
          .where('question_topic.topic', '=', topic),
      ),
    )
  }
  if (f.q) {
    const needle = f.q
    q = q.where((eb) =>
      eb.or([
        containsInsensitive(db, 'question.question', needle),
        containsInsensitive(db, 'question.detail', needle),
        containsInsensitive(db, 'question.answer', needle),
      ]),
    )
  }
  return q
}

export const questionRepository = {
  async insert(
    db: Executor,
    v: QuestionValues & { letterId?: number | null; actorId: number | null },
  ): Promise<number> {
    const now = nowIso()
    const r = await db
      .insertInto('question')
      .values({
        unit_site_id: v.unitSiteId,
        question: v.question,
        detail: v.detail,
        answer: v.answer,
        status: v.status,
        is_hot: bit(v.isHot),
        sort: v.sort,
        letter_id: v.letterId ?? null,
        published_at: v.status === 'published' ? now : null,
        created_by: v.actorId,
        updated_by: v.actorId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return r.id
  },

  async update(
    db: Executor,
    id: number,
    v: QuestionValues,
    before: Question,
    actorId: number | null,
  ): Promise<void> {
    const now = nowIso()
    const set: Updateable<QuestionTable> = {
      unit_site_id: v.unitSiteId,
      question: v.question,
      detail: v.detail,
      answer: v.answer,
      status: v.status,
      is_hot: bit(v.isHot),
      sort: v.sort,
      updated_by: actorId,
      updated_at: now,
    }
    // 发布日期 is the first publication; a later correction keeps it.
    if (v.status === 'published' && !before.publishedAt) set.published_at = now
    await db.updateTable('question').set(set).where('id', '=', id).execute()
  },

  async delete(db: Executor, id: number): Promise<number> {
    const r = await db.deleteFrom('question').where('id', '=', id).executeTakeFirst()
    return Number(r.numDeletedRows)
  },

  async get(db: Executor, id: number): Promise<Question | undefined> {
    const r = await base(db).select(COLUMNS).where('question.id', '=', id).executeTakeFirst()
    return r ? toQuestion(r) : undefined
  },

  async getMany(db: Executor, ids: number[]): Promise<Question[]> {
    if (ids.length === 0) return []
    const rows = await base(db).select(COLUMNS).where('question.id', 'in', ids).execute()
    return rows.map(toQuestion)
  },

  async byLetter(db: Executor, letterId: number): Promise<number | undefined> {
    const r = await db
      .selectFrom('question')
      .select('id')
      .where('letter_id', '=', letterId)
      .executeTakeFirst()
    return r?.id
  },

  /** What an entry made from a letter needs of it (the letter module's table, read only). */
  async letterSource(db: Executor, letterId: number) {
    return db
      .selectFrom('letter')
      .select([
        'id',
        'site_id',
        'unit_site_id',
        'state',
        'published',
        'subject',
        'body',
        'reply',
        'public_subject',
        'public_body',
        'public_reply',
        'writer_name',
        'writer_mobile',
        'writer_email',
      ])
      .where('id', '=', letterId)
      .executeTakeFirst()
  },

  /** Whether a site exists (the responsible unit of an entry). */
  async siteExists(db: Executor, siteId: number): Promise<boolean> {
    const r = await db.selectFrom('site').select('id').where('id', '=', siteId).executeTakeFirst()
    return r !== undefined
  },

  /** A page of entries: hot first, then by sort, then the newest. */
  async list(
    db: Executor,
    f: QuestionFilter,
    page: { offset: number; limit: number },
  ): Promise<{ items: Question[]; total: number }> {
    if (f.units !== 'all' && f.units.length === 0) return { items: [], total: 0 }
    const [rows, count] = await Promise.all([
      filtered(db, f)
        .select(COLUMNS)
        .orderBy('question.is_hot', 'desc')
        .orderBy('question.sort', 'desc')
        .orderBy('question.published_at', 'desc')
        .orderBy('question.id', 'desc')
        .offset(page.offset)
        .limit(page.limit)
        .execute(),
      filtered(db, f)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst(),
    ])
    return { items: rows.map(toQuestion), total: toCount(count?.n) }
  },
}
