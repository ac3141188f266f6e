import { randomBytes } from 'node:crypto'
import os from 'node:os'
import type { Deps } from '../../core-deps'
import type { Trx } from '../../db/database'
import { nowIso } from '../../db/dialect'
import { jobRepository, type JobRow } from './job.repository'

/** What a job did: cache tags to invalidate once its transaction has committed. */
export interface JobOutcome {
  action?: string
  tags?: string[]
}

/** Runs inside the transaction that also marks the job done: its effect commits exactly once. */
export type JobHandler = (
  trx: Trx,
  payload: Record<string, unknown>,
  job: JobRow,
) => Promise<JobOutcome | void>

/** Told once a job has failed for good (after its last attempt). */
export type JobFailureListener = (job: JobRow, error: Error) => Promise<void>

export const MAX_ATTEMPTS = 3
/** A job held longer than this is taken to belong to a crashed instance and is claimed again. */
const LEASE_MS = 5 * 60_000

/**
 * The durable job queue's runner. Every instance may run one: a job is claimed by one atomic
 * update, its effect and its completion commit in one transaction (guarded by the claim), so
 * it fires once, and a job that came due while everything was down fires late, once.
 */
export class JobRunner {
  readonly worker = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
  private readonly handlers = new Map<string, JobHandler>()
  private readonly failureListeners: JobFailureListener[] = []
  private timer: NodeJS.Timeout | null = null
  private running: Promise<number> | null = null

  constructor(private readonly deps: Deps) {}

  get db(): Deps['db'] {
    return this.deps.db
  }

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler)
  }

  handlerFor(kind: string): JobHandler | undefined {
    return this.handlers.get(kind)
  }

  onFailure(listener: JobFailureListener): void {
    this.failureListeners.push(listener)
  }

  /** Polls for due jobs every `intervalMs` (with jitter so instances don't poll in step). */
  start(intervalMs: number): void {
    if (this.timer) return
    const tick = () => {
      void this.runDue().finally(() => {
        if (this.timer) this.timer = setTimeout(tick, intervalMs * (0.75 + Math.random() / 2))
      })
    }
    this.timer = setTimeout(tick, Math.min(1000, intervalMs))
    this.timer.unref()
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    await this.running
  }

  /** Runs every job due now; returns how many completed. One pass at a time per instance. */
  runDue(limit = 100): Promise<number> {
    if (!this.running) {
      this.running = this.drain(limit).finally(() => {
        this.running = null
      })
    }
    return this.running
  }

  private async drain(limit: number): Promise<number> {
    let done = 0
    for (let i = 0; i < limit; i++) {
      const now = new Date()
      let job: JobRow | undefined
      try {
        job = await jobRepository.claim(
          this.deps.db,
          this.worker,
          now.toISOString(),
          new Date(now.getTime() - LEASE_MS).toISOString(),
        )
      } catch (e) {
        this.deps.logger.error({ err: e }, 'job claim failed')
        return done
      }
      if (!job) return done
      if (await this.execute(job)) done++
    }
    return done
  }

  private async execute(job: JobRow): Promise<boolean> {
    const handler = this.handlers.get(job.kind)
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`)
      const payload = JSON.parse(job.payload) as Record<string, unknown>
      const outcome = await this.deps.db.transaction().execute(async (trx) => {
        const result = await handler(trx, payload, job)
        // Someone else took the job over (our lease ran out): undo our effect.
        if (!(await jobRepository.complete(trx, job.id, this.worker))) throw new LostClaim()
        return result
      })
      if (outcome?.tags?.length) {
        this.deps.bus.publish({ action: outcome.action ?? job.kind, tags: outcome.tags })
      }
      return true
    } catch (e) {
      if (e instanceof LostClaim) return false
      const err = e instanceof Error ? e : new Error(String(e))
      const last = job.attempts >= MAX_ATTEMPTS
      const retryAt = last ? null : new Date(Date.now() + job.attempts * 60_000).toISOString()
      this.deps.logger.error(
        { err, jobId: job.id, kind: job.kind, attempt: job.attempts },
        'job failed',
      )
      try {
        await jobRepository.fail(this.deps.db, job.id, this.worker, err.message, retryAt)
        if (last) for (const l of this.failureListeners) await l({ ...job, done_at: nowIso() }, err)
      } catch (e2) {
        this.deps.logger.error({ err: e2, jobId: job.id }, 'recording a job failure failed')
      }
      return false
    }
  }
}

class LostClaim extends Error {}
