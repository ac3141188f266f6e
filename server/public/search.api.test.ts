import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Column } from '../modules/columns/column.repository'
import type { Site } from '../modules/sites/site.repository'
import { AccessLog } from '../plugins/access-log'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../test/build-test-app'
import { makeArticle, makeChannel, makeColumn, makePortal, systemCtx } from '../test/factories'

/**
 * `/api/v1/search` (the contract in DESIGN.md plus page, pageSize and notice), its errors,
 * `/api/v1/search/suggest`, and the access log's masking of personal numbers in `q=`.
 */

const HOST = 'www.search-api.gov.cn'
const at = (day: string) => new Date(`${day}T10:00:00+08:00`).toISOString()

let t: TestApp
let portal: Site
let unit: Site
let news: Column
let unitNews: Column
const api = (url: string) => t.app.inject({ url, headers: { host: HOST } })
const enc = encodeURIComponent

beforeAll(async () => {
  t = await buildTestApp()
  portal = await makePortal(t.core, { hosts: [HOST] })
  unit = await makeChannel(t.core, portal)
  news = await makeColumn(t.core, portal, { name: '政务要闻', slug: 'zwyw' })
  unitNews = await makeColumn(t.core, unit, { name: '部门动态', slug: 'bmdt' })
  await makeColumn(t.core, portal, { name: '热点解答', slug: 'rdjd', type: 'faq' })
  await makeArticle(t.core, portal, news, {
    title: '海棠路改造工程公示',
    bodyHtml: '<p>海棠路改造工程将于下月开工，<b>请</b>市民绕行。</p>',
    publishedAt: at('2024-06-01'),
  })
  await makeArticle(t.core, unit, unitNews, {
    title: '住建局部署海棠路施工安全',
    bodyHtml: '<p>海棠路施工安全检查。</p>',
    publishedAt: at('2024-07-01'),
  })
  for (let i = 1; i <= 10; i++)
    await makeArticle(t.core, portal, news, {
      title: `芙蓉专项第${i}号通知`,
      bodyHtml: '<p>芙蓉专项。</p>',
      publishedAt: at(`2023-03-${10 + i}`),
    })
  await t.core.questions.create(systemCtx, {
    unitSiteId: portal.id,
    question: '海棠卡在哪里办理？',
    answer: '到政务服务中心办理。',
    status: 'published',
  })
  await t.core.search.refresh()
}, 60_000)
afterAll(async () => t?.close())

