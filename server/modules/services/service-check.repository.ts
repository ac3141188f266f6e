import type { Executor } from '../../db/database'
import { nowIso } from '../../db/dialect'
import type { ServiceCheckReport } from './service.checks'

/** A run of the 检查 report with its progress. */
export interface CheckRun {
  id: number
  scope: number[] | null
  status: 'running' | 'done' | 'failed'
  done: number
  total: number
  report: ServiceCheckReport | null
  error: string
  startedBy: number | null
  startedAt: string
  finishedAt: string | null
}

type Row = {
  id: number
  scope: string | null
  status: string
  done: number
  total: number
  report: string
  error: string
  started_by: number | null
  started_at: string
  finished_at: string | null
}

const toRun = (r: Row): CheckRun => ({
  id: r.id,
  scope: r.scope ? (JSON.parse(r.scope) as number[]) : null,
  status: r.status as CheckRun['status'],
  done: r.done,
  total: r.total,
  report: r.status === 'done' ? (JSON.parse(r.report) as ServiceCheckReport) : null,
  error: r.error,
  startedBy: r.started_by,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
})

export const checkRunRepository = {
  async create(db: Executor, scope: number[] | null, actorId: number | null): Promise<number> {
    const r = await db
      .insertInto('service_check_run')
      .values({
        scope: scope ? JSON.stringify(scope) : null,
        status: 'running',
        started_by: actorId,
        started_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return r.id
  },

  async progress(db: Executor, id: number, done: number, total: number): Promise<void> {
    await db.updateTable('service_check_run').set({ done, total }).where('id', '=', id).execute()
  },

  async finish(
    db: Executor,
    id: number,
    r: { status: 'done' | 'failed'; done?: number; report?: ServiceCheckReport; error?: string },
  ): Promise<void> {
    await db
      .updateTable('service_check_run')
      .set({
        status: r.status,
        ...(r.done !== undefined ? { done: r.done } : {}),
        report: JSON.stringify(r.report ?? {}),
        error: r.error ?? '',
        finished_at: nowIso(),
      })
      .where('id', '=', id)
      .execute()
  },

  async get(db: Executor, id: number): Promise<CheckRun | undefined> {
    const r = await db
      .selectFrom('service_check_run')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    return r ? toRun(r) : undefined
  },

  /** The newest run (of one user, when given). */
  async latest(db: Executor, startedBy?: number): Promise<CheckRun | undefined> {
    let q = db.selectFrom('service_check_run').selectAll()
    if (startedBy !== undefined) q = q.where('started_by', '=', startedBy)
    const r = await q.orderBy('id', 'desc').limit(1).executeTakeFirst()
    return r ? toRun(r) : undefined
  },
}
