import { Type } from 'typebox'
import { CALENDAR_DAY_KINDS, MAX_CALENDAR_YEAR, MIN_CALENDAR_YEAR } from './working-days'

const DAY_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$'

const Day = Type.String({ title: '日期', pattern: DAY_PATTERN, maxLength: 10 })
const Kind = Type.Enum(CALENDAR_DAY_KINDS, { title: '类型' })
const Name = Type.String({ title: '名称', maxLength: 100 })

export const YearParams = Type.Object({
  year: Type.Integer({ title: '年份', minimum: MIN_CALENDAR_YEAR, maximum: MAX_CALENDAR_YEAR }),
})
export const DayParams = Type.Object({ day: Day })

export const DayPutSchema = Type.Object({ kind: Kind, name: Type.Optional(Name) })

export const YearOverridesSchema = Type.Object({
  days: Type.Array(Type.Object({ day: Day, kind: Kind, name: Type.Optional(Name) }), {
    title: '日期列表',
    maxItems: 366,
  }),
})

const Source = Type.Union([
  Type.Literal('override'),
  Type.Literal('package'),
  Type.Literal('weekend-default'),
])
export const CalendarDaySchema = Type.Object({
  day: Type.String(),
  weekday: Type.Integer(),
  kind: Kind,
  source: Source,
  name: Type.String(),
  defaultKind: Kind,
  defaultName: Type.String(),
})

export const YearCoverageSchema = Type.Object({
  year: Type.Integer(),
  covered: Type.Boolean(),
  source: Type.Union([Type.Literal('package'), Type.Literal('override'), Type.Null()]),
})

export const YearResponse = Type.Object({
  data: Type.Object({
    year: Type.Integer(),
    coverage: YearCoverageSchema,
    packageYears: Type.Object({ first: Type.Integer(), last: Type.Integer() }),
    days: Type.Array(CalendarDaySchema),
  }),
})
export const DayResponse = Type.Object({ data: CalendarDaySchema })
export const CoverageResponse = Type.Object({ data: Type.Array(YearCoverageSchema) })
