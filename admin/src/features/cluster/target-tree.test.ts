import { describe, expect, it } from 'vitest'
import type { SharingTarget } from './cluster-api'
import { chosenColumnIds, describeTargets, targetTree } from './target-tree'

const targets: SharingTarget[] = [
  {
    siteId: 1,
    siteName: '县政府门户',
    columns: [
      { id: 11, name: '要闻动态', path: 'ywdt' },
      { id: 12, name: '部门动态', path: 'bmdt' },
    ],
  },
  { siteId: 2, siteName: '教育局', columns: [{ id: 21, name: '工作动态', path: 'gzdt' }] },
  { siteId: 3, siteName: '没有栏目的站点', columns: [] },
]

describe('targetTree', () => {
  it('groups columns under their site, site nodes not selectable', () => {
    const tree = targetTree(targets)
    expect(tree.map((n) => n.value)).toEqual(['site:1', 'site:2'])
    expect(tree[0]?.selectable).toBe(false)
    expect(tree[0]?.children?.map((c) => c.value)).toEqual([11, 12])
    expect(tree[0]?.children?.[0]?.title).toBe('县政府门户 · 要闻动态')
  })
  it('leaves out the source site and sites without columns', () => {
    expect(targetTree(targets, 2).map((n) => n.value)).toEqual(['site:1'])
  })
})

describe('chosenColumnIds', () => {
  it('keeps column ids only, once each', () => {
    expect(chosenColumnIds(['site:1', 11, 12, 11, 'site:2'])).toEqual([11, 12])
  })
})

describe('describeTargets', () => {
  it('lists the chosen columns per site', () => {
    expect(describeTargets(targets, [12, 21, 11])).toEqual([
      '县政府门户：要闻动态、部门动态',
      '教育局：工作动态',
    ])
    expect(describeTargets(targets, [])).toEqual([])
  })
})
