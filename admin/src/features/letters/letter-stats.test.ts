import { describe, expect, it } from 'vitest'
import type { StatsRow } from './letter-api'
import {
  chartRows,
  groupByLabel,
  percent,
  ratesOption,
  STATS_FIELDS,
  statsCell,
  statsQuery,
  volumeOption,
} from './letter-stats'

const row = (label: string, received: number, over: Partial<StatsRow> = {}): StatsRow => ({
  key: label,
  label,
  received,
  accepted: received,
  answered: received,
  onTime: received,
  onTimeRate: 1,
  avgDays: 3,
  p90Days: 5,
  rated: 0,
  satisfied: 0,
  basically: 0,
  unsatisfied: 0,
  satisfactionRate: null,
  reopened: 0,
  reopenRate: 0,
  ...over,
})

describe('statsQuery', () => {
  it('sends the grouping and only the filters set', () => {
    expect(statsQuery({ groupBy: 'unit' })).toEqual({ groupBy: 'unit' })
    expect(
      statsQuery({
        groupBy: 'month',
        from: '2024-01-01',
        to: '2024-12-31',
        siteId: 2,
        mailboxId: 5,
      }),
    ).toEqual({ groupBy: 'month', from: '2024-01-01', to: '2024-12-31', siteId: 2, mailboxId: 5 })
    expect(groupByLabel('mailbox')).toBe('信箱')
  })
})

describe('charts', () => {
  it('charts the busiest groups first, months in order', () => {
    const rows = [row('a', 1), row('b', 9), row('c', 5)]
    expect(chartRows(rows, 'unit').map((r) => r.label)).toEqual(['b', 'c', 'a'])
    expect(chartRows(rows, 'month').map((r) => r.label)).toEqual(['a', 'b', 'c'])
    const many = Array.from({ length: 30 }, (_, i) => row(`u${i}`, i))
    expect(chartRows(many, 'unit')).toHaveLength(20)
    expect(chartRows(many, 'unit')[0]?.label).toBe('u29')
  })

  it('plots rates as percentages with gaps where nothing was rated', () => {
    expect(percent(0.8567)).toBe(85.7)
    expect(percent(null)).toBeNull()
    const o = ratesOption([row('a', 2, { onTimeRate: 0.5, satisfactionRate: null })], 'unit')
    expect(o.series.map((s) => s.data)).toEqual([[50], [null]])
    expect(o.series[0]?.type).toBe('bar')
    expect(ratesOption([], 'month').series[0]?.type).toBe('line')
  })

  it('plots received and answered per group', () => {
    const o = volumeOption([row('教育局', 4, { answered: 3 })], 'unit')
    expect(o.series.map((s) => s.data)).toEqual([[4], [3]])
    expect(o.yAxis).toMatchObject({ type: 'category', data: ['教育局'] })
  })
})

describe('statsCell', () => {
  it('formats rates, days and counts', () => {
    const r = row('a', 7, { onTimeRate: 0.857, avgDays: 2.25, satisfactionRate: null })
    expect(statsCell(r, 'received')).toBe('7')
    expect(statsCell(r, 'onTimeRate')).toBe('85.7%')
    expect(statsCell(r, 'avgDays')).toBe('2.3')
    expect(statsCell(r, 'satisfactionRate')).toBe('—')
    expect(STATS_FIELDS.map((f) => f.key)).toContain('reopenRate')
  })
})
