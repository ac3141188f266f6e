import { describe, expect, it } from 'vitest'
import { compileClassifier, keywordsOf } from './letter-taxonomy'

const taxonomy = [
  { level1: '城乡建设', level2: '城市建设和市政管理', level3: '小区管理' },
  { level1: '城乡建设', level2: '城市建设和市政管理', level3: '其他' },
  { level1: '城乡建设', level2: '住房保障与房地产', level3: '房产证登记、办理' },
  { level1: '农村农业', level2: '其他', level3: '农村“八大员”问题' },
  { level1: '政法', level2: '交通管理', level3: '交通事故' },
]

describe('letter taxonomy classifier', () => {
  it('matches names, their cores and long parts, never generic leftovers', () => {
    expect(keywordsOf('小区管理')).toEqual(['小区管理', '小区'])
    expect(keywordsOf('房产证登记、办理')).toEqual(['房产证登记、办理', '房产证登记'])
    expect(keywordsOf('农村“八大员”问题')).toEqual(['农村八大员问题', '农村八大员'])
    expect(keywordsOf('其他')).toEqual([])
  })

  it('picks the longest word, the subject first, and says which word chose it', () => {
    const c = compileClassifier(taxonomy)
    expect(c.classify('小区门口发生交通事故', '')).toEqual({
      path: '政法/交通管理/交通事故',
      keyword: '交通事故',
    })
    expect(c.classify('房产证登记太慢', '我们小区的房子')).toMatchObject({
      path: '城乡建设/住房保障与房地产/房产证登记、办理',
    })
    expect(c.classify('请求帮助', '交通拥堵')?.path).toBe('政法/交通管理')
    expect(c.classify('请求帮助', '无关内容')).toBeNull()
  })
})
