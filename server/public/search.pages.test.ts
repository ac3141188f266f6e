import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatDate } from '../../common/time'
import type { Column } from '../modules/columns/column.repository'
import { makeDataset } from '../modules/datasets/dataset.test-helpers'
import { completeInput } from '../modules/services/service.test-helpers'
import type { Site } from '../modules/sites/site.repository'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../test/build-test-app'
import { makeArticle, makeColumn, systemCtx } from '../test/factories'
import { answerLetter, letterWorld, publishLetter, writeLetter } from './letters.test-helpers'

/**
 * The public search page: filters (scope, type, column, dates, sort), pagination keeping
 * them, escaped highlighting, a working link for every type of result, notices, and odd input
 * that must never break the page.
 */

const HOST = 'www.search-page.gov.cn'
const at = (day: string) => new Date(`${day}T10:00:00+08:00`).toISOString()

let t: TestApp
let portal: Site
let unit: Site
let news: Column
let notices: Column
let unitNews: Column
const get = (url: string) => t.app.inject({ url, headers: { host: HOST } })
const enc = encodeURIComponent
/** The hrefs of the result titles of a search page, in order. */
const resultLinks = (html: string) =>
  [...html.matchAll(/<h2 class="result__title"><a href="([^"]+)">/g)].map((m) =>
    (m[1] ?? '').replace(/&amp;/g, '&'),
  )
const count = (html: string) => /共找到 <strong>(\d+)<\/strong> 条/.exec(html)?.[1]

beforeAll(async () => {
  t = await buildTestApp({ captcha: 'off' })
  const w = await letterWorld(t, HOST, 'xzxx')
  portal = w.portal
  unit = w.unit
  news = await makeColumn(t.core, portal, { name: '政务要闻', slug: 'zwyw' })
  notices = await makeColumn(t.core, portal, { name: '通知公告', slug: 'tzgg' })
  unitNews = await makeColumn(t.core, unit, { name: '部门动态', slug: 'bmdt' })
  await makeColumn(t.core, portal, { name: '热点解答', slug: 'rdjd', type: 'faq' })
  await makeColumn(t.core, portal, { name: '办事服务', slug: 'bsfw', type: 'services' })
  await makeColumn(t.core, portal, { name: '便民查询', slug: 'bmcx', type: 'dataset' })

  const article = (site: Site, column: Column, title: string, body: string, day: string) =>
    makeArticle(t.core, site, column, { title, bodyHtml: `<p>${body}</p>`, publishedAt: at(day) })
  await article(portal, news, '县里召开银杏大道建设会议', '银杏大道二期开工。', '2024-03-01')
  await article(unit, unitNews, '住建局检查银杏大道工程', '银杏大道质量检查。', '2024-05-01')
  await article(portal, notices, '关于银杏大道封路的通告', '封路期间请绕行。', '2023-01-10')
  for (let i = 1; i <= 12; i++)
    await article(portal, news, `梧桐计划第${i}期简报`, '梧桐计划进展。', `2022-01-${10 + i}`)
  await article(portal, news, '<script>alert(1)</script>紫藤公告', '紫藤花开。', '2024-04-04')

  // One of every other type, all sharing the word 琥珀.
  const { letterId } = await writeLetter(t, w, { subject: '琥珀巷路灯不亮' })
  await answerLetter(t, w, letterId)
  await publishLetter(t, w, letterId, '琥珀巷路灯')
  await t.core.questions.create(systemCtx, {
    unitSiteId: portal.id,
    question: '琥珀卡怎么补办？',
    answer: '到政务服务中心补办。',
    status: 'published',
  })
  await t.core.services.create(systemCtx, completeInput(portal.id, { name: '琥珀证明开具' }))
  await makeDataset(t.core, portal.id, { name: '琥珀街道医疗机构名录', isPublic: true })
  await t.core.search.refresh()
}, 60_000)
afterAll(async () => t?.close())

