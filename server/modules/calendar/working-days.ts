import { packageCalendar } from './package-calendar'

/**
 * Working days (工作日) as government reply deadlines count them: Monday–Friday, less the
 * statutory holidays, plus the weekend make-up days (调休) of the State Council's yearly notice.
 * The notice comes from the `chinese-days` package; the cluster's overrides win over it (next
 * year's notice, entered before the package knows it, or a local correction).
 *
 * Every instant is placed on its Beijing (UTC+8) calendar day. Pure functions over a snapshot;
 * per-year tables are computed once per snapshot and cached, so thousands of letters are cheap.
 */

export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const
/** `holiday`: a day off (休); `workday`: a working day (班). */
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number]

/** The cluster's setting for one day. */
export interface CalendarOverride {
  kind: CalendarDayKind
  name: string
}

/** The cluster's overrides, keyed by `YYYY-MM-DD`; treat as immutable (tables are cached on it). */
export interface CalendarSnapshot {
  readonly overrides: ReadonlyMap<string, CalendarOverride>
}

/**
 * Where a day's kind comes from: the cluster's override, the State Council notice in the
 * package, or the plain rule (Monday–Friday work, Saturday and Sunday off).
 */
export type CalendarDaySource = 'override' | 'package' | 'weekend-default'

/** One day of the calendar as it takes effect. */
export interface CalendarDay {
  day: string
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number
  kind: CalendarDayKind
  source: CalendarDaySource
  /** The holiday's name (国庆节), or the override's; '' on ordinary days. */
  name: string
  /** What the day would be without an override (what 恢复默认 restores). */
  defaultKind: CalendarDayKind
  defaultName: string
}

/** Whether a year's holidays are known, and from where; `null` source means they are not. */
export interface YearCoverage {
  year: number
  covered: boolean
  source: 'package' | 'override' | null
}

/** The years the admin API accepts (the package starts at 2004). */
export const MIN_CALENDAR_YEAR = 2000
export const MAX_CALENDAR_YEAR = 2100
/** The largest working-day count `addWorkingDays` accepts (about 40 years). */
export const MAX_WORKING_DAYS = 10_000

const DAY_MS = 86_400_000
const CST_OFFSET_MS = 8 * 3_600_000

/** A snapshot from stored rows (or none: the package's calendar alone). */
export function createCalendarSnapshot(
  overrides: Iterable<{ day: string; kind: CalendarDayKind; name: string }> = [],
): CalendarSnapshot {
  const map = new Map<string, CalendarOverride>()
  for (const o of overrides) map.set(o.day, { kind: o.kind, name: o.name })
  return { overrides: map }
}

/** The package's calendar with no overrides. */
export const PACKAGE_ONLY: CalendarSnapshot = createCalendarSnapshot()

/** `YYYY-MM-DD` if `s` is a real date within the supported years, else null. */
export function parseCalendarDay(s: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim())
  if (!m) return null
  const [, y, mo, d] = m
  const year = Number(y)
  if (year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) return null
  const date = new Date(Date.UTC(year, Number(mo) - 1, Number(d)))
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return null
  return `${y}-${mo}-${d}`
}

/** The Beijing calendar day (`YYYY-MM-DD`) of an instant. */
export function beijingDay(instant: string | Date): string {
  return dayText(beijingDayNumber(instant))
}

/**
 * Whether a day is a working day. A plain `YYYY-MM-DD` is that calendar day; anything else is
 * an instant (ISO text or Date), placed on its Beijing day.
 */
export function isWorkingDay(cal: CalendarSnapshot, day: string | Date): boolean {
  return isWorkingNumber(cal, toDayNumber(day))
}

