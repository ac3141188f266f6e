import type { Executor } from '../../db/database'
import { nowIso } from '../../db/dialect'
import type { CalendarDayKind } from './working-days'

/** A stored override. */
export interface StoredOverride {
  day: string
  kind: CalendarDayKind
  name: string
  updatedBy: number | null
  updatedAt: string
}

export interface OverrideInput {
  day: string
  kind: CalendarDayKind
  name: string
}

type Row = {
  day: string
  kind: string
  name: string
  updated_by: number | null
  updated_at: string
}

const toOverride = (r: Row): StoredOverride => ({
  day: r.day,
  // Written only through this repository, from validated input.
  kind: r.kind === 'workday' ? 'workday' : 'holiday',
  name: r.name,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
})

export const calendarRepository = {
  /** Every override (a few dozen a year): what the snapshot is built from. */
  async all(db: Executor): Promise<StoredOverride[]> {
    const rows = await db.selectFrom('calendar_day').selectAll().orderBy('day').execute()
    return rows.map(toOverride)
  },

  async listYear(db: Executor, year: number): Promise<StoredOverride[]> {
    const rows = await db
      .selectFrom('calendar_day')
      .selectAll()
      .where('day', '>=', `${year}-01-01`)
      .where('day', '<=', `${year}-12-31`)
      .orderBy('day')
      .execute()
    return rows.map(toOverride)
  },

  async get(db: Executor, day: string): Promise<StoredOverride | null> {
    const row = await db
      .selectFrom('calendar_day')
      .selectAll()
      .where('day', '=', day)
      .executeTakeFirst()
    return row ? toOverride(row) : null
  },

  async upsert(db: Executor, input: OverrideInput, userId: number | null): Promise<void> {
    const values = { kind: input.kind, name: input.name, updated_by: userId, updated_at: nowIso() }
    await db
      .insertInto('calendar_day')
      .values({ day: input.day, ...values })
      .onConflict((oc) => oc.column('day').doUpdateSet(values))
      .execute()
  },

  async delete(db: Executor, day: string): Promise<number> {
    const r = await db.deleteFrom('calendar_day').where('day', '=', day).executeTakeFirst()
    return Number(r.numDeletedRows)
  },

  /** Replaces a year's overrides with these (already validated to lie in the year). */
  async replaceYear(
    db: Executor,
    year: number,
    days: OverrideInput[],
    userId: number | null,
  ): Promise<void> {
    await db
      .deleteFrom('calendar_day')
      .where('day', '>=', `${year}-01-01`)
      .where('day', '<=', `${year}-12-31`)
      .execute()
    if (days.length === 0) return
    const at = nowIso()
    await db
      .insertInto('calendar_day')
      .values(
        days.map((d) => ({
          day: d.day,
          kind: d.kind,
          name: d.name,
          updated_by: userId,
          updated_at: at,
        })),
      )
      .execute()
  },
}
