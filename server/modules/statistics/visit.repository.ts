import type { Executor } from '../../db/database'
import type { VisitEntity } from './visit.buffer'

/** Every query on `visit_daily`. */
export const visitRepository = {
  async add(db: Executor, entity: VisitEntity, id: number, day: string, n: number): Promise<void> {
    await db
      .insertInto('visit_daily')
      .values({ entity, entity_id: id, day, count: n })
      .onConflict((oc) =>
        oc.columns(['entity', 'entity_id', 'day']).doUpdateSet((eb) => ({
          count: eb('visit_daily.count', '+', eb.ref('excluded.count')),
        })),
      )
      .execute()
  },

  async daily(
    db: Executor,
    entity: VisitEntity,
    ids: number[],
    from: string,
    to: string,
  ): Promise<{ entityId: number; day: string; count: number }[]> {
    if (ids.length === 0) return []
    const rows = await db
      .selectFrom('visit_daily')
      .select(['entity_id', 'day', 'count'])
      .where('entity', '=', entity)
      .where('entity_id', 'in', ids)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .orderBy('day')
      .execute()
    return rows.map((r) => ({ entityId: r.entity_id, day: r.day, count: Number(r.count) }))
  },

  async total(db: Executor, entity: VisitEntity, id: number): Promise<number> {
    const r = await db
      .selectFrom('visit_daily')
      .select((eb) => eb.fn.sum<number>('count').as('n'))
      .where('entity', '=', entity)
      .where('entity_id', '=', id)
      .executeTakeFirst()
    return Number(r?.n ?? 0)
  },
}
