import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import {
  adminCall,
  makeArticle,
  makeChannel,
  makeColumn,
  makePortal,
  signInAs,
  type AdminSession,
} from '../../test/factories'
import type { Site } from '../sites/site.repository'
import { statsRange } from './search.admin'

let t: TestApp
let portal: Site
let unit: Site
let other: Site
let cluster: AdminSession
let siteAdmin: AdminSession
let editor: AdminSession
let reviewer: AdminSession
let otherEditor: AdminSession

const ID_NUMBER = '110101199003071234'

type StatsBody = {
  data: { query: string; searches: number; zeroHits: number }[]
  total: number
  from: string
  to: string
}

const get = (s: AdminSession | null, url: string) => adminCall(t, s, 'GET', url)

beforeAll(async () => {
  t = await buildTestApp()
  portal = await makePortal(t.core)
  unit = await makeChannel(t.core, portal)
  other = await makeChannel(t.core, portal)
  const col = await makeColumn(t.core, portal)
  await makeArticle(t.core, portal, col, { title: '城乡居民养老保险缴费标准' })
  await makeArticle(t.core, portal, col, { title: '养老保险待遇领取资格认证' })
  const unitCol = await makeColumn(t.core, unit)
  await makeArticle(t.core, unit, unitCol, { title: '高龄津贴申领' })
  await t.core.search.refresh()
  const search = (q: string, site: Site) => t.core.search.search({ q, statsSiteId: site.id })
  for (let i = 0; i < 3; i++) await search('养老保险', portal)
  for (let i = 0; i < 2; i++) await search('火星移民补贴', portal)
  await search(`身份证${ID_NUMBER}`, portal)
  await search('高龄津贴', unit)
  await search('高龄津贴', unit)
  await search('养老保险', other)
  cluster = await signInAs(t, null, 'admin')
  siteAdmin = await signInAs(t, portal.id, 'admin')
  editor = await signInAs(t, portal.id, 'editor')
  reviewer = await signInAs(t, portal.id, 'reviewer')
  otherEditor = await signInAs(t, other.id, 'editor')
}, 60_000)
afterAll(async () => t.close())

