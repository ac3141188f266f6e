import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Column } from '../modules/columns/column.repository'
import type { Site } from '../modules/sites/site.repository'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../test/build-test-app'
import { makeArticle, makeColumn, makePortal, systemCtx } from '../test/factories'
import { PageCache } from './page-cache'

const entry = (body: string, ttlMs = 60_000) => ({
  status: 200,
  contentType: 'text/html; charset=utf-8',
  body: Buffer.from(body),
  visits: [] as const,
  ttlMs,
})

describe('PageCache', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('returns what was stored and counts hits and misses', () => {
    const cache = new PageCache(1024 * 1024)
    expect(cache.get('a')).toBeUndefined()
    cache.set('a', entry('<p>A</p>'), ['site:1'])
    expect(cache.get('a')?.body.toString()).toBe('<p>A</p>')
    expect(cache.get('a')?.status).toBe(200)
    expect(cache.hits).toBe(2)
    expect(cache.misses).toBe(1)
    expect(cache.size).toBe(1)
  })

  it('invalidates exactly the pages carrying a tag, and everything with *', () => {
    const cache = new PageCache(1024 * 1024)
    cache.set('home', entry('home'), ['site:1', 'latest:1', 'column:1'])
    cache.set('col1', entry('col1'), ['site:1', 'column:1'])
    cache.set('col2', entry('col2'), ['site:1', 'column:2'])
    cache.set('other', entry('other'), ['site:2', 'latest:2'])
    expect(cache.invalidate(['column:1'])).toBe(2)
    expect(cache.get('home')).toBeUndefined()
    expect(cache.get('col1')).toBeUndefined()
    expect(cache.get('col2')?.body.toString()).toBe('col2')
    expect(cache.get('other')?.body.toString()).toBe('other')
    expect(cache.invalidate(['column:1', 'latest:9'])).toBe(0)
    // A re-stored page is indexed under its new tags only.
    cache.set('col2', entry('col2 again'), ['column:3'])
    expect(cache.invalidate(['column:2'])).toBe(0)
    expect(cache.invalidate(['column:3'])).toBe(1)
    expect(cache.invalidate(['*'])).toBe(1)
    expect(cache.size).toBe(0)
    expect(cache.usedBytes).toBe(0)
  })

  it('keeps within its byte budget by dropping the least recently used pages', () => {
    const probe = PageCache.prepare(entry('x'.repeat(300)))
    const cache = new PageCache(probe.size * 3)
    cache.set('a', entry('a'.repeat(300)), ['t'])
    cache.set('b', entry('b'.repeat(300)), ['t'])
    cache.set('c', entry('c'.repeat(300)), ['t'])
    expect(cache.size).toBe(3)
    expect(cache.usedBytes).toBe(probe.size * 3)
    // Reading a makes b the least recently used.
    expect(cache.get('a')).toBeDefined()
    cache.set('d', entry('d'.repeat(300)), ['t'])
    expect(cache.size).toBe(3)
    expect(cache.usedBytes).toBeLessThanOrEqual(probe.size * 3)
    expect(cache.get('b')).toBeUndefined()
    expect(cache.get('a')).toBeDefined()
    expect(cache.get('c')).toBeDefined()
    expect(cache.get('d')).toBeDefined()
    // Evicted pages leave the tag index too: invalidating counts only live pages.
    expect(cache.invalidate(['t'])).toBe(3)
    expect(cache.usedBytes).toBe(0)
  })

  it('replacing a page does not count its bytes twice', () => {
    const cache = new PageCache(1024 * 1024)
    cache.set('a', entry('a'.repeat(1000)), ['t'])
    const once = cache.usedBytes
    cache.set('a', entry('a'.repeat(1000)), ['t'])
    expect(cache.usedBytes).toBe(once)
    expect(cache.size).toBe(1)
  })

  it('expires a page after its TTL', () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2025-01-01T00:00:00Z'))
    const cache = new PageCache(1024 * 1024)
    cache.set('a', entry('a', 60_000), ['t'])
    vi.setSystemTime(new Date('2025-01-01T00:00:59Z'))
    expect(cache.get('a')).toBeDefined()
    vi.setSystemTime(new Date('2025-01-01T00:01:00Z'))
    expect(cache.get('a')).toBeUndefined()
    expect(cache.size).toBe(0)
    expect(cache.usedBytes).toBe(0)
  })

  it('compresses large pages once, with an ETag of the content', () => {
    const html = `<html><body>${'<p>政务公开</p>'.repeat(200)}</body></html>`
    const page = PageCache.prepare(entry(html))
    expect(gunzipSync(page.gzip ?? Buffer.alloc(0)).toString()).toBe(html)
    expect(brotliDecompressSync(page.br ?? Buffer.alloc(0)).toString()).toBe(html)
    expect(page.etag).toBe(PageCache.prepare(entry(html)).etag)
    expect(page.etag).not.toBe(PageCache.prepare(entry(`${html} `)).etag)
    expect(PageCache.prepare(entry('<p>短</p>')).gzip).toBeNull()
  })

  it('stores nothing when disabled', () => {
    const cache = new PageCache(1024 * 1024, false)
    const page = cache.set('a', entry('a'), ['t'])
    expect(page.body.toString()).toBe('a')
    expect(cache.get('a')).toBeUndefined()
    expect(cache.size).toBe(0)
  })
})

