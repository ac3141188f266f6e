import {
  DEFAULT_LETTER_LIMITS,
  type LetterLimitKey,
  type LetterLimits,
  type LetterStage,
  type LetterType,
} from '../../../common/letters'
import type { Executor } from '../../db/database'
import { addWorkingDays, workingDaysBetween, type CalendarSnapshot } from '../calendar/working-days'

/** The start and limit a deadline counts from. */
export interface DueBase {
  startedAt: string
  limitDays: number
  /** Working days an approved extension added (handling only). */
  extensionDays: number
}

/**
 * What the current deadline was computed from (stored as the letter's `due_basis`), and the
 * base of the handling round, which a handling stage continued after a returned reply keeps.
 */
export interface DueBasis extends DueBase {
  stage: LetterStage
  handleBase?: DueBase
}

export function parseBasis(json: string): Partial<DueBasis> {
  try {
    const v = JSON.parse(json) as unknown
    return v && typeof v === 'object' ? (v as Partial<DueBasis>) : {}
  } catch {
    return {}
  }
}

/** The due and 督办 moments of a base. */
export function baseDates(cal: CalendarSnapshot, base: DueBase) {
  return stageDates(cal, base.startedAt, base.limitDays + base.extensionDays)
}

/** The limit of a stage for a letter type (the handling stage's depends on the type). */
export function stageLimit(limits: LetterLimits, stage: LetterStage, type: string): number {
  const key: LetterLimitKey = stage === 'handle' ? (type as LetterType) : stage
  return limits[key] ?? DEFAULT_LETTER_LIMITS.other
}

/** Due (end of the n-th working day) and 督办 (twice the limit) moments of a stage. */
export function stageDates(
  cal: CalendarSnapshot,
  startedAt: string,
  limitDays: number,
): { dueAt: string; escalateAt: string } {
  return {
    dueAt: addWorkingDays(cal, startedAt, limitDays),
    escalateAt: addWorkingDays(cal, startedAt, Math.max(limitDays * 2, limitDays + 1)),
  }
}

export interface OpenStage {
  id: number
  stage: LetterStage
  startedAt: string
  limitDays: number
  dueAt: string
  unitSiteId: number | null
}

/**
 * Starts a stage: its row, and the letter's current `due_at`, `escalate_at` and `due_basis`.
 * `continueHandling` starts a handling stage that keeps the deadline of the round it continues
 * (a returned reply gives no extra time).
 */
export async function startStage(
  trx: Executor,
  cal: CalendarSnapshot,
  s: {
    letterId: number
    stage: LetterStage
    unitSiteId: number | null
    at: string
    limitDays: number
    extensionDays?: number
    continueHandling?: boolean
  },
): Promise<void> {
  const current = await trx
    .selectFrom('letter')
    .select('due_basis')
    .where('id', '=', s.letterId)
    .executeTakeFirst()
  const previous = parseBasis(current?.due_basis ?? '{}')
  const own: DueBase = {
    startedAt: s.at,
    limitDays: s.limitDays,
    extensionDays: s.extensionDays ?? 0,
  }
  const base = s.continueHandling && previous.handleBase ? previous.handleBase : own
  const dates = baseDates(cal, base)
  await trx
    .insertInto('letter_stage')
    .values({
      letter_id: s.letterId,
      stage: s.stage,
      unit_site_id: s.unitSiteId,
      started_at: s.at,
      limit_days: base.limitDays + base.extensionDays,
      due_at: dates.dueAt,
    })
    .execute()
  const basis: DueBasis = {
    stage: s.stage,
    ...base,
    ...(s.stage === 'handle'
      ? { handleBase: base }
      : previous.handleBase
        ? { handleBase: previous.handleBase }
        : {}),
  }
  await trx
    .updateTable('letter')
    .set({ due_at: dates.dueAt, escalate_at: dates.escalateAt, due_basis: JSON.stringify(basis) })
    .where('id', '=', s.letterId)
    .execute()
}

/**
 * Ends the letter's open stage (if any), recording its working days and whether it ended by
 * its due date; these are history and never recomputed. Clears the letter's current deadline.
 */
export async function endStage(
  trx: Executor,
  cal: CalendarSnapshot,
  letterId: number,
  at: string,
): Promise<OpenStage | null> {
  const open = await openStage(trx, letterId)
  if (open) {
    await trx
      .updateTable('letter_stage')
      .set({
        ended_at: at,
        working_days: workingDaysBetween(cal, open.startedAt, at),
        on_time: at <= open.dueAt ? 1 : 0,
      })
      .where('id', '=', open.id)
      .execute()
  }
  // The basis stays: a handling stage continued later keeps its round's deadline.
  await trx
    .updateTable('letter')
    .set({ due_at: null, escalate_at: null })
    .where('id', '=', letterId)
    .execute()
  return open
}

export async function openStage(db: Executor, letterId: number): Promise<OpenStage | null> {
  const r = await db
    .selectFrom('letter_stage')
    .select(['id', 'stage', 'started_at', 'limit_days', 'due_at', 'unit_site_id'])
    .where('letter_id', '=', letterId)
    .where('ended_at', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirst()
  return r
    ? {
        id: r.id,
        stage: r.stage as LetterStage,
        startedAt: r.started_at,
        limitDays: r.limit_days,
        dueAt: r.due_at,
        unitSiteId: r.unit_site_id,
      }
    : null
}

/** Whether every stage the letter has ended so far ended on time (recorded with the reply). */
export async function allStagesOnTime(db: Executor, letterId: number): Promise<boolean> {
  const late = await db
    .selectFrom('letter_stage')
    .select('id')
    .where('letter_id', '=', letterId)
    .where('on_time', '=', 0)
    .executeTakeFirst()
  return !late
}
