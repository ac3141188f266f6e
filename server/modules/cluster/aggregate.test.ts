import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EMPTY_AGGREGATE_RULE, type AggregateRule } from '../../../common/cluster'
import { formatDate } from '../../../common/time'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { makeArticle, makeChannel, makeColumn, makePortal, systemCtx } from '../../test/factories'
import { columnRepository, type Column } from '../columns/column.repository'
import { columnStats } from '../columns/column.stats'
import type { Site } from '../sites/site.repository'
import { loadWorld, normalizeRule, resolveAggregate } from './aggregate'
import { aggregateRepository } from './aggregate.repository'

const DAY = 86_400_000
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString()

let t: TestApp
let portal: Site
let d1: Site
let d2: Site
let town: Site
let closed: Site
let standalone: Site
const col: Record<string, Column> = {}
const ids: Record<string, number> = {}
let seq = 0

/** A new aggregate column with this rule (fields not given take their defaults). */
function aggregate(site: Site, rule: Partial<AggregateRule>, extra: Partial<Column> = {}) {
  seq++
  return t.core.columns.create(systemCtx, site.id, {
    name: extra.name ?? `聚合${seq}`,
    slug: extra.slug ?? `agg${seq}`,
    type: 'aggregate',
    settings: { aggregate: rule },
  })
}

/** Titles an aggregate column lists, newest first. */
async function titles(column: Column, page = { offset: 0, limit: 100 }): Promise<string[]> {
  const fresh = (await columnRepository.get(t.core.deps.db, column.id)) as Column
  const { leaves } = resolveAggregate(await loadWorld(t.core.deps.db), fresh)
  const items = await aggregateRepository.latest(t.core.deps.db, leaves, page)
  return items.map((i) => i.title)
}

async function rejection(p: Promise<unknown>): Promise<{
  status: number
  message: string
  fields: Record<string, string>
}> {
  try {
    await p
  } catch (e) {
    return e as { status: number; message: string; fields: Record<string, string> }
  }
  throw new Error('expected a rejection')
}

beforeAll(async () => {
  t = await buildTestApp()
  portal = await makePortal(t.core, { name: '聚合测试县' })
  d1 = await makeChannel(t.core, portal, { name: '一局' })
  d2 = await makeChannel(t.core, portal, { name: '二局' })
  town = await makeChannel(t.core, portal, {
    name: '甲镇',
    code: 'xz-jz',
    basePath: '/xz/jz/',
    grouping: '乡镇',
  })
  closed = await makeChannel(t.core, portal, { name: '已关停局' })
  standalone = await makePortal(t.core, {
    name: '专题网',
    kind: 'standalone',
    isDefault: false,
    hosts: ['zt.agg.gov.cn'],
  })
  col.yw = await makeColumn(t.core, portal, { slug: 'yw', name: '要闻' })
  col.d1 = await makeColumn(t.core, d1, { slug: 'gzdt', name: '工作动态' })
  col.d1tp = await makeColumn(t.core, d1, { slug: 'tp', name: '图片', parentId: col.d1.id })
  col.d1tz = await makeColumn(t.core, d1, { slug: 'tzgg', name: '通知公告' })
  col.d1nb = await makeColumn(t.core, d1, { slug: 'nb', name: '内部', visible: false })
  col.d1link = await makeColumn(t.core, d1, {
    slug: 'wl',
    name: '外链',
    type: 'link',
    linkUrl: 'https://example.gov.cn/',
  })
  col.d2 = await makeColumn(t.core, d2, { slug: 'gzdt', name: '工作动态' })
  col.town = await makeColumn(t.core, town, { slug: 'gzdt', name: '工作动态' })
  col.closed = await makeColumn(t.core, closed, { slug: 'gzdt', name: '工作动态' })
  col.st = await makeColumn(t.core, standalone, { slug: 'gzdt', name: '工作动态' })
  const put = async (key: string, site: Site, c: Column[], days: number, keywords = '') => {
    const a = await makeArticle(t.core, site, c[0] as Column, {
      title: key,
      columnIds: c.map((x) => x.id),
      publishedAt: daysAgo(days),
      keywords,
    })
    ids[key] = a.id
  }
  await put('a1', d1, [col.d1], 1, '乡村振兴,产业发展')
  await put('a2', d2, [col.d2], 2)
  await put('a3', town, [col.town], 3, '营商环境')
  await put('a4', d1, [col.d1tp], 4)
  await put('a5', d1, [col.d1tz], 5)
  await put('a6', d1, [col.d1nb], 6)
  await put('a7', closed, [col.closed], 7)
  await put('a8', standalone, [col.st], 8)
  await put('a9', portal, [col.yw], 9)
  await put('a10', d2, [col.d2], 400, '乡村振兴')
  await put('a11', d1, [col.d1, col.d1tz], 11)
  await t.core.sites.setStatus(systemCtx, closed.id, { status: 'closed', notice: '已关停' })
}, 60_000)
afterAll(async () => t.close())