/**
 * The due moment of something started at `start` with `n` working days to go: counting starts
 * on the first working day after the start's Beijing date (whatever its hour, and whether or not
 * that date is itself a working day), and the deadline is the end (23:59:59.999 Beijing) of the
 * n-th such working day. `n = 0` gives the end of the start's own day. Returns ISO UTC text.
 *
 * Received Tuesday 2025-09-30 with 3 working days: the National Day holiday (1–8 October) is
 * skipped, Thursday 9th is day 1, Friday 10th day 2 and Saturday 11th (a 调休 working day) day 3,
 * so the reply is due by 2025-10-11T15:59:59.999Z (23:59:59.999 Beijing).
 */
export function addWorkingDays(cal: CalendarSnapshot, start: string | Date, n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
    throw new RangeError(`working days must be an integer in 0..${MAX_WORKING_DAYS}: ${n}`)
  }
  const from = beijingDayNumber(start)
  return endOfDay(n === 0 ? from : nthWorkingAfter(cal, from, n))
}

/**
 * Working days taken from `from` to `to`: the least n for which `to` is within
 * `addWorkingDays(from, n)`. So `to` on the start's own Beijing day is 0, on the next working
 * day 1; a moment on a day off counts with the working day that follows it (a reply on Saturday
 * after a Friday deadline is late). Never negative (0 when `to` is not after `from`'s day).
 *
 * Exactly consistent with `addWorkingDays`: `workingDaysBetween(a, t) <= n` if and only if
 * `t <= addWorkingDays(a, n)` — the on-time test and the "average working days" report agree.
 */
export function workingDaysBetween(
  cal: CalendarSnapshot,
  from: string | Date,
  to: string | Date,
): number {
  const a = beijingDayNumber(from)
  const b = beijingDayNumber(to)
  if (b <= a) return 0
  const settled = isWorkingNumber(cal, b) ? b : nthWorkingAfter(cal, b, 1)
  return countWorkingBetween(cal, a, settled)
}

/** One day as it takes effect, with where its kind comes from. */
export function calendarDay(cal: CalendarSnapshot, day: string): CalendarDay {
  const n = toDayNumber(day)
  return describe(cal, n, dayText(n))
}

/** Every day of a year (365 or 366), in order. */
export function calendarYear(cal: CalendarSnapshot, year: number): CalendarDay[] {
  const first = Date.UTC(year, 0, 1) / DAY_MS
  const next = Date.UTC(year + 1, 0, 1) / DAY_MS
  const out: CalendarDay[] = []
  for (let n = first; n < next; n++) out.push(describe(cal, n, dayText(n)))
  return out
}

/** The years of the State Council notices the installed `chinese-days` package carries. */
export function packageYears(): { first: number; last: number } {
  const { first, last } = packageCalendar()
  return { first, last }
}

/**
 * Whether a year's holidays are known: the package carries its notice, or the cluster has
 * entered at least one override for it. An uncovered year falls back to plain weekends, so
 * deadlines in it ignore holidays until someone enters the notice.
 */
export function yearCoverage(cal: CalendarSnapshot, year: number): YearCoverage {
  if (packageCalendar().years.has(year)) return { year, covered: true, source: 'package' }
  const prefix = `${year}-`
  for (const day of cal.overrides.keys()) {
    if (day.startsWith(prefix)) return { year, covered: true, source: 'override' }
  }
  return { year, covered: false, source: null }
}

// ---------------------------------------------------------------------------------------------
// Day numbers: days since 1970-01-01 (a Thursday); a Beijing day starts at 16:00 UTC before.

