import { describe, expect, it } from 'vitest'
import { EMPTY_AGGREGATE_RULE } from '../../../../common/cluster'
import { hasSourceFilter, normaliseRule, settingsWithRule } from './aggregate-rule'

describe('normaliseRule', () => {
  it('gives the empty rule for missing settings', () => {
    expect(normaliseRule(undefined)).toEqual(EMPTY_AGGREGATE_RULE)
    expect(normaliseRule('x')).toEqual(EMPTY_AGGREGATE_RULE)
  })
  it('fills what a partial rule lacks', () => {
    expect(normaliseRule({ columnSlugs: ['gzdt'] })).toEqual({
      ...EMPTY_AGGREGATE_RULE,
      columnSlugs: ['gzdt'],
    })
  })
  it('trims, deduplicates and drops blank or unknown values', () => {
    const r = normaliseRule({
      siteKinds: ['channel', 'bogus', 'channel'],
      groupings: [' 部门 ', '部门', '', '乡镇'],
      siteIds: [3, '4', 3, -1, 1.5],
      columnSlugs: [' GZDT ', 'gzdt'],
      columnIds: [9, 0],
      tags: ['疫情防控', ' '],
      includeChildren: 'yes',
    })
    expect(r.siteKinds).toEqual(['channel'])
    expect(r.groupings).toEqual(['部门', '乡镇'])
    expect(r.siteIds).toEqual([3, 4])
    expect(r.columnSlugs).toEqual(['gzdt'])
    expect(r.columnIds).toEqual([9])
    expect(r.tags).toEqual(['疫情防控'])
    expect(r.includeChildren).toBe(false)
  })
  it('keeps whole positive days and a YYYY-MM-DD date only', () => {
    expect(normaliseRule({ withinDays: 30.7, since: '2026-01-05' })).toMatchObject({
      withinDays: 30,
      since: '2026-01-05',
    })
    expect(normaliseRule({ withinDays: -3, since: '2026/01/05' })).toMatchObject({
      withinDays: 0,
      since: '',
    })
    expect(normaliseRule({ since: '2026-01-05T00:00:00.000Z' }).since).toBe('2026-01-05')
  })
})

describe('hasSourceFilter', () => {
  it('is false for a rule that only filters by tags or dates', () => {
    expect(hasSourceFilter({ ...EMPTY_AGGREGATE_RULE, tags: ['a'], withinDays: 7 })).toBe(false)
  })
  it('is true once sites or columns are narrowed', () => {
    expect(hasSourceFilter({ ...EMPTY_AGGREGATE_RULE, siteKinds: ['channel'] })).toBe(true)
    expect(hasSourceFilter({ ...EMPTY_AGGREGATE_RULE, columnIds: [4] })).toBe(true)
  })
})

describe('settingsWithRule', () => {
  it('stores the normalised rule and keeps other settings on aggregate columns', () => {
    expect(settingsWithRule({ headline: true }, true, { tags: [' a '] })).toEqual({
      headline: true,
      aggregate: { ...EMPTY_AGGREGATE_RULE, tags: ['a'] },
    })
  })
  it('drops a stale rule when the column is no longer an aggregate', () => {
    expect(settingsWithRule({ headline: true, aggregate: {} }, false, undefined)).toEqual({
      headline: true,
    })
  })
})
