import { describe, expect, it } from 'vitest'
import type { SubmissionStatRow } from '../../../../common/cluster'
import { chartRows, formatRate, formatScore, showsReason } from './cluster-labels'

const row = (over: Partial<SubmissionStatRow>): SubmissionStatRow => ({
  rank: 1,
  siteId: 1,
  siteName: '单位',
  submitted: 0,
  adopted: 0,
  rate: 0,
  adoptedHome: 0,
  score: 0,
  ...over,
})

describe('formatRate', () => {
  it('shows a percentage with one decimal', () => {
    expect(formatRate(2 / 3, 3)).toBe('66.7%')
    expect(formatRate(1, 4)).toBe('100%')
    expect(formatRate(0, 5)).toBe('0%')
  })
  it('shows a dash when nothing was submitted', () => {
    expect(formatRate(0, 0)).toBe('—')
  })
  it('clamps rates outside 0..1', () => {
    expect(formatRate(1.5, 2)).toBe('100%')
  })
})

describe('formatScore', () => {
  it('keeps at most two decimals without trailing zeros', () => {
    expect(formatScore(2.5)).toBe('2.5')
    expect(formatScore(3)).toBe('3')
    expect(formatScore(12.2549)).toBe('12.25')
  })
})

describe('showsReason', () => {
  it('is true only for returned and declined', () => {
    expect(showsReason('returned')).toBe(true)
    expect(showsReason('declined')).toBe(true)
    expect(showsReason('pending')).toBe(false)
    expect(showsReason('adopted')).toBe(false)
  })
})

describe('chartRows', () => {
  const rows = [
    row({ siteId: 1, siteName: '甲', submitted: 5, adopted: 1, score: 4.5 }),
    row({ siteId: 2, siteName: '乙', submitted: 2, adopted: 2, score: 5 }),
    row({ siteId: 3, siteName: '丙', submitted: 0, adopted: 0, score: 0 }),
    row({ siteId: 4, siteName: '丁', submitted: 3, adopted: 1, score: 4.5 }),
  ]
  it('orders by the metric, best first, leaving out units with nothing', () => {
    expect(chartRows(rows, 'score').map((r) => r.siteId)).toEqual([2, 4, 1])
    expect(chartRows(rows, 'adopted').map((r) => r.siteId)).toEqual([2, 4, 1])
  })
  it('keeps only the first `limit` rows', () => {
    expect(chartRows(rows, 'score', 2).map((r) => r.siteId)).toEqual([2, 4])
  })
  it('does not reorder the caller’s array', () => {
    chartRows(rows, 'score')
    expect(rows.map((r) => r.siteId)).toEqual([1, 2, 3, 4])
  })
})
