import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dataset } from '../modules/datasets/dataset.repository'
import { makeDataset, sampleRows } from '../modules/datasets/dataset.test-helpers'
import type { Site } from '../modules/sites/site.repository'
import { axeViolations, hasChromium, launchChromium, listenLocally } from '../test/browser'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../test/build-test-app'
import { makeChannel, makeColumn, makePortal, systemCtx } from '../test/factories'
import { withoutSuggestScript } from '../test/suggest-script'

const HOST = 'www.datasets.gov.cn'
let t: TestApp
let portal: Site
let channel: Site
let hospitals: { id: number; code: string }
let phones: { id: number; code: string }
let channelOnly: { id: number; code: string }
const page = (url: string) => t.app.inject({ url, headers: { host: HOST } })

beforeAll(async () => {
  t = await buildTestApp()
  portal = await makePortal(t.core, { hosts: [HOST] })
  channel = await makeChannel(t.core, portal)
  hospitals = await makeDataset(t.core, null, { name: '医疗机构名录', description: '全县医疗机构' })
  for (const values of sampleRows())
    await t.core.datasetRows.create(systemCtx, hospitals.id, values)
  phones = await makeDataset(t.core, portal.id, {
    name: '办事电话',
    fields: [
      { key: 'unit', label: '单位', type: 'text', isSearchable: true },
      { key: 'phone', label: '电话', type: 'phone', isSearchable: true },
    ],
    orderField: 'unit',
  })
  await t.core.datasetRows.create(systemCtx, phones.id, {
    unit: '县政务服务中心',
    phone: '0826-2222222',
  })
  channelOnly = await makeDataset(t.core, channel.id, { name: '渠道数据' })
  await makeDataset(t.core, null, { name: '未公开的数据库', isPublic: false })
  await makeColumn(t.core, portal, { name: '便民查询', slug: 'bmcx', type: 'dataset' })
  await makeColumn(t.core, portal, {
    name: '医疗机构',
    slug: 'yljg',
    type: 'dataset',
    settings: { datasetCode: hospitals.code },
  })
})
afterAll(async () => t.close())

describe(`便民数据库 public pages (${TEST_DIALECT})`, () => {
  it('lists the public datasets of the site and the cluster under a dataset column', async () => {
    const res = await page('/bmcx/')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain(`<a href="/bmcx/${hospitals.code}/">医疗机构名录</a>`)
    expect(res.body).toContain(`<a href="/bmcx/${phones.code}/">办事电话</a>`)
    expect(res.body).not.toContain('渠道数据')
    expect(res.body).not.toContain('未公开的数据库')
    expect((await page(`/bmcx/${channelOnly.code}/`)).statusCode).toBe(404)
    expect((await page('/bmcx/no-such-set/')).statusCode).toBe(404)
    const bare = await page(`/bmcx/${phones.code}`)
    expect(bare.statusCode).toBe(301)
    expect(bare.headers.location).toBe(`/bmcx/${phones.code}/`)
  })

  it('shows a dataset with its filters, listed fields only, and a detail page', async () => {
    const res = await page('/yljg/')
    expect(res.statusCode).toBe(200)
    const html = res.body
    expect(html).toContain(
      '<form class="form form--inline dataset-form" method="get" action="/yljg/search.html" role="search"',
    )
    expect(html).toContain('<label for="ds-q">关键词</label>')
    expect(html).toContain('<option value="综合医院">综合医院（1）</option>')
    expect(html).toContain('<label for="ds-f-town">所在乡镇</label>')
    expect(html).toContain('<option value="城关镇">城关镇（3）</option>')
    expect(html).toContain('name="beds_from"')
    expect(html).toContain('<th scope="col">联系电话</th>')
    expect(html).not.toContain('<th scope="col">开业日期</th>')
    expect(html).toContain('<a href="tel:08261234567">0826-1234567</a>')
    expect(html).not.toContain('内部')
    expect(withoutSuggestScript(html)).not.toContain('<script')
    const rowId =
      /href="\/yljg\/row_(\d+)\.html">查看<span class="visually-hidden">示例县人民医院的详情/.exec(
        html,
      )?.[1]
    expect(rowId).toBeTruthy()
    const detail = await page(`/yljg/row_${rowId}.html`)
    expect(detail.statusCode).toBe(200)
    expect(detail.body).toContain('<dt>开业日期</dt>')
    expect(detail.body).toContain('1952-05-01')
    expect(detail.body).toContain(
      'href="http://rmyy.example.cn/" rel="noopener noreferrer" target="_blank"',
    )
    expect(detail.body).not.toContain('内部联系人')
    expect((await page('/yljg/row_999999.html')).statusCode).toBe(404)
    expect((await page(`/bmcx/${phones.code}/row_${rowId}.html`)).statusCode).toBe(404)
  })

  it('queries with keyword and filters on search.html, keeping them in the form and pages', async () => {
    const res = await page(
      `/yljg/search.html?q=${encodeURIComponent('医院')}&town=${encodeURIComponent('城关镇')}&beds_from=310`,
    )
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('找到 <strong>1</strong> 条符合条件的数据')
    expect(res.body).toContain('示例县人民医院')
    expect(res.body).not.toContain('示例县中医医院</td>')
    expect(res.body).toContain('value="医院"')
    expect(res.body).toContain('<option value="城关镇" selected>')
    expect(res.body).toContain('<a class="button button--plain" href="/yljg/">清除条件</a>')
    const bad = await page('/yljg/search.html?beds_from=abc')
    expect(bad.statusCode).toBe(200)
    expect(bad.body).toContain('（该条件未使用）')
    const none = await page(`/yljg/search.html?q=${encodeURIComponent('不存在的')}`)
    expect(none.body).toContain('没有符合条件的数据')
  })

  it('is cached until the dataset changes', async () => {
    const before = await page('/yljg/')
    await t.core.deps.db
      .updateTable('dataset')
      .set({ name: '改名但不通知' })
      .where('id', '=', hospitals.id)
      .execute()
    expect((await page('/yljg/')).body).toBe(before.body)
    await t.core.datasetRows.create(systemCtx, hospitals.id, { name: '新开诊所', kind: '诊所' })
    const after = await page('/yljg/')
    expect(after.body).toContain('新开诊所')
    expect(after.body).toContain('改名但不通知')
  })
})

