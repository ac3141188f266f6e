import { describe, expect, it } from 'vitest'
import type { LetterCounts } from './letter-api'
import {
  boxCount,
  defaultBox,
  dueTag,
  eventLabel,
  formatDays,
  formatRate,
  inboxTotal,
  isLetterBox,
  onTimeText,
  RED_FLAG_LABEL,
  DUE_FILTER_LABELS,
  stateLabel,
} from './letter-labels'

const counts = (over: Partial<LetterCounts> = {}): LetterCounts => ({
  screening: 0,
  unit: 0,
  review: 0,
  extension: 0,
  overdue: 0,
  red: 0,
  ...over,
})

describe('dueTag', () => {
  it('colours due soon, 催办 and 督办, and nothing for letters on schedule', () => {
    expect(dueTag('due_soon')).toEqual({ label: '即将到期', color: '#ad4e00' })
    expect(dueTag('overdue')?.label).toBe('已超期（催办）')
    expect(dueTag('escalated')?.label).toBe('严重超期（督办）')
    expect(dueTag('overdue')?.color).not.toBe(dueTag('escalated')?.color)
    expect(dueTag('ok')).toBeNull()
    expect(dueTag('none')).toBeNull()
  })

  it('names the red flag after the 3-month rule', () => {
    expect(RED_FLAG_LABEL).toBe('超3个月未办结')
    expect(DUE_FILTER_LABELS.red).toBe('超3个月未办结')
  })
})

describe('boxes', () => {
  it('adds up the work waiting for me for the menu badge, not overdue or red', () => {
    expect(inboxTotal(null)).toBe(0)
    expect(
      inboxTotal(counts({ screening: 2, unit: 3, review: 1, extension: 1, overdue: 9, red: 4 })),
    ).toBe(7)
  })

  it('opens the first box with work, else 全部', () => {
    expect(defaultBox(null)).toBe('all')
    expect(defaultBox(counts())).toBe('all')
    expect(defaultBox(counts({ unit: 2, review: 1 }))).toBe('unit')
    expect(defaultBox(counts({ extension: 1 }))).toBe('extension')
  })

  it('counts per box, none for 全部, and recognises box names', () => {
    expect(boxCount(counts({ review: 5 }), 'review')).toBe(5)
    expect(boxCount(counts({ review: 5 }), 'all')).toBe(0)
    expect(isLetterBox('screening')).toBe(true)
    expect(isLetterBox('mine')).toBe(false)
    expect(isLetterBox(null)).toBe(false)
  })
})

describe('formatting', () => {
  it('shows rates as percentages with one decimal and — when nothing was rated', () => {
    expect(formatRate(0.8567)).toBe('85.7%')
    expect(formatRate(1)).toBe('100.0%')
    expect(formatRate(0)).toBe('0.0%')
    expect(formatRate(null)).toBe('—')
    expect(formatRate(Number.NaN)).toBe('—')
  })

  it('shows days with at most one decimal', () => {
    expect(formatDays(3.456)).toBe('3.5')
    expect(formatDays(4)).toBe('4')
    expect(formatDays(null)).toBe('—')
  })

  it('labels stage results, states and events', () => {
    expect(onTimeText(true)).toBe('按时')
    expect(onTimeText(false)).toBe('超期')
    expect(onTimeText(null)).toBe('—')
    expect(stateLabel('reply_drafted')).toBe('答复审核中')
    expect(stateLabel(null)).toBe('')
    expect(eventLabel('transfer')).toBe('转办')
    expect(eventLabel('transfer', '转办（县教育局）')).toBe('转办（县教育局）')
    expect(eventLabel('mystery')).toBe('mystery')
  })
})
