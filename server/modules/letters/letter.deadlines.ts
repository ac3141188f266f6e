import { LETTER_OPEN_STATES } from '../../../common/letters'
import { sql } from 'kysely'
import type { Deps } from '../../core-deps'
import type { Trx } from '../../db/database'
import { nowIso } from '../../db/dialect'
import type { CalendarService } from '../calendar/calendar.service'
import { addWorkingDays, type CalendarSnapshot } from '../calendar/working-days'
import { jobRepository } from '../jobs/job.repository'
import type { JobRunner } from '../jobs/job.runner'
import type { NotificationService } from '../notifications/notification.service'
import { systemActor } from '../users/actor'
import { redFlagBefore } from './letter.read'
import { letterRepository } from './letter.repository'
import { deskUsers, unitUsers } from './letter.rules'
import { baseDates, parseBasis } from './letter.stages'

export const DIGEST_JOB = 'letters.digest'
const DIGEST_REF = 'letters:digest'
/** The digest runs each morning at 08:00 Beijing (00:00 UTC). */
const DIGEST_HOUR_UTC = 0
const BATCH = 500

/** The next 08:00 Beijing after `now`. */
export function nextDigestAt(now: Date): string {
  const d = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), DIGEST_HOUR_UTC),
  )
  if (d.getTime() <= now.getTime()) d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString()
}

/**
 * Recomputes the deadline of every letter with an open stage after a calendar change, from the
 * start and limit it was computed from; each change is logged on the letter (internal).
 * Returns how many letters changed.
 */
export async function recomputeDeadlines(deps: Deps, cal: CalendarSnapshot): Promise<number> {
  let changed = 0
  let afterId = 0
  for (;;) {
    const rows = await deps.db
      .selectFrom('letter')
      .select(['id', 'due_at', 'escalate_at', 'due_basis'])
      .where('due_at', 'is not', null)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(BATCH)
      .execute()
    if (rows.length === 0) return changed
    afterId = rows[rows.length - 1]!.id
    await deps.db.transaction().execute(async (trx) => {
      for (const r of rows) {
        const basis = parseBasis(r.due_basis)
        if (!basis.startedAt || basis.limitDays === undefined) continue
        const dates = baseDates(cal, {
          startedAt: basis.startedAt,
          limitDays: basis.limitDays,
          extensionDays: basis.extensionDays ?? 0,
        })
        if (dates.dueAt === r.due_at && dates.escalateAt === r.escalate_at) continue
        changed++
        await applyNewDates(trx, r.id, r.due_at as string, dates)
      }
    })
  }
}

async function applyNewDates(
  trx: Trx,
  letterId: number,
  oldDue: string,
  dates: { dueAt: string; escalateAt: string },
) {
  await trx
    .updateTable('letter')
    .set({ due_at: dates.dueAt, escalate_at: dates.escalateAt })
    .where('id', '=', letterId)
    .execute()
  await trx
    .updateTable('letter_stage')
    .set({ due_at: dates.dueAt })
    .where('letter_id', '=', letterId)
    .where('ended_at', 'is', null)
    .execute()
  await letterRepository.event(trx, {
    letterId,
    at: nowIso(),
    actor: systemActor(),
    action: 'deadline_recomputed',
    note: `期限由 ${oldDue} 调整为 ${dates.dueAt}`,
    data: { from: oldDue, to: dates.dueAt },
  })
}

interface Tally {
  dueSoon: number
  overdue: number
  escalated: number
  red: number
}
const emptyTally = (): Tally => ({ dueSoon: 0, overdue: 0, escalated: 0, red: 0 })

function describe(t: Tally): string {
  const parts: string[] = []
  if (t.red) parts.push(`超过 3 个月未办结 ${t.red} 件`)
  if (t.escalated) parts.push(`严重超期（督办）${t.escalated} 件`)
  if (t.overdue) parts.push(`超期（催办）${t.overdue} 件`)
  if (t.dueSoon) parts.push(`即将到期 ${t.dueSoon} 件`)
  return parts.join('，')
}

/**
 * The daily digest: each unit's handlers and each desk are told of their due-soon, overdue,
 * escalated and red-flagged letters; answered letters past their rating window close.
 */
