import type { Generated } from 'kysely'

/** The cluster's working-day overrides: one row per day that differs from (or fixes) the package. */
export interface CalendarDayTable {
  /** `YYYY-MM-DD` (Beijing calendar day). */
  day: string
  /** 'holiday' | 'workday' */
  kind: string
  name: Generated<string>
  updated_by: number | null
  updated_at: string
}