describe(`aggregate rules: validation (${TEST_DIALECT})`, () => {
  it('refuses a rule that selects nothing', async () => {
    const e = await rejection(aggregate(portal, {}))
    expect(e.status).toBe(400)
    expect(e.fields.rule).toContain('请至少选择')
    const none = await rejection(aggregate(portal, { tags: ['乡村振兴'], withinDays: 30 }))
    expect(none.fields.rule).toContain('请至少选择')
  })

  it('refuses unknown kinds, missing sites and columns, and non-list columns', async () => {
    const e = await rejection(
      aggregate(portal, {
        siteKinds: ['channel', 'planet' as 'portal'],
        siteIds: [d1.id, 999_999],
        columnIds: [888_888],
      }),
    )
    expect(e.status).toBe(400)
    expect(e.message).toContain('聚合规则有误')
    expect(e.fields.siteKinds).toBe('站点类型无效：planet')
    expect(e.fields.siteIds).toBe('站点不存在：999999')
    expect(e.fields.columnIds).toBe('栏目不存在：888888')
    const link = await rejection(aggregate(portal, { columnIds: [col.d1link?.id ?? 0] }))
    expect(link.fields.columnIds).toBe('只能选择列表、单页或聚合栏目：外链')
  })

  it('refuses too many or too long tags, a day count out of range and a bad date', async () => {
    const many = await rejection(
      aggregate(portal, {
        siteKinds: ['channel'],
        tags: Array.from({ length: 11 }, (_, i) => `标签${i}`),
      }),
    )
    expect(many.fields.tags).toBe('标签最多 10 个')
    const long = await rejection(
      aggregate(portal, { siteKinds: ['channel'], tags: ['长'.repeat(21)] }),
    )
    expect(long.fields.tags).toBe('每个标签不超过 20 个字')
    const days = await rejection(aggregate(portal, { siteKinds: ['channel'], withinDays: 3651 }))
    expect(days.fields.withinDays).toBe('天数须在 0 到 3650 之间')
    for (const since of ['2026-13-01', '2026/01/01', 'yesterday']) {
      const bad = await rejection(aggregate(portal, { siteKinds: ['channel'], since }))
      expect(bad.fields.since, since).toBe('日期格式应为 YYYY-MM-DD')
    }
    const shape = await rejection(aggregate(portal, { siteIds: 'all' as unknown as number[] }))
    expect(shape.status).toBe(400)
    expect(shape.fields.siteIds).toBe('应为编号列表')
  })

  it('refuses to turn a column holding items into an aggregate column', async () => {
    const e = await rejection(
      t.core.columns.update(systemCtx, col.d2?.id ?? 0, {
        type: 'aggregate',
        settings: { aggregate: { siteKinds: ['channel'] } },
      }),
    )
    expect(e.status).toBe(409)
    expect(e.message).toBe('该栏目下有 2 篇信息，不能改为聚合栏目')
    const empty = await makeColumn(t.core, d2, { slug: 'kong', name: '空栏目' })
    const turned = await t.core.columns.update(systemCtx, empty.id, {
      type: 'aggregate',
      settings: { aggregate: { groupings: ['乡镇'], columnSlugs: ['gzdt'] } },
    })
    expect(turned.type).toBe('aggregate')
    expect(await titles(turned)).toEqual(['a3'])
  })

  it('stores the rule normalised: defaults filled, trimmed, de-duplicated', async () => {
    const c = await t.core.columns.create(systemCtx, portal.id, {
      name: '规范化',
      slug: 'gfh',
      type: 'aggregate',
      settings: { aggregate: { groupings: [' 部门 ', '部门', ''], columnSlugs: ['gzdt', 'gzdt'] } },
    })
    expect(c.settings.aggregate).toEqual({
      ...EMPTY_AGGREGATE_RULE,
      groupings: ['部门'],
      columnSlugs: ['gzdt'],
    })
    expect(normalizeRule(undefined)).toEqual(EMPTY_AGGREGATE_RULE)
    // An update that leaves the rule out keeps (and re-checks) the stored one.
    const renamed = await t.core.columns.update(systemCtx, c.id, { name: '规范化二' })
    expect(renamed.settings.aggregate).toEqual(c.settings.aggregate)
    const bad = await rejection(
      t.core.columns.update(systemCtx, c.id, { settings: { aggregate: { siteIds: [999_999] } } }),
    )
    expect(bad.fields.siteIds).toBe('站点不存在：999999')
  })
})

