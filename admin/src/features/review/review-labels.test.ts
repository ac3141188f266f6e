import { describe, expect, it } from 'vitest'
import type { Finding } from './review-api'
import { groupFindings, levelHolders, levelText, replacementOf } from './review-labels'

const finding = (over: Partial<Finding>): Finding => ({
  rule: 'wrong_word',
  severity: 'warning',
  field: 'body',
  excerpt: '既使',
  offset: 0,
  length: 2,
  message: '疑似错别字',
  suggestion: '即使',
  ...over,
})

describe('groupFindings', () => {
  it('puts blocking findings first and drops empty groups', () => {
    const groups = groupFindings([
      finding({ severity: 'warning', excerpt: 'a' }),
      finding({ severity: 'blocking', excerpt: 'b' }),
      finding({ severity: 'warning', excerpt: 'c' }),
    ])
    expect(groups.map((g) => g.severity)).toEqual(['blocking', 'warning'])
    expect(groups[1]?.items.map((f) => f.excerpt)).toEqual(['a', 'c'])
    expect(groupFindings([finding({})]).map((g) => g.severity)).toEqual(['warning'])
  })
})

describe('replacementOf', () => {
  it('offers a bare word or a quoted correction', () => {
    expect(replacementOf(finding({ suggestion: '即使' }))).toBe('即使')
    expect(replacementOf(finding({ suggestion: '建议改为“即使”' }))).toBe('即使')
  })

  it('offers nothing for advice sentences or an unchanged word', () => {
    expect(
      replacementOf(finding({ suggestion: '请删除个人身份证号码，或做脱敏处理。' })),
    ).toBeNull()
    expect(replacementOf(finding({ suggestion: '' }))).toBeNull()
    expect(replacementOf(finding({ suggestion: '既使' }))).toBeNull()
  })
})

describe('level texts', () => {
  it('describes the level and who holds it', () => {
    expect(levelText(2, 3, '复审')).toBe('第 2 级/共 3 级 复审')
    expect(levelText(1, 1)).toBe('第 1 级/共 1 级')
    const name = (id: number) => (id === 7 ? '张三' : `用户 #${id}`)
    expect(levelHolders({ name: '初审', role: 'reviewer', userIds: [7, 9] }, name)).toBe(
      '审核人 + 张三、用户 #9',
    )
    expect(levelHolders({ name: '初审', role: null, userIds: [] }, name)).toBe('（未指定）')
  })
})
