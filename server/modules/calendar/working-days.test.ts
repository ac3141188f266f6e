import { describe, expect, it } from 'vitest'
import {
  addWorkingDays,
  beijingDay,
  calendarDay,
  calendarYear,
  createCalendarSnapshot,
  isWorkingDay,
  PACKAGE_ONLY,
  packageYears,
  parseCalendarDay,
  workingDaysBetween,
  yearCoverage,
  type CalendarSnapshot,
} from './working-days'

/** Deterministic pseudo-random numbers (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The slow, obvious reading of the rule, day by day, to check the table-driven one against. */
function naiveDue(cal: CalendarSnapshot, start: string, n: number): string {
  let day = beijingDay(start)
  for (let left = n; left > 0;) {
    day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
    if (calendarDay(cal, day).kind === 'workday') left--
  }
  return new Date(Date.parse(`${day}T23:59:59.999+08:00`)).toISOString()
}

const days = (from: string, to: string): string[] => {
  const out: string[] = []
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10))
  return out
}

describe('the State Council notices as the package carries them', () => {
  // 国办发明电〔2024〕12号: 国庆节、中秋节 10月1日至8日放假调休，共8天；9月28日（周日）、
  // 10月11日（周六）上班。春节 1月28日至2月4日；1月26日（周日）、2月8日（周六）上班。
  // 劳动节 5月1日至5日；4月27日（周日）上班。
  it('knows 2025: National Day and Mid-Autumn off 1–8 October, make-up Sunday 28 Sep and Saturday 11 Oct', () => {
    for (const d of days('2025-10-01', '2025-10-08')) {
      expect(isWorkingDay(PACKAGE_ONLY, d), d).toBe(false)
      expect(calendarDay(PACKAGE_ONLY, d).source).toBe('package')
    }
    expect(calendarDay(PACKAGE_ONLY, '2025-10-01')).toMatchObject({
      kind: 'holiday',
      name: '国庆节',
      weekday: 3,
    })
    expect(calendarDay(PACKAGE_ONLY, '2025-10-06').name).toBe('中秋')
    for (const d of ['2025-09-28', '2025-10-11', '2025-01-26', '2025-02-08', '2025-04-27']) {
      expect(calendarDay(PACKAGE_ONLY, d), d).toMatchObject({ kind: 'workday', source: 'package' })
    }
    expect(calendarDay(PACKAGE_ONLY, '2025-09-28').weekday).toBe(0)
    expect(calendarDay(PACKAGE_ONLY, '2025-10-11').weekday).toBe(6)
    for (const d of [...days('2025-01-28', '2025-02-04'), ...days('2025-05-01', '2025-05-05')])
      expect(isWorkingDay(PACKAGE_ONLY, d), d).toBe(false)
    expect(isWorkingDay(PACKAGE_ONLY, '2025-10-09')).toBe(true)
    expect(isWorkingDay(PACKAGE_ONLY, '2025-10-12')).toBe(false)
    expect(calendarDay(PACKAGE_ONLY, '2025-10-12').source).toBe('weekend-default')
  })

  // 国办发明电〔2025〕7号: 元旦 1月1日至3日，1月4日（周日）上班；春节 2月15日至23日，
  // 2月14日（周六）、2月28日（周六）上班；劳动节 5月1日至5日，5月9日（周六）上班；
  // 国庆节 10月1日至7日，9月20日（周日）、10月10日（周六）上班。
  it('knows 2026 and its make-up working days', () => {
    const off = [
      ...days('2026-01-01', '2026-01-03'),
      ...days('2026-02-15', '2026-02-23'),
      ...days('2026-04-04', '2026-04-06'),
      ...days('2026-05-01', '2026-05-05'),
      ...days('2026-06-19', '2026-06-21'),
      ...days('2026-09-25', '2026-09-27'),
      ...days('2026-10-01', '2026-10-07'),
    ]
    for (const d of off) expect(isWorkingDay(PACKAGE_ONLY, d), d).toBe(false)
    for (const d of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20'])
      expect(isWorkingDay(PACKAGE_ONLY, d), d).toBe(true)
    expect(calendarDay(PACKAGE_ONLY, '2026-10-10')).toMatchObject({
      kind: 'workday',
      weekday: 6,
      name: '国庆节',
    })
    // Working days in 2026: 365 − 104 weekend days − 19 weekday holidays + 6 make-up days.
    expect(calendarYear(PACKAGE_ONLY, 2026).filter((d) => d.kind === 'workday')).toHaveLength(248)
  })
})

describe('addWorkingDays', () => {
  it('counts from the first working day after the Beijing date and ends at 23:59:59.999 Beijing', () => {
    // Tuesday 30 Sep 2025, 10:00 Beijing: 9 Oct is day 1, 10 Oct day 2, Saturday 11 Oct day 3.
    expect(addWorkingDays(PACKAGE_ONLY, '2025-09-30T02:00:00.000Z', 3)).toBe(
      '2025-10-11T15:59:59.999Z',
    )
    // 23:59:59 Beijing on the 30th is still the 30th; a second later it is 1 October.
    expect(addWorkingDays(PACKAGE_ONLY, '2025-09-30T15:59:59.000Z', 1)).toBe(
      '2025-10-09T15:59:59.999Z',
    )
    expect(addWorkingDays(PACKAGE_ONLY, '2025-09-30T16:00:00.000Z', 1)).toBe(
      '2025-10-09T15:59:59.999Z',
    )
    // Friday 26 Sep: Sunday 28th is a make-up working day, so it is day 1.
    expect(addWorkingDays(PACKAGE_ONLY, '2025-09-26T08:00:00.000Z', 1)).toBe(
      '2025-09-28T15:59:59.999Z',
    )
    expect(addWorkingDays(PACKAGE_ONLY, '2025-09-26T08:00:00.000Z', 0)).toBe(
      '2025-09-26T15:59:59.999Z',
    )
    // A start on a holiday counts from the next working day just the same.
    expect(addWorkingDays(PACKAGE_ONLY, new Date('2025-10-03T04:00:00.000Z'), 2)).toBe(
      '2025-10-10T15:59:59.999Z',
    )
    expect(() => addWorkingDays(PACKAGE_ONLY, '2025-09-26T08:00:00.000Z', -1)).toThrow(RangeError)
    expect(() => addWorkingDays(PACKAGE_ONLY, '2025-09-26T08:00:00.000Z', 1.5)).toThrow(RangeError)
    expect(() => addWorkingDays(PACKAGE_ONLY, 'not a date', 1)).toThrow(RangeError)
  })

  it('shifts when an override makes a weekday a holiday', () => {
    const cal = createCalendarSnapshot([{ day: '2025-10-09', kind: 'holiday', name: '县庆' }])
    expect(isWorkingDay(cal, '2025-10-09')).toBe(false)
    expect(calendarDay(cal, '2025-10-09')).toMatchObject({
      kind: 'holiday',
      source: 'override',
      name: '县庆',
      defaultKind: 'workday',
    })
    // 10 Oct day 1, Saturday 11th day 2, Sunday 12th off, Monday 13th day 3.
    expect(addWorkingDays(cal, '2025-09-30T02:00:00.000Z', 3)).toBe('2025-10-13T15:59:59.999Z')
  })

  it('counts a weekend day made a working day (调休) by an override', () => {
    const cal = createCalendarSnapshot([{ day: '2025-10-12', kind: 'workday', name: '调休' }])
    expect(isWorkingDay(cal, '2025-10-12')).toBe(true)
    expect(addWorkingDays(PACKAGE_ONLY, '2025-09-30T02:00:00.000Z', 4)).toBe(
      '2025-10-13T15:59:59.999Z',
    )
    expect(addWorkingDays(cal, '2025-09-30T02:00:00.000Z', 4)).toBe('2025-10-12T15:59:59.999Z')
  })

  it('overrides win over the package', () => {
    const cal = createCalendarSnapshot([{ day: '2025-10-08', kind: 'workday', name: '' }])
    expect(calendarDay(cal, '2025-10-08')).toMatchObject({
      kind: 'workday',
      source: 'override',
      defaultKind: 'holiday',
      defaultName: '国庆节',
    })
    expect(addWorkingDays(cal, '2025-09-30T02:00:00.000Z', 1)).toBe('2025-10-08T15:59:59.999Z')
  })

  it('crosses the year boundary into the next year’s holidays and make-up days', () => {
    // Wednesday 31 Dec 2025: 1–3 Jan 2026 are 元旦, Sunday 4 Jan is a make-up working day.
    expect(addWorkingDays(PACKAGE_ONLY, '2025-12-31T03:00:00.000Z', 1)).toBe(
      '2026-01-04T15:59:59.999Z',
    )
    expect(addWorkingDays(PACKAGE_ONLY, '2025-12-31T03:00:00.000Z', 2)).toBe(
      '2026-01-05T15:59:59.999Z',
    )
    // 16:30 UTC on 31 Dec is already 1 Jan in Beijing.
    expect(beijingDay('2025-12-31T16:30:00.000Z')).toBe('2026-01-01')
    // A year the package does not know falls back to weekends until its notice is entered.
    const unknown = packageYears().last + 1
    const newYearsEve = `${unknown - 1}-12-31T03:00:00.000Z`
    const firstWorking = calendarYear(PACKAGE_ONLY, unknown).find((d) => d.kind === 'workday')
    expect(addWorkingDays(PACKAGE_ONLY, newYearsEve, 1).slice(0, 10)).toBe(firstWorking?.day)
    const entered = createCalendarSnapshot(
      calendarYear(PACKAGE_ONLY, unknown)
        .slice(0, 10)
        .filter((d) => d.kind === 'workday')
        .map((d) => ({ day: d.day, kind: 'holiday' as const, name: '元旦' })),
    )
    const due = addWorkingDays(entered, newYearsEve, 1)
    expect(due.slice(0, 10) > `${unknown}-01-10`).toBe(true)
    expect(due).toBe(naiveDue(entered, newYearsEve, 1))
  })

  it('agrees with the day-by-day reading over many random starts', () => {
    const next = random(20251001)
    const cal = createCalendarSnapshot([
      { day: '2025-11-03', kind: 'holiday', name: '县庆' },
      { day: '2026-03-08', kind: 'workday', name: '调休' },
      { day: '2026-12-31', kind: 'holiday', name: '' },
    ])
    const lo = Date.parse('2024-06-01T00:00:00Z')
    const hi = Date.parse('2027-06-01T00:00:00Z')
    for (let i = 0; i < 400; i++) {
      const start = new Date(lo + Math.floor(next() * (hi - lo))).toISOString()
      const n = Math.floor(next() * 45)
      expect(addWorkingDays(cal, start, n), `${start} + ${n}`).toBe(naiveDue(cal, start, n))
    }
  })
})

describe('workingDaysBetween', () => {
  it('counts the working days taken, a day off counting with the working day after it', () => {
    const received = '2025-09-30T02:00:00.000Z'
    expect(workingDaysBetween(PACKAGE_ONLY, received, '2025-09-30T15:00:00.000Z')).toBe(0)
    // Answered during the holiday: within a 1-working-day deadline (9 Oct).
    expect(workingDaysBetween(PACKAGE_ONLY, received, '2025-10-05T02:00:00.000Z')).toBe(1)
    expect(workingDaysBetween(PACKAGE_ONLY, received, '2025-10-09T09:00:00.000Z')).toBe(1)
    expect(workingDaysBetween(PACKAGE_ONLY, received, '2025-10-11T09:00:00.000Z')).toBe(3)
    // Sunday 12th is off: counted with Monday 13th, day 4.
    expect(workingDaysBetween(PACKAGE_ONLY, received, '2025-10-12T09:00:00.000Z')).toBe(4)
    // Never negative.
    expect(workingDaysBetween(PACKAGE_ONLY, received, '2025-09-01T00:00:00.000Z')).toBe(0)
  })

  it('counts across years', () => {
    // 1 Dec 2025 → 2 Mar 2026: every working day of December after the 1st, Jan, Feb, and 2 Mar.
    const count = [...days('2025-12-02', '2025-12-31'), ...days('2026-01-01', '2026-03-02')].filter(
      (d) => isWorkingDay(PACKAGE_ONLY, d),
    ).length
    expect(
      workingDaysBetween(PACKAGE_ONLY, '2025-12-01T01:00:00.000Z', '2026-03-02T01:00:00.000Z'),
    ).toBe(count)
  })

  it('is consistent with addWorkingDays: between(a, t) <= n exactly when t <= addWorkingDays(a, n)', () => {
    const next = random(42)
    const cal = createCalendarSnapshot([
      { day: '2026-07-15', kind: 'holiday', name: '县庆' },
      { day: '2026-07-19', kind: 'workday', name: '调休' },
    ])
    const lo = Date.parse('2024-11-01T00:00:00Z')
    const hi = Date.parse('2027-02-01T00:00:00Z')
    for (let i = 0; i < 500; i++) {
      const start = new Date(lo + Math.floor(next() * (hi - lo))).toISOString()
      const n = Math.floor(next() * 30)
      const due = addWorkingDays(cal, start, n)
      const dueMs = Date.parse(due)
      expect(workingDaysBetween(cal, start, due), `${start} + ${n}`).toBe(n)
      expect(workingDaysBetween(cal, start, new Date(dueMs + 1)), `${start} + ${n} + 1ms`).toBe(
        n + 1,
      )
      // Any reply moment: on time for n exactly when its count is at most n.
      const reply = new Date(Date.parse(start) + Math.floor(next() * 60 * 86_400_000)).toISOString()
      expect(workingDaysBetween(cal, start, reply) <= n, `${start} ${reply} ${n}`).toBe(
        reply <= due,
      )
    }
  })

  it('runs thousands of deadlines quickly', () => {
    const cal = createCalendarSnapshot([{ day: '2026-07-15', kind: 'holiday', name: '县庆' }])
    const t0 = performance.now()
    let sum = 0
    for (let i = 0; i < 20_000; i++) {
      const start = new Date(Date.parse('2025-01-01T00:00:00Z') + i * 3_600_000)
      const due = addWorkingDays(cal, start, 15)
      sum += workingDaysBetween(cal, start, due)
    }
    expect(sum).toBe(15 * 20_000)
    expect(performance.now() - t0).toBeLessThan(5_000)
  })
})

describe('dates and coverage', () => {
  it('accepts real dates only', () => {
    expect(parseCalendarDay('2024-02-29')).toBe('2024-02-29')
    expect(parseCalendarDay('2025-02-29')).toBeNull()
    expect(parseCalendarDay('2025-13-01')).toBeNull()
    expect(parseCalendarDay('2025-1-1')).toBeNull()
    expect(parseCalendarDay('1999-12-31')).toBeNull()
    expect(() => isWorkingDay(PACKAGE_ONLY, '2025-02-30')).toThrow(RangeError)
  })

  it('places instants on their Beijing day', () => {
    expect(isWorkingDay(PACKAGE_ONLY, '2025-09-30T15:59:59.999Z')).toBe(true)
    expect(isWorkingDay(PACKAGE_ONLY, '2025-09-30T16:00:00.000Z')).toBe(false)
  })

  it('tells which years are known, by the package or by overrides', () => {
    const { first, last } = packageYears()
    expect(first).toBeLessThanOrEqual(2025)
    expect(last).toBeGreaterThanOrEqual(2026)
    expect(yearCoverage(PACKAGE_ONLY, 2026)).toEqual({
      year: 2026,
      covered: true,
      source: 'package',
    })
    const unknown = last + 1
    expect(yearCoverage(PACKAGE_ONLY, unknown)).toEqual({
      year: unknown,
      covered: false,
      source: null,
    })
    const cal = createCalendarSnapshot([{ day: `${unknown}-01-01`, kind: 'holiday', name: '元旦' }])
    expect(yearCoverage(cal, unknown)).toEqual({ year: unknown, covered: true, source: 'override' })
    expect(calendarYear(cal, unknown)).toHaveLength(
      new Date(Date.UTC(unknown, 1, 29)).getUTCDate() === 29 ? 366 : 365,
    )
  })
})