describe(`page cache in the public site (${TEST_DIALECT})`, () => {
  let t: TestApp
  let portal: Site
  let other: Site
  let news: Column
  let unrelated: Column
  const HOST = 'www.cache.gov.cn'
  const OTHER = 'www.other-cache.gov.cn'
  const get = (url: string, headers: Record<string, string> = {}, host = HOST) =>
    t.app.inject({ url, headers: { host, ...headers } })
  /** Requests a page and tells whether the cache answered it. */
  const fetch = async (url: string, host = HOST) => {
    const before = t.cache.hits
    const res = await get(url, {}, host)
    return { res, cached: t.cache.hits > before }
  }

  beforeAll(async () => {
    t = await buildTestApp()
    other = await makePortal(t.core, { name: '另一个县', hosts: [OTHER] })
    portal = await makePortal(t.core, { name: '缓存测试县', hosts: [HOST] })
    news = await makeColumn(t.core, portal, { name: '要闻', slug: 'yw', homeBlock: true })
    unrelated = await makeColumn(t.core, portal, { name: '无关栏目', slug: 'wg' })
    await makeColumn(t.core, other, { name: '别县要闻', slug: 'yw', homeBlock: true })
  })
  afterAll(async () => {
    await t.close()
  })

  it('serves a repeated request from the cache', async () => {
    const a = await makeArticle(t.core, portal, news, { title: '缓存命中测试' })
    const first = await fetch(`/yw/content_${a.id}.html`)
    expect(first.cached).toBe(false)
    const second = await fetch(`/yw/content_${a.id}.html`)
    expect(second.cached).toBe(true)
    expect(second.res.statusCode).toBe(200)
    expect(second.res.body).toBe(first.res.body)
    // Not-found pages are never stored: random URLs must not fill memory.
    const size = t.cache.size
    for (let i = 0; i < 5; i++) expect((await get(`/random-${i}/`)).statusCode).toBe(404)
    expect(t.cache.size).toBe(size)
    // Search results are never cached.
    await get('/search.html?q=缓存')
    expect((await fetch('/search.html?q=缓存')).cached).toBe(false)
  })

  it('answers 304 to a matching If-None-Match and 200 once the page changed', async () => {
    const a = await makeArticle(t.core, portal, news, { title: 'ETag测试' })
    const url = `/yw/content_${a.id}.html`
    const first = await get(url)
    const etag = first.headers.etag
    expect(typeof etag).toBe('string')
    const again = await get(url, { 'if-none-match': String(etag) })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
    const stale = await get(url, { 'if-none-match': '"something-else"' })
    expect(stale.statusCode).toBe(200)
    await t.core.articles.update(systemCtx, a.id, { title: 'ETag测试（已修改）' })
    const changed = await get(url, { 'if-none-match': String(etag) })
    expect(changed.statusCode).toBe(200)
    expect(changed.body).toContain('ETag测试（已修改）')
    expect(changed.headers.etag).not.toBe(etag)
  })

  it('sends br or gzip when accepted, decompressing to the same HTML', async () => {
    const a = await makeArticle(t.core, portal, news, { title: '压缩测试' })
    const url = `/yw/content_${a.id}.html`
    const plain = await get(url)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers.vary).toContain('accept-encoding')
    const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' })
    expect(br.headers['content-encoding']).toBe('br')
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body)
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(plain.body))
    const gz = await get(url, { 'accept-encoding': 'gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body)
    // A freshly rendered (not yet cached) page is compressed too.
    t.cache.clear()
    const fresh = await get(url, { 'accept-encoding': 'gzip' })
    expect(fresh.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(fresh.rawPayload).toString()).toBe((await get(url)).body)
  })

  it('publishing an article invalidates its column and its site’s home page only', async () => {
    const old = await makeArticle(t.core, portal, unrelated, { title: '无关栏目里的旧信息' })
    const pages: [string, string][] = [
      ['/', HOST],
      ['/yw/', HOST],
      ['/wg/', HOST],
      [`/wg/content_${old.id}.html`, HOST],
      ['/', OTHER],
      ['/yw/', OTHER],
    ]
    for (const [url, host] of pages) await get(url, {}, host)
    for (const [url, host] of pages)
      expect((await fetch(url, host)).cached, `${host}${url} warm`).toBe(true)

    const fresh = await makeArticle(t.core, portal, news, { title: '刚刚发布的要闻' })

    const home = await fetch('/')
    expect(home.cached).toBe(false)
    expect(home.res.body).toContain('刚刚发布的要闻')
    const column = await fetch('/yw/')
    expect(column.cached).toBe(false)
    expect(column.res.body).toContain(
      `<a class="item__title" href="/yw/content_${fresh.id}.html">刚刚发布的要闻</a>`,
    )
    expect((await fetch('/wg/')).cached).toBe(true)
    expect((await fetch(`/wg/content_${old.id}.html`)).cached).toBe(true)
    const otherHome = await fetch('/', OTHER)
    expect(otherHome.cached).toBe(true)
    expect(otherHome.res.body).not.toContain('刚刚发布的要闻')
    expect((await fetch('/yw/', OTHER)).cached).toBe(true)
  })

  it('shows an edited title on the article page and in the column list at the next request', async () => {
    const a = await makeArticle(t.core, portal, news, { title: '修改前的标题' })
    const url = `/yw/content_${a.id}.html`
    expect((await get(url)).body).toContain('修改前的标题')
    expect((await get('/yw/')).body).toContain('修改前的标题')
    expect((await get('/')).body).toContain('修改前的标题')
    await t.core.articles.update(systemCtx, a.id, { title: '修改后的标题' })
    for (const u of [url, '/yw/', '/']) {
      const res = await get(u)
      expect(res.body, u).toContain('修改后的标题')
      expect(res.body, u).not.toContain('修改前的标题')
    }
  })

  it('removes an unpublished article from the lists', async () => {
    const a = await makeArticle(t.core, portal, news, { title: '即将撤销的要闻' })
    expect((await get('/yw/')).body).toContain('即将撤销的要闻')
    expect((await get('/')).body).toContain('即将撤销的要闻')
    expect((await get('/yw/rss.xml')).body).toContain('即将撤销的要闻')
    await t.core.articles.unpublish(systemCtx, a.id)
    for (const u of ['/yw/', '/', '/yw/rss.xml', '/sitemap.xml']) {
      const res = await get(u)
      expect(res.statusCode, u).toBe(200)
      expect(res.body, u).not.toContain('即将撤销的要闻')
      expect(res.body, u).not.toContain(`content_${a.id}.html`)
    }
    expect((await get(`/yw/content_${a.id}.html`)).statusCode).toBe(410)
    // Publishing it again brings it back, past the cached 410.
    await t.core.articles.publish(systemCtx, a.id)
    expect((await get(`/yw/content_${a.id}.html`)).statusCode).toBe(200)
    expect((await get('/yw/')).body).toContain('即将撤销的要闻')
  })

  it('answers a cached page the same way over a real connection', async () => {
    const a = await makeArticle(t.core, portal, news, { title: '真实连接测试' })
    const url = `/yw/content_${a.id}.html`
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = t.app.server.address() as AddressInfo
    const raw = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
      new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
        (resolve, reject) => {
          const req = http.request(
            { host: '127.0.0.1', port, path, method, headers: { host: HOST, ...headers } },
            (res) => {
              const chunks: Buffer[] = []
              res.on('data', (c: Buffer) => chunks.push(c))
              res.on('end', () =>
                resolve({
                  status: res.statusCode ?? 0,
                  headers: res.headers,
                  body: Buffer.concat(chunks),
                }),
              )
            },
          )
          req.on('error', reject)
          req.end()
        },
      )
    const rendered = await raw(url)
    expect(rendered.status).toBe(200)
    const hits = t.cache.hits
    const cached = await raw(url)
    expect(t.cache.hits).toBe(hits + 1)
    expect(cached.status).toBe(200)
    expect(cached.body.toString()).toBe(rendered.body.toString())
    for (const h of [
      'content-type',
      'etag',
      'vary',
      'x-content-type-options',
      'content-security-policy',
    ]) {
      expect(cached.headers[h], h).toBe(rendered.headers[h])
    }
    expect((await raw(url, { 'if-none-match': String(cached.headers.etag) })).status).toBe(304)
    const br = await raw(url, { 'accept-encoding': 'br' })
    expect(br.headers['content-encoding']).toBe('br')
    expect(brotliDecompressSync(br.body).toString()).toBe(rendered.body.toString())
    const gz = await raw(url, { 'accept-encoding': 'gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.body).toString()).toBe(rendered.body.toString())
    const head = await raw(url, {}, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.body.length).toBe(0)
    // A change is visible at once on the next request.
    await t.core.articles.update(systemCtx, a.id, { title: '真实连接测试（已更新）' })
    expect((await raw(url)).body.toString()).toContain('真实连接测试（已更新）')
  })

  it('counts article views in memory and writes them on flush', async () => {
    const site = await makePortal(t.core, {
      name: '访问统计县',
      hosts: ['www.visits.gov.cn'],
      isDefault: false,
    })
    const col = await makeColumn(t.core, site, { slug: 'fw' })
    const a = await makeArticle(t.core, site, col, { title: '访问统计测试' })
    const db = t.core.deps.db
    const visitRows = async () =>
      (
        await db.selectFrom('visit_daily').select(['entity', 'entity_id', 'count']).execute()
      ).filter(
        (r) =>
          (r.entity === 'article' && r.entity_id === a.id) ||
          (r.entity === 'site' && r.entity_id === site.id),
      )
    const storedViews = async () =>
      (
        await db
          .selectFrom('article')
          .select('view_count')
          .where('id', '=', a.id)
          .executeTakeFirstOrThrow()
      ).view_count
    await t.core.visits.flush()
    const N = 7
    for (let i = 0; i < N; i++) {
      const res = await get(`/fw/content_${a.id}.html`, {}, 'www.visits.gov.cn')
      expect(res.statusCode).toBe(200)
    }
    expect(t.core.visits.pending('article', a.id)).toBe(N)
    // Nothing written yet: a page view never costs a database write.
    expect(await visitRows()).toEqual([])
    expect(Number(await storedViews())).toBe(0)
    await t.core.visits.flush()
    const rows = await visitRows()
    expect(rows.find((r) => r.entity === 'article' && r.entity_id === a.id)?.count).toBe(N)
    expect(rows.find((r) => r.entity === 'site' && r.entity_id === site.id)?.count).toBe(N)
    expect(Number(await storedViews())).toBe(N)
    expect(t.core.visits.pending('article', a.id)).toBe(0)
    const api = await t.app.inject({ url: `/api/v1/articles/${a.id}` })
    expect(api.json().data.views).toBe(N)
    // Two more views, one flush: the same day's row grows.
    await get(`/fw/content_${a.id}.html`, {}, 'www.visits.gov.cn')
    await get(`/fw/content_${a.id}.html`, {}, 'www.visits.gov.cn')
    expect((await t.app.inject({ url: `/api/v1/articles/${a.id}` })).json().data.views).toBe(N + 2)
    await t.core.visits.flush()
    expect((await visitRows()).find((r) => r.entity === 'article')?.count).toBe(N + 2)
    expect((await t.app.inject({ url: `/api/v1/articles/${a.id}` })).json().data.views).toBe(N + 2)
  })
})
