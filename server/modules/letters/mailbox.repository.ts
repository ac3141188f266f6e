import type { Executor } from '../../db/database'
import { bool, nowIso } from '../../db/dialect'

export interface Mailbox {
  id: number
  siteId: number
  code: string
  name: string
  description: string
  sort: number
  enabled: boolean
}

type Row = {
  id: number
  site_id: number
  code: string
  name: string
  description: string
  sort: number
  enabled: number
}
const toMailbox = (r: Row): Mailbox => ({
  id: r.id,
  siteId: r.site_id,
  code: r.code,
  name: r.name,
  description: r.description,
  sort: r.sort,
  enabled: bool(r.enabled),
})

export const mailboxRepository = {
  async insert(
    db: Executor,
    m: { siteId: number; code: string; name: string; description?: string; sort?: number },
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
}
