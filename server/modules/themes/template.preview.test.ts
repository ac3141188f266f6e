import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import {
  login,
  makeArticle,
  makeChannel,
  makeColumn,
  makePortal,
  makeUser,
  systemCtx,
} from '../../test/factories'

let lastIp = 0

describe(`template preview (${TEST_DIALECT})`, () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  async function adminOf(siteId: number, role: 'admin' | 'editor' = 'admin') {
    const user = await makeUser(t.core, [{ siteId, role }])
    const s = await login(t, user.username, user.password, `10.9.0.${++lastIp}`)
    return (siteId2: number, body: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: `/api/admin/sites/${siteId2}/template/preview`,
        headers: s.headers,
        payload: body,
      })
  }

  it('renders an unsaved article template for a real article without saving or caching it', async () => {
    const portal = await makePortal(t.core, { hosts: ['pv-a.example.gov.cn'] })
    const column = await makeColumn(t.core, portal)
    const article = await makeArticle(t.core, portal, column, { title: '春耕生产有序推进' })
    const preview = await adminOf(portal.id)
    const original = await t.core.templates.get(systemCtx, portal.id, 'templates/article.liquid')
    const source = original.source.replace(
      '{% block content %}',
      '{% block content %}<p class="pv">预览标记：{{ article.title }}</p>',
    )
    expect(source).not.toBe(original.source)
    // Warm the page cache with the real page first: the preview must not change it.
    const url = `/${column.path}/content_${article.id}.html`
    const before = await t.app.inject({ url, headers: { host: 'pv-a.example.gov.cn' } })
    expect(before.statusCode).toBe(200)

    const res = await preview(portal.id, {
      name: 'templates/article.liquid',
      source,
      url: `${column.path}/content_${article.id}.html`,
    })
    expect(res.statusCode, res.body).toBe(200)
    const data = res.json().data
    expect(data.html).toContain('预览标记：春耕生产有序推进')
    expect(data.url).toBe(url)
    expect(data.status).toBe(200)

    const after = await t.app.inject({ url, headers: { host: 'pv-a.example.gov.cn' } })
    expect(after.body).not.toContain('预览标记')
    const saved = await t.core.templates.list(systemCtx, portal.id)
    expect(saved.find((f) => f.name === 'templates/article.liquid')?.overridden).toBe(false)
    const fresh = await t.app.inject({
      url: `/${column.path}/`,
      headers: { host: 'pv-a.example.gov.cn' },
    })
    expect(fresh.body).not.toContain('预览标记')
  })

  it('picks a page the template is used on when no page is given; a partial shows on the home page', async () => {
    const portal = await makePortal(t.core, { hosts: ['pv-b.example.gov.cn'] })
    const column = await makeColumn(t.core, portal, { homeBlock: true })
    const article = await makeArticle(t.core, portal, column, { title: '最新的一条信息' })
    const preview = await adminOf(portal.id)
    const articleRes = await preview(portal.id, {
      name: 'templates/article.liquid',
      source: '<h1>{{ article.title }}</h1>',
    })
    expect(articleRes.statusCode, articleRes.body).toBe(200)
    expect(articleRes.json().data.html).toBe('<h1>最新的一条信息</h1>')
    expect(articleRes.json().data.url).toBe(`/${column.path}/content_${article.id}.html`)

    const columnRes = await preview(portal.id, {
      name: 'templates/column.liquid',
      source: '<h1>{{ column.name }}</h1>',
    })
    expect(columnRes.json().data.html).toBe(`<h1>${column.name}</h1>`)

    const footer = await t.core.templates.get(systemCtx, portal.id, 'partials/footer.liquid')
    const home = await preview(portal.id, {
      name: 'partials/footer.liquid',
      source: `<p>预览页脚</p>${footer.source}`,
      url: '/',
    })
    expect(home.statusCode, home.body).toBe(200)
    expect(home.json().data.html).toContain('预览页脚')
    expect(home.json().data.html).toContain(column.name)

    const bare = await preview(portal.id, {
      name: 'templates/article.liquid',
      source: '{{ article.title }}',
      url: `content_${article.id}.html`,
    })
    expect(bare.json().data.html).toBe('最新的一条信息')
  })

  it('previews a channel page under its base path', async () => {
    const portal = await makePortal(t.core, { hosts: ['pv-c.example.gov.cn'] })
    const channel = await makeChannel(t.core, portal)
    const column = await makeColumn(t.core, channel)
    const preview = await adminOf(channel.id)
    const res = await preview(channel.id, {
      name: 'templates/column.liquid',
      source: '{{ column.url }}',
      url: `${channel.basePath}${column.path}/`,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().data.html).toBe(`${channel.basePath}${column.path}/`)
  })

  it('answers a syntax error with 400 naming the line, and unknown pages with 400', async () => {
    const portal = await makePortal(t.core)
    const column = await makeColumn(t.core, portal)
    const preview = await adminOf(portal.id)
    const syntax = await preview(portal.id, {
      name: 'templates/home.liquid',
      source: '<p>一</p>\n<p>二</p>\n{% if x %}\n<p>未闭合</p>\n',
    })
    expect(syntax.statusCode).toBe(400)
    expect(syntax.json().error.message).toMatch(/第 \d+ 行/)
    expect(syntax.json().error.fields.source).toMatch(/第 \d+ 行/)

    const unknownFilter = await preview(portal.id, {
      name: 'templates/home.liquid',
      source: '<p>一</p>\n{{ site.name | nosuchfilter }}',
    })
    expect(unknownFilter.statusCode).toBe(400)

    const missing = await preview(portal.id, {
      name: 'templates/column.liquid',
      source: 'x',
      url: 'no-such-column/',
    })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().error.fields.url).toBeTruthy()
    const draft = await makeArticle(t.core, portal, column, { publish: false })
    const unpublished = await preview(portal.id, {
      name: 'templates/article.liquid',
      source: 'x',
      url: `${column.path}/content_${draft.id}.html`,
    })
    expect(unpublished.statusCode).toBe(400)
    const badName = await preview(portal.id, { name: '../../etc/passwd', source: 'x' })
    expect(badName.statusCode).toBe(400)
    expect(badName.json().error.fields.name).toBeTruthy()
    const noSource = await preview(portal.id, { name: 'templates/home.liquid' })
    expect(noSource.statusCode).toBe(400)
  })

  it('answers 401 without a session, 403 to editors and strangers, 404 for a missing site', async () => {
    const portal = await makePortal(t.core)
    const other = await makePortal(t.core, { isDefault: false })
    const body = { name: 'templates/home.liquid', source: '<p>x</p>' }
    const anonymous = await t.app.inject({
      method: 'POST',
      url: `/api/admin/sites/${portal.id}/template/preview`,
      payload: body,
    })
    expect(anonymous.statusCode).toBe(401)
    const editor = await adminOf(portal.id, 'editor')
    expect((await editor(portal.id, body)).statusCode).toBe(403)
    const stranger = await adminOf(other.id)
    expect((await stranger(portal.id, body)).statusCode).toBe(403)
    const root = await makeUser(t.core, [{ siteId: null, role: 'admin' }])
    const s = await login(t, root.username, root.password, `10.9.0.${++lastIp}`)
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/admin/sites/999999/template/preview',
      headers: s.headers,
      payload: body,
    })
    expect(missing.statusCode).toBe(404)
  })
})
