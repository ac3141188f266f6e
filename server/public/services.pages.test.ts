import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Column } from '../modules/columns/column.repository'
import { completeInput, PDF, uploadForm } from '../modules/services/service.test-helpers'
import type { Site } from '../modules/sites/site.repository'
import {
  axeViolations,
  CHROMIUM,
  hasChromium,
  launchChromium,
  listenLocally,
} from '../test/browser'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../test/build-test-app'
import { makeChannel, makeColumn, makePortal, systemCtx } from '../test/factories'

if (!hasChromium) {
  console.warn(`[services.pages] 跳过无障碍检查：未找到 ${CHROMIUM}（apt-get install -y chromium）`)
}

let t: TestApp
let portal: Site
let unitA: Site
let unitB: Site
let portalCol: Column
let channelCol: Column
let itemA: { id: number; code: string }
let itemB: { id: number; code: string }

const get = (url: string) => t.app.inject({ method: 'GET', url })

beforeAll(async () => {
  t = await buildTestApp()
  portal = await makePortal(t.core)
  unitA = await makeChannel(t.core, portal, { name: '示例县民政局' })
  unitB = await makeChannel(t.core, portal, { name: '示例县市场监督管理局' })
  portalCol = await makeColumn(t.core, portal, {
    name: '办事服务',
    slug: 'bsfw',
    type: 'services',
    updateClass: 'asNeeded',
  })
  channelCol = await makeColumn(t.core, unitA, {
    name: '办事指南',
    slug: 'bszn',
    type: 'services',
    updateClass: 'asNeeded',
  })
  const form = await uploadForm(t.core, unitA.id, '结婚登记申请表.pdf', PDF)
  itemA = await t.core.services.create(
    systemCtx,
    completeInput(unitA.id, {
      code: 'MZ-001',
      name: '内地居民结婚登记',
      materials: [
        {
          name: '结婚登记申请表',
          templateFileId: form.id,
          sampleUrl: 'https://example.gov.cn/样表.pdf',
        },
      ],
    }),
  )
  itemB = await t.core.services.create(systemCtx, {
    name: '食品经营许可证核发',
    code: 'SJ-001',
    unitSiteId: unitB.id,
    kind: 'licence',
    audience: 'legal',
    themes: ['l02'],
    basis: '《中华人民共和国食品安全法》第三十五条',
  })
})
afterAll(async () => t.close())

