import type { Deps } from '../../core-deps'
import { forbidden, invalid, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import type { RequestContext } from '../users/actor'
import { calendarRepository, type OverrideInput, type StoredOverride } from './calendar.repository'
import {
  addWorkingDays,
  beijingDay,
  CALENDAR_DAY_KINDS,
  calendarDay,
  calendarYear,
  createCalendarSnapshot,
  isWorkingDay,
  MAX_CALENDAR_YEAR,
  MIN_CALENDAR_YEAR,
  packageYears,
  parseCalendarDay,
  workingDaysBetween,
  yearCoverage,
  type CalendarDay,
  type CalendarDayKind,
  type CalendarSnapshot,
  type YearCoverage,
} from './working-days'

/** Announced on the bus after a committed calendar change: every process reloads its snapshot. */
export const CALENDAR_CHANGE_EVENT = 'calendar.change'

/** Passed to `onChange` listeners after a committed change. */
export interface CalendarChange {
  /** The days whose setting changed (added, edited or removed overrides), sorted. */
  days: string[]
  /** The calendar as it now is. */
  snapshot: CalendarSnapshot
}

export type CalendarChangeListener = (change: CalendarChange) => void | Promise<void>

/** A year as the admin's calendar shows it. */
export interface CalendarYearView {
  year: number
  coverage: YearCoverage
  /** The years the installed package carries. */
  packageYears: { first: number; last: number }
  days: CalendarDay[]
}

const NAME_MAX = 100
const KIND_LABEL: Record<CalendarDayKind, string> = { holiday: '节假日', workday: '调休上班' }

/** Reading needs a role somewhere (every signed-in member of staff). */
function authorizeRead(ctx: RequestContext): void {
  if (!ctx.actor.isClusterAdmin && ctx.actor.grants.length === 0) throw forbidden()
}

function authorizeWrite(ctx: RequestContext): void {
  if (!ctx.actor.isClusterAdmin) throw forbidden('只有平台管理员可以维护工作日历')
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
    throw invalid(`年份须在 ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR} 之间`, {
      year: `年份须在 ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR} 之间`,
    })
  }
}

/** Checks one override; returns it cleaned, or the problems by field (`day`, `kind`, `name`). */
function cleanOverride(
  input: { day: string; kind: string; name?: string },
  year?: number,
): { value: OverrideInput } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const day = parseCalendarDay(input.day)
  if (!day) {
    errors.day = `日期“${input.day}”无效，须为 ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR} 年间的 YYYY-MM-DD`
  } else if (year !== undefined && Number(day.slice(0, 4)) !== year) {
    errors.day = `日期 ${day} 不在 ${year} 年`
  }
  const kind = CALENDAR_DAY_KINDS.find((k) => k === input.kind)
  if (!kind) errors.kind = '类型须为节假日（holiday）或调休上班（workday）'
  const name = (input.name ?? '').trim()
  if (name.length > NAME_MAX) errors.name = `名称不能超过 ${NAME_MAX} 个字符`
  if (!day || !kind || Object.keys(errors).length > 0) return { errors }
  return { value: { day, kind, name } }
}

/**
 * The working-day calendar (工作日历) reply deadlines count in: the State Council notice from
 * `chinese-days`, overridden by the cluster admin's entries. Holds one snapshot per process,
 * reloaded after every change announced on the bus.
 */
export class CalendarService {
  private current: Promise<CalendarSnapshot> | null = null
  private readonly listeners = new Set<CalendarChangeListener>()

  constructor(private readonly deps: Deps) {
    deps.bus.subscribe((event) => {
      if (event.action === CALENDAR_CHANGE_EVENT) this.current = null
    })
  }

  /** The calendar in effect, cached until the next `calendar.change` event. */
  snapshot(): Promise<CalendarSnapshot> {
    if (!this.current) {
      const loading = calendarRepository.all(this.deps.db).then(createCalendarSnapshot)
      this.current = loading
      loading.catch(() => {
        if (this.current === loading) this.current = null
      })
    }
    return this.current
  }

