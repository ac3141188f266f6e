import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Push } from '../../../common/cluster'
import type { Column } from '../columns/column.repository'
import type { Site } from '../sites/site.repository'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import {
  adminCall,
  makeArticle,
  makeChannel,
  makeColumn,
  makePortal,
  systemCtx,
} from '../../test/factories'
import { fetchPage, notificationsOf, person, type Person } from './push.test-helpers'

const HOST = 'www.push-routes.gov.cn'

let t: TestApp
let portal: Site
let src: Site
let town: Site
let quiet: Site
let srcCol: Column
let portalNews: Column
let townCol: Column
let srcEditor: Person
let srcReviewer: Person
let portalEditor: Person
let portalReviewer: Person
let townEditor: Person

const push = (p: Person | null, articleId: number, columnIds: number[], kind = 'linked') =>
  adminCall(t, p?.session ?? null, 'POST', `/articles/${articleId}/pushes`, { columnIds, kind })
const act = (p: Person, id: number, what: string, payload: object = {}) =>
  adminCall(t, p.session, 'POST', `/pushes/${id}/${what}`, payload)
const page = (url: string) => fetchPage(t, HOST, url)
const srcUrl = (path: string) => `${src.basePath}${path}`
const townUrl = (path: string) => `${town.basePath}${path}`

beforeAll(async () => {
  t = await buildTestApp()
  portal = await makePortal(t.core, { name: '推送测试县', hosts: [HOST] })
  src = await makeChannel(t.core, portal, { name: '推送测试县应急管理局' })
  town = await makeChannel(t.core, portal, { name: '推送测试县城关镇' })
  quiet = await makeChannel(t.core, portal, { name: '推送测试县档案馆' })
  srcCol = await makeColumn(t.core, src, { name: '工作动态', slug: 'gzdt' })
  portalNews = await makeColumn(t.core, portal, { name: '部门动态', slug: 'bmdt' })
  townCol = await makeColumn(t.core, town, { name: '要闻', slug: 'yw' })
  // The town takes pushes from anyone without review; the portal keeps its defaults (review).
  await t.core.sharing.put(systemCtx, town.id, {
    submissions: 'none',
    submissionSources: [],
    submissionColumns: [],
    pushes: 'all',
    pushSources: [],
    pushReview: false,
  })
  srcEditor = await person(t, src.id, 'editor')
  srcReviewer = await person(t, src.id, 'reviewer')
  portalEditor = await person(t, portal.id, 'editor')
  portalReviewer = await person(t, portal.id, 'reviewer')
  townEditor = await person(t, town.id, 'editor')
})
afterAll(async () => t.close())

describe(`push refused at the source end (${TEST_DIALECT})`, () => {
  it('refuses reviewers, other sites’ users, deleted articles and bad bodies', async () => {
    const a = await makeArticle(t.core, src, srcCol)
    expect((await push(srcReviewer, a.id, [portalNews.id])).statusCode).toBe(403)
    expect((await push(portalEditor, a.id, [portalNews.id])).statusCode).toBe(403)
    expect((await push(null, a.id, [portalNews.id])).statusCode).toBe(401)
    expect((await push(srcEditor, a.id, [])).statusCode).toBe(400)
    const many = Array.from({ length: 21 }, (_, i) => i + 1)
    expect((await push(srcEditor, a.id, many)).statusCode).toBe(400)
    expect((await push(srcEditor, a.id, [portalNews.id], 'mirror')).statusCode).toBe(400)
    const gone = await makeArticle(t.core, src, srcCol)
    await t.core.articles.remove(systemCtx, gone.id)
    const res = await push(srcEditor, gone.id, [portalNews.id])
    expect(res.statusCode).toBe(404)
    const pushes = await adminCall(t, srcEditor.session, 'GET', `/pushes?box=outbox`)
    expect(pushes.json().total).toBe(0)
  })

  it('copies only published articles', async () => {
    const draft = await makeArticle(t.core, src, srcCol, { publish: false })
    const res = await push(srcEditor, draft.id, [portalNews.id], 'copy')
    expect(res.statusCode).toBe(409)
    expect(res.json().error.message).toContain('已发布')
  })
})

