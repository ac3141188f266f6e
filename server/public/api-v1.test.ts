import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Column } from '../modules/columns/column.repository'
import type { Site } from '../modules/sites/site.repository'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../test/build-test-app'
import { makeArticle, makeChannel, makeColumn, makePortal, systemCtx } from '../test/factories'

interface SiteJson {
  code: string
  name: string
  kind: string
  url: string
  parentCode: string | null
}

describe(`public API v1 (${TEST_DIALECT})`, () => {
  let t: TestApp
  let portal: Site
  let channel: Site
  let standalone: Site
  let news: Column
  let hidden: Column

  beforeAll(async () => {
    t = await buildTestApp()
    portal = await makePortal(t.core, { name: '接口测试县人民政府', hosts: ['www.api.gov.cn'] })
    channel = await makeChannel(t.core, portal, { name: '接口测试县财政局' })
    standalone = await t.core.sites.create(systemCtx, {
      code: 'zt-api',
      name: '接口测试专题网',
      kind: 'standalone',
      hosts: ['zt.api.gov.cn'],
    })
    news = await makeColumn(t.core, portal, { name: '政务要闻', slug: 'zwyw', updateClass: 'news' })
    hidden = await makeColumn(t.core, portal, { name: '隐藏栏目', slug: 'yc', visible: false })
  })
  afterAll(async () => {
    await t.close()
  })

  it('GET /healthz answers {"status":"ok"}', async () => {
    const res = await t.app.inject({ url: '/healthz' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('application/json')
    expect(res.json()).toEqual({ status: 'ok' })
  })

  it('GET /api/v1/sites lists every open site with {code,name,kind,url,parentCode}', async () => {
    const closed = await t.core.sites.create(systemCtx, {
      code: 'zt-closed',
      name: '已关停专题',
      kind: 'standalone',
    })
    await t.core.sites.setStatus(systemCtx, closed.id, { status: 'closed', notice: '已关停。' })
    const res = await t.app.inject({ url: '/api/v1/sites', headers: { host: 'www.api.gov.cn' } })
    expect(res.statusCode).toBe(200)
    const data = (res.json() as { data: SiteJson[] }).data
    for (const s of data) {
      expect(Object.keys(s)).toEqual(
        expect.arrayContaining(['code', 'name', 'kind', 'url', 'parentCode']),
      )
      expect(typeof s.code).toBe('string')
      expect(typeof s.name).toBe('string')
      expect(['portal', 'channel', 'standalone']).toContain(s.kind)
      expect(typeof s.url).toBe('string')
    }
    const byCode = new Map(data.map((s) => [s.code, s]))
    expect(byCode.get(portal.code)).toMatchObject({
      name: '接口测试县人民政府',
      kind: 'portal',
      url: '/',
      parentCode: null,
    })
    expect(byCode.get(channel.code)).toMatchObject({
      kind: 'channel',
      url: channel.basePath,
      parentCode: portal.code,
    })
    // Seen from the portal's host, a standalone site lives on its own host.
    expect(byCode.get('zt-api')).toMatchObject({
      kind: 'standalone',
      url: 'http://zt.api.gov.cn/',
      parentCode: null,
    })
    expect(byCode.has('zt-closed')).toBe(false)
    // Seen from an unbound host, the standalone site is reached through its local alias.
    const local = (
      await t.app.inject({ url: '/api/v1/sites', headers: { host: 'localhost:3000' } })
    ).json() as { data: SiteJson[] }
    expect(local.data.find((s) => s.code === 'zt-api')?.url).toBe('/sites/zt-api/')
    expect(local.data.find((s) => s.code === portal.code)?.url).toBe('/')
  })

  it('GET /api/v1/sites/:code/columns lists visible columns with {id,path,name,type,updateClass}', async () => {
    const sub = await makeColumn(t.core, portal, {
      name: '部门动态',
      slug: 'bmdt',
      parentId: news.id,
      updateClass: 'news',
    })
    const res = await t.app.inject({ url: `/api/v1/sites/${portal.code}/columns` })
    expect(res.statusCode).toBe(200)
    const data = (
      res.json() as {
        data: { id: number; path: string; name: string; type: string; updateClass: string }[]
      }
    ).data
    expect(data.find((c) => c.id === news.id)).toMatchObject({
      id: news.id,
      path: 'zwyw',
      name: '政务要闻',
      type: 'list',
      updateClass: 'news',
    })
    expect(data.find((c) => c.id === sub.id)).toMatchObject({
      path: 'zwyw/bmdt',
      name: '部门动态',
      type: 'list',
      updateClass: 'news',
    })
    expect(data.some((c) => c.id === hidden.id)).toBe(false)
    for (const c of data)
      expect(Object.keys(c)).toEqual(
        expect.arrayContaining(['id', 'path', 'name', 'type', 'updateClass']),
      )
    const channelColumns = (
      await t.app.inject({ url: `/api/v1/sites/${channel.code}/columns` })
    ).json() as { data: unknown[] }
    expect(channelColumns.data).toEqual([])
    const missing = await t.app.inject({ url: '/api/v1/sites/no-such-site/columns' })
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toMatchObject({ error: { code: 'not_found', message: '站点不存在' } })
  })

  it('GET /api/v1/articles lists published items of a site or column with their total', async () => {
    const col = await makeColumn(t.core, portal, { name: '接口列表', slug: 'jklb' })
    const published = []
    for (let i = 0; i < 3; i++) {
      published.push(
        await makeArticle(t.core, portal, col, {
          title: `接口已发布${i}`,
          publishedAt: `2024-06-0${i + 1}T02:00:00.000Z`,
        }),
      )
    }
    await makeArticle(t.core, portal, col, { title: '接口草稿', publish: false })
    const gone = await makeArticle(t.core, portal, col, { title: '接口已撤销' })
    await t.core.articles.unpublish(systemCtx, gone.id)
    await makeArticle(t.core, portal, hidden, { title: '隐藏栏目里的信息' })

    const res = await t.app.inject({
      url: `/api/v1/articles?site=${portal.code}&column=${col.id}`,
      headers: { host: 'www.api.gov.cn' },
    })
    expect(res.statusCode).toBe(200)
    const body = res.json() as {
      data: { id: number; title: string; url: string; date: string }[]
      total: number
    }
    expect(body.total).toBe(3)
    expect(body.data.map((a) => a.title)).toEqual(['接口已发布2', '接口已发布1', '接口已发布0'])
    expect(body.data[0]).toMatchObject({
      id: published[2]?.id,
      url: `/jklb/content_${published[2]?.id}.html`,
      date: '2024-06-03',
    })

    const paged = (
      await t.app.inject({
        url: `/api/v1/articles?site=${portal.code}&column=${col.id}&page=2&pageSize=2`,
      })
    ).json()
    expect(paged.total).toBe(3)
    expect(paged.data.map((a: { title: string }) => a.title)).toEqual(['接口已发布0'])

    const site = (
      await t.app.inject({ url: `/api/v1/articles?site=${portal.code}&pageSize=100` })
    ).json()
    const titles = site.data.map((a: { title: string }) => a.title)
    expect(titles).toEqual(expect.arrayContaining(['接口已发布0', '接口已发布1', '接口已发布2']))
    expect(titles).not.toContain('接口草稿')
    expect(titles).not.toContain('接口已撤销')
    expect(titles).not.toContain('隐藏栏目里的信息')
    expect(site.total).toBe(site.data.length)

    expect(
      (await t.app.inject({ url: `/api/v1/articles?site=${portal.code}&column=${hidden.id}` }))
        .statusCode,
    ).toBe(404)
    const foreign = await makeColumn(t.core, channel)
    expect(
      (await t.app.inject({ url: `/api/v1/articles?site=${portal.code}&column=${foreign.id}` }))
        .statusCode,
    ).toBe(404)
    expect((await t.app.inject({ url: '/api/v1/articles' })).statusCode).toBe(400)
    expect(
      (await t.app.inject({ url: `/api/v1/articles?site=${portal.code}&pageSize=0` })).statusCode,
    ).toBe(400)
  })

  it('GET /api/v1/articles/:id shows a published article and 404 for drafts and withdrawn ones', async () => {
    const a = await makeArticle(t.core, portal, news, {
      title: '接口详情',
      source: '县财政局',
      bodyHtml: '<p>详情正文</p>',
    })
    const res = await t.app.inject({
      url: `/api/v1/articles/${a.id}`,
      headers: { host: 'www.api.gov.cn' },
    })
    expect(res.statusCode).toBe(200)
    expect(res.json().data).toMatchObject({
      id: a.id,
      title: '接口详情',
      source: '县财政局',
      bodyHtml: '<p>详情正文</p>',
      url: `/zwyw/content_${a.id}.html`,
      siteCode: portal.code,
    })
    // No internal people ids leave through the public API.
    expect(res.json().data.createdBy).toBeUndefined()
    const draft = await makeArticle(t.core, portal, news, { title: '接口详情草稿', publish: false })
    const draftRes = await t.app.inject({ url: `/api/v1/articles/${draft.id}` })
    expect(draftRes.statusCode).toBe(404)
    expect(draftRes.body).not.toContain('接口详情草稿')
    expect(draftRes.json()).toMatchObject({ error: { code: 'not_found' } })
    await t.core.articles.unpublish(systemCtx, a.id)
    expect((await t.app.inject({ url: `/api/v1/articles/${a.id}` })).statusCode).toBe(404)
    expect((await t.app.inject({ url: '/api/v1/articles/99999999' })).statusCode).toBe(404)
    expect((await t.app.inject({ url: '/api/v1/articles/abc' })).statusCode).toBe(400)
  })

  it('GET /api/v1/articles/:id answers 404 for an article standing only in a hidden column', async () => {
    const a = await makeArticle(t.core, portal, hidden, { title: '隐藏栏目详情' })
    const res = await t.app.inject({ url: `/api/v1/articles/${a.id}` })
    expect(res.statusCode).toBe(404)
    expect(res.body).not.toContain('隐藏栏目详情')
    // Placed in a visible column as well, it is public, linked through the visible column.
    await t.core.articles.update(systemCtx, a.id, { columnIds: [hidden.id, news.id] })
    const shown = await t.app.inject({
      url: `/api/v1/articles/${a.id}`,
      headers: { host: 'www.api.gov.cn' },
    })
    expect(shown.statusCode).toBe(200)
    expect(shown.json().data.url).toBe(`/zwyw/content_${a.id}.html`)
    expect(
      (await t.app.inject({ url: shown.json().data.url, headers: { host: 'www.api.gov.cn' } }))
        .statusCode,
    ).toBe(200)
  })

  it('serves the OpenAPI UI at /api/docs and a valid document at /api/docs/json', async () => {
    let ui = await t.app.inject({ url: '/api/docs' })
    if (ui.statusCode === 302 || ui.statusCode === 301)
      ui = await t.app.inject({ url: String(ui.headers.location) })
    expect(ui.statusCode).toBe(200)
    expect(ui.headers['content-type']).toContain('text/html')
    expect(ui.body.toLowerCase()).toContain('swagger')
    const doc = await t.app.inject({ url: '/api/docs/json' })
    expect(doc.statusCode).toBe(200)
    const spec = doc.json() as {
      openapi: string
      info: { title: string; version: string }
      paths: Record<string, Record<string, unknown>>
    }
    expect(spec.openapi).toMatch(/^3\.\d+\.\d+$/)
    expect(spec.info.title).toBeTruthy()
    expect(spec.info.version).toBeTruthy()
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/sites',
        '/api/v1/sites/{code}/columns',
        '/api/v1/articles',
        '/api/v1/articles/{id}',
      ]),
    )
    expect(spec.paths['/api/v1/sites']?.get).toBeDefined()
    // Internal probes stay out of the public document.
    expect(spec.paths['/healthz']).toBeUndefined()
  })

  it('does not list a standalone site’s columns once it is archived', async () => {
    await makeColumn(t.core, standalone, { slug: 'zt' })
    expect((await t.app.inject({ url: '/api/v1/sites/zt-api/columns' })).statusCode).toBe(200)
    await t.core.sites.setStatus(systemCtx, standalone.id, { status: 'archived' })
    expect((await t.app.inject({ url: '/api/v1/sites/zt-api/columns' })).statusCode).toBe(404)
    const list = (await t.app.inject({ url: '/api/v1/sites' })).json() as { data: SiteJson[] }
    expect(list.data.some((s) => s.code === 'zt-api')).toBe(false)
  })
})