  /**
   * Registers a listener run once per committed change, in the process that made it, after the
   * commit (e.g. the letters module recomputing stored deadlines). Its failure is logged and
   * does not undo the change. Returns the function that unregisters it.
   */
  onChange(listener: CalendarChangeListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** `addWorkingDays` on the current calendar (see working-days.ts for the exact rule). */
  async addWorkingDays(start: string | Date, n: number): Promise<string> {
    return addWorkingDays(await this.snapshot(), start, n)
  }

  /** `workingDaysBetween` on the current calendar. */
  async workingDaysBetween(from: string | Date, to: string | Date): Promise<number> {
    return workingDaysBetween(await this.snapshot(), from, to)
  }

  /** `isWorkingDay` on the current calendar. */
  async isWorkingDay(day: string | Date): Promise<boolean> {
    return isWorkingDay(await this.snapshot(), day)
  }

  /** Every day of a year with its effective kind, source and name (any member of staff). */
  async year(ctx: RequestContext, year: number): Promise<CalendarYearView> {
    authorizeRead(ctx)
    checkYear(year)
    return this.yearView(await this.snapshot(), year)
  }

  /** The cluster's overrides in a year. */
  async listOverrides(ctx: RequestContext, year: number): Promise<StoredOverride[]> {
    authorizeRead(ctx)
    checkYear(year)
    return calendarRepository.listYear(this.deps.db, year)
  }

  /** Whether this year's and next year's holidays (Beijing time) are known. */
  async coverage(ctx: RequestContext, now: Date = new Date()): Promise<YearCoverage[]> {
    authorizeRead(ctx)
    const thisYear = Number(beijingDay(now).slice(0, 4))
    const cal = await this.snapshot()
    return [yearCoverage(cal, thisYear), yearCoverage(cal, thisYear + 1)]
  }

  /** Sets one day: a holiday (on a weekday) or a make-up working day (on a weekend). */
  async setDay(
    ctx: RequestContext,
    day: string,
    input: { kind: CalendarDayKind; name?: string },
  ): Promise<CalendarDay> {
    authorizeWrite(ctx)
    const checked = cleanOverride({ day, ...input })
    if ('errors' in checked) throw invalid(Object.values(checked.errors)[0] ?? '', checked.errors)
    const value = checked.value
    await this.deps.db.transaction().execute(async (trx) => {
      const before = await calendarRepository.get(trx, value.day)
      await calendarRepository.upsert(trx, value, ctx.actor.id)
      await recordAudit(trx, ctx, {
        action: 'calendar.update',
        entity: 'calendar',
        entityId: value.day,
        diff: {
          kind: value.kind,
          name: value.name,
          before: before ? { kind: before.kind, name: before.name } : null,
        },
      })
    })
    const cal = await this.changed([value.day])
    return calendarDay(cal, value.day)
  }

  /** Removes a day's override: the package's calendar (or the plain weekend rule) applies again. */
  async removeDay(ctx: RequestContext, day: string): Promise<CalendarDay> {
    authorizeWrite(ctx)
    const clean = parseCalendarDay(day)
    if (!clean) throw invalid(`日期“${day}”无效`, { day: '日期须为有效的 YYYY-MM-DD' })
    await this.deps.db.transaction().execute(async (trx) => {
      const before = await calendarRepository.get(trx, clean)
      if (!before || (await calendarRepository.delete(trx, clean)) === 0) {
        throw notFound(`${clean} 没有自定义设置`)
      }
      await recordAudit(trx, ctx, {
        action: 'calendar.delete',
        entity: 'calendar',
        entityId: clean,
        diff: { before: { kind: before.kind, name: before.name } },
      })
    })
    const cal = await this.changed([clean])
    return calendarDay(cal, clean)
  }

  /**
   * Replaces a year's overrides with a list, e.g. the State Council notice entered in one go.
   * Every entry is checked first; any problem rejects the whole list (fields `days.<i>.day`…).
   */
  async replaceYear(
    ctx: RequestContext,
    year: number,
    days: { day: string; kind: CalendarDayKind; name?: string }[],
  ): Promise<CalendarYearView> {
    authorizeWrite(ctx)
    checkYear(year)
    const fields: Record<string, string> = {}
    const clean: OverrideInput[] = []
    const seen = new Map<string, number>()
    days.forEach((entry, i) => {
      const checked = cleanOverride(entry, year)
      if ('errors' in checked) {
        for (const [k, v] of Object.entries(checked.errors)) fields[`days.${i}.${k}`] = v
        return
      }
      const first = seen.get(checked.value.day)
      if (first !== undefined) {
        fields[`days.${i}.day`] = `日期 ${checked.value.day} 与第 ${first + 1} 项重复`
        return
      }
      seen.set(checked.value.day, i)
      clean.push(checked.value)
    })
    const problems = Object.entries(fields)
    if (problems.length > 0) {
      const [key, message] = problems[0] as [string, string]
      const index = Number(key.split('.')[1]) + 1
      throw invalid(`第 ${index} 项：${message}（共 ${problems.length} 处有误，未保存）`, fields)
    }
    clean.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))
    let changedDays: string[] = []
    await this.deps.db.transaction().execute(async (trx) => {
      const before = await calendarRepository.listYear(trx, year)
      await calendarRepository.replaceYear(trx, year, clean, ctx.actor.id)
      const after = new Map(clean.map((d) => [d.day, d]))
      const old = new Map(before.map((d) => [d.day, d]))
      changedDays = [...new Set([...old.keys(), ...after.keys()])]
        .filter((d) => {
          const a = old.get(d)
          const b = after.get(d)
          return !a || !b || a.kind !== b.kind || a.name !== b.name
        })
        .sort()
      await recordAudit(trx, ctx, {
        action: 'calendar.import',
        entity: 'calendar',
        entityId: String(year),
        diff: {
          year,
          count: clean.length,
          days: clean.map((d) => `${d.day} ${KIND_LABEL[d.kind]} ${d.name}`.trim()),
          removed: before.filter((d) => !after.has(d.day)).map((d) => d.day),
        },
      })
    })
    const cal = await this.changed(changedDays)
    return this.yearView(cal, year)
  }

  private yearView(cal: CalendarSnapshot, year: number): CalendarYearView {
    return {
      year,
      coverage: yearCoverage(cal, year),
      packageYears: packageYears(),
      days: calendarYear(cal, year),
    }
  }

  /** After a commit: reload here, tell the other processes, run the listeners. */
  private async changed(days: string[]): Promise<CalendarSnapshot> {
    this.current = null
    this.deps.bus.publish({ action: CALENDAR_CHANGE_EVENT, tags: ['calendar'] })
    const snapshot = await this.snapshot()
    if (days.length === 0) return snapshot
    for (const listener of this.listeners) {
      try {
        await listener({ days, snapshot })
      } catch (err) {
        this.deps.logger.error({ err, days }, 'calendar change listener failed')
      }
    }
    return snapshot
  }
}