describe(`push refused at the target end (${TEST_DIALECT})`, () => {
  it('names the site whose policy refuses, or which is closed', async () => {
    const a = await makeArticle(t.core, src, srcCol)
    const quietCol = await makeColumn(t.core, quiet)
    const none = await push(srcEditor, a.id, [quietCol.id])
    expect(none.statusCode).toBe(403)
    expect(none.json().error.message).toContain(quiet.name)
    await t.core.sharing.put(systemCtx, quiet.id, {
      submissions: 'none',
      submissionSources: [],
      submissionColumns: [],
      pushes: 'listed',
      pushSources: [town.id],
      pushReview: true,
    })
    const listed = await push(srcEditor, a.id, [quietCol.id])
    expect(listed.statusCode).toBe(403)
    expect(listed.json().error.message).toContain(quiet.name)

    const shut = await makeChannel(t.core, portal, { name: '推送测试县已关停站' })
    const shutCol = await makeColumn(t.core, shut)
    await t.core.sharing.put(systemCtx, shut.id, {
      submissions: 'none',
      submissionSources: [],
      submissionColumns: [],
      pushes: 'all',
      pushSources: [],
      pushReview: false,
    })
    await t.core.sites.setStatus(systemCtx, shut.id, { status: 'closed', notice: '本站已关停' })
    const closed = await push(srcEditor, a.id, [shutCol.id])
    expect(closed.statusCode).toBe(403)
    expect(closed.json().error.message).toContain(shut.name)
    // Nothing was pushed anywhere by the refused requests (all or nothing).
    const mixed = await push(srcEditor, a.id, [townCol.id, quietCol.id])
    expect(mixed.statusCode).toBe(403)
    expect((await t.core.pushes.listForArticle(systemCtx, a.id)).length).toBe(0)
  })

  it('refuses columns of the wrong type or of the source site, and duplicates', async () => {
    const a = await makeArticle(t.core, src, srcCol)
    const link = await makeColumn(t.core, portal, { type: 'link', linkUrl: 'https://www.gov.cn/' })
    expect((await push(srcEditor, a.id, [link.id])).statusCode).toBe(400)
    expect((await push(srcEditor, a.id, [srcCol.id])).statusCode).toBe(400)
    expect((await push(srcEditor, a.id, [999999])).statusCode).toBe(400)
    expect((await push(srcEditor, a.id, [portalNews.id])).statusCode).toBe(201)
    const again = await push(srcEditor, a.id, [portalNews.id], 'copy')
    expect(again.statusCode).toBe(409)
    // Already placed there by a user who works on both sites: nothing to push.
    const both = await makeArticle(t.core, src, srcCol, { columnIds: [srcCol.id, townCol.id] })
    expect((await push(srcEditor, both.id, [townCol.id])).statusCode).toBe(409)
  })
})