describe(`便民数据库 public API (${TEST_DIALECT})`, () => {
  it('lists public datasets with their shown fields, by site too', async () => {
    const all = (await t.app.inject({ url: '/api/v1/datasets' })).json().data as Dataset[]
    const h = all.find((d) => d.code === hospitals.code)
    expect(h).toMatchObject({ siteCode: null, ownerUnit: '示例县卫生健康局' })
    expect(h?.fields.map((f) => f.key)).toEqual([
      'name',
      'kind',
      'town',
      'beds',
      'opened',
      'phone',
      'url',
    ])
    expect(all.some((d) => d.name === '未公开的数据库')).toBe(false)
    const site = (await t.app.inject({ url: `/api/v1/datasets?site=${channel.code}` })).json()
      .data as Dataset[]
    expect(site.map((d) => d.code)).toContain(channelOnly.code)
    expect(site.map((d) => d.code)).not.toContain(phones.code)
    expect((await t.app.inject({ url: '/api/v1/datasets?site=nope' })).statusCode).toBe(404)
  })

  it('queries rows with q, filters and pages, never hidden fields', async () => {
    const res = await t.app.inject({
      url: `/api/v1/datasets/${hospitals.code}/rows?q=${encodeURIComponent('城关')}&kind=${encodeURIComponent('综合医院')}&pageSize=5`,
    })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ total: 1, page: 1, pageSize: 5 })
    expect(body.data[0].values.name).toBe('示例县人民医院')
    expect(body.data[0].values.note).toBeUndefined()
    expect(res.body).not.toContain('内部联系人')
    // A hidden field cannot be used to probe its values either.
    const probe = await t.app.inject({
      url: `/api/v1/datasets/${hospitals.code}/rows?q=${encodeURIComponent('内部')}`,
    })
    expect(probe.json().total).toBe(0)
    const bad = await t.app.inject({
      url: `/api/v1/datasets/${hospitals.code}/rows?opened_from=yesterday`,
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.message).toContain('开业日期')
    expect((await t.app.inject({ url: '/api/v1/datasets/nope/rows' })).statusCode).toBe(404)
    expect(
      (await t.app.inject({ url: `/api/v1/datasets/${hospitals.code}/rows?pageSize=1000` }))
        .statusCode,
    ).toBe(400)
  })

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json()
    expect(doc.paths['/api/v1/datasets']).toBeTruthy()
    expect(
      doc.paths['/api/v1/datasets/{code}/rows'].get.parameters.map((p: { name: string }) => p.name),
    ).toEqual(expect.arrayContaining(['code', 'q', 'page', 'pageSize']))
    expect(doc.paths['/api/admin/datasets/{id}/import']).toBeTruthy()
  })
})

describe.skipIf(!hasChromium)(
  `便民数据库 pages pass axe-core WCAG 2.1 AA (${TEST_DIALECT})`,
  () => {
    let browser: Browser
    let base: string
    beforeAll(async () => {
      base = await listenLocally(t)
      browser = await launchChromium()
    })
    afterAll(async () => browser?.close())

    it('has no A/AA violations at desktop and phone widths', async () => {
      const list = await page('/yljg/')
      const rowId = /row_(\d+)\.html/.exec(list.body)?.[1]
      for (const path of [
        '/yljg/',
        `/yljg/search.html?town=${encodeURIComponent('城关镇')}`,
        `/yljg/row_${rowId}.html`,
        '/bmcx/',
      ]) {
        const html = (await page(path)).body
        for (const width of [1280, 390]) {
          const p = await browser.newPage({ viewport: { width, height: 900 }, bypassCSP: true })
          await p.route(`${base}/probe`, (route) =>
            route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
          )
          await p.goto(`${base}/probe`)
          const violations = await axeViolations(p)
          const overflow = await p.evaluate(
            () => document.documentElement.scrollWidth > window.innerWidth + 1,
          )
          if (overflow) violations.push(`scrolls sideways @${width}px`)
          await p.close()
          expect(violations, `${path} @${width}px`).toEqual([])
        }
      }
    })
  },
)