describe(`GET /api/v1/search (${TEST_DIALECT})`, () => {
  it('answers the documented contract', async () => {
    const res = await api(`/api/v1/search?q=${enc('海棠路')}`)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(Object.keys(body).sort()).toEqual(['data', 'notice', 'page', 'pageSize', 'total'])
    expect(body).toMatchObject({ total: 2, page: 1, pageSize: 10, notice: null })
    for (const item of body.data) {
      expect(Object.keys(item).sort()).toEqual(
        ['id', 'publishedAt', 'siteCode', 'snippet', 'title', 'type', 'url'].sort(),
      )
      expect(item.snippet).not.toMatch(/<|&lt;/)
    }
    const own = body.data.find((d: { siteCode: string }) => d.siteCode === portal.code)
    expect(own.type).toBe('article')
    expect(own.title).toBe('海棠路改造工程公示')
    expect(own.url).toBe(`/zwyw/content_${own.id}.html`)
    expect(own.snippet).toContain('海棠路改造工程将于下月开工，请市民绕行。')
    expect(own.publishedAt).toBe(at('2024-06-01'))
    // The same URL the page links to, and it answers.
    expect((await api(own.url)).statusCode).toBe(200)
    const page = await api(`/search.html?q=${enc('海棠路')}`)
    expect(page.body).toContain(`href="${own.url}"`)
  })

  it('filters by site, type, column, dates and sorts', async () => {
    const q = enc('海棠')
    expect((await api(`/api/v1/search?q=${q}`)).json().total).toBe(3)
    const site = (await api(`/api/v1/search?q=${q}&site=${unit.code}`)).json()
    expect(site.total).toBe(1)
    expect(site.data[0].siteCode).toBe(unit.code)
    expect(site.data[0].url).toMatch(new RegExp(`^${unit.basePath}bmdt/content_\\d+\\.html$`))
    const question = (await api(`/api/v1/search?q=${q}&type=question`)).json()
    expect(question.data.map((d: { type: string }) => d.type)).toEqual(['question'])
    expect(question.data[0].url).toBe(`/rdjd/question_${question.data[0].id}.html`)
    expect((await api(question.data[0].url)).statusCode).toBe(200)
    const column = (await api(`/api/v1/search?q=${q}&site=${portal.code}&column=${news.id}`)).json()
    expect(column.total).toBe(1)
    const dated = (await api(`/api/v1/search?q=${q}&from=2024-06-15&to=2024-12-31`)).json()
    expect(dated.total).toBe(1)
    const byDate = (await api(`/api/v1/search?q=${q}&type=article&sort=date`)).json()
    expect(byDate.data.map((d: { publishedAt: string }) => d.publishedAt)).toEqual([
      at('2024-07-01'),
      at('2024-06-01'),
    ])
  })

  it('pages', async () => {
    const q = enc('芙蓉专项')
    const first = (await api(`/api/v1/search?q=${q}&pageSize=4&sort=date`)).json()
    expect(first).toMatchObject({ total: 10, page: 1, pageSize: 4 })
    expect(first.data).toHaveLength(4)
    const last = (await api(`/api/v1/search?q=${q}&pageSize=4&page=3&sort=date`)).json()
    expect(last.data).toHaveLength(2)
    expect(last.data[1].title).toBe('芙蓉专项第1号通知')
    const max = (await api(`/api/v1/search?q=${q}&pageSize=50&page=500`)).json()
    expect(max).toMatchObject({ total: 10, page: 500, pageSize: 50, data: [] })
  })

  it('answers an empty or unsearchable query with an empty list and a notice', async () => {
    for (const url of ['/api/v1/search', '/api/v1/search?q=', `/api/v1/search?q=${enc('   ')}`]) {
      const res = await api(url)
      expect(res.statusCode, url).toBe(200)
      expect(res.json(), url).toEqual({
        data: [],
        total: 0,
        page: 1,
        pageSize: 10,
        notice: '请输入搜索词',
      })
    }
    const long = (await api(`/api/v1/search?q=${enc('海棠'.repeat(120))}`)).json()
    expect(long.notice).toContain('搜索词过长')
  })

  it('refuses bad parameters with 400 and a Chinese message, never 500', async () => {
    const cases: [string, string][] = [
      [`/api/v1/search?q=a&site=no-such-site`, 'unknown_site'],
      [`/api/v1/search?q=a&type=bogus`, 'invalid'],
      [`/api/v1/search?q=a&pageSize=51`, 'invalid'],
      [`/api/v1/search?q=a&pageSize=0`, 'invalid'],
      [`/api/v1/search?q=a&page=501`, 'invalid'],
      [`/api/v1/search?q=a&page=abc`, 'invalid'],
      [`/api/v1/search?q=a&sort=random`, 'invalid'],
      [`/api/v1/search?q=a&from=2024-02-30`, 'invalid'],
      [`/api/v1/search?q=a&to=yesterday`, 'invalid'],
      [`/api/v1/search?q=a&column=${news.id}`, 'invalid'],
      [`/api/v1/search?q=a&site=${unit.code}&column=${news.id}`, 'invalid'],
      [`/api/v1/search?q=${'a'.repeat(1001)}`, 'invalid'],
    ]
    for (const [url, code] of cases) {
      const res = await api(url)
      expect(res.statusCode, url).toBe(400)
      const { error } = res.json()
      expect(error.code, url).toBe(code)
      expect(error.message, url).toMatch(/[\u4e00-\u9fff]/)
    }
    const closed = await makeChannel(t.core, portal)
    await t.core.sites.setStatus(systemCtx, closed.id, { status: 'closed', notice: '关停' })
    expect((await api(`/api/v1/search?q=a&site=${closed.code}`)).json().error.code).toBe(
      'unknown_site',
    )
  })

  it('answers 200 for FTS syntax, SQL metacharacters, emoji and control characters', async () => {
    for (const q of [
      '" * NEAR( AND - \'; drop table',
      "'; drop table search_doc; --",
      'NEAR(海棠 路)',
      '海棠*',
      '-海棠',
      '😀海棠',
      '\u0000\u0007\u001b',
      '%_\\',
    ]) {
      const res = await api(`/api/v1/search?q=${enc(q)}`)
      expect(res.statusCode, JSON.stringify(q)).toBe(200)
      const suggest = await api(`/api/v1/search/suggest?q=${enc(q)}`)
      expect(suggest.statusCode, JSON.stringify(q)).toBe(200)
    }
    expect((await api(`/api/v1/search?q=${enc('海棠路')}`)).json().total).toBe(2)
  })

  it('is documented in the OpenAPI description', async () => {
    const doc = (await api('/api/docs/json')).json()
    expect(doc.paths['/api/v1/search']).toBeDefined()
    expect(doc.paths['/api/v1/search/suggest']).toBeDefined()
  })
})

