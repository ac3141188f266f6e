import type { Selectable } from 'kysely'
import type { LetterState } from '../../../common/letters'
import type { Executor } from '../../db/database'
import { bool, dialectOf } from '../../db/dialect'
import type { LetterTable } from './letter.table'
import type { LetterFacts } from './letter.rules'

export type LetterRow = Selectable<LetterTable>

export const letterRepository = {
  /** The letter row; on PostgreSQL locked for the transaction (one transition at a time). */
  async load(db: Executor, id: number, lock = false): Promise<LetterRow | undefined> {
    let q = db.selectFrom('letter').selectAll().where('id', '=', id)
    if (lock && dialectOf(db) === 'postgres') q = q.forUpdate()
    return q.executeTakeFirst()
  },

  async byQueryCode(db: Executor, code: string): Promise<LetterRow | undefined> {
    return db.selectFrom('letter').selectAll().where('query_code', '=', code).executeTakeFirst()
  },

  async event(
    db: Executor,
    e: {
      letterId: number
      at: string
      actor: { id: number | null; displayName: string }
      action: string
      from?: string
      to?: string
      note?: string
      internal?: boolean
      data?: unknown
    },
  ): Promise<void> {
    await db
      .insertInto('letter_event')
      .values({
        letter_id: e.letterId,
        at: e.at,
        actor_id: e.actor.id,
        actor_name: e.actor.displayName,
        action: e.action,
        from_state: e.from ?? '',
        to_state: e.to ?? '',
        note: e.note ?? '',
        internal: e.internal === false ? 0 : 1,
        data: JSON.stringify(e.data ?? {}),
      })
      .execute()
  },
}

export function factsOf(l: LetterRow): LetterFacts {
  return {
    siteId: l.site_id,
    unitSiteId: l.unit_site_id,
    state: l.state as LetterState,
    extended: l.extended,
    replyBy: l.reply_by,
    wantsPublic: bool(l.wants_public),
    published: bool(l.published),
  }
}
