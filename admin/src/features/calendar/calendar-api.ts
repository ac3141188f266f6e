import { api } from '../../api'

/** `holiday`: a day off (休); `workday`: a working day (班). */
export type DayKind = 'holiday' | 'workday'
/** Where a day's kind comes from: the cluster's setting, the State Council notice, or weekends. */
export type DaySource = 'override' | 'package' | 'weekend-default'

/** One day as GET /calendar/:year returns it. */
export interface CalendarDay {
  day: string
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number
  kind: DayKind
  source: DaySource
  name: string
  defaultKind: DayKind
  defaultName: string
}

export interface YearCoverage {
  year: number
  covered: boolean
  source: 'package' | 'override' | null
}

export interface CalendarYear {
  year: number
  coverage: YearCoverage
  packageYears: { first: number; last: number }
  days: CalendarDay[]
}

export interface OverrideEntry {
  day: string
  kind: DayKind
  name: string
}

export const calendarApi = {
  year: async (year: number) => (await api.get<{ data: CalendarYear }>(`/calendar/${year}`)).data,
  coverage: async () => (await api.get<{ data: YearCoverage[] }>('/calendar/coverage')).data,
  setDay: async (day: string, kind: DayKind, name: string) =>
    (await api.put<{ data: CalendarDay }>(`/calendar/days/${day}`, { kind, name })).data,
  resetDay: async (day: string) =>
    (await api.del<{ data: CalendarDay }>(`/calendar/days/${day}`)).data,
  replaceYear: async (year: number, days: OverrideEntry[]) =>
    (await api.put<{ data: CalendarYear }>(`/calendar/${year}/overrides`, { days })).data,
}