describe(`pushes accepted, edited through, decided (${TEST_DIALECT})`, () => {
  it('waits for the portal, appears in its column once accepted and renders there', async () => {
    const title = '应急管理局开展汛前安全检查'
    const a = await makeArticle(t.core, src, srcCol, { title })
    expect((await page('/bmdt/')).body).not.toContain(title)
    expect((await page('/bmdt/')).cached).toBe(true)
    const res = await push(srcEditor, a.id, [portalNews.id])
    expect(res.statusCode).toBe(201)
    const [p] = res.json().data as Push[]
    expect(p).toMatchObject({
      articleId: a.id,
      sourceSiteId: src.id,
      sourceSiteName: src.name,
      targetSiteId: portal.id,
      targetColumnId: portalNews.id,
      targetColumnName: '部门动态',
      kind: 'linked',
      state: 'pending',
      title,
      decidedBy: null,
      copyArticleId: null,
    })
    const id = (p as Push).id
    const told = await notificationsOf(t, portalEditor.id, 'push.received')
    expect(told[0]).toMatchObject({ entity: 'push', entity_id: id })
    expect(told[0]?.title).toContain(title)
    expect((await notificationsOf(t, townEditor.id, 'push.received')).length).toBe(0)

    const inbox = await adminCall(t, portalEditor.session, 'GET', '/pushes?box=inbox&state=pending')
    expect(inbox.json().data.map((x: Push) => x.id)).toContain(id)
    const outbox = await adminCall(
      t,
      srcEditor.session,
      'GET',
      `/pushes?box=outbox&articleId=${a.id}`,
    )
    expect(outbox.json()).toMatchObject({ total: 1, page: 1, pageSize: 20 })
    const xlsx = await adminCall(t, srcEditor.session, 'GET', `/pushes.xlsx?box=outbox`)
    expect(xlsx.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    const sheet = wb.worksheets[0]
    expect(sheet?.getRow(1).getCell(1).text).toBe('标题')
    const titles: string[] = []
    sheet?.eachRow((row, n) => {
      if (n > 1) titles.push(row.getCell(1).text)
    })
    expect(titles).toContain(title)
    const notMine = await adminCall(t, srcEditor.session, 'GET', '/pushes?box=inbox')
    expect(notMine.json().data.map((x: Push) => x.id)).not.toContain(id)
    const panel = await adminCall(t, srcEditor.session, 'GET', `/articles/${a.id}/pushes`)
    expect(panel.json().data).toHaveLength(1)
    expect((await page('/bmdt/')).body).not.toContain(title)

    expect((await act(srcEditor, id, 'accept')).statusCode).toBe(403)
    expect((await act(portalReviewer, id, 'accept')).statusCode).toBe(403)
    const accepted = await act(portalEditor, id, 'accept')
    expect(accepted.statusCode).toBe(200)
    expect(accepted.json().data).toMatchObject({ state: 'accepted', decidedBy: portalEditor.id })
    expect((await act(portalEditor, id, 'accept')).statusCode).toBe(409)
    expect((await act(portalEditor, id, 'reject', { reason: '晚了' })).statusCode).toBe(409)
    const told2 = await notificationsOf(t, srcEditor.id, 'push.decided')
    expect(told2[0]?.title).toContain('接收')

    const list = await page('/bmdt/')
    expect(list.cached).toBe(false)
    expect(list.body).toContain(`/bmdt/content_${a.id}.html`)
    expect(list.body).toContain(title)
    const art = await page(`/bmdt/content_${a.id}.html`)
    expect(art.status).toBe(200)
    expect(art.body).toContain(title)
    // The canonical URL is the source's own page, and the publishing unit is named.
    expect(art.body).toContain(`${src.basePath}gzdt/content_${a.id}.html`)
    expect(art.body).toContain(`来源：${src.name}`)
    const audit = await t.core.audit.list(systemCtx, { action: 'push.', entityId: String(id) })
    expect(audit.rows.map((e) => e.action).sort()).toEqual(['push.accept', 'push.create'])
  })

  it('a linked edit changes the title on every placement’s pages, cached ones included', async () => {
    const a = await makeArticle(t.core, src, srcCol, { title: '联动修改前的标题' })
    const res = await push(srcEditor, a.id, [portalNews.id, townCol.id])
    const pushes = res.json().data as Push[]
    // The town takes pushes without review: accepted at once, by nobody.
    expect(pushes.find((p) => p.targetSiteId === town.id)).toMatchObject({
      state: 'accepted',
      decidedBy: null,
    })
    const pending = pushes.find((p) => p.targetSiteId === portal.id) as Push
    await act(portalEditor, pending.id, 'accept')
    const urls = [
      srcUrl(`gzdt/content_${a.id}.html`),
      srcUrl('gzdt/'),
      `/bmdt/content_${a.id}.html`,
      '/bmdt/',
      townUrl(`yw/content_${a.id}.html`),
      townUrl('yw/'),
    ]
    for (const u of urls) expect((await page(u)).body, u).toContain('联动修改前的标题')
    for (const u of urls) expect((await page(u)).cached, `${u} cached`).toBe(true)

    const edit = await adminCall(t, srcEditor.session, 'PATCH', `/articles/${a.id}`, {
      title: '联动修改后的标题',
    })
    expect(edit.statusCode).toBe(200)
    for (const u of urls) {
      const p = await page(u)
      expect(p.cached, `${u} invalidated`).toBe(false)
      expect(p.body, u).toContain('联动修改后的标题')
      expect(p.body, u).not.toContain('联动修改前的标题')
    }
  })

  it('rejects with a reason; the source withdraws pending and accepted pushes', async () => {
    const a = await makeArticle(t.core, src, srcCol, { title: '将被拒收的信息' })
    const [p1] = (await push(srcEditor, a.id, [portalNews.id])).json().data as Push[]
    const id1 = (p1 as Push).id
    expect((await act(portalEditor, id1, 'reject', { reason: '' })).statusCode).toBe(400)
    expect((await act(townEditor, id1, 'reject', { reason: '不是我们的' })).statusCode).toBe(403)
    const rejected = await act(portalEditor, id1, 'reject', { reason: '与本栏目定位不符' })
    expect(rejected.json().data).toMatchObject({ state: 'rejected', reason: '与本栏目定位不符' })
    expect((await notificationsOf(t, srcEditor.id, 'push.decided'))[0]?.body).toContain(
      '与本栏目定位不符',
    )
    expect((await act(srcEditor, id1, 'withdraw')).statusCode).toBe(409)

    // Pending: withdrawn, and no longer acceptable.
    const [p2] = (await push(srcEditor, a.id, [portalNews.id])).json().data as Push[]
    const id2 = (p2 as Push).id
    expect((await act(portalEditor, id2, 'withdraw')).statusCode).toBe(403)
    expect((await act(srcEditor, id2, 'withdraw')).json().data.state).toBe('withdrawn')
    expect((await act(portalEditor, id2, 'accept')).statusCode).toBe(409)

    // Accepted linked: the placement goes and the target is told.
    const b = await makeArticle(t.core, src, srcCol, { title: '先接收后撤回的信息' })
    const [p3] = (await push(srcEditor, b.id, [portalNews.id])).json().data as Push[]
    const id3 = (p3 as Push).id
    await act(portalEditor, id3, 'accept')
    expect((await page('/bmdt/')).body).toContain('先接收后撤回的信息')
    const withdrawn = await act(srcEditor, id3, 'withdraw')
    expect(withdrawn.json().data.state).toBe('withdrawn')
    expect((await page('/bmdt/')).body).not.toContain('先接收后撤回的信息')
    expect((await page(`/bmdt/content_${b.id}.html`)).status).toBe(404)
    expect((await page(srcUrl(`gzdt/content_${b.id}.html`))).status).toBe(200)
    const told = await notificationsOf(t, portalEditor.id, 'push.withdrawn')
    expect(told[0]?.title).toContain('先接收后撤回的信息')
  })

  it('the target removes an accepted linked placement from its own column', async () => {
    const a = await makeArticle(t.core, src, srcCol, { title: '被城关镇移除的信息' })
    const [p] = (await push(srcEditor, a.id, [townCol.id])).json().data as Push[]
    const id = (p as Push).id
    expect((await page(townUrl('yw/'))).body).toContain('被城关镇移除的信息')
    expect((await act(srcEditor, id, 'remove')).statusCode).toBe(403)
    expect((await act(portalEditor, id, 'remove')).statusCode).toBe(403)
    const removed = await act(townEditor, id, 'remove')
    expect(removed.statusCode).toBe(200)
    expect(removed.json().data).toMatchObject({ state: 'rejected', reason: '接收站点已移除' })
    expect((await page(townUrl('yw/'))).body).not.toContain('被城关镇移除的信息')
    expect((await act(townEditor, id, 'remove')).statusCode).toBe(409)
    expect((await notificationsOf(t, srcEditor.id, 'push.decided'))[0]?.title).toContain('移除')
    const audit = await t.core.audit.list(systemCtx, {
      action: 'push.remove',
      entityId: String(id),
    })
    expect(audit.total).toBe(1)
  })

  it('accepts into another column of the target, never one of another site', async () => {
    const a = await makeArticle(t.core, src, srcCol, { title: '改放栏目的信息' })
    const other = await makeColumn(t.core, portal, { name: '县直动态', slug: 'xzdt' })
    const [p] = (await push(srcEditor, a.id, [portalNews.id])).json().data as Push[]
    const id = (p as Push).id
    expect((await act(portalEditor, id, 'accept', { columnId: townCol.id })).statusCode).toBe(400)
    const res = await act(portalEditor, id, 'accept', { columnId: other.id })
    expect(res.json().data).toMatchObject({ state: 'accepted', targetColumnId: other.id })
    expect((await page('/xzdt/')).body).toContain('改放栏目的信息')
    expect((await page('/bmdt/')).body).not.toContain('改放栏目的信息')
  })

  it('keeps pushed placements when the source edits its own column list', async () => {
    const second = await makeColumn(t.core, src, { name: '通知公告', slug: 'tzgg' })
    const a = await makeArticle(t.core, src, srcCol, { title: '改栏目后仍在镇上' })
    await push(srcEditor, a.id, [townCol.id])
    const edit = await adminCall(t, srcEditor.session, 'PATCH', `/articles/${a.id}`, {
      columnIds: [second.id],
    })
    expect(edit.statusCode).toBe(200)
    const placements = edit.json().data.placements as { columnId: number; kind: string }[]
    expect(placements.map((p) => p.columnId).sort()).toEqual([second.id, townCol.id].sort())
    expect(placements.find((p) => p.columnId === townCol.id)?.kind).toBe('linked')
    // The editor's form sends back its own columns only; saving it keeps the pushed placement.
    const view = await adminCall(t, srcEditor.session, 'GET', `/articles/${a.id}`)
    expect(view.json().data.columnIds).toEqual([second.id])
    const resave = await adminCall(t, srcEditor.session, 'PATCH', `/articles/${a.id}`, {
      columnIds: view.json().data.columnIds,
      title: '改栏目后仍在镇上',
    })
    expect(resave.statusCode).toBe(200)
    // Someone working on both sites names the pushed column too: still one placement there.
    await t.core.articles.update(systemCtx, a.id, { columnIds: [second.id, townCol.id] })
    const after = await t.core.articles.get(systemCtx, a.id)
    const inTown = after.placements.filter((p) => p.columnId === townCol.id)
    expect(inTown).toHaveLength(1)
    expect(inTown[0]?.pushId).toEqual(expect.any(Number))
    expect((await page(townUrl('yw/'))).body).toContain('改栏目后仍在镇上')
    expect((await page(srcUrl(`tzgg/content_${a.id}.html`))).status).toBe(200)
  })
})
