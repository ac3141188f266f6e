import { describe, expect, it } from 'vitest'
import {
  bigrams,
  findOverlaps,
  isFilled,
  jaccard,
  missingElements,
  normaliseText,
} from './service.elements'

const full = {
  name: '结婚登记',
  basis: '《婚姻登记条例》第四条',
  conditions: '男女双方均无配偶',
  location: '县民政局婚姻登记处',
  hours: '工作日 9:00–17:00',
  phone: '0399-1234567',
  process: '申请、受理、审查、登记',
  materialCount: 2,
}

describe('service guide elements', () => {
  it('finds nothing missing in a complete guide', () => {
    expect(missingElements(full)).toEqual([])
  })

  it('lists every missing element in the order of the inspection table', () => {
    expect(
      missingElements({ ...full, basis: ' ', phone: '无', process: '—', materialCount: 0 }),
    ).toEqual(['basis', 'materials', 'phone', 'process'])
  })

  it('treats placeholders as empty', () => {
    for (const v of ['', '　', '无', '暂无', '-', '/']) expect(isFilled(v)).toBe(false)
    expect(isFilled('免费')).toBe(true)
  })
})

describe('overlapping items', () => {
  const item = (id: number, unitSiteId: number, name: string, basis = '') => ({
    id,
    code: `c${id}`,
    name,
    unitSiteId,
    basis,
  })

  it('normalises width, case and punctuation before comparing', () => {
    expect(normaliseText('企业投资项目备案（技术改造） ')).toBe(
      normaliseText('企业投资项目备案(技术改造)'),
    )
    expect(jaccard(bigrams('结婚登记'), bigrams('结婚登记'))).toBe(1)
  })

  it('groups equal and near-equal names of different units, never of one unit', () => {
    const groups = findOverlaps([
      item(1, 10, '居民身份证办理'),
      item(2, 11, '居民身份证办理'),
      item(3, 10, '居民身份证办理'),
      item(4, 12, '中等职业学校学生国家助学金申请'),
      item(5, 13, '中等职业学校学生国家助学金申请审核'),
      item(6, 14, '结婚登记'),
      item(7, 14, '离婚登记'),
    ])
    const ids = groups.map((g) => g.items.map((i) => i.id).sort())
    expect(ids).toContainEqual([1, 2, 3])
    expect(ids).toContainEqual([4, 5])
    expect(ids.flat()).not.toContain(6)
    const similar = groups.find((g) => g.items.some((i) => i.id === 4))
    expect(similar?.reasons).toEqual(['similar_name'])
    expect(similar?.similarity).toBeGreaterThanOrEqual(0.8)
  })

  it('groups items of different units with the same non-trivial basis', () => {
    const basis = '《中华人民共和国道路运输条例》第二十二条'
    const groups = findOverlaps([
      item(1, 10, '道路运输证核发', basis),
      item(2, 11, '营运车辆年审', basis),
    ])
    expect(groups).toHaveLength(1)
    expect(groups[0]?.reasons).toEqual(['same_basis'])
  })
})
