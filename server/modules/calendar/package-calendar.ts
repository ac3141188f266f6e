import { createRequire } from 'node:module'

/** A day the published State Council calendar marks: a holiday or a make-up working day (调休). */
export interface PackageEntry {
  kind: 'holiday' | 'workday'
  /** The festival's Chinese name (元旦, 春节, 国庆节 …). */
  name: string
}

/** The official calendar as the `chinese-days` package knows it, keyed by `YYYY-MM-DD`. */
export interface PackageCalendar {
  entries: ReadonlyMap<string, PackageEntry>
  /** Years with at least one entry: the years whose holiday notice the package carries. */
  years: ReadonlySet<number>
  first: number
  last: number
}

let loaded: PackageCalendar | null = null

/**
 * Reads `chinese-days`' published JSON rather than calling its functions: those build their
 * tables with local-time `Date` getters, so on a server whose time zone is west of UTC every
 * date shifts by a day (2025-09-28, a make-up Sunday, reads as a rest day in Los Angeles). The
 * JSON is the same data keyed by date text, independent of the process's time zone.
 */
export function packageCalendar(): PackageCalendar {
  if (loaded) return loaded
  const raw = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as {
    holidays?: Record<string, string>
    workdays?: Record<string, string>
  }
  const entries = new Map<string, PackageEntry>()
  const years = new Set<number>()
  const add = (table: Record<string, string> | undefined, kind: PackageEntry['kind']) => {
    for (const [day, label] of Object.entries(table ?? {})) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) continue
      // "National Day,国庆节,3": English name, Chinese name, festival number.
      const name = label.split(',')[1]?.trim() || label
      // A make-up working day wins if a (malformed) release listed a day in both tables.
      if (kind === 'holiday' && entries.get(day)?.kind === 'workday') continue
      entries.set(day, { kind, name })
      years.add(Number(day.slice(0, 4)))
    }
  }
  add(raw.holidays, 'holiday')
  add(raw.workdays, 'workday')
  if (years.size === 0) throw new Error('chinese-days: no holiday data found')
  const sorted = [...years].sort((a, b) => a - b)
  loaded = {
    entries,
    years,
    first: sorted[0] as number,
    last: sorted[sorted.length - 1] as number,
  }
  return loaded
}