describe(`search statistics admin API (${TEST_DIALECT})`, () => {
  it('counts the searches made from a site, most frequent first, with masked numbers', async () => {
    const res = await get(editor, `/search/queries?site=${portal.id}`)
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json<StatsBody>()
    expect(body.data[0]).toEqual({ query: '养老保险', searches: 3, zeroHits: 0 })
    expect(body.data.find((r) => r.query.includes('火星'))).toMatchObject({
      searches: 2,
      zeroHits: 2,
    })
    expect(body.data.some((r) => r.query.includes('高龄津贴'))).toBe(false)
    expect(body.total).toBe(3)
    expect(res.body).not.toContain(ID_NUMBER)
    expect(res.body).not.toContain(ID_NUMBER.slice(3))
    expect(body.data.some((r) => r.query.includes('110***'))).toBe(true)
    expect(body.to >= body.from).toBe(true)
  })

  it('lists only the queries that found nothing with zero=1', async () => {
    const res = await get(siteAdmin, `/search/queries?site=${portal.id}&zero=1`)
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json<StatsBody>()
    expect(body.data.length).toBe(2)
    expect(body.data.every((r) => r.zeroHits > 0)).toBe(true)
    expect(body.data[0]?.query).toContain('火星')
  })

  it('paginates', async () => {
    const first = await get(editor, `/search/queries?site=${portal.id}&page=1&pageSize=2`)
    const second = await get(editor, `/search/queries?site=${portal.id}&page=2&pageSize=2`)
    expect(first.json<StatsBody>().data.length).toBe(2)
    expect(second.json<StatsBody>().data.length).toBe(1)
    expect(second.json<StatsBody>().total).toBe(3)
    const beyond = await get(editor, `/search/queries?site=${portal.id}&page=9`)
    expect(beyond.json<StatsBody>().data).toEqual([])
  })

  it('lets cluster admins see every site together', async () => {
    const res = await get(cluster, '/search/queries')
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json<StatsBody>()
    expect(body.data[0]).toEqual({ query: '养老保险', searches: 4, zeroHits: 0 })
    expect(body.data.some((r) => r.query === '高龄津贴')).toBe(true)
  })

  it('keeps other sites, reviewers and anonymous callers out', async () => {
    expect((await get(otherEditor, `/search/queries?site=${portal.id}`)).statusCode).toBe(403)
    expect((await get(reviewer, `/search/queries?site=${portal.id}`)).statusCode).toBe(403)
    expect((await get(editor, '/search/queries')).statusCode).toBe(403)
    expect((await get(editor, `/search/queries.xlsx?site=${other.id}`)).statusCode).toBe(403)
    expect((await get(null, `/search/queries?site=${portal.id}`)).statusCode).toBe(401)
    expect((await get(cluster, '/search/queries?site=999999')).statusCode).toBe(404)
  })

  it('answers bad parameters with 400 and a Chinese message, never 500', async () => {
    const bad = [
      '/search/queries?site=abc',
      '/search/queries?site=0',
      '/search/queries?from=2026-13-01',
      '/search/queries?from=2026-02-30',
      '/search/queries?from=20260101',
      '/search/queries?from=2026-03-01&to=2026-02-01',
      '/search/queries?page=0',
      '/search/queries?pageSize=1000',
      '/search/queries?zero=maybe',
      `/search/queries?from=${encodeURIComponent("2026-01-01' or 1=1")}`,
    ]
    for (const url of bad) {
      const res = await get(cluster, url)
      expect(res.statusCode, `${url} ${res.body}`).toBe(400)
      const error = res.json<{ error: { code: string; message: string } }>().error
      expect(error.code).toBe('invalid')
      expect(error.message).toMatch(/[\u4e00-\u9fff]/)
    }
    const old = await get(cluster, '/search/queries?from=1900-01-01&to=1900-12-31')
    expect(old.statusCode).toBe(200)
    expect(old.json<StatsBody>().data).toEqual([])
  })

  it('defaults to the last 30 days', () => {
    const r = statsRange({ to: '2026-03-31' })
    expect(r).toEqual({ from: '2026-03-02', to: '2026-03-31' })
  })

  it('exports the same rows as an xlsx workbook', async () => {
    const res = await get(editor, `/search/queries.xlsx?site=${portal.id}`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-type']).toContain('spreadsheetml')
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('热门搜索词'))
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    expect(ws).toBeDefined()
    const rows: string[][] = []
    ws?.eachRow((row) => {
      const cells: string[] = []
      row.eachCell({ includeEmpty: true }, (c) => cells.push(String(c.text)))
      rows.push(cells)
    })
    expect(rows[0]).toEqual(['搜索词', '搜索次数', '无结果次数'])
    expect(rows[1]).toEqual(['养老保险', '3', '0'])
    expect(rows.length).toBe(4)
    expect(JSON.stringify(rows)).not.toContain(ID_NUMBER)

    const zero = await get(cluster, '/search/queries.xlsx?zero=1')
    expect(zero.statusCode).toBe(200)
    expect(String(zero.headers['content-disposition'])).toContain(
      encodeURIComponent('无结果搜索词_全部站点'),
    )
  })
})

describe(`search index administration (${TEST_DIALECT})`, () => {
  it('reports the engine, documents by type, the queue and the index size', async () => {
    const res = await get(cluster, '/search/status')
    expect(res.statusCode, res.body).toBe(200)
    const { data } = res.json<{
      data: {
        engine: string
        documents: number
        byType: Record<string, number>
        pending: number
        indexBytes: number | null
      }
    }>()
    expect(data.engine).toBe(TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite-fts5')
    expect(data.byType.article).toBe(3)
    expect(data.documents).toBe(Object.values(data.byType).reduce((a, b) => a + b, 0))
    expect(data.pending).toBeGreaterThanOrEqual(0)
    expect(data.indexBytes === null || data.indexBytes > 0).toBe(true)
  })

  it('is for cluster admins only', async () => {
    expect((await get(siteAdmin, '/search/status')).statusCode).toBe(403)
    const res = await adminCall(t, siteAdmin, 'POST', '/search/reindex')
    expect(res.statusCode).toBe(403)
  })

  it('queues a rebuild with an audit event, and the index comes back whole', async () => {
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/admin/search/reindex',
      headers: { cookie: cluster.cookie },
    })
    expect(noCsrf.statusCode).toBe(403)
    const res = await adminCall(t, cluster, 'POST', '/search/reindex')
    expect(res.statusCode, res.body).toBe(202)
    expect(res.json<{ data: { queued: boolean } }>().data.queued).toBe(true)
    const audit = await t.core.deps.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'search.reindex')
      .execute()
    expect(audit.length).toBe(1)
    expect(audit[0]?.actor_id).not.toBeNull()
    await t.core.search.refresh()
    expect(await t.core.search.indexer.pending()).toBe(0)
    const found = await t.core.search.search({ q: '养老保险' })
    expect(found.total).toBe(2)
  })
})