describe(`办事服务 pages (${TEST_DIALECT})`, () => {
  it('lists every unit’s items on the portal, with audience, theme and unit facets', async () => {
    const res = await get('/bsfw/')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('内地居民结婚登记')
    expect(res.body).toContain('食品经营许可证核发')
    expect(res.body).toContain('/bsfw/theme/p12/')
    expect(res.body).toContain(`/bsfw/unit/${unitB.code}/`)
    const legal = await get('/bsfw/legal/')
    expect(legal.body).toContain('食品经营许可证核发')
    expect(legal.body).not.toContain('内地居民结婚登记')
    const theme = await get('/bsfw/theme/p12/')
    expect(theme.body).toContain('内地居民结婚登记')
    expect(theme.body).not.toContain('食品经营许可证核发')
    const unit = await get(`/bsfw/unit/${unitB.code}/`)
    expect(unit.body).toContain('食品经营许可证核发')
    expect(unit.body).not.toContain('内地居民结婚登记')
    expect((await get('/bsfw/theme/zz9/')).statusCode).toBe(404)
    expect((await get('/bsfw/unit/nope/')).statusCode).toBe(404)
  })

  it('lists only its own unit’s items on a channel', async () => {
    const res = await get(`${unitA.basePath}bszn/`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('内地居民结婚登记')
    expect(res.body).not.toContain('食品经营许可证核发')
    expect((await get(`${unitA.basePath}bszn/item/SJ-001.html`)).statusCode).toBe(404)
  })

  it('searches by keyword without caching the result', async () => {
    const res = await get(`/bsfw/search.html?q=${encodeURIComponent('食品')}`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('食品经营许可证核发')
    expect(res.body).not.toContain('内地居民结婚登记')
    const none = await get(`/bsfw/search.html?q=${encodeURIComponent('不存在的事项')}`)
    expect(none.body).toContain('没有找到相关事项')
    const empty = await get('/bsfw/search.html')
    expect(empty.body).toContain('请输入事项名称中的关键词')
  })

  it('shows the whole guide with downloadable forms, and says what is missing', async () => {
    const res = await get('/bsfw/item/MZ-001.html')
    expect(res.statusCode).toBe(200)
    for (const text of [
      '设定依据',
      '《婚姻登记条例》第四条、第五条',
      '申请条件',
      '办理地点',
      '办理时间',
      '联系电话',
      '0399-1234567',
      '办理流程',
      '不收费',
      '法定办结时限',
      '常见问题',
      '在线办理',
    ]) {
      expect(res.body).toContain(text)
    }
    expect(res.body).toMatch(/href="\/files\/[0-9a-f]{64}\.pdf" download/)
    expect(res.body).toContain('https://example.gov.cn/样表.pdf')
    expect(res.body).toContain('services.css')
    expect(res.body).not.toContain('相关问答')
    const file = await get(res.body.match(/\/files\/[0-9a-f]{64}\.pdf/)?.[0] ?? '')
    expect(file.statusCode).toBe(200)
    expect(file.headers['content-type']).toBe('application/pdf')
    const partial = await get('/bsfw/item/SJ-001.html')
    expect(partial.body).toContain('暂未提供，请咨询实施主体')
    expect((await get('/bsfw/item/NOPE.html')).statusCode).toBe(404)
  })

  it('serves cached pages until the item changes', async () => {
    const first = await get('/bsfw/item/SJ-001.html')
    expect(first.body).not.toContain('县政务服务中心二楼')
    await t.core.services.update(systemCtx, itemB.id, {
      name: '食品经营许可证核发',
      code: 'SJ-001',
      unitSiteId: unitB.id,
      kind: 'licence',
      audience: 'legal',
      themes: ['l02'],
      location: '县政务服务中心二楼',
    })
    expect((await get('/bsfw/item/SJ-001.html')).body).toContain('县政务服务中心二楼')
    const list = await get('/bsfw/')
    expect(list.body).toContain('食品经营许可证核发')
  })
})

describe(`services API (${TEST_DIALECT})`, () => {
  it('lists items with the documented shape and filters', async () => {
    const res = await get('/api/v1/services')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.total).toBe(2)
    const a = body.data.find((d: { code: string }) => d.code === 'MZ-001')
    expect(Object.keys(a).sort()).toEqual([
      'audience',
      'code',
      'missingElements',
      'name',
      'unitName',
      'url',
    ])
    expect(a).toMatchObject({
      name: '内地居民结婚登记',
      unitName: '示例县民政局',
      audience: 'person',
      missingElements: [],
    })
    expect(a.url).toBe(`${unitA.basePath}bszn/item/MZ-001.html`)
    const b = body.data.find((d: { code: string }) => d.code === 'SJ-001')
    expect(b.url).toBe('/bsfw/item/SJ-001.html')
    expect(b.missingElements).toContain('materials')
    expect((await get(`/api/v1/services?site=${unitA.code}`)).json().total).toBe(1)
    expect(
      (await get(`/api/v1/services?site=${portal.code}&audience=legal`)).json().data[0].code,
    ).toBe('SJ-001')
    expect((await get('/api/v1/services?theme=p12')).json().data[0].code).toBe('MZ-001')
    expect((await get(`/api/v1/services?q=${encodeURIComponent('结婚')}`)).json().total).toBe(1)
    expect((await get('/api/v1/services?audience=nobody')).statusCode).toBe(400)
    expect((await get('/api/v1/services?site=nope')).statusCode).toBe(404)
  })

  it('returns one guide by code, and documents both in OpenAPI', async () => {
    const res = await get('/api/v1/services/MZ-001')
    expect(res.statusCode).toBe(200)
    expect(res.json().data).toMatchObject({ code: 'MZ-001', relatedQuestions: [], feeFree: true })
    expect(res.json().data.materials[0].template.url).toMatch(/^\/files\//)
    expect((await get('/api/v1/services/NOPE')).statusCode).toBe(404)
    const spec = (await get('/api/docs/json')).json()
    expect(spec.paths['/api/v1/services']).toBeTruthy()
    expect(spec.paths['/api/v1/services/{code}']).toBeTruthy()
    expect(itemA.code).toBe('MZ-001')
    expect(portalCol.id).toBeGreaterThan(0)
    expect(channelCol.id).toBeGreaterThan(0)
  })
})

describe.skipIf(!hasChromium)(`办事服务 pages pass axe-core WCAG 2.1 AA (${TEST_DIALECT})`, () => {
  let browser: Browser
  let base: string
  beforeAll(async () => {
    base = await listenLocally(t)
    browser = await launchChromium()
  })
  afterAll(async () => browser?.close())

  it.each(['/bsfw/', '/bsfw/item/MZ-001.html', '/bsfw/item/SJ-001.html'])(
    '%s has no violations',
    async (path) => {
      const page = await browser.newPage({ viewport: { width: 375, height: 800 }, bypassCSP: true })
      await page.goto(`${base}${path}`)
      expect(await page.evaluate(() => document.styleSheets.length)).toBeGreaterThan(1)
      expect(await axeViolations(page)).toEqual([])
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth > window.innerWidth + 1,
      )
      expect(overflow).toBe(false)
      await page.close()
    },
  )
})
