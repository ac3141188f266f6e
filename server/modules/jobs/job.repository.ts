import type { Selectable } from 'kysely'
import { sql } from 'kysely'
import type { Executor } from '../../db/database'
import { dialectOf, nowIso, toCount } from '../../db/dialect'
import type { JobTable } from './job.table'

export type JobRow = Selectable<JobTable>

export interface NewJob {
  kind: string
  runAt: string
  payload?: Record<string, unknown>
  /** What the job acts on (e.g. `article:42:publish`): scheduling again cancels the old one. */
  ref?: string
}

/** Every query on `job`. Claiming is one atomic statement, so only one instance wins a job. */
export const jobRepository = {
  async insert(db: Executor, job: NewJob): Promise<number> {
    const r = await db
      .insertInto('job')
      .values({
        kind: job.kind,
        run_at: job.runAt,
        payload: JSON.stringify(job.payload ?? {}),
        ref: job.ref ?? '',
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return r.id
  },

  /**
   * Marks the pending jobs for `ref` as done without running them. A job being run right now is
   * left to finish (its handler finds nothing left to do).
   */
  async cancelByRef(db: Executor, ref: string): Promise<number> {
    const r = await db
      .updateTable('job')
      .set({ done_at: nowIso(), error: 'cancelled' })
      .where('ref', '=', ref)
      .where('done_at', 'is', null)
      .where('locked_by', 'is', null)
      .executeTakeFirst()
    return Number(r.numUpdatedRows)
  },

  async pendingByRef(db: Executor, ref: string): Promise<JobRow | undefined> {
    return db
      .selectFrom('job')
      .selectAll()
      .where('ref', '=', ref)
      .where('done_at', 'is', null)
      .orderBy('id', 'desc')
      .executeTakeFirst()
  },

  /**
   * Takes the oldest due job nobody holds (or whose holder's lease ran out). PostgreSQL skips
   * rows another instance has locked; SQLite runs the statement under its single write lock.
   */
  async claim(
    db: Executor,
    worker: string,
    now: string,
    staleBefore: string,
  ): Promise<JobRow | undefined> {
    const lock = dialectOf(db) === 'postgres' ? sql`for update skip locked` : sql``
    const r = await sql<JobRow>`
      update job set locked_by = ${worker}, locked_at = ${now}, attempts = attempts + 1
      where id = (
        select id from job
        where done_at is null and run_at <= ${now}
          and (locked_at is null or locked_at < ${staleBefore})
        order by run_at, id
        limit 1
        ${lock}
      )
      returning *`.execute(db)
    return r.rows[0]
  },

  /** Done only if this worker still holds the job; false means another took it over. */
  async complete(db: Executor, id: number, worker: string): Promise<boolean> {
    const r = await db
      .updateTable('job')
      .set({ done_at: nowIso(), error: null })
      .where('id', '=', id)
      .where('locked_by', '=', worker)
      .where('done_at', 'is', null)
      .executeTakeFirst()
    return Number(r.numUpdatedRows) === 1
  },

  /** Releases a failed attempt: retried at `retryAt`, or closed as failed when `retryAt` is null. */
  async fail(
    db: Executor,
    id: number,
    worker: string,
    error: string,
    retryAt: string | null,
  ): Promise<void> {
    await db
      .updateTable('job')
      .set({
        error: error.slice(0, 2000),
        locked_by: null,
        locked_at: null,
        ...(retryAt ? { run_at: retryAt } : { done_at: nowIso() }),
      })
      .where('id', '=', id)
      .where('locked_by', '=', worker)
      .execute()
  },

  async countFailed(db: Executor, since: string): Promise<number> {
    const r = await db
      .selectFrom('job')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('done_at', '>=', since)
      .where('error', 'is not', null)
      .where('error', '!=', 'cancelled')
      .executeTakeFirstOrThrow()
    return toCount(r.n)
  },
}
