import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AggregateSource } from '../../../common/cluster'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import {
  adminCall,
  makeArticle,
  makeChannel,
  makeColumn,
  makePortal,
  signInAs,
  systemCtx,
  type AdminSession,
} from '../../test/factories'
import type { Column } from '../columns/column.repository'
import type { Site } from '../sites/site.repository'

interface PreviewBody {
  data: {
    sources: AggregateSource[]
    items: {
      id: number
      title: string
      siteName: string
      columnName: string
      publishedAt: string
      url: string
    }[]
  }
}

const DAY = 86_400_000
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString()

let t: TestApp
let portal: Site
let dept: Site
let other: Site
let deptNews: Column
let otherNews: Column
let editor: AdminSession
let reviewer: AdminSession
let deptEditor: AdminSession
let clusterAdmin: AdminSession
const preview = (s: AdminSession | null, body: object) =>
  adminCall(t, s, 'POST', '/columns/aggregate/preview', body)

beforeAll(async () => {
  t = await buildTestApp()
  portal = await makePortal(t.core, { name: '预览县' })
  dept = await makeChannel(t.core, portal, { name: '预览局', shortName: '预览局' })
  other = await makeChannel(t.core, portal, { name: '另一局', grouping: '其他' })
  deptNews = await makeColumn(t.core, dept, { slug: 'gzdt', name: '工作动态' })
  otherNews = await makeColumn(t.core, other, { slug: 'gzdt', name: '工作动态' })
  for (let i = 1; i <= 12; i++) {
    await makeArticle(t.core, dept, deptNews, {
      title: `预览动态${i}`,
      publishedAt: daysAgo(20 - i),
    })
  }
  await makeArticle(t.core, other, otherNews, { title: '另一局动态' })
  editor = await signInAs(t, portal.id, 'editor')
  reviewer = await signInAs(t, portal.id, 'reviewer')
  deptEditor = await signInAs(t, dept.id, 'editor')
  clusterAdmin = await signInAs(t, null, 'admin')
}, 60_000)
afterAll(async () => t.close())

describe(`POST /api/admin/columns/aggregate/preview (${TEST_DIALECT})`, () => {
  const rule = { groupings: ['部门'], columnSlugs: ['gzdt'] }

  it('lists the sources and the latest 10 items with their public addresses', async () => {
    const res = await preview(editor, { siteId: portal.id, rule })
    expect(res.statusCode, res.body).toBe(200)
    const { data } = res.json<PreviewBody>()
    expect(data.sources).toEqual([
      { siteId: dept.id, siteName: '预览局', columnId: deptNews.id, columnName: '工作动态' },
    ])
    expect(data.items).toHaveLength(10)
    expect(data.items.map((i) => i.title).slice(0, 2)).toEqual(['预览动态12', '预览动态11'])
    expect(data.items[0]).toMatchObject({ siteName: '预览局', columnName: '工作动态' })
    expect(data.items[0]?.url).toBe(`${dept.basePath}gzdt/content_${data.items[0]?.id}.html`)
    expect(data.items.some((i) => i.title === '另一局动态')).toBe(false)
  })

  it('answers any role on the site, and refuses strangers and anonymous callers', async () => {
    expect((await preview(reviewer, { siteId: portal.id, rule })).statusCode).toBe(200)
    expect((await preview(clusterAdmin, { siteId: portal.id, rule })).statusCode).toBe(200)
    expect((await preview(deptEditor, { siteId: dept.id, rule })).statusCode).toBe(200)
    const refused = await preview(deptEditor, { siteId: portal.id, rule })
    expect(refused.statusCode).toBe(403)
    expect((await preview(null, { siteId: portal.id, rule })).statusCode).toBe(401)
    expect((await preview(editor, { siteId: 999_999, rule })).statusCode).toBe(404)
  })

  it('answers 400 with Chinese field messages for an invalid rule', async () => {
    const res = await preview(editor, { siteId: portal.id, rule: { tags: ['只有标签'] } })
    expect(res.statusCode).toBe(400)
    const body = res.json<{
      error: { code: string; message: string; fields: Record<string, string> }
    }>()
    expect(body.error.code).toBe('invalid')
    expect(body.error.fields.rule).toContain('请至少选择')
    const since = await preview(editor, {
      siteId: portal.id,
      rule: { ...rule, since: '2026-02-30' },
    })
    expect(since.statusCode).toBe(400)
    expect(since.json<{ error: { fields: Record<string, string> } }>().error.fields.since).toBe(
      '日期格式应为 YYYY-MM-DD',
    )
  })

  it('checks the edited column for loops, and that it belongs to the site', async () => {
    const a = await t.core.columns.create(systemCtx, portal.id, {
      name: '汇总甲',
      slug: 'hzj',
      type: 'aggregate',
      settings: { aggregate: rule },
    })
    const b = await t.core.columns.create(systemCtx, portal.id, {
      name: '汇总乙',
      slug: 'hzy',
      type: 'aggregate',
      settings: { aggregate: { columnIds: [a.id] } },
    })
    const loop = await preview(editor, {
      siteId: portal.id,
      columnId: a.id,
      rule: { columnIds: [b.id] },
    })
    expect(loop.statusCode).toBe(400)
    expect(loop.json<{ error: { message: string } }>().error.message).toBe(
      '聚合规则存在循环引用：汇总甲 → 汇总乙 → 汇总甲',
    )
    // Without the column being edited, the same rule is fine (a new column cannot loop).
    const fresh = await preview(editor, { siteId: portal.id, rule: { columnIds: [b.id] } })
    expect(fresh.statusCode).toBe(200)
    expect(fresh.json<PreviewBody>().data.sources).toEqual([
      { siteId: dept.id, siteName: '预览局', columnId: deptNews.id, columnName: '工作动态' },
    ])
    const elsewhere = await preview(editor, { siteId: portal.id, columnId: deptNews.id, rule })
    expect(elsewhere.statusCode).toBe(400)
  })
})
