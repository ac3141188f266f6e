import type { Executor } from '../../db/database'
import { nowIso } from '../../db/dialect'
import type { Actor } from '../users/actor'
import { parseSnapshot, type RevisionSnapshot } from './article.content'

export const REVISION_ACTIONS = ['import', 'create', 'save', 'working', 'apply', 'restore'] as const
export type RevisionAction = (typeof REVISION_ACTIONS)[number]

export interface Revision {
  id: number
  articleId: number
  no: number
  action: RevisionAction
  snapshot: RevisionSnapshot
  createdBy: number | null
  createdByName: string
  createdAt: string
}

export const revisionRepository = {
  /** Appends a revision; numbers run 1, 2, 3 … per article. */
  async insert(
    db: Executor,
    articleId: number,
    action: RevisionAction,
    snapshot: RevisionSnapshot,
    actor: Actor,
  ): Promise<number> {
    const last = await db
      .selectFrom('article_revision')
      .select((eb) => eb.fn.max('no').as('no'))
      .where('article_id', '=', articleId)
      .executeTakeFirst()
    const r = await db
      .insertInto('article_revision')
      .values({
        article_id: articleId,
        no: Number(last?.no ?? 0) + 1,
        action,
        snapshot: JSON.stringify(snapshot),
        created_by: actor.id,
        created_by_name: actor.displayName || actor.username,
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return r.id
  },

  async count(db: Executor, articleId: number): Promise<number> {
    const r = await db
      .selectFrom('article_revision')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('article_id', '=', articleId)
      .executeTakeFirstOrThrow()
    return Number(r.n)
  },

  async list(db: Executor, articleId: number): Promise<Revision[]> {
    const rows = await db
      .selectFrom('article_revision')
      .selectAll()
      .where('article_id', '=', articleId)
      .orderBy('no', 'desc')
      .execute()
    return rows.map(toRevision)
  },

  async get(db: Executor, id: number): Promise<Revision | undefined> {
    const row = await db
      .selectFrom('article_revision')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    return row ? toRevision(row) : undefined
  },

  async latestId(db: Executor, articleId: number): Promise<number | null> {
    const row = await db
      .selectFrom('article_revision')
      .select('id')
      .where('article_id', '=', articleId)
      .orderBy('no', 'desc')
      .limit(1)
      .executeTakeFirst()
    return row?.id ?? null
  },
}

function toRevision(r: {
  id: number
  article_id: number
  no: number
  action: string
  snapshot: string
  created_by: number | null
  created_by_name: string
  created_at: string
}): Revision {
  return {
    id: r.id,
    articleId: r.article_id,
    no: r.no,
    action: r.action as RevisionAction,
    snapshot: parseSnapshot(r.snapshot),
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
  }
}
