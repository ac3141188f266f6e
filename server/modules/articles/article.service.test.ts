import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Role } from '../../../common/permissions'
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

// Sign-in is rate limited per address: each sign-in of this file comes from its own.
let lastIp = 0

type ArticleJson = {
  id: number
  siteId: number
  status: string
  title: string
  summary: string
  bodyHtml: string
  publishedAt: string | null
  placements: { columnId: number; siteId: number; kind: string }[]
}

describe(`articles (${TEST_DIALECT})`, () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.close()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  async function signedIn(grants: { siteId: number | null; role: Role }[]) {
    const user = await makeUser(t.core, grants)
    const s = await login(
      t,
      user.username,
      user.password,
      `10.4.${Math.floor(++lastIp / 250)}.${lastIp % 250}`,
    )
    const post = (url: string, payload?: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url, headers: s.headers, ...(payload ? { payload } : {}) })
    const get = (url: string) => t.app.inject({ url, headers: s.headers })
    const patch = (url: string, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PATCH', url, headers: s.headers, payload })
    const del = (url: string) => t.app.inject({ method: 'DELETE', url, headers: s.headers })
    return { user, s, post, get, patch, del }
  }

  const rowCounts = async () => {
    const db = t.database.db
    const n = async (table: 'article' | 'placement' | 'audit_event' | 'article_file') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    return {
      article: await n('article'),
      placement: await n('placement'),
      audit: await n('audit_event'),
      files: await n('article_file'),
    }
  }

  const publicIds = async (siteCode: string, columnId: number) => {
    const res = await t.app.inject({ url: `/api/v1/articles?site=${siteCode}&column=${columnId}` })
    expect(res.statusCode).toBe(200)
    return (res.json().data as { id: number }[]).map((a) => a.id)
  }

  it('saves a draft unpublished and publishes on request', async () => {
    const portal = await makePortal(t.core)
    const column = await makeColumn(t.core, portal)
    const editor = await signedIn([{ siteId: portal.id, role: 'editor' }])
    const draft = await editor.post('/api/admin/articles', {
      siteId: portal.id,
      columnIds: [column.id],
      title: '草稿',
      bodyHtml: '<p>草稿正文</p>',
    })
    expect(draft.statusCode).toBe(201)
    expect(draft.json().data).toMatchObject({
      status: 'draft',
      publishedAt: null,
      createdBy: editor.user.id,
    })
    const published = await editor.post('/api/admin/articles', {
      siteId: portal.id,
      columnIds: [column.id],
      title: '已发布',
      bodyHtml: '<p>发布正文</p>',
      publish: true,
    })
    expect(published.statusCode).toBe(201)
    const p = published.json().data as ArticleJson
    expect(p.status).toBe('published')
    expect(Math.abs(new Date(p.publishedAt ?? '').getTime() - Date.now())).toBeLessThan(60_000)
    expect(await publicIds(portal.code, column.id)).toEqual([p.id])

    const later = await editor.post(`/api/admin/articles/${draft.json().data.id}/publish`, {})
    expect(later.statusCode).toBe(200)
    expect(later.json().data.status).toBe('published')
    expect((await publicIds(portal.code, column.id)).sort()).toEqual(
      [p.id, draft.json().data.id].sort(),
    )
  })

  it('sanitises the body on save, keeping structure and dropping scripts, handlers and junk styles', async () => {
    const portal = await makePortal(t.core)
    const column = await makeColumn(t.core, portal)
    const editor = await signedIn([{ siteId: portal.id, role: 'editor' }])
    const bodyHtml = [
      '<h2 style="color:red;text-align:center">一、总体要求</h2>',
      '<p onclick="steal()" style="font-family:宋体;mso-bidi-font-size:12pt;text-indent:2em">坚持以人民为中心。',
      '<script>alert("xss")</script><img src="/files/a.png" onerror="alert(2)" alt="示意图"></p>',
      '<p><a href="javascript:alert(3)">坏链接</a> <a href="https://www.gov.cn/" target="_blank">中国政府网</a></p>',
      '<table><thead><tr><th>项目</th><th>金额</th></tr></thead>',
      '<tbody><tr><td colspan="2" style="background:yellow">合计</td></tr></tbody></table>',
      '<ul><li>第一项</li></ul><ol start="3"><li>第三项</li></ol>',
      '<style>p{color:red}</style><iframe src="https://evil.example/"></iframe><object data="x.swf"></object>',
      '<font color="red">通知</font><svg onload="alert(4)"></svg>',
    ].join('')
    const res = await editor.post('/api/admin/articles', {
      siteId: portal.id,
      columnIds: [column.id],
      title: '清理测试',
      bodyHtml,
    })
    expect(res.statusCode).toBe(201)
    const html = (res.json().data as ArticleJson).bodyHtml
    for (const bad of [
      '<script',
      'alert',
      'onerror',
      'onclick',
      'onload',
      'javascript:',
      '<style',
      'color:red',
      'font-family',
      'mso-',
      'background',
      '<iframe',
      '<object',
      '<font',
      '<svg',
      'steal',
    ]) {
      expect(html, bad).not.toContain(bad)
    }
    for (const kept of [
      '<h2 style="text-align:center">一、总体要求</h2>',
      '<p style="text-indent:2em">坚持以人民为中心。',
      '<img src="/files/a.png" alt="示意图" />',
      '<a href="https://www.gov.cn/" target="_blank" rel="noopener noreferrer">中国政府网</a>',
      '<a>坏链接</a>',
      '<thead><tr><th>项目</th><th>金额</th></tr></thead>',
      '<td colspan="2">合计</td>',
      '<ul><li>第一项</li></ul>',
      '<ol start="3"><li>第三项</li></ol>',
      '通知',
    ]) {
      expect(html).toContain(kept)
    }
    const stored = await t.core.articles.get(systemCtx, res.json().data.id)
    expect(stored.bodyHtml).toBe(html)
    // Plain text for search and checks: blocks on their own lines, no markup, no script text.
    expect(stored.bodyText.split('\n')).toEqual([
      '一、总体要求',
      '坚持以人民为中心。',
      '坏链接 中国政府网',
      '项目',
      '金额',
      '合计',
      '第一项',
      '第三项',
      '通知',
    ])

    // The same on update.
    const updated = await editor.patch(`/api/admin/articles/${stored.id}`, {
      bodyHtml: '<p>新<script>x()</script>内容</p>',
    })
    expect(updated.json().data.bodyHtml).toBe('<p>新内容</p>')
    expect((await t.core.articles.get(systemCtx, stored.id)).bodyText).toBe('新内容')
  })

  it('writes a summary from the body unless one is given', async () => {
    const portal = await makePortal(t.core)
    const column = await makeColumn(t.core, portal)
    const sentence = '为进一步优化营商环境，县政府决定开展专项行动。'
    const long = await makeArticle(t.core, portal, column, {
      bodyHtml: `<p>${sentence.repeat(10)}</p>`,
    })
    expect(long.summary.length).toBeLessThanOrEqual(120)
    expect(long.summary.endsWith('。')).toBe(true)
    expect(sentence.repeat(10).startsWith(long.summary)).toBe(true)
    const short = await makeArticle(t.core, portal, column, {
      bodyHtml: '<h3>标题</h3><p>简短正文。</p>',
    })
    expect(short.summary).toBe('标题 简短正文。')
    const given = await makeArticle(t.core, portal, column, {
      bodyHtml: `<p>${sentence}</p>`,
      summary: '  人工摘要  ',
    })
    expect(given.summary).toBe('人工摘要')
  })

  it('places an article in several columns, the first of its own site being primary', async () => {
    const portal = await makePortal(t.core)
    const channel = await makeChannel(t.core, portal)
    const home = await makeColumn(t.core, channel)
    const also = await makeColumn(t.core, channel)
    const portalNews = await makeColumn(t.core, portal)
    const link = await makeColumn(t.core, channel, { type: 'link', linkUrl: 'https://www.gov.cn/' })
    const foreign = await makeColumn(t.core, await makePortal(t.core))
    const editor = await signedIn([
      { siteId: channel.id, role: 'editor' },
      { siteId: portal.id, role: 'editor' },
    ])
    const create = (columnIds: number[]) =>
      editor.post('/api/admin/articles', {
        siteId: channel.id,
        columnIds,
        title: '多栏目信息',
        bodyHtml: '<p>正文</p>',
        publish: true,
      })

    const res = await create([home.id, also.id, portalNews.id])
    expect(res.statusCode).toBe(201)
    const a = res.json().data as ArticleJson
    expect(a.placements).toEqual([
      { columnId: home.id, siteId: channel.id, kind: 'primary', pinned: false },
      { columnId: also.id, siteId: channel.id, kind: 'linked', pinned: false },
      { columnId: portalNews.id, siteId: portal.id, kind: 'linked', pinned: false },
    ])
    for (const [code, columnId] of [
      [channel.code, home.id],
      [channel.code, also.id],
      [portal.code, portalNews.id],
    ] as const) {
      expect(await publicIds(code, columnId)).toEqual([a.id])
    }

    const before = await rowCounts()
    const primaryElsewhere = await create([portalNews.id, home.id])
    expect(primaryElsewhere.statusCode).toBe(400)
    expect(primaryElsewhere.json().error.fields.columnIds).toBe('第一个栏目须属于本站点')
    for (const columnIds of [
      [home.id, foreign.id],
      [home.id, link.id],
      [home.id, 999999],
    ]) {
      const r = await create(columnIds)
      expect(r.statusCode, JSON.stringify(columnIds)).toBe(400)
      expect(r.json().error.fields.columnIds).toBeTruthy()
    }
    const moved = await editor.patch(`/api/admin/articles/${a.id}`, { columnIds: [portalNews.id] })
    expect(moved.statusCode).toBe(400)
    expect(await rowCounts()).toEqual(before)
    expect((await t.core.articles.get(systemCtx, a.id)).placements).toHaveLength(3)
  })

  it('keeps editors to their own sites, and the list to what they may see', async () => {
    const siteA = await makePortal(t.core)
    const siteB = await makePortal(t.core)
    const colA = await makeColumn(t.core, siteA)
    const colB = await makeColumn(t.core, siteB)
    const draftA = await makeArticle(t.core, siteA, colA, { publish: false, title: 'A站草稿' })
    const draftB = await makeArticle(t.core, siteB, colB, { publish: false, title: 'B站草稿' })
    const editorA = await signedIn([{ siteId: siteA.id, role: 'editor' }])

    const refused = await editorA.post('/api/admin/articles', {
      siteId: siteB.id,
      columnIds: [colB.id],
      title: '越权',
    })
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error.code).toBe('forbidden')
    expect((await editorA.get(`/api/admin/articles/${draftB.id}`)).statusCode).toBe(403)
    expect(
      (await editorA.patch(`/api/admin/articles/${draftB.id}`, { title: '改' })).statusCode,
    ).toBe(403)
    expect((await editorA.post(`/api/admin/articles/${draftB.id}/publish`, {})).statusCode).toBe(
      403,
    )
    expect((await editorA.del(`/api/admin/articles/${draftB.id}`)).statusCode).toBe(403)

    const ids = async (
      s: { get: (u: string) => Promise<{ json: () => { data: unknown } }> },
      query: string,
    ) =>
      (
        (await s.get(`/api/admin/articles?pageSize=100${query}`)).json().data as { id: number }[]
      ).map((a) => a.id)
    const seen = await ids(editorA, '')
    expect(seen).toContain(draftA.id)
    expect(seen).not.toContain(draftB.id)
    expect(await ids(editorA, `&siteId=${siteB.id}`)).toEqual([])
    expect(await ids(editorA, `&columnId=${colB.id}`)).toEqual([])
    expect(await ids(editorA, '&status=draft&keyword=B站')).toEqual([])

    const root = await signedIn([{ siteId: null, role: 'admin' }])
    const all = await ids(root, '')
    expect(all).toEqual(expect.arrayContaining([draftA.id, draftB.id]))
    const nobody = await signedIn([])
    const empty = await nobody.get('/api/admin/articles')
    expect(empty.json()).toMatchObject({ data: [], total: 0 })
  })

  it('lets an editor delete only its own drafts; a site admin deletes any', async () => {
    const portal = await makePortal(t.core)
    const column = await makeColumn(t.core, portal)
    const editor = await signedIn([{ siteId: portal.id, role: 'editor' }])
    const colleague = await signedIn([{ siteId: portal.id, role: 'editor' }])
    const admin = await signedIn([{ siteId: portal.id, role: 'admin' }])
    const create = async (s: typeof editor, publish: boolean) =>
      (
        await s.post('/api/admin/articles', {
          siteId: portal.id,
          columnIds: [column.id],
          title: '删除测试',
          publish,
        })
      ).json().data.id as number
    const ownDraft = await create(editor, false)
    const ownPublished = await create(editor, true)
    const othersDraft = await create(colleague, false)

    expect((await editor.del(`/api/admin/articles/${ownPublished}`)).statusCode).toBe(403)
    expect((await editor.del(`/api/admin/articles/${othersDraft}`)).statusCode).toBe(403)
    expect((await editor.del(`/api/admin/articles/${ownDraft}`)).statusCode).toBe(200)
    expect((await editor.get(`/api/admin/articles/${ownDraft}`)).statusCode).toBe(404)
    // Once unpublished it is no longer a draft either.
    await admin.post(`/api/admin/articles/${ownPublished}/unpublish`)
    expect((await editor.del(`/api/admin/articles/${ownPublished}`)).statusCode).toBe(403)
    expect((await admin.del(`/api/admin/articles/${ownPublished}`)).statusCode).toBe(200)
    expect((await admin.del(`/api/admin/articles/${othersDraft}`)).statusCode).toBe(200)
    const left = await t.database.db
      .selectFrom('placement')
      .select('id')
      .where('article_id', 'in', [ownDraft, ownPublished, othersDraft])
      .execute()
    expect(left).toEqual([])
  })

  it('unpublishes: the status changes and the article leaves public lists', async () => {
    const portal = await makePortal(t.core)
    const column = await makeColumn(t.core, portal)
    const article = await makeArticle(t.core, portal, column)
    const editor = await signedIn([{ siteId: portal.id, role: 'editor' }])
    expect(await publicIds(portal.code, column.id)).toEqual([article.id])
    const res = await editor.post(`/api/admin/articles/${article.id}/unpublish`)
    expect(res.statusCode).toBe(200)
    expect(res.json().data).toMatchObject({
      status: 'unpublished',
      publishedAt: article.publishedAt,
    })
    expect(res.json().data.unpublishedAt).toBeTruthy()
    expect(await publicIds(portal.code, column.id)).toEqual([])
    expect((await t.app.inject({ url: `/api/v1/articles/${article.id}` })).statusCode).toBe(404)
    const again = await editor.post(`/api/admin/articles/${article.id}/unpublish`)
    expect(again.statusCode).toBe(409)
    const republished = await editor.post(`/api/admin/articles/${article.id}/publish`, {})
    expect(republished.json().data.status).toBe('published')
    expect(await publicIds(portal.code, column.id)).toEqual([article.id])
  })

  it('refuses a publication time in the future', async () => {
    const portal = await makePortal(t.core)
    const column = await makeColumn(t.core, portal)
    const editor = await signedIn([{ siteId: portal.id, role: 'editor' }])
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString()
    const past = '2021-06-01T02:00:00.000Z'
    const before = await rowCounts()

    const created = await editor.post('/api/admin/articles', {
      siteId: portal.id,
      columnIds: [column.id],
      title: '未来',
      publish: true,
      publishedAt: future,
    })
    expect(created.statusCode).toBe(400)
    expect(created.json().error.fields.publishedAt).toBe('发布时间不能晚于当前时间')
    expect(await rowCounts()).toEqual(before)

    // A date earlier than the entry time is a faked date unless the reason is given (and kept).
    const backdated = await editor.post('/api/admin/articles', {
      siteId: portal.id,
      columnIds: [column.id],
      title: '补录',
      publish: true,
      publishedAt: past,
    })
    expect(backdated.statusCode).toBe(422)
    expect(backdated.json().error.code).toBe('checks_blocked')
    expect(backdated.json().error.details.findings.map((f: { rule: string }) => f.rule)).toContain(
      'backdated',
    )
    expect(await rowCounts()).toEqual(before)
    const ok = await editor.post('/api/admin/articles', {
      siteId: portal.id,
      columnIds: [column.id],
      title: '补录',
      publish: true,
      publishedAt: past,
      backdateReason: '补录2021年会议纪要，原稿见档案',
    })
    expect(ok.statusCode).toBe(201)
    expect(ok.json().data.publishedAt).toBe(past)
    const audit = await t.core.audit.list(systemCtx, {
      entity: 'article',
      entityId: String(ok.json().data.id),
    })
    expect(JSON.stringify(audit.rows.map((e) => e.diff))).toContain('补录2021年会议纪要')
    const id = ok.json().data.id as number
    expect(
      (await editor.patch(`/api/admin/articles/${id}`, { publishedAt: future })).statusCode,
    ).toBe(400)

    const draft = await editor.post('/api/admin/articles', {
      siteId: portal.id,
      columnIds: [column.id],
      title: '草稿',
    })
    const draftId = draft.json().data.id as number
    expect(
      (await editor.post(`/api/admin/articles/${draftId}/publish`, { publishedAt: future }))
        .statusCode,
    ).toBe(400)
    // A draft may carry a planned time, but it cannot be published with it while it lies ahead.
    expect(
      (await editor.patch(`/api/admin/articles/${draftId}`, { publishedAt: future })).statusCode,
    ).toBe(200)
    const early = await editor.post(`/api/admin/articles/${draftId}/publish`, {})
    expect(early.statusCode).toBe(400)
    expect(early.json().error.fields.publishedAt).toBeTruthy()
    expect((await t.core.articles.get(systemCtx, draftId)).status).toBe('draft')
    expect((await t.core.articles.get(systemCtx, id)).publishedAt).toBe(past)
  })

  it('filters the list by status, keyword, column and dates, with page totals', async () => {
    const portal = await makePortal(t.core)
    const colA = await makeColumn(t.core, portal)
    const colB = await makeColumn(t.core, portal)
    const editor = await signedIn([{ siteId: portal.id, role: 'editor' }])
    vi.useFakeTimers({ toFake: ['Date'] })
    // Beijing 2023-03-01 10:00 and 2023-03-03 01:00 (still 03-02 in UTC).
    vi.setSystemTime(new Date('2023-03-01T02:00:00.000Z'))
    const march1 = await makeArticle(t.core, portal, colA, { title: '三月一日通知' })
    vi.setSystemTime(new Date('2023-03-02T17:00:00.000Z'))
    const march3 = await makeArticle(t.core, portal, colB, {
      title: '三月三日公告',
      publish: false,
    })
    vi.useRealTimers()
    const rest = []
    for (let i = 0; i < 5; i++) {
      rest.push(
        await makeArticle(t.core, portal, i % 2 ? colA : colB, {
          title: `第${i}号 100% 完成通知`,
          publish: i !== 0,
        }),
      )
    }
    const list = async (query: string) => {
      const res = await editor.get(`/api/admin/articles?siteId=${portal.id}${query}`)
      expect(res.statusCode, res.body).toBe(200)
      const body = res.json() as {
        data: { id: number }[]
        total: number
        page: number
        pageSize: number
      }
      return {
        ids: body.data.map((a) => a.id),
        total: body.total,
        page: body.page,
        pageSize: body.pageSize,
      }
    }

    const all = await list('')
    expect(all.total).toBe(7)
    // Newest change first.
    expect(all.ids).toEqual([...rest.map((a) => a.id).reverse(), march3.id, march1.id])
    const page1 = await list('&pageSize=3')
    const page3 = await list('&pageSize=3&page=3')
    expect(page1).toMatchObject({ total: 7, page: 1, pageSize: 3, ids: all.ids.slice(0, 3) })
    expect(page3).toMatchObject({ total: 7, page: 3, ids: all.ids.slice(6) })
    expect(await list('&pageSize=3&page=4')).toMatchObject({ total: 7, ids: [] })

    expect((await list('&status=draft')).ids.sort()).toEqual([march3.id, rest[0]?.id].sort())
    expect((await list('&status=published')).total).toBe(5)
    expect((await list('&status=unpublished')).total).toBe(0)
    expect((await list(`&keyword=${encodeURIComponent('通知')}`)).total).toBe(6)
    expect((await list(`&keyword=${encodeURIComponent('100%')}`)).total).toBe(5)
    expect((await list(`&keyword=${encodeURIComponent('%')}`)).total).toBe(5)
    expect((await list(`&keyword=${encodeURIComponent('三月_日')}`)).total).toBe(0)
    expect((await list(`&columnId=${colA.id}`)).ids.sort()).toEqual(
      [march1.id, rest[1]?.id, rest[3]?.id].sort(),
    )
    expect((await list(`&columnId=${colB.id}&status=draft`)).ids.sort()).toEqual(
      [march3.id, rest[0]?.id].sort(),
    )
    // Dates are Beijing calendar days, both ends included.
    expect((await list('&from=2023-03-01&to=2023-03-02')).ids).toEqual([march1.id])
    expect((await list('&from=2023-03-03&to=2023-03-03')).ids).toEqual([march3.id])
    expect((await list('&from=2023-03-01&to=2023-03-31')).ids).toEqual([march3.id, march1.id])
    expect((await list('&to=2023-02-28')).total).toBe(0)
    expect((await list('&from=2023-04-01')).total).toBe(5)
    const bad = await editor.get('/api/admin/articles?from=yesterday')
    expect(bad.statusCode).toBe(400)
  })

  it('keeps external ids unique within a site', async () => {
    const portal = await makePortal(t.core)
    const other = await makePortal(t.core)
    const column = await makeColumn(t.core, portal)
    const first = await makeArticle(t.core, portal, column, { externalId: 'old-cms-1001' })
    await expect(
      makeArticle(t.core, portal, column, { externalId: 'old-cms-1001' }),
    ).rejects.toMatchObject({
      status: 409,
      fields: { externalId: expect.any(String) },
    })
    await makeArticle(t.core, other, await makeColumn(t.core, other), {
      externalId: 'old-cms-1001',
    })
    const second = await makeArticle(t.core, portal, column, { externalId: 'old-cms-1002' })
    await expect(
      t.core.articles.update(systemCtx, second.id, { externalId: 'old-cms-1001' }),
    ).rejects.toMatchObject({
      status: 409,
    })
    const editor = await signedIn([{ siteId: portal.id, role: 'editor' }])
    const res = await editor.post('/api/admin/articles', {
      siteId: portal.id,
      columnIds: [column.id],
      title: '重复',
      externalId: 'old-cms-1001',
    })
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('conflict')
    // Saving an article with its own external id again is no conflict.
    expect(
      (
        await t.core.articles.update(systemCtx, first.id, {
          externalId: 'old-cms-1001',
          title: '改题',
        })
      ).title,
    ).toBe('改题')
    expect((await t.core.articles.get(systemCtx, second.id)).externalId).toBe('old-cms-1002')
  })

  it('writes an audit event for every change', async () => {
    const portal = await makePortal(t.core)
    const column = await makeColumn(t.core, portal)
    const editor = await signedIn([{ siteId: portal.id, role: 'editor' }])
    const admin = await signedIn([{ siteId: portal.id, role: 'admin' }])
    const direct = await makeArticle(t.core, portal, column)
    const id = (
      await editor.post('/api/admin/articles', {
        siteId: portal.id,
        columnIds: [column.id],
        title: '审计',
      })
    ).json().data.id as number
    await editor.patch(`/api/admin/articles/${id}`, { title: '审计（修改）' })
    await editor.post(`/api/admin/articles/${id}/publish`, {})
    await editor.post(`/api/admin/articles/${id}/unpublish`)
    await admin.del(`/api/admin/articles/${id}`)
    const res = await admin.get(`/api/admin/audit?entity=article&entityId=${id}`)
    expect(res.statusCode).toBe(200)
    const events = res.json().data as {
      action: string
      actorName: string
      siteId: number
      ip: string
      diff: Record<string, unknown>
    }[]
    expect(events.map((e) => e.action).reverse()).toEqual([
      'article.create',
      'article.update',
      'article.publish',
      'article.unpublish',
      'article.delete',
    ])
    expect(events.every((e) => e.siteId === portal.id && e.ip === '127.0.0.1')).toBe(true)
    expect(events.map((e) => e.actorName).reverse()).toEqual([
      editor.user.username,
      editor.user.username,
      editor.user.username,
      editor.user.username,
      admin.user.username,
    ])
    expect(events.find((e) => e.action === 'article.update')?.diff).toEqual({
      title: { from: '审计', to: '审计（修改）' },
    })
    const viaCore = await t.core.audit.list(systemCtx, {
      entity: 'article',
      entityId: String(direct.id),
    })
    expect(viaCore.rows.map((e) => e.action)).toEqual(['article.create_publish'])
  })

  it('leaves nothing half-written when a save fails', async () => {
    const portal = await makePortal(t.core)
    const column = await makeColumn(t.core, portal)
    const editor = await signedIn([{ siteId: portal.id, role: 'editor' }])
    const before = await rowCounts()
    const res = await editor.post('/api/admin/articles', {
      siteId: portal.id,
      columnIds: [column.id],
      title: '附件不存在',
      bodyHtml: '<p>正文</p>',
      attachments: [{ fileId: 999999, name: '附件.pdf' }],
      publish: true,
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.fields.attachments).toBeTruthy()
    expect(await rowCounts()).toEqual(before)
    expect(
      await t.database.db
        .selectFrom('article')
        .select('id')
        .where('title', '=', '附件不存在')
        .execute(),
    ).toEqual([])

    const article = await makeArticle(t.core, portal, column, { title: '原标题' })
    const mid = await rowCounts()
    const update = await editor.patch(`/api/admin/articles/${article.id}`, {
      title: '新标题',
      columnIds: [column.id],
      attachments: [{ fileId: 999999 }],
    })
    expect(update.statusCode).toBe(400)
    expect(await rowCounts()).toEqual(mid)
    const after = await t.core.articles.get(systemCtx, article.id)
    expect(after.title).toBe('原标题')
    expect(after.placements).toHaveLength(1)
  })
})
