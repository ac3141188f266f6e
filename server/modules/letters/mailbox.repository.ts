import type { Updateable } from 'kysely'
import { LETTER_OPEN_STATES } from '../../../common/letters'
import type { Executor } from '../../db/database'
import { bit, bool, nowIso, toCount } from '../../db/dialect'
import type { MailboxTable } from './letter.table'

export interface Mailbox {
  id: number
  siteId: number
  code: string
  name: string
  description: string
  sort: number
  enabled: boolean
  /** JSON of the limits this mailbox overrides (see `effectiveLimits`). */
  limits: string
}

/** The editable fields of a mailbox (the limits as the overrides to store). */
export interface MailboxValues {
  code: string
  name: string
  description: string
  sort: number
  enabled: boolean
  limits: Partial<Record<string, number>>
}

type Row = {
  id: number
  site_id: number
  code: string
  name: string
  description: string
  sort: number
  enabled: number
  limits: string
}
const toMailbox = (r: Row): Mailbox => ({
  id: r.id,
  siteId: r.site_id,
  code: r.code,
  name: r.name,
  description: r.description,
  sort: r.sort,
  enabled: bool(r.enabled),
  limits: r.limits,
})

export const mailboxRepository = {
  async insert(
    db: Executor,
    m: {
      siteId: number
      code: string
      name: string
      description?: string
      sort?: number
      enabled?: boolean
      limits?: Partial<Record<string, number>>
    },
  ): Promise<number> {
    const now = nowIso()
    const r = await db
      .insertInto('mailbox')
      .values({
        site_id: m.siteId,
        code: m.code,
        name: m.name,
        description: m.description ?? '',
        sort: m.sort ?? 0,
        enabled: bit(m.enabled ?? true),
        limits: JSON.stringify(m.limits ?? {}),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return r.id
  },

  async getByCode(db: Executor, code: string): Promise<Mailbox | undefined> {
    const r = await db.selectFrom('mailbox').selectAll().where('code', '=', code).executeTakeFirst()
    return r ? toMailbox(r) : undefined
  },

  async get(db: Executor, id: number): Promise<Mailbox | undefined> {
    const r = await db.selectFrom('mailbox').selectAll().where('id', '=', id).executeTakeFirst()
    return r ? toMailbox(r) : undefined
  },

  async list(db: Executor, siteIds?: number[]): Promise<Mailbox[]> {
    let q = db.selectFrom('mailbox').selectAll()
    if (siteIds) {
      if (siteIds.length === 0) return []
      q = q.where('site_id', 'in', siteIds)
    }
    const rows = await q.orderBy('site_id').orderBy('sort').orderBy('id').execute()
    return rows.map(toMailbox)
  },

  async update(db: Executor, id: number, m: Partial<MailboxValues>): Promise<void> {
    const set: Updateable<MailboxTable> = { updated_at: nowIso() }
    if (m.code !== undefined) set.code = m.code
    if (m.name !== undefined) set.name = m.name
    if (m.description !== undefined) set.description = m.description
    if (m.sort !== undefined) set.sort = m.sort
    if (m.enabled !== undefined) set.enabled = bit(m.enabled)
    if (m.limits !== undefined) set.limits = JSON.stringify(m.limits)
    await db.updateTable('mailbox').set(set).where('id', '=', id).execute()
  },

  async delete(db: Executor, id: number): Promise<number> {
    const r = await db.deleteFrom('mailbox').where('id', '=', id).executeTakeFirst()
    return Number(r.numDeletedRows)
  },

  /** Whether another mailbox (anywhere in the cluster) already uses the code. */
  async isCodeTaken(db: Executor, code: string, exceptId?: number): Promise<boolean> {
    let q = db.selectFrom('mailbox').select('id').where('code', '=', code)
    if (exceptId !== undefined) q = q.where('id', '!=', exceptId)
    return (await q.executeTakeFirst()) !== undefined
  },

  /** Letters per mailbox: all of them, and those still awaiting their answer. */
  async letterCounts(
    db: Executor,
    mailboxIds: number[],
  ): Promise<Map<number, { letters: number; open: number }>> {
    const out = new Map<number, { letters: number; open: number }>()
    if (mailboxIds.length === 0) return out
    const rows = await db
      .selectFrom('letter')
      .select(['mailbox_id', 'state'])
      .select((eb) => eb.fn.countAll().as('n'))
      .where('mailbox_id', 'in', mailboxIds)
      .groupBy(['mailbox_id', 'state'])
      .execute()
    for (const r of rows) {
      const c = out.get(r.mailbox_id) ?? { letters: 0, open: 0 }
      const n = toCount(r.n)
      c.letters += n
      if ((LETTER_OPEN_STATES as readonly string[]).includes(r.state)) c.open += n
      out.set(r.mailbox_id, c)
    }
    return out
  },

  async hasLetters(db: Executor, mailboxId: number): Promise<boolean> {
    const r = await db
      .selectFrom('letter')
      .select('id')
      .where('mailbox_id', '=', mailboxId)
      .limit(1)
      .executeTakeFirst()
    return r !== undefined
  },
}