function beijingDayNumber(instant: string | Date): number {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime()
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${String(instant)}`)
  return Math.floor((ms + CST_OFFSET_MS) / DAY_MS)
}

function toDayNumber(day: string | Date): number {
  if (typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day)) {
    const ms = Date.parse(`${day}T00:00:00.000Z`)
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) {
      throw new RangeError(`not a date: ${day}`)
    }
    return ms / DAY_MS
  }
  return beijingDayNumber(day)
}

const dayText = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10)
const yearOf = (n: number): number => new Date(n * DAY_MS).getUTCFullYear()
const weekdayOf = (n: number): number => (((n + 4) % 7) + 7) % 7
/** The last millisecond of a Beijing day, as ISO UTC. */
const endOfDay = (n: number): string => new Date((n + 1) * DAY_MS - CST_OFFSET_MS - 1).toISOString()

function describe(cal: CalendarSnapshot, n: number, day: string): CalendarDay {
  const weekday = weekdayOf(n)
  const entry = packageCalendar().entries.get(day)
  const defaultKind: CalendarDayKind = entry
    ? entry.kind
    : weekday === 0 || weekday === 6
      ? 'holiday'
      : 'workday'
  const defaultName = entry?.name ?? ''
  const override = cal.overrides.get(day)
  if (override) {
    return {
      day,
      weekday,
      kind: override.kind,
      source: 'override',
      name: override.name,
      defaultKind,
      defaultName,
    }
  }
  return {
    day,
    weekday,
    kind: defaultKind,
    source: entry ? 'package' : 'weekend-default',
    name: defaultName,
    defaultKind,
    defaultName,
  }
}

// ---------------------------------------------------------------------------------------------
// Per-year tables, cached per snapshot.

interface YearTable {
  /** Day number of 1 January. */
  first: number
  /** 1 for a working day, by day of the year. */
  working: Uint8Array
  /** Working days from 1 January through each day, inclusive. */
  through: Uint16Array
  total: number
}

const tables = new WeakMap<CalendarSnapshot, Map<number, YearTable>>()

function table(cal: CalendarSnapshot, year: number): YearTable {
  let years = tables.get(cal)
  if (!years) {
    years = new Map()
    tables.set(cal, years)
  }
  const cached = years.get(year)
  if (cached) return cached
  const first = Date.UTC(year, 0, 1) / DAY_MS
  const length = Date.UTC(year + 1, 0, 1) / DAY_MS - first
  const working = new Uint8Array(length)
  const through = new Uint16Array(length)
  const entries = packageCalendar().entries
  let total = 0
  for (let i = 0; i < length; i++) {
    const day = dayText(first + i)
    const kind = cal.overrides.get(day)?.kind ?? entries.get(day)?.kind
    const weekday = weekdayOf(first + i)
    const isWorking = kind ? kind === 'workday' : weekday !== 0 && weekday !== 6
    if (isWorking) {
      working[i] = 1
      total++
    }
    through[i] = total
  }
  const built = { first, working, through, total }
  years.set(year, built)
  return built
}

function isWorkingNumber(cal: CalendarSnapshot, n: number): boolean {
  const t = table(cal, yearOf(n))
  return t.working[n - t.first] === 1
}

/** Working days d with a < d ≤ b. */
function countWorkingBetween(cal: CalendarSnapshot, a: number, b: number): number {
  if (b <= a) return 0
  const ya = yearOf(a)
  const yb = yearOf(b)
  const ta = table(cal, ya)
  const before = ta.through[a - ta.first] as number
  if (ya === yb) return (ta.through[b - ta.first] as number) - before
  let count = ta.total - before
  for (let y = ya + 1; y < yb; y++) count += table(cal, y).total
  const tb = table(cal, yb)
  return count + (tb.through[b - tb.first] as number)
}

/** The n-th working day after day a (n ≥ 1). */
function nthWorkingAfter(cal: CalendarSnapshot, a: number, n: number): number {
  let year = yearOf(a)
  let t = table(cal, year)
  let done = t.through[a - t.first] as number
  let need = n
  // Forty-odd years hold MAX_WORKING_DAYS; a year of overrides with no working day is skipped.
  for (let span = 0; span <= 100; span++) {
    if (need <= t.total - done) {
      const target = done + need
      let lo = 0
      let hi = t.through.length - 1
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if ((t.through[mid] as number) >= target) hi = mid
        else lo = mid + 1
      }
      return t.first + lo
    }
    need -= t.total - done
    year++
    t = table(cal, year)
    done = 0
  }
  throw new RangeError(`no ${n}th working day within a century of ${dayText(a)}`)
}