describe(`search page filters (${TEST_DIALECT})`, () => {
  it('searches the whole cluster from the portal and the site itself from a channel', async () => {
    const all = await get(`/search.html?q=${enc('银杏大道')}`)
    expect(all.statusCode).toBe(200)
    expect(count(all.body)).toBe('3')
    expect(all.body).toContain('搜索范围：全站群')
    expect(all.headers['cache-control']).toBe('no-cache')

    const own = await get(`${unit.basePath}search.html?q=${enc('银杏大道')}`)
    expect(own.statusCode).toBe(200)
    expect(count(own.body)).toBe('1')
    expect(own.body).toContain(`搜索范围：本站（${unit.name}）`)
    expect(resultLinks(own.body)[0]).toMatch(
      new RegExp(`^${unit.basePath}bmdt/content_\\d+\\.html$`),
    )
    // A link to the whole cluster, keeping the query.
    const cluster = /<a class="search-page__cluster" href="([^"]+)">/.exec(own.body)?.[1]
    expect(cluster).toContain('scope=cluster')
    const wide = await get((cluster ?? '').replace(/&amp;/g, '&'))
    expect(count(wide.body)).toBe('3')

    // A chosen site from the portal, and the site select marks it.
    const chosen = await get(`/search.html?q=${enc('银杏大道')}&scope=site&site=${unit.code}`)
    expect(count(chosen.body)).toBe('1')
    expect(chosen.body).toContain(`<option value="${unit.code}" selected>`)
    // The old form's `site=` alone still means that site.
    expect(count((await get(`/search.html?q=${enc('银杏大道')}&site=${unit.code}`)).body)).toBe('1')
    // An unknown site: a notice, never an error page.
    const unknown = await get(`/search.html?q=${enc('银杏大道')}&site=no-such-site`)
    expect(unknown.statusCode).toBe(200)
    expect(unknown.body).toContain('所选站点不存在或未开放')
  })

  it('filters by type and column, and keeps the filter choices in the form', async () => {
    const q = enc('琥珀')
    expect(count((await get(`/search.html?q=${q}`)).body)).toBe('4')
    for (const type of ['letter', 'question', 'service', 'dataset']) {
      const res = await get(`/search.html?q=${q}&type=${type}`)
      expect(count(res.body), type).toBe('1')
      expect(res.body).toContain(`<option value="${type}" selected>`)
    }
    expect(count((await get(`/search.html?q=${q}&type=article`)).body)).toBe('0')
    // A bad type is ignored.
    expect(count((await get(`/search.html?q=${q}&type=bogus`)).body)).toBe('4')

    const inNotices = await get(
      `/search.html?q=${enc('银杏大道')}&scope=site&site=${portal.code}&column=${notices.id}`,
    )
    expect(count(inNotices.body)).toBe('1')
    expect(inNotices.body).toContain('关于<mark>银杏大道</mark>封路的通告')
    expect(inNotices.body).toContain(`<option value="${notices.id}" selected>`)
  })

  it('filters by date range, with a notice for dates that are not dates', async () => {
    const q = enc('银杏大道')
    const range = await get(`/search.html?q=${q}&from=2024-01-01&to=2024-04-30`)
    expect(count(range.body)).toBe('1')
    expect(range.body).toContain('value="2024-01-01"')
    const swapped = await get(`/search.html?q=${q}&from=2024-04-30&to=2024-01-01`)
    expect(count(swapped.body)).toBe('1')
    expect(swapped.body).toContain('起始日期晚于截止日期')
    for (const bad of ['2024-02-30', 'yesterday', '2024/01/01', "1' or '1'='1", '9'.repeat(40)]) {
      const res = await get(`/search.html?q=${q}&from=${enc(bad)}&to=${enc(bad)}`)
      expect(res.statusCode, bad).toBe(200)
      expect(res.body, bad).toContain('不是有效日期')
      expect(count(res.body), bad).toBe('3')
    }
  })

  it('sorts by relevance or by date', async () => {
    const q = enc('银杏大道')
    const byDate = await get(`/search.html?q=${q}&sort=date`)
    const dates = [
      ...byDate.body.matchAll(/class="result__meta">.*?<time datetime="([^"]+)">/g),
    ].map((m) => m[1])
    expect(dates).toEqual(['2024-05-01', '2024-03-01', '2023-01-10'])
    expect(byDate.body).toMatch(/<input type="radio" name="sort" value="date" checked>/)
    const byRelevance = await get(`/search.html?q=${q}`)
    expect(byRelevance.body).toMatch(/<input type="radio" name="sort" value="relevance" checked>/)
    expect(resultLinks(byRelevance.body)).toHaveLength(3)
  })

  it('pages ten results at a time, keeping every filter in the page links', async () => {
    const q = enc('梧桐计划')
    const first = await get(`/search.html?q=${q}&type=article&sort=date&from=2022-01-01`)
    expect(count(first.body)).toBe('12')
    expect(resultLinks(first.body)).toHaveLength(10)
    const next = /<a class="pagination__step" href="([^"]+)" rel="next">/.exec(first.body)?.[1]
    const url = (next ?? '').replace(/&amp;/g, '&')
    expect(url).toContain('type=article')
    expect(url).toContain('sort=date')
    expect(url).toContain('from=2022-01-01')
    expect(url).toContain('page=2')
    const second = await get(url)
    expect(resultLinks(second.body)).toHaveLength(2)
    expect(second.body).toContain('第1期简报')
    // Far beyond the results (and beyond the 500-page cap): an empty list, not an error.
    for (const p of [3, 501, 99999]) {
      const res = await get(`/search.html?q=${q}&page=${p}`)
      expect(res.statusCode, String(p)).toBe(200)
    }
  })

  it('counts the query in the statistics of the site it was made from', async () => {
    await get(`${unit.basePath}search.html?q=${enc('统计专用词')}`)
    const today = formatDate(new Date())
    const stats = await t.core.search.topQueries(unit.id, { from: today, to: today })
    expect(stats.map((s) => s.query)).toContain('统计专用词')
  })
})

