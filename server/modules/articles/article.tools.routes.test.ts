import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readXlsx } from '../../plugins/xlsx'
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
import type { Column } from '../columns/column.repository'
import type { Site } from '../sites/site.repository'

const HOST = 'www.tools.gov.cn'

interface BulkBody {
  data: {
    succeeded: number
    failed: number
    results: { id: number; ok: boolean; reason?: string }[]
  }
}

describe(`article tools: bulk, export, preview (${TEST_DIALECT})`, () => {
  let t: TestApp
  let portal: Site
  let channel: Site
  let news: Column
  let notices: Column
  let channelNews: Column
  let admin: { headers: Record<string, string> }
  let editor: { id: number; headers: Record<string, string> }

  beforeAll(async () => {
    t = await buildTestApp()
    portal = await makePortal(t.core, {
      name: '工具测试县人民政府',
      hosts: [HOST],
      siteIdCode: '1399990777',
      sponsor: '工具测试县人民政府办公室',
    })
    channel = await makeChannel(t.core, portal)
    news = await makeColumn(t.core, portal, { name: '工作动态' })
    notices = await makeColumn(t.core, portal, { name: '通知公告' })
    channelNews = await makeColumn(t.core, channel, { name: '部门动态' })
    const a = await makeUser(t.core, [{ siteId: null, role: 'admin' }])
    admin = await login(t, a.username, a.password)
    const e = await makeUser(t.core, [{ siteId: channel.id, role: 'editor' }])
    editor = { id: e.id, ...(await login(t, e.username, e.password, '10.0.0.2')) }
  })
  afterAll(async () => {
    await t.close()
  })

  const bulk = (headers: Record<string, string>, payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/admin/articles/bulk', headers, payload })

  describe('POST /api/admin/articles/bulk', () => {
    it('moves articles to another column, keeping linked placements', async () => {
      const a1 = await makeArticle(t.core, portal, news)
      const a2 = await makeArticle(t.core, portal, news, { columnIds: [news.id, channelNews.id] })
      const res = await bulk(admin.headers, {
        ids: [a1.id, a2.id],
        action: 'move',
        columnId: notices.id,
      })
      expect(res.statusCode).toBe(200)
      const body = res.json() as BulkBody
      expect(body.data).toMatchObject({ succeeded: 2, failed: 0 })
      const moved = await t.core.articles.get(systemCtx, a2.id)
      expect(moved.placements.map((p) => [p.columnId, p.kind])).toEqual([
        [notices.id, 'primary'],
        [channelNews.id, 'linked'],
      ])
      const page = await t.app.inject({
        url: `/${notices.path}/content_${a1.id}.html`,
        headers: { host: HOST },
      })
      expect(page.statusCode).toBe(200)
    })

    it('unpublishes and deletes, reporting each id', async () => {
      const a1 = await makeArticle(t.core, portal, news)
      const a2 = await makeArticle(t.core, portal, news)
      const unpublish = (await bulk(admin.headers, {
        ids: [a1.id, a2.id],
        action: 'unpublish',
      }).then((r) => r.json())) as BulkBody
      expect(unpublish.data.results).toEqual([
        { id: a1.id, ok: true },
        { id: a2.id, ok: true },
      ])
      expect((await t.core.articles.get(systemCtx, a1.id)).status).toBe('unpublished')
      const del = (await bulk(admin.headers, { ids: [a1.id], action: 'delete' }).then((r) =>
        r.json(),
      )) as BulkBody
      expect(del.data.succeeded).toBe(1)
      await expect(t.core.articles.get(systemCtx, a1.id)).rejects.toMatchObject({ status: 404 })
    })

    it('returns mixed results with Chinese reasons for the ones it could not change', async () => {
      const published = await makeArticle(t.core, portal, news)
      const draft = await makeArticle(t.core, portal, news, { publish: false })
      const res = await bulk(admin.headers, {
        ids: [published.id, draft.id, 999_999],
        action: 'unpublish',
      })
      const body = res.json() as BulkBody
      expect(body.data).toMatchObject({ succeeded: 1, failed: 2 })
      expect(body.data.results[0]).toEqual({ id: published.id, ok: true })
      expect(body.data.results[1]).toMatchObject({
        id: draft.id,
        ok: false,
        reason: '只有已发布或待定时发布的信息可以撤销',
      })
      expect(body.data.results[2]).toMatchObject({ id: 999_999, ok: false, reason: '信息不存在' })
    })

    it("refuses per id when an editor acts on another site's articles", async () => {
      const own = await makeArticle(t.core, channel, channelNews)
      const foreign = await makeArticle(t.core, portal, news)
      const res = await bulk(editor.headers, {
        ids: [own.id, foreign.id],
        action: 'unpublish',
      })
      expect(res.statusCode).toBe(200)
      const body = res.json() as BulkBody
      expect(body.data.results).toEqual([
        { id: own.id, ok: true },
        { id: foreign.id, ok: false, code: 'forbidden', reason: '没有权限操作该信息' },
      ])
      expect((await t.core.articles.get(systemCtx, foreign.id)).status).toBe('published')
      // An editor may delete only own drafts: a published article of their site is refused too.
      const del = (await bulk(editor.headers, { ids: [own.id], action: 'delete' }).then((r) =>
        r.json(),
      )) as BulkBody
      expect(del.data.results[0]).toMatchObject({ ok: false, reason: '没有权限操作该信息' })
    })

    it('refuses to move into a column of another site as primary column', async () => {
      const a = await makeArticle(t.core, portal, news)
      const body = (await bulk(admin.headers, {
        ids: [a.id],
        action: 'move',
        columnId: channelNews.id,
      }).then((r) => r.json())) as BulkBody
      expect(body.data.results[0]?.ok).toBe(false)
      expect(body.data.results[0]?.reason).toContain('主栏目须属于信息所在站点')
    })

    it('answers 401 without a session and 400 for a bad request', async () => {
      const anon = await t.app.inject({
        method: 'POST',
        url: '/api/admin/articles/bulk',
        payload: { ids: [1], action: 'delete' },
      })
      expect(anon.statusCode).toBe(401)
      const noColumn = await bulk(admin.headers, { ids: [1], action: 'move' })
      expect(noColumn.statusCode).toBe(400)
      expect(noColumn.json()).toMatchObject({ error: { fields: { columnId: '请选择目标栏目' } } })
      const badAction = await bulk(admin.headers, { ids: [1], action: 'publishAll' })
      expect(badAction.statusCode).toBe(400)
      const empty = await bulk(admin.headers, { ids: [], action: 'delete' })
      expect(empty.statusCode).toBe(400)
    })
  })

  describe('GET /api/admin/articles/export.xlsx', () => {
    it('exports the filtered list, which parses back with the right rows', async () => {
      const column = await makeColumn(t.core, portal, { name: '导出栏目' })
      const a1 = await makeArticle(t.core, portal, column, { title: '导出测试一', author: '张三' })
      const a2 = await makeArticle(t.core, portal, column, {
        title: '导出测试二',
        author: '李四',
        publish: false,
      })
      await makeArticle(t.core, portal, news, { title: '不在此栏目' })
      const res = await t.app.inject({
        url: `/api/admin/articles/export.xlsx?siteId=${portal.id}&columnId=${column.id}`,
        headers: admin.headers,
      })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toContain('spreadsheetml')
      expect(res.headers['content-disposition']).toContain("filename*=UTF-8''")
      const rows = await readXlsx(res.rawPayload)
      expect(rows).toHaveLength(2)
      const byId = new Map(rows.map((r) => [r.values['编号'], r.values]))
      expect(byId.get(String(a1.id))).toMatchObject({
        标题: '导出测试一',
        状态: '已发布',
        主栏目: '导出栏目',
        作者: '张三',
      })
      expect(byId.get(String(a2.id))).toMatchObject({ 标题: '导出测试二', 状态: '草稿' })

      const drafts = await t.app.inject({
        url: `/api/admin/articles/export.xlsx?siteId=${portal.id}&columnId=${column.id}&status=draft`,
        headers: admin.headers,
      })
      expect((await readXlsx(drafts.rawPayload)).map((r) => r.values['标题'])).toEqual([
        '导出测试二',
      ])
    })

    it("exports only the articles of the editor's sites", async () => {
      await makeArticle(t.core, channel, channelNews, { title: '频道导出' })
      await makeArticle(t.core, portal, news, { title: '门户导出' })
      const res = await t.app.inject({
        url: '/api/admin/articles/export.xlsx?keyword=导出',
        headers: editor.headers,
      })
      const titles = (await readXlsx(res.rawPayload)).map((r) => r.values['标题'])
      expect(titles).toContain('频道导出')
      expect(titles).not.toContain('门户导出')
    })

    it('answers 401 without a session and 400 for a bad filter', async () => {
      expect((await t.app.inject({ url: '/api/admin/articles/export.xlsx' })).statusCode).toBe(401)
      const bad = await t.app.inject({
        url: '/api/admin/articles/export.xlsx?status=secret',
        headers: admin.headers,
      })
      expect(bad.statusCode).toBe(400)
    })
  })

  describe('POST /api/admin/articles/preview', () => {
    const preview = (headers: Record<string, string>, payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/admin/articles/preview', headers, payload })

    it("renders the unsaved article with the site's theme and footer, without scripts", async () => {
      const res = await preview(admin.headers, {
        siteId: portal.id,
        columnId: news.id,
        title: '预览中的标题',
        source: '县政府办',
        bodyHtml: '<h2>小标题</h2><p onclick="x()">正文<script>alert(1)</script></p>',
        disclosure: { indexNo: 'YL-001', docNo: '测政发〔2026〕1号', validity: '有效' },
      })
      expect(res.statusCode).toBe(200)
      expect(res.headers['cache-control']).toBe('no-store')
      const html = (res.json() as { data: { html: string } }).data.html
      expect(html).toContain('<h1 class="article__title" id="article-title">预览中的标题</h1>')
      expect(html).toContain('来源：县政府办')
      expect(html).toContain('<h2>小标题</h2><p>正文</p>')
      expect(html).toContain('测政发〔2026〕1号')
      expect(html).toContain('网站标识码：1399990777')
      expect(html).toContain('主办单位：工具测试县人民政府办公室')
      expect(html).not.toContain('alert(1)')
      expect(html).not.toContain('onclick')
    })

    it('renders a channel article with the channel site, and does not change the public page', async () => {
      const a = await makeArticle(t.core, channel, channelNews, { title: '已发布的原标题' })
      const url = `${channel.basePath}${channelNews.path}/content_${a.id}.html`
      const before = await t.app.inject({ url, headers: { host: HOST } })
      expect(before.statusCode).toBe(200)
      const res = await preview(editor.headers, {
        siteId: channel.id,
        columnId: channelNews.id,
        title: '尚未保存的新标题',
        bodyHtml: '<p>新正文</p>',
      })
      expect(res.statusCode).toBe(200)
      const html = (res.json() as { data: { html: string } }).data.html
      expect(html).toContain('尚未保存的新标题')
      expect(html).toContain(channel.name)
      const after = await t.app.inject({ url, headers: { host: HOST } })
      expect(after.statusCode).toBe(200)
      expect(after.body).toContain('已发布的原标题')
      expect(after.body).not.toContain('尚未保存的新标题')
      expect((await t.core.articles.get(systemCtx, a.id)).title).toBe('已发布的原标题')
    })

    it("refuses another site's preview (403), no session (401) and a foreign column (400)", async () => {
      const forbidden = await preview(editor.headers, {
        siteId: portal.id,
        columnId: news.id,
        title: '越权',
      })
      expect(forbidden.statusCode).toBe(403)
      const anon = await t.app.inject({
        method: 'POST',
        url: '/api/admin/articles/preview',
        payload: { siteId: portal.id, columnId: news.id, title: '匿名' },
      })
      expect(anon.statusCode).toBe(401)
      const wrongColumn = await preview(admin.headers, {
        siteId: portal.id,
        columnId: channelNews.id,
        title: '错栏目',
      })
      expect(wrongColumn.statusCode).toBe(400)
      expect(wrongColumn.json()).toMatchObject({
        error: { fields: { columnIds: expect.any(String) } },
      })
      const missing = await preview(admin.headers, { siteId: portal.id })
      expect(missing.statusCode).toBe(400)
    })
  })
})