describe(`aggregate rules: circular references (${TEST_DIALECT})`, () => {
  it('rejects A → B → A when the second rule closes the loop', async () => {
    const a = await aggregate(portal, { columnIds: [col.d2?.id ?? 0] }, { name: '甲聚合' })
    const b = await aggregate(d1, { columnIds: [a.id] }, { name: '乙聚合' })
    const e = await rejection(
      t.core.columns.update(systemCtx, a.id, { settings: { aggregate: { columnIds: [b.id] } } }),
    )
    expect(e.status).toBe(400)
    expect(e.message).toBe('聚合规则存在循环引用：甲聚合 → 一局/乙聚合 → 甲聚合')
    // Nothing was stored.
    const stored = await columnRepository.get(t.core.deps.db, a.id)
    expect((stored?.settings.aggregate as AggregateRule).columnIds).toEqual([col.d2?.id])
  })

  it('rejects a loop through three columns', async () => {
    const a = await aggregate(portal, { columnIds: [col.town?.id ?? 0] }, { name: '甲三' })
    const b = await aggregate(portal, { columnIds: [a.id] }, { name: '乙三' })
    const c = await aggregate(portal, { columnIds: [b.id] }, { name: '丙三' })
    const e = await rejection(
      t.core.columns.update(systemCtx, a.id, { settings: { aggregate: { columnIds: [c.id] } } }),
    )
    expect(e.message).toBe('聚合规则存在循环引用：甲三 → 丙三 → 乙三 → 甲三')
  })

  it('rejects a loop made by slug rules, and allows a kind rule covering its own site', async () => {
    const x = await aggregate(d2, { columnIds: [col.d2?.id ?? 0] }, { slug: 'hz', name: '汇总二' })
    const y = await aggregate(d1, { columnSlugs: ['hz'] }, { slug: 'hz', name: '汇总一' })
    const e = await rejection(
      t.core.columns.update(systemCtx, x.id, { settings: { aggregate: { columnSlugs: ['hz'] } } }),
    )
    expect(e.message).toBe('聚合规则存在循环引用：汇总二 → 一局/汇总一 → 汇总二')
    expect(y.id).toBeGreaterThan(0)
    const own = await aggregate(portal, { siteKinds: ['portal'] })
    expect(await titles(own)).toEqual(['a9'])
  })

  it('stops at render time on a loop a later change made', async () => {
    const a = await aggregate(portal, { columnIds: [col.d2?.id ?? 0] })
    const b = await aggregate(portal, { columnIds: [a.id, col.town?.id ?? 0] })
    // Bypass validation as a later change elsewhere could.
    await columnRepository.update(t.core.deps.db, a.id, {
      settings: JSON.stringify({
        aggregate: { ...EMPTY_AGGREGATE_RULE, columnIds: [b.id, col.d2?.id] },
      }),
    })
    expect(await titles(b)).toEqual(['a2', 'a3', 'a10'])
    expect(await titles(a)).toEqual(['a2', 'a3', 'a10'])
  })
})

