import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Column } from '../modules/columns/column.repository'
import type { Site } from '../modules/sites/site.repository'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../test/build-test-app'
import { makeArticle, makeChannel, makeColumn, makePortal, systemCtx } from '../test/factories'

const HOST = 'www.aggpages.gov.cn'
const DAY = 86_400_000
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString()

describe(`aggregate columns on the public site (${TEST_DIALECT})`, () => {
  let t: TestApp
  let portal: Site
  let dept: Site
  let town: Site
  let many: Site
  let deptNews: Column
  let deptNotices: Column
  let townNews: Column
  let manyNews: Column
  let bmdt: Column
  const get = (url: string) => t.app.inject({ url, headers: { host: HOST } })
  /** Requests a page and tells whether the cache answered it. */
  const fetch = async (url: string) => {
    const before = t.cache.hits
    const res = await get(url)
    expect(res.statusCode, url).toBe(200)
    return { body: res.body, cached: t.cache.hits > before }
  }
  const aggregate = (site: Site, slug: string, name: string, rule: object, homeBlock = true) =>
    t.core.columns.create(systemCtx, site.id, {
      name,
      slug,
      type: 'aggregate',
      homeBlock,
      settings: { aggregate: rule },
    })

  beforeAll(async () => {
    t = await buildTestApp()
    portal = await makePortal(t.core, { name: '聚合页面县', hosts: [HOST] })
    dept = await makeChannel(t.core, portal, { name: '示范局', shortName: '示范局' })
    town = await makeChannel(t.core, portal, {
      name: '甲乡人民政府',
      shortName: '甲乡',
      code: 'xz-jx',
      basePath: '/xz/jx/',
      grouping: '乡镇',
    })
    many = await makeChannel(t.core, portal, { name: '多稿局', grouping: '多稿' })
    await makeColumn(t.core, portal, { slug: 'yw', name: '要闻', homeBlock: true })
    deptNews = await makeColumn(t.core, dept, { slug: 'gzdt', name: '工作动态' })
    deptNotices = await makeColumn(t.core, dept, { slug: 'tzgg', name: '通知公告' })
    townNews = await makeColumn(t.core, town, { slug: 'gzdt', name: '工作动态' })
    manyNews = await makeColumn(t.core, many, { slug: 'gzdt', name: '工作动态' })
    bmdt = await aggregate(portal, 'bmdt', '部门动态', {
      groupings: ['部门'],
      columnSlugs: ['gzdt'],
    })
    await aggregate(portal, 'xzdt', '乡镇动态', { groupings: ['乡镇'], columnSlugs: ['gzdt'] })
    await aggregate(portal, 'dgj', '多稿汇总', { groupings: ['多稿'] }, false)
    await makeArticle(t.core, dept, deptNews, { title: '示范局旧闻', publishedAt: daysAgo(3) })
    await makeArticle(t.core, dept, deptNews, { title: '示范局新闻', publishedAt: daysAgo(1) })
    await makeArticle(t.core, town, townNews, { title: '甲乡新闻', publishedAt: daysAgo(2) })
    for (let i = 1; i <= 21; i++) {
      await makeArticle(t.core, many, manyNews, {
        title: `多稿第${i}条`,
        publishedAt: daysAgo(100 - i),
      })
    }
  }, 60_000)
  afterAll(async () => t.close())

  it('lists the sources newest first, each linking to its own page at the source', async () => {
    const { body } = await fetch('/bmdt/')
    const newer = body.indexOf('示范局新闻')
    const older = body.indexOf('示范局旧闻')
    expect(newer).toBeGreaterThan(0)
    expect(older).toBeGreaterThan(newer)
    expect(body).not.toContain('甲乡新闻')
    expect(body).toMatch(
      new RegExp(`href="${dept.basePath}gzdt/content_\\d+\\.html"[^>]*>示范局新闻`),
    )
    const linked = /href="([^"]+)"[^>]*>示范局新闻/.exec(body)?.[1] ?? ''
    const article = await get(linked)
    expect(article.statusCode).toBe(200)
    expect(article.body).toContain('示范局新闻')
  })

  it('pages its list and answers 404 beyond the last page', async () => {
    const first = await fetch('/dgj/')
    expect(first.body).toContain('多稿第21条')
    expect(first.body).not.toContain('多稿第1条<')
    expect(first.body).toContain('?page=2')
    const second = await fetch('/dgj/?page=2')
    expect(second.body).toContain('多稿第1条<')
    expect(second.body).not.toContain('多稿第21条')
    expect((await get('/dgj/?page=3')).statusCode).toBe(404)
    expect((await get('/dgj/?page=51')).statusCode).toBe(404)
  })

  it('gives the RSS of an aggregate column the same items', async () => {
    const res = await get('/bmdt/rss.xml')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('<title>部门动态 - 聚合页面县</title>')
    expect(res.body).toMatch(
      new RegExp(
        `<item><title>示范局新闻</title><link>http://${HOST}${dept.basePath}gzdt/content_\\d+\\.html</link>`,
      ),
    )
    expect(res.body.indexOf('示范局新闻')).toBeLessThan(res.body.indexOf('示范局旧闻'))
    expect(res.body).not.toContain('甲乡新闻')
  })

  it('shows aggregate blocks and the latest items of every channel on the portal home', async () => {
    const { body } = await fetch('/')
    const block = (slug: string) => {
      const start = body.indexOf(`block--${slug}"`)
      expect(start, slug).toBeGreaterThan(0)
      return body.slice(start, body.indexOf('</section>', start))
    }
    expect(block('bmdt')).toContain('>部门动态<')
    expect(block('bmdt')).toContain('示范局新闻')
    expect(block('bmdt')).not.toContain('甲乡新闻')
    expect(block('xzdt')).toContain('甲乡新闻')
    expect(body).not.toContain('block--dgj"')
    const latest = body.slice(body.indexOf('最新信息'))
    expect(latest).toMatch(
      new RegExp(
        `href="${town.basePath}">甲乡</a><a class="news-list__title" href="${town.basePath}gzdt/content_\\d+\\.html">甲乡新闻`,
      ),
    )
    expect(latest).toContain('示范局新闻')
    expect(latest.indexOf('示范局新闻')).toBeLessThan(latest.indexOf('甲乡新闻'))
  })

  it('changes the cached home and aggregate pages when a source publishes, edits, unpublishes', async () => {
    const pages = ['/', '/bmdt/', '/bmdt/rss.xml']
    const warm = async () => {
      for (const url of pages) await fetch(url)
      for (const url of pages) expect((await fetch(url)).cached, url).toBe(true)
    }
    await warm()
    const a = await makeArticle(t.core, dept, deptNews, { title: '缓存中新发布' })
    for (const url of pages) {
      const { body, cached } = await fetch(url)
      expect(cached, url).toBe(false)
      expect(body, url).toContain('缓存中新发布')
    }
    await warm()
    await t.core.articles.update(systemCtx, a.id, { title: '缓存中已改题' })
    for (const url of pages) {
      const { body } = await fetch(url)
      expect(body, url).toContain('缓存中已改题')
      expect(body, url).not.toContain('缓存中新发布')
    }
    await warm()
    await t.core.articles.unpublish(systemCtx, a.id)
    for (const url of pages) {
      const { body } = await fetch(url)
      expect(body, url).not.toContain('缓存中已改题')
    }
  })

  it('refreshes the portal latest list when a channel publishes outside aggregated columns', async () => {
    await fetch('/')
    expect((await fetch('/')).cached).toBe(true)
    await makeArticle(t.core, dept, deptNotices, { title: '频道通知新发布' })
    const { body, cached } = await fetch('/')
    expect(cached).toBe(false)
    expect(body.slice(body.indexOf('最新信息'))).toContain('频道通知新发布')
    expect((await fetch('/bmdt/')).body).not.toContain('频道通知新发布')
  })

  it('follows a new source column and a rule change at once', async () => {
    await fetch('/xzdt/')
    expect((await fetch('/xzdt/')).cached).toBe(true)
    const town2 = await makeChannel(t.core, portal, {
      name: '乙镇人民政府',
      code: 'xz-yz',
      basePath: '/xz/yz/',
      grouping: '乡镇',
    })
    const news = await makeColumn(t.core, town2, { slug: 'gzdt', name: '工作动态' })
    await makeArticle(t.core, town2, news, { title: '乙镇新闻' })
    expect((await fetch('/xzdt/')).body).toContain('乙镇新闻')
    // A source column added to a selected site that had none.
    const quiet = await makeChannel(t.core, portal, { name: '安静局' })
    await makeColumn(t.core, quiet, { slug: 'tzgg', name: '通知公告' })
    await fetch('/bmdt/')
    expect((await fetch('/bmdt/')).cached).toBe(true)
    const quietNews = await makeColumn(t.core, quiet, { slug: 'gzdt', name: '工作动态' })
    await makeArticle(t.core, quiet, quietNews, { title: '安静局首条动态' })
    expect((await fetch('/bmdt/')).body).toContain('安静局首条动态')
    await t.core.columns.update(systemCtx, bmdt.id, {
      settings: { aggregate: { groupings: ['部门', '乡镇'], columnSlugs: ['gzdt'] } },
    })
    expect((await fetch('/bmdt/')).body).toContain('乙镇新闻')
  })
})

describe(`aggregate columns in the public API (${TEST_DIALECT})`, () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => t.close())

  it('lists an aggregate column’s items with links to their source pages', async () => {
    const host = 'www.aggapi.gov.cn'
    const portal = await makePortal(t.core, { hosts: [host] })
    const dept = await makeChannel(t.core, portal, { basePath: '/bm/api/' })
    const news = await makeColumn(t.core, dept, { slug: 'gzdt', name: '工作动态' })
    const agg = await t.core.columns.create(systemCtx, portal.id, {
      name: '部门动态',
      slug: 'bmdt',
      type: 'aggregate',
      settings: { aggregate: { groupings: ['部门'], columnSlugs: ['gzdt'] } },
    })
    const a = await makeArticle(t.core, dept, news, { title: '接口聚合新闻' })
    const res = await t.app.inject({
      url: `/api/v1/articles?site=${portal.code}&column=${agg.id}`,
      headers: { host },
    })
    expect(res.statusCode).toBe(200)
    const body = res.json() as { data: { id: number; url: string }[]; total: number }
    expect(body.total).toBe(1)
    expect(body.data[0]?.id).toBe(a.id)
    expect(body.data[0]?.url).toBe(`/bm/api/gzdt/content_${a.id}.html`)
  })
})
