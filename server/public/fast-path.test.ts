import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../test/build-test-app'
import { makeArticle, makeColumn, makePortal, systemCtx } from '../test/factories'
import { pageKey } from './fast-path'

describe(`cache fast path over a real socket (${TEST_DIALECT})`, () => {
  let t: TestApp
  let base: string
  beforeAll(async () => {
    t = await buildTestApp()
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const addr = t.app.server.address()
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`
  })
  afterAll(async () => {
    await t.close()
  })

  it('keys pages by host, decoded path and page number only', () => {
    expect(pageKey('a.gov.cn', '/zwgk/?page=2&utm=x').key).toBe('a.gov.cn/zwgk/?page=2')
    expect(pageKey('a.gov.cn', '/zwgk/?page=1').key).toBe('a.gov.cn/zwgk/')
    expect(pageKey('a.gov.cn', '/%E6%94%BF/').pathname).toBe('/政/')
    expect(pageKey('a.gov.cn', '/search.html?q=x').isSearch).toBe(true)
  })

  it('serves a cached page before routing, with ETag/304, gzip, and counts the visit', async () => {
    const portal = await makePortal(t.core)
    const column = await makeColumn(t.core, portal, { slug: 'fastpath' })
    const article = await makeArticle(t.core, portal, column, { title: '缓存快速通道测试' })
    const url = `${base}/fastpath/content_${article.id}.html`
    const first = await fetch(url)
    const html = await first.text()
    expect(first.status).toBe(200)
    const hitsBefore = t.cache.hits
    const second = await fetch(url, { headers: { 'accept-encoding': 'identity' } })
    expect(await second.text()).toBe(html)
    expect(t.cache.hits).toBe(hitsBefore + 1)
    const etag = second.headers.get('etag') ?? ''
    const notModified = await fetch(url, { headers: { 'if-none-match': etag } })
    expect(notModified.status).toBe(304)
    const raw = await new Promise<Buffer>((resolve, reject) => {
      import('node:http').then(({ get }) =>
        get(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => resolve(Buffer.concat(chunks)))
        }).on('error', reject),
      )
    })
    expect(gunzipSync(raw).toString()).toBe(html)
    await t.core.visits.flush()
    const api = await t.app.inject({ url: `/api/v1/articles/${article.id}` })
    expect(api.json().data.views).toBe(4)
  })

  it('never serves a stale page after the article changes', async () => {
    const portal = await makePortal(t.core)
    const column = await makeColumn(t.core, portal, { slug: 'fastpath2' })
    const article = await makeArticle(t.core, portal, column, { title: '旧标题' })
    const url = `${base}/fastpath2/content_${article.id}.html`
    expect(await (await fetch(url)).text()).toContain('旧标题')
    await t.core.articles.update(systemCtx, article.id, { title: '新标题' })
    const after = await (await fetch(url)).text()
    expect(after).toContain('新标题')
    expect(after).not.toContain('旧标题')
  })
})