describe(`aggregate rules: resolution and listing (${TEST_DIALECT})`, () => {
  it('selects by site kind and column slug, leaving out closed sites and standalone sites', async () => {
    const c = await aggregate(portal, { siteKinds: ['channel'], columnSlugs: ['gzdt'] })
    expect(await titles(c)).toEqual(['a1', 'a2', 'a3', 'a11', 'a10'])
    const st = await aggregate(portal, { siteKinds: ['standalone'] })
    expect(await titles(st)).toEqual(['a8'])
  })

  it('selects by grouping and by site, a whole site without its hidden columns', async () => {
    const towns = await aggregate(portal, { groupings: ['乡镇'], columnSlugs: ['gzdt'] })
    expect(await titles(towns)).toEqual(['a3'])
    const whole = await aggregate(portal, { siteIds: [d1.id] })
    expect(await titles(whole)).toEqual(['a1', 'a4', 'a5', 'a11'])
    const none = await aggregate(portal, { siteIds: [closed.id] })
    expect(await titles(none)).toEqual([])
  })

  it('takes explicit columns, with sub-columns on request, never hidden ones', async () => {
    const explicit = await aggregate(portal, { columnIds: [col.d1tz?.id ?? 0, col.d1nb?.id ?? 0] })
    expect(await titles(explicit)).toEqual(['a5', 'a11'])
    const flat = await aggregate(portal, { siteIds: [d1.id], columnSlugs: ['gzdt'] })
    expect(await titles(flat)).toEqual(['a1', 'a11'])
    const deep = await aggregate(portal, {
      siteIds: [d1.id],
      columnSlugs: ['gzdt'],
      includeChildren: true,
    })
    expect(await titles(deep)).toEqual(['a1', 'a4', 'a11'])
  })

  it('lists an article standing in two sources once', async () => {
    const both = await aggregate(portal, { siteIds: [d1.id], columnSlugs: ['gzdt', 'tzgg'] })
    expect(await titles(both)).toEqual(['a1', 'a5', 'a11'])
  })

  it('filters by tag, by days and by date', async () => {
    const tagged = await aggregate(portal, {
      siteKinds: ['channel'],
      columnSlugs: ['gzdt'],
      tags: ['乡村振兴', '不存在'],
    })
    expect(await titles(tagged)).toEqual(['a1', 'a10'])
    const recent = await aggregate(portal, {
      siteKinds: ['channel'],
      columnSlugs: ['gzdt'],
      withinDays: 30,
    })
    expect(await titles(recent)).toEqual(['a1', 'a2', 'a3', 'a11'])
    const since = await aggregate(portal, {
      siteKinds: ['channel'],
      columnSlugs: ['gzdt'],
      since: formatDate(daysAgo(2)),
    })
    expect(await titles(since)).toEqual(['a1', 'a2'])
  })

  it('expands nested aggregates, applying the filters of every level', async () => {
    const inner = await aggregate(d1, { groupings: ['乡镇'], columnSlugs: ['gzdt'] })
    const outer = await aggregate(portal, { columnIds: [inner.id, col.d2?.id ?? 0] })
    expect(await titles(outer)).toEqual(['a2', 'a3', 'a10'])
    const tagged = await aggregate(portal, {
      columnIds: [inner.id, col.d2?.id ?? 0],
      tags: ['营商环境', '乡村振兴'],
    })
    expect(await titles(tagged)).toEqual(['a3', 'a10'])
    const { tags } = resolveAggregate(await loadWorld(t.core.deps.db), outer)
    expect(tags).toEqual(
      expect.arrayContaining([
        `column:${inner.id}`,
        `column:${col.town?.id}`,
        `column:${col.d2?.id}`,
      ]),
    )
  })

  it('pages and counts across sources', async () => {
    const c = await aggregate(portal, { siteKinds: ['channel'], columnSlugs: ['gzdt'] })
    expect(await titles(c, { offset: 1, limit: 2 })).toEqual(['a2', 'a3'])
    expect(await titles(c, { offset: 4, limit: 2 })).toEqual(['a10'])
    const fresh = (await columnRepository.get(t.core.deps.db, c.id)) as Column
    const { leaves } = resolveAggregate(await loadWorld(t.core.deps.db), fresh)
    expect(await aggregateRepository.count(t.core.deps.db, leaves, 1000)).toBe(5)
    expect(await aggregateRepository.count(t.core.deps.db, leaves, 3)).toBe(3)
  })

  it('judges an aggregate column fresh by its newest source item', async () => {
    const c = await t.core.columns.create(systemCtx, portal.id, {
      name: '部门动态',
      slug: 'bmdt',
      type: 'aggregate',
      updateClass: 'news',
      settings: { aggregate: { groupings: ['部门'], columnSlugs: ['gzdt'] } },
    })
    const stats = await columnStats(t.core.deps.db, systemCtx, portal.id)
    const row = stats.find((s) => s.columnId === c.id)
    const a1 = await t.core.articles.get(systemCtx, ids.a1 ?? 0)
    expect(row?.lastPublishedAt).toBe(a1.publishedAt)
    expect(row?.published).toBe(4)
    expect(row?.deadline).toBe('ok')
    expect(row?.deadlineDays).toBe(14)
  })
})