describe(`GET /api/v1/search/suggest (${TEST_DIALECT})`, () => {
  it('lists at most eight newest titles containing what was typed', async () => {
    const res = await api(`/api/v1/search/suggest?q=${enc('芙蓉')}`)
    expect(res.statusCode).toBe(200)
    const { data } = res.json()
    expect(data).toHaveLength(8)
    expect(Object.keys(data[0]).sort()).toEqual(['title', 'type', 'url'])
    expect(data[0]).toMatchObject({ title: '芙蓉专项第10号通知', type: 'article' })
    expect(data[0].url).toMatch(/^\/zwyw\/content_\d+\.html$/)
  })

  it('limits to a site, and never fails on odd input', async () => {
    const site = (await api(`/api/v1/search/suggest?q=${enc('海棠')}&site=${unit.code}`)).json()
    expect(site.data.map((d: { title: string }) => d.title)).toEqual(['住建局部署海棠路施工安全'])
    for (const url of [
      '/api/v1/search/suggest',
      '/api/v1/search/suggest?q=',
      `/api/v1/search/suggest?q=${enc('  ')}`,
      `/api/v1/search/suggest?q=${enc('海棠')}&site=no-such-site`,
      `/api/v1/search/suggest?q=${'海'.repeat(3000)}`,
    ]) {
      const res = await api(url)
      expect(res.statusCode, url).toBe(200)
      expect(res.json().data, url).toEqual(url.includes('3000') ? expect.any(Array) : [])
    }
  })
})

describe('access log', () => {
  it('masks ID, phone and card numbers and e-mail addresses in q=', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zq-log-'))
    const file = path.join(dir, 'access.log')
    const fd = fs.openSync(file, 'w')
    const log = new AccessLog(fd)
    const urls = [
      `/search.html?q=${enc('身份证 110101199003071234 补办')}&site=x`,
      `/api/v1/search?site=x&q=${enc('13812345678')}`,
      `/search.html?q=${enc('zhang.san@example.com')}`,
      '/search.html?q=110101199003071234',
      '/letters/check?code=ABC&password=secret',
      `/search.html?q=${enc('2024年 海棠路')}&page=2`,
    ]
    for (const url of urls) log.write({ method: 'GET', url, status: 200, ip: '127.0.0.1' })
    log.flush()
    await new Promise((r) => setTimeout(r, 50))
    fs.closeSync(fd)
    const lines = fs
      .readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { url: string }).url)
    fs.rmSync(dir, { recursive: true, force: true })
    const text = lines.map((u) => decodeURIComponent(u)).join('\n')
    for (const secret of ['110101199003071234', '13812345678', 'zhang.san@example.com', 'secret'])
      expect(text).not.toContain(secret)
    expect(decodeURIComponent(lines[0] ?? '')).toBe(
      '/search.html?q=身份证 110*************** 补办&site=x',
    )
    expect(lines[1]).toBe(`/api/v1/search?site=x&q=${enc('138********')}`)
    expect(lines[3]).toBe(`/search.html?q=110***************`)
    expect(lines[4]).toBe('/letters/check?code=ABC&password=***')
    // Nothing personal: left as it was.
    expect(lines[5]).toBe(urls[5])
  })
})