describe(`search page results (${TEST_DIALECT})`, () => {
  it('shows escaped, highlighted titles and snippets with site, type and date', async () => {
    const res = await get(`/search.html?q=${enc('紫藤')}`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;<mark>紫藤</mark>公告</a>')
    expect(res.body).not.toContain('<script>alert(1)')
    expect(res.body).toContain('<p class="result__snippet"><mark>紫藤</mark>花开。</p>')
    expect(res.body).toContain('<span class="result__type">信息</span>')
    expect(res.body).toContain('<time datetime="2024-04-04">2024-04-04</time>')
    expect(res.body).toMatch(/<ol class="results">/)
  })

  it('links every type of result to a page that answers 200', async () => {
    const expected: Record<string, RegExp> = {
      article: /^\/zwyw\/content_\d+\.html$/,
      letter: /^\/ldxx\/letters\/\d+$/,
      question: /^\/rdjd\/question_\d+\.html$/,
      service: /^\/bsfw\/item\/[^/]+\.html$/,
      dataset: /^\/bmcx\/[a-z0-9-]+\/$/,
    }
    const urls: Record<string, string> = {}
    urls.article = resultLinks((await get(`/search.html?q=${enc('银杏大道建设')}`)).body)[0] ?? ''
    for (const type of ['letter', 'question', 'service', 'dataset']) {
      urls[type] =
        resultLinks((await get(`/search.html?q=${enc('琥珀')}&type=${type}`)).body)[0] ?? ''
    }
    for (const [type, url] of Object.entries(urls)) {
      expect(url, type).toMatch(expected[type] ?? /^$/)
      const res = await get(url)
      expect(res.statusCode, `${type} ${url}`).toBe(200)
    }
    // The letter page shows the published copy the result was found by.
    expect((await get(urls.letter ?? '')).body).toContain('公开标题琥珀巷路灯')
  })

  it('shows the service’s notice for an empty and an over-long query', async () => {
    const empty = await get('/search.html')
    expect(empty.statusCode).toBe(200)
    expect(empty.body).toContain('请输入搜索词')
    expect(empty.body).toContain('请输入要查找的关键词')
    const blank = await get(`/search.html?q=${enc('   ')}`)
    expect(blank.body).toContain('请输入搜索词')
    const long = await get(`/search.html?q=${enc('银杏'.repeat(150))}`)
    expect(long.statusCode).toBe(200)
    expect(long.body).toContain('搜索词过长')
    const symbols = await get(`/search.html?q=${enc('！？。，')}`)
    expect(symbols.statusCode).toBe(200)
  })

  it('answers 200 for FTS syntax, SQL metacharacters, emoji and control characters', async () => {
    const odd = [
      '"',
      '*',
      'NEAR(',
      'a AND b',
      'OR',
      '-银杏',
      "'; drop table article; --",
      '" * NEAR( AND - \'; drop table',
      '😀',
      '银杏😀大道',
      '\u0000\u0001\u001f',
      '\u202e银杏',
      '%',
      '_',
      '\\',
      '^',
      '{}[]():',
      'x'.repeat(2000),
    ]
    for (const q of odd) {
      const res = await get(`/search.html?q=${enc(q)}`)
      expect(res.statusCode, JSON.stringify(q)).toBe(200)
      expect(res.body, JSON.stringify(q)).toContain('站内搜索')
    }
    // Malformed percent-encoding and repeated parameters too.
    for (const url of [
      '/search.html?q=%E4%B8',
      '/search.html?q=%',
      '/search.html?q=a&q=b&type=article&type=letter',
      '/search.html?column=abc&page=abc&sort=%00',
    ]) {
      expect((await get(url)).statusCode, url).toBe(200)
    }
    // The article table is still there.
    expect(count((await get(`/search.html?q=${enc('银杏大道')}`)).body)).toBe('3')
  })

  it('is a plain GET form with labelled, grouped filters and a progressive suggestion script', async () => {
    const res = await get(`/search.html?q=${enc('银杏')}`)
    const html = res.body
    expect(html).toMatch(
      /<form class="search-form" role="search" aria-label="搜索条件" action="\/search\.html" method="get">/,
    )
    for (const id of [
      'search-page-q',
      'search-site',
      'search-type',
      'search-column',
      'search-from',
      'search-to',
    ])
      expect(html, id).toMatch(new RegExp(`<label[^>]* for="${id}">`))
    for (const legend of ['筛选条件', '搜索范围', '发布日期', '排序'])
      expect(html).toContain(`<legend>${legend}</legend>`)
    expect(html).toContain('<script src="/_theme/default/assets/search-suggest.js" defer></script>')
    const js = await get('/_theme/default/assets/search-suggest.js')
    expect(js.statusCode).toBe(200)
    expect(js.body).toContain("setAttribute('role', 'combobox')")
    expect((await get('/_theme/default/assets/search.css')).statusCode).toBe(200)
    // A channel's header search box searches the channel; the portal's the whole cluster.
    const channelHome = await get(unit.basePath)
    expect(channelHome.body).toContain(`action="${unit.basePath}search.html"`)
    expect(channelHome.body).toContain(`data-site="${unit.code}"`)
    const home = await get('/')
    expect(home.body).toContain('action="/search.html"')
    expect(home.body).not.toContain('data-site=')
  })
})
