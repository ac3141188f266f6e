import { describe, expect, it } from 'vitest'
import { formatNotice, parseNotice } from './calendar-parse'

describe('parseNotice', () => {
  it('reads one day a line, ranges, and skips blanks and comments', () => {
    const r = parseNotice(
      [
        '# 国务院办公厅关于2027年部分节假日安排的通知',
        '2027-01-01 休 元旦',
        '',
        '2027-02-05～2027-02-07 休 春节',
        '2027/2/20　班　春节',
        '2027-10-09 班',
      ].join('\n'),
      2027,
    )
    expect(r.problems).toEqual([])
    expect(r.entries).toEqual([
      { day: '2027-01-01', kind: 'holiday', name: '元旦' },
      { day: '2027-02-05', kind: 'holiday', name: '春节' },
      { day: '2027-02-06', kind: 'holiday', name: '春节' },
      { day: '2027-02-07', kind: 'holiday', name: '春节' },
      { day: '2027-02-20', kind: 'workday', name: '春节' },
      { day: '2027-10-09', kind: 'workday', name: '' },
    ])
    expect(r.lines).toEqual([2, 4, 4, 4, 5, 6])
  })

  it('names the line of every problem', () => {
    const r = parseNotice(
      [
        '2027-01-01 休 元旦',
        '2027-02-30 休 春节',
        '2028-01-01 休 元旦',
        '2027-01-01 班',
        '元旦 2027-01-02',
        '2027-03-05~2027-03-01 休',
      ].join('\n'),
      2027,
    )
    expect(r.problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6])
    expect(r.problems[0]?.message).toBe('第 2 行的日期不存在')
    expect(r.problems[1]?.message).toBe('第 3 行的 2028-01-01 不在 2027 年')
    expect(r.problems[2]?.message).toBe('第 4 行的 2027-01-01 与第 1 行重复')
    expect(r.problems[3]?.message).toContain('格式有误')
  })

  it('round-trips what formatNotice writes', () => {
    const entries = [
      { day: '2027-01-01', kind: 'holiday' as const, name: '元旦' },
      { day: '2027-01-04', kind: 'workday' as const, name: '' },
    ]
    expect(parseNotice(formatNotice(entries), 2027).entries).toEqual(entries)
  })
})