export async function runDigest(
  trx: Trx,
  cal: CalendarSnapshot,
  notifications: NotificationService,
  now = new Date(),
): Promise<{ notified: number; closed: number }> {
  const at = now.toISOString()
  const soon = addWorkingDays(cal, at, 1)
  const red = redFlagBefore(now)
  const rows = await trx
    .selectFrom('letter')
    .select(['id', 'site_id', 'unit_site_id', 'state', 'due_at', 'escalate_at', 'received_at'])
    .where('state', 'in', [...LETTER_OPEN_STATES])
    .where((eb) => eb.or([eb('due_at', '<=', soon), eb('received_at', '<', red)]))
    .execute()
  const bySite = new Map<number, Tally>()
  const byUnit = new Map<number, Tally>()
  for (const r of rows) {
    const tally = (m: Map<number, Tally>, key: number) => {
      let v = m.get(key)
      if (!v) m.set(key, (v = emptyTally()))
      return v
    }
    const targets = [tally(bySite, r.site_id)]
    const unitStage = ['assigned', 'signed', 'in_progress'].includes(r.state)
    if (unitStage && r.unit_site_id !== null) targets.push(tally(byUnit, r.unit_site_id))
    for (const t of targets) {
      if (r.received_at < red) t.red++
      if (!r.due_at) continue
      if (r.escalate_at && at > r.escalate_at) t.escalated++
      else if (at > r.due_at) t.overdue++
      else t.dueSoon++
    }
  }
  let notified = 0
  const send = async (users: number[], title: string, t: Tally, siteId: number) => {
    const body = describe(t)
    if (!body || users.length === 0) return
    notified += users.length
    notifications.deliver(
      await notifications.notify(trx, users, {
        kind: 'letter.digest',
        title,
        body: `${body}。请登录管理后台“来信办理”及时处理。`,
        entity: 'letter-digest',
        siteId,
      }),
    )
  }
  for (const [siteId, t] of bySite) {
    await send(await deskUsers(trx, siteId), '来信期限提醒（受理台）', t, siteId)
  }
  for (const [unitId, t] of byUnit) {
    await send(await unitUsers(trx, unitId), '来信期限提醒（承办单位）', t, unitId)
  }
  const expired = await trx
    .selectFrom('letter')
    .select('id')
    .where('state', '=', 'answered')
    .where('rating_until', '<', at)
    .execute()
  for (const e of expired) {
    await trx
      .updateTable('letter')
      .set({ state: 'closed', closed_at: at, updated_at: at })
      .where('id', '=', e.id)
      .execute()
    await letterRepository.event(trx, {
      letterId: e.id,
      at,
      actor: systemActor(),
      action: 'auto_close',
      from: 'answered',
      to: 'closed',
      internal: false,
    })
  }
  return { notified, closed: expired.length }
}

/**
 * Deadlines follow the calendar, and the digest runs daily: the job re-schedules itself in the
 * transaction that runs it, and `ensureDigestScheduled` (at start) makes sure one is pending.
 */
export function registerLetterDeadlines(
  deps: Deps,
  jobs: JobRunner,
  calendar: CalendarService,
  notifications: NotificationService,
): void {
  calendar.onChange(async (change) => {
    const n = await recomputeDeadlines(deps, change.snapshot)
    if (n > 0)
      deps.logger.info({ letters: n }, 'letter deadlines recomputed after a calendar change')
  })
  jobs.register(DIGEST_JOB, async (trx, _payload, job) => {
    const cal = await calendar.snapshot()
    await runDigest(trx, cal, notifications)
    const another = await trx
      .selectFrom('job')
      .select('id')
      .where('ref', '=', DIGEST_REF)
      .where('done_at', 'is', null)
      .where('id', '!=', job.id)
      .executeTakeFirst()
    if (!another) await scheduleDigest(trx, new Date())
  })
}

async function scheduleDigest(trx: Trx | Deps['db'], now: Date): Promise<void> {
  await jobRepository.insert(trx, {
    kind: DIGEST_JOB,
    runAt: nextDigestAt(now),
    payload: {},
    ref: DIGEST_REF,
  })
}

/** One pending digest job (several instances may call this at once; the unique ref keeps one). */
export async function ensureDigestScheduled(deps: Deps): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    // Instances starting together on PostgreSQL take turns (SQLite writes one at a time anyway).
    if (deps.dialect === 'postgres') {
      await sql`select pg_advisory_xact_lock(hashtext(${DIGEST_REF}))`.execute(trx)
    }
    if (await jobRepository.pendingByRef(trx, DIGEST_REF)) return
    await scheduleDigest(trx, new Date())
  })
}
