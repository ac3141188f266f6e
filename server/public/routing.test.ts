import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Site } from '../modules/sites/site.repository'
import type { Column } from '../modules/columns/column.repository'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../test/build-test-app'
import { makeArticle, makeChannel, makeColumn, makePortal, systemCtx } from '../test/factories'

/** A page rendered by the default theme (not a plain fallback): its layout and footer furniture. */
function expectThemed(body: string): void {
  expect(body).toContain('<footer class="site-footer">')
  expect(body).toContain('网站标识码')
}

describe(`public routing (${TEST_DIALECT})`, () => {
  let t: TestApp
  let portal: Site
  let channel: Site
  let standalone: Site
  let portalColumn: Column
  let channelColumn: Column
  let standaloneColumn: Column

  beforeAll(async () => {
    t = await buildTestApp()
    portal = await makePortal(t.core, { name: '路由测试县人民政府', hosts: ['www.rt.gov.cn'] })
    channel = await makeChannel(t.core, portal, { name: '路由测试县发展和改革局' })
    standalone = await t.core.sites.create(systemCtx, {
      code: 'zt-rt',
      name: '路由测试招商网',
      kind: 'standalone',
      hosts: ['zs.rt.gov.cn'],
      siteIdCode: '1399990002',
    })
    portalColumn = await makeColumn(t.core, portal, { name: '门户通知公告' })
    channelColumn = await makeColumn(t.core, channel, { name: '频道工作动态' })
    standaloneColumn = await makeColumn(t.core, standalone, { name: '招商项目' })
  })
  afterAll(async () => {
    await t.close()
  })

  it('answers a bound host with the site bound to it', async () => {
    const res = await t.app.inject({ url: '/', headers: { host: 'www.rt.gov.cn' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('text/html')
    expect(res.body).toContain('<a class="brand__name" href="/">路由测试县人民政府</a>')
    const upper = await t.app.inject({ url: '/', headers: { host: 'WWW.RT.GOV.CN:8080' } })
    expect(upper.statusCode).toBe(200)
    expect(upper.body).toContain('路由测试县人民政府')
  })

  it('serves a channel under its portal path, with its own columns', async () => {
    const home = await t.app.inject({ url: channel.basePath, headers: { host: 'www.rt.gov.cn' } })
    expect(home.statusCode).toBe(200)
    expect(home.body).toContain(
      `<a class="brand__name" href="${channel.basePath}">路由测试县发展和改革局</a>`,
    )
    // The channel's own page links back to its portal.
    expect(home.body).toContain('返回门户首页')
    const col = await t.app.inject({
      url: `${channel.basePath}${channelColumn.path}/`,
      headers: { host: 'www.rt.gov.cn' },
    })
    expect(col.statusCode).toBe(200)
    expect(col.body).toContain('<h1 class="column-head__title">频道工作动态</h1>')
    // A portal column is not reachable under the channel's path, nor a channel column at the root.
    const wrong = await t.app.inject({
      url: `${channel.basePath}${portalColumn.path}/`,
      headers: { host: 'www.rt.gov.cn' },
    })
    expect(wrong.statusCode).toBe(404)
    const rootWrong = await t.app.inject({
      url: `/${channelColumn.path}/`,
      headers: { host: 'www.rt.gov.cn' },
    })
    expect(rootWrong.statusCode).toBe(404)
  })

  it('serves a standalone site on its own host and at /sites/<code>/', async () => {
    const byHost = await t.app.inject({ url: '/', headers: { host: 'zs.rt.gov.cn' } })
    expect(byHost.statusCode).toBe(200)
    expect(byHost.body).toContain('<a class="brand__name" href="/">路由测试招商网</a>')
    const byAlias = await t.app.inject({ url: '/sites/zt-rt/', headers: { host: 'localhost' } })
    expect(byAlias.statusCode).toBe(200)
    expect(byAlias.body).toContain('<a class="brand__name" href="/sites/zt-rt/">路由测试招商网</a>')
    const column = await t.app.inject({
      url: `/sites/zt-rt/${standaloneColumn.path}/`,
      headers: { host: 'localhost' },
    })
    expect(column.statusCode).toBe(200)
    expect(column.body).toContain('<h1 class="column-head__title">招商项目</h1>')
    const columnByHost = await t.app.inject({
      url: `/${standaloneColumn.path}/`,
      headers: { host: 'zs.rt.gov.cn' },
    })
    expect(columnByHost.statusCode).toBe(200)
    expect(columnByHost.body).toContain('招商项目')
  })

  it('falls back to the default portal for an unknown host', async () => {
    const res = await t.app.inject({ url: '/', headers: { host: 'unknown.example.com' } })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('路由测试县人民政府')
    const col = await t.app.inject({
      url: `/${portalColumn.path}/`,
      headers: { host: '127.0.0.1:3000' },
    })
    expect(col.statusCode).toBe(200)
    expect(col.body).toContain('门户通知公告')
  })

  it('answers unknown columns and articles with the theme’s 404 page', async () => {
    for (const url of [
      '/no-such-column/',
      `/${portalColumn.path}/content_999999.html`,
      `${channel.basePath}nothing-here/`,
      '/some/weird.php',
    ]) {
      const res = await t.app.inject({ url, headers: { host: 'www.rt.gov.cn' } })
      expect(res.statusCode, url).toBe(404)
      expect(res.headers['content-type']).toContain('text/html')
      expect(res.body).toContain('页面不存在')
      expectThemed(res.body)
    }
  })

  it('redirects a column path without its trailing slash (301)', async () => {
    const res = await t.app.inject({
      url: `/${portalColumn.path}`,
      headers: { host: 'www.rt.gov.cn' },
    })
    expect(res.statusCode).toBe(301)
    expect(res.headers.location).toBe(`/${portalColumn.path}/`)
    const inChannel = await t.app.inject({
      url: `${channel.basePath}${channelColumn.path}`,
      headers: { host: 'www.rt.gov.cn' },
    })
    expect(inChannel.statusCode).toBe(301)
    expect(inChannel.headers.location).toBe(`${channel.basePath}${channelColumn.path}/`)
    const aliased = await t.app.inject({
      url: `/sites/zt-rt/${standaloneColumn.path}`,
      headers: { host: 'localhost' },
    })
    expect(aliased.statusCode).toBe(301)
    expect(aliased.headers.location).toBe(`/sites/zt-rt/${standaloneColumn.path}/`)
  })

  it('redirects a link column to its target (302)', async () => {
    const link = await makeColumn(t.core, portal, {
      name: '省政府门户',
      type: 'link',
      linkUrl: 'https://www.hebei.gov.cn/',
    })
    const res = await t.app.inject({ url: `/${link.path}/`, headers: { host: 'www.rt.gov.cn' } })
    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toBe('https://www.hebei.gov.cn/')
  })

  it('shows the closing notice of a closed site on every page', async () => {
    const closing = await makeChannel(t.core, portal, { name: '即将关停的频道' })
    const col = await makeColumn(t.core, closing)
    const before = await t.app.inject({ url: closing.basePath, headers: { host: 'www.rt.gov.cn' } })
    expect(before.body).not.toContain('本频道已并入县政府门户网站')
    await t.core.sites.setStatus(systemCtx, closing.id, {
      status: 'closed',
      notice: '本频道已并入县政府门户网站。',
    })
    for (const url of [closing.basePath, `${closing.basePath}${col.path}/`]) {
      const res = await t.app.inject({ url, headers: { host: 'www.rt.gov.cn' } })
      expect(res.statusCode, url).toBe(200)
      expect(res.body).toContain('本频道已并入县政府门户网站。')
      expect(res.body).toContain('即将关停的频道已关停')
      expectThemed(res.body)
    }
    // The portal itself stays open.
    const portalHome = await t.app.inject({ url: '/', headers: { host: 'www.rt.gov.cn' } })
    expect(portalHome.body).not.toContain('本频道已并入县政府门户网站')
  })

  it('answers 404 for every page of an archived site', async () => {
    const old = await t.core.sites.create(systemCtx, {
      code: 'zt-old',
      name: '旧专题网',
      kind: 'standalone',
      hosts: ['old.rt.gov.cn'],
    })
    const col = await makeColumn(t.core, old)
    const article = await makeArticle(t.core, old, col)
    const live = await t.app.inject({ url: `/sites/zt-old/${col.path}/content_${article.id}.html` })
    expect(live.statusCode).toBe(200)
    await t.core.sites.setStatus(systemCtx, old.id, { status: 'archived' })
    for (const [url, host] of [
      ['/', 'old.rt.gov.cn'],
      ['/sites/zt-old/', 'localhost'],
      [`/sites/zt-old/${col.path}/`, 'localhost'],
      [`/sites/zt-old/${col.path}/content_${article.id}.html`, 'localhost'],
    ] as const) {
      const res = await t.app.inject({ url, headers: { host } })
      expect(res.statusCode, url).toBe(404)
      expect(res.body).not.toContain(article.title)
    }
  })

  it('answers 404 for an article requested under a column it is not placed in', async () => {
    const other = await makeColumn(t.core, portal, { name: '另一个栏目' })
    const article = await makeArticle(t.core, portal, portalColumn)
    const placed = await t.app.inject({
      url: `/${portalColumn.path}/content_${article.id}.html`,
      headers: { host: 'www.rt.gov.cn' },
    })
    expect(placed.statusCode).toBe(200)
    expect(placed.body).toContain(article.title)
    const elsewhere = await t.app.inject({
      url: `/${other.path}/content_${article.id}.html`,
      headers: { host: 'www.rt.gov.cn' },
    })
    expect(elsewhere.statusCode).toBe(404)
    expect(elsewhere.body).not.toContain(article.title)
    // Nor under another site's column of the same path.
    const channelPath = await t.app.inject({
      url: `${channel.basePath}${portalColumn.path}/content_${article.id}.html`,
      headers: { host: 'www.rt.gov.cn' },
    })
    expect(channelPath.statusCode).toBe(404)
  })

  it('hides a hidden column and its articles', async () => {
    const hidden = await makeColumn(t.core, portal, { name: '内部栏目', visible: false })
    const article = await makeArticle(t.core, portal, hidden)
    const col = await t.app.inject({ url: `/${hidden.path}/`, headers: { host: 'www.rt.gov.cn' } })
    expect(col.statusCode).toBe(404)
    const page = await t.app.inject({
      url: `/${hidden.path}/content_${article.id}.html`,
      headers: { host: 'www.rt.gov.cn' },
    })
    expect(page.statusCode).toBe(404)
  })
})
