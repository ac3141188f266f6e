import type { Executor } from '../../db/database'
import { nowIso } from '../../db/dialect'
import { parseLevels, type WorkflowLevel } from './workflow'

export interface Workflow {
  id: number
  siteId: number
  columnId: number | null
  levels: WorkflowLevel[]
  updatedAt: string
}

export const workflowRepository = {
  async listBySite(db: Executor, siteId: number): Promise<Workflow[]> {
    const rows = await db
      .selectFrom('workflow')
      .selectAll()
      .where('site_id', '=', siteId)
      .orderBy('id')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      siteId: r.site_id,
      columnId: r.column_id,
      levels: parseLevels(r.levels),
      updatedAt: r.updated_at,
    }))
  },

  /** One workflow per site default / column: replaces what was there. */
  async put(
    db: Executor,
    siteId: number,
    columnId: number | null,
    levels: WorkflowLevel[],
    userId: number | null,
  ): Promise<number> {
    let del = db.deleteFrom('workflow').where('site_id', '=', siteId)
    del =
      columnId === null ? del.where('column_id', 'is', null) : del.where('column_id', '=', columnId)
    await del.execute()
    const r = await db
      .insertInto('workflow')
      .values({
        site_id: siteId,
        column_id: columnId,
        levels: JSON.stringify(levels),
        updated_by: userId,
        updated_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return r.id
  },

  async delete(db: Executor, siteId: number, id: number): Promise<number> {
    const r = await db
      .deleteFrom('workflow')
      .where('id', '=', id)
      .where('site_id', '=', siteId)
      .executeTakeFirst()
    return Number(r.numDeletedRows)
  },

  /** Users holding a role on a site (for notifying a level's holders). */
  async usersWithRole(db: Executor, siteId: number, role: string): Promise<number[]> {
    const rows = await db
      .selectFrom('role_grant as g')
      .innerJoin('app_user as u', 'u.id', 'g.user_id')
      .select('g.user_id')
      .where('g.site_id', '=', siteId)
      .where('g.role', '=', role)
      .where('u.status', '=', 'active')
      .execute()
    return rows.map((r) => r.user_id)
  },
}
