import { STATS_GROUPS, STATS_GROUP_LABELS } from '../../../../common/letters'
import type { ApiQuery, StatsGroupBy, StatsRow } from './letter-api'
import { formatDays, formatRate } from './letter-labels'

export const GROUP_BY_OPTIONS: { value: StatsGroupBy; label: string }[] = STATS_GROUPS.map(
  (value) => ({ value, label: STATS_GROUP_LABELS[value] }),
)

export function groupByLabel(groupBy: StatsGroupBy): string {
  return GROUP_BY_OPTIONS.find((o) => o.value === groupBy)?.label ?? groupBy
}

export interface StatsFilters {
  groupBy: StatsGroupBy
  from?: string
  to?: string
  siteId?: number
  mailboxId?: number
}

/** The query of GET /letters/statistics(.xlsx); unset filters are left out. */
export function statsQuery(f: StatsFilters): ApiQuery {
  const q: ApiQuery = { groupBy: f.groupBy }
  if (f.from) q.from = f.from
  if (f.to) q.to = f.to
  if (f.siteId) q.siteId = f.siteId
  if (f.mailboxId) q.mailboxId = f.mailboxId
  return q
}

/** Charts show at most this many groups (the busiest); the table has them all. */
export const CHART_MAX_GROUPS = 20

/** The groups to chart: by month in order, otherwise the most received first. */
export function chartRows(rows: readonly StatsRow[], groupBy: StatsGroupBy): StatsRow[] {
  if (groupBy === 'month') return rows.slice(-CHART_MAX_GROUPS)
  return [...rows].sort((a, b) => b.received - a.received).slice(0, CHART_MAX_GROUPS)
}

/** A rate (0–1) as a percentage for charts, null when there was nothing to measure. */
export function percent(rate: number | null): number | null {
  return rate === null || !Number.isFinite(rate) ? null : Math.round(rate * 1000) / 10
}

const RED = '#b4000f'
const GREY = '#595959'
const BLUE = '#0050b3'
const GREEN = '#237804'

/** Received and answered per group: horizontal bars (vertical by month). */
export function volumeOption(rows: readonly StatsRow[], groupBy: StatsGroupBy) {
  const isMonth = groupBy === 'month'
  const category = { type: 'category', data: rows.map((r) => r.label), inverse: !isMonth }
  const value = { type: 'value', minInterval: 1 }
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: isMonth
      ? { left: 48, right: 24, top: 32, bottom: 32 }
      : { left: 160, right: 24, top: 32, bottom: 24 },
    xAxis: isMonth ? category : value,
    yAxis: isMonth ? value : category,
    series: [
      { name: '收信', type: 'bar', data: rows.map((r) => r.received), color: RED },
      { name: '已答复', type: 'bar', data: rows.map((r) => r.answered), color: GREY },
    ],
  }
}

/** On-time and satisfaction rates (%) per group: lines by month, bars otherwise. */
export function ratesOption(rows: readonly StatsRow[], groupBy: StatsGroupBy) {
  const isMonth = groupBy === 'month'
  const type = isMonth ? 'line' : 'bar'
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v == null ? '—' : `${v}%`) },
    legend: { top: 0 },
    grid: { left: 48, right: 24, top: 32, bottom: isMonth ? 32 : 72 },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.label),
      axisLabel: isMonth ? {} : { interval: 0, rotate: 30 },
    },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: '按时办结率',
        type,
        data: rows.map((r) => percent(r.onTimeRate)),
        color: BLUE,
        connectNulls: true,
      },
      {
        name: '满意率',
        type,
        data: rows.map((r) => percent(r.satisfactionRate)),
        color: GREEN,
        connectNulls: true,
      },
    ],
  }
}

/** The figures of a statistics row, in table order (the group label comes first). */
export const STATS_FIELDS: { key: Exclude<keyof StatsRow, 'key' | 'label'>; title: string }[] = [
  { key: 'received', title: '收信' },
  { key: 'accepted', title: '受理' },
  { key: 'answered', title: '已答复' },
  { key: 'onTime', title: '按时答复' },
  { key: 'onTimeRate', title: '按时办结率' },
  { key: 'avgDays', title: '平均用时（工作日）' },
  { key: 'p90Days', title: '90% 用时（工作日）' },
  { key: 'rated', title: '已评价' },
  { key: 'satisfied', title: '满意' },
  { key: 'basically', title: '基本满意' },
  { key: 'unsatisfied', title: '不满意' },
  { key: 'satisfactionRate', title: '满意率' },
  { key: 'reopened', title: '重办' },
  { key: 'reopenRate', title: '重办率' },
]

/** One figure as shown: rates in %, days with one decimal, counts as they are. */
export function statsCell(row: StatsRow, key: (typeof STATS_FIELDS)[number]['key']): string {
  const v = row[key]
  if (key.endsWith('Rate')) return formatRate(v)
  if (key.endsWith('Days')) return formatDays(v)
  return v === null || v === undefined ? '—' : String(v)
}
