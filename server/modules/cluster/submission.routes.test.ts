import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Submission } from '../../../common/cluster'
import { formatDate } from '../../../common/time'
import { buildTestApp, type TestApp } from '../../test/build-test-app'
import { adminCall, login, type AdminSession } from '../../test/factories'
import { draftOf, makeWorld, type Person, type World } from './submission.test-helpers'

let t: TestApp
let w: World
let ip = 0
const sessions = new Map<number, AdminSession>()

async function as(p: Person): Promise<AdminSession> {
  const known = sessions.get(p.id)
  if (known) return known
  const s = await login(t, p.username, p.password, `10.77.0.${++ip}`)
  sessions.set(p.id, s)
  return s
}
const call = async (p: Person, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  adminCall(t, await as(p), method, url, payload)

async function sheetRows(payload: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(payload as unknown as ArrayBuffer)
  const ws = wb.worksheets[0]
  const rows: string[][] = []
  ws?.eachRow((row) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (c) => cells.push(String(c.text ?? '')))
    rows.push(cells)
  })
  return rows
}

beforeAll(async () => {
  t = await buildTestApp()
  w = await makeWorld(t)
})
afterAll(async () => t.close())

describe('submissions over HTTP', () => {
  it('submits, shows the inbox to the target only, and adopts', async () => {
    const articleId = await draftOf(t, w, '乡村振兴工作进展')
    expect(
      (await call(w.reviewerA, 'POST', '/submissions', { articleId, targetColumnIds: [w.news.id] }))
        .statusCode,
    ).toBe(403)
    const bad = await call(w.editorA, 'POST', '/submissions', { articleId, targetColumnIds: [] })
    expect(bad.statusCode).toBe(400)
    const res = await call(w.editorA, 'POST', '/submissions', {
      articleId,
      targetColumnIds: [w.news.id],
      note: '供参考',
    })
    expect(res.statusCode).toBe(201)
    const [s] = res.json().data as Submission[]
    if (!s) throw new Error('no submission')
    expect(s).toMatchObject({ status: 'pending', targetColumnName: '部门动态' })

    const inbox = await call(w.portalEditor, 'GET', '/submissions?box=inbox')
    expect(inbox.json().data.map((x: Submission) => x.id)).toContain(s.id)
    const reviewerInbox = await call(w.portalReviewer, 'GET', '/submissions?box=inbox')
    expect(reviewerInbox.json().data.map((x: Submission) => x.id)).toContain(s.id)
    const otherInbox = await call(w.editorB, 'GET', '/submissions?box=inbox')
    expect(otherInbox.json()).toMatchObject({ data: [], total: 0 })
    const outbox = await call(w.editorA, 'GET', '/submissions?box=outbox')
    expect(outbox.json().data.map((x: Submission) => x.id)).toContain(s.id)
    expect((await call(w.editorA, 'GET', '/submissions?box=inbox')).json().total).toBe(0)

    const detail = await call(w.portalReviewer, 'GET', `/submissions/${s.id}`)
    expect(detail.statusCode).toBe(200)
    expect(detail.json().data.article).toMatchObject({
      title: '乡村振兴工作进展',
      bodyHtml: expect.stringContaining('安全生产检查'),
      attachments: [],
    })
    expect((await call(w.editorB, 'GET', `/submissions/${s.id}`)).statusCode).toBe(403)
    expect((await call(w.editorA, 'GET', '/submissions/999999')).statusCode).toBe(404)

    const notes = await call(w.portalEditor, 'GET', '/notifications?kind=submission.received')
    expect(notes.json().data.some((n: { entityId: number }) => n.entityId === s.id)).toBe(true)

    expect(
      (await call(w.portalReviewer, 'POST', `/submissions/${s.id}/adopt`, { mode: 'publish' }))
        .statusCode,
    ).toBe(403)
    const wrongColumn = await call(w.portalEditor, 'POST', `/submissions/${s.id}/adopt`, {
      mode: 'publish',
      columnId: w.colB.id,
    })
    expect(wrongColumn.statusCode).toBe(400)
    const adopted = await call(w.portalEditor, 'POST', `/submissions/${s.id}/adopt`, {
      mode: 'publish',
      columnId: w.home.id,
      bodyHtml: '<p>编辑修改后的正文。</p>',
    })
    expect(adopted.statusCode).toBe(200)
    const { data, articleId: newId } = adopted.json() as { data: Submission; articleId: number }
    expect(data).toMatchObject({ status: 'adopted', adoptedArticleId: newId, adoptedHome: true })
    const article = await call(w.portalEditor, 'GET', `/articles/${newId}`)
    expect(article.json().data).toMatchObject({
      source: w.unitA.name,
      status: 'published',
      bodyHtml: '<p>编辑修改后的正文。</p>',
      columnIds: [w.home.id],
    })
    const twice = await call(w.portalEditor, 'POST', `/submissions/${s.id}/decline`, {
      reason: '重复',
    })
    expect(twice.statusCode).toBe(409)
  })

  it('returns with a reason the submitter sees, then takes the resubmission', async () => {
    const articleId = await draftOf(t, w, '需补充的信息')
    const [s] = (
      await call(w.editorA, 'POST', '/submissions', { articleId, targetColumnIds: [w.news.id] })
    ).json().data as Submission[]
    if (!s) throw new Error('no submission')
    const noReason = await call(w.portalEditor, 'POST', `/submissions/${s.id}/return`, {})
    expect(noReason.statusCode).toBe(400)
    const ret = await call(w.portalEditor, 'POST', `/submissions/${s.id}/return`, {
      reason: '请补充图片',
    })
    expect(ret.statusCode).toBe(200)
    const out = await call(w.editorA, 'GET', '/submissions?box=outbox&status=returned')
    expect(out.json().data.find((x: Submission) => x.id === s.id)).toMatchObject({
      status: 'returned',
      reason: '请补充图片',
      decidedByName: expect.any(String),
    })
    const notes = await call(w.editorA, 'GET', '/notifications?kind=submission.decided')
    expect(notes.json().data.some((n: { entityId: number }) => n.entityId === s.id)).toBe(true)
    const again = await call(w.editorA, 'POST', `/submissions/${s.id}/resubmit`)
    expect(again.json().data).toMatchObject({ status: 'pending', rounds: 2 })
    const gone = await call(w.editorA, 'POST', `/submissions/${s.id}/withdraw`)
    expect(gone.json().data.status).toBe('withdrawn')
    const declineLate = await call(w.portalEditor, 'POST', `/submissions/${s.id}/decline`, {
      reason: '晚了',
    })
    expect(declineLate.statusCode).toBe(409)
  })

  it('filters, pages and exports the list', async () => {
    const ids: number[] = []
    for (const title of ['防汛检查通报', '防汛物资储备', '秋粮收购进度']) {
      const articleId = await draftOf(t, w, title)
      const res = await call(w.editorA, 'POST', '/submissions', {
        articleId,
        targetColumnIds: [w.news.id],
      })
      ids.push((res.json().data as Submission[])[0]?.id ?? 0)
    }
    const q = await call(
      w.portalAdmin,
      'GET',
      `/submissions?box=inbox&q=${encodeURIComponent('防汛')}`,
    )
    expect(q.json().data.map((x: Submission) => x.title)).toEqual(['防汛物资储备', '防汛检查通报'])
    const page = await call(
      w.portalAdmin,
      'GET',
      '/submissions?box=inbox&status=pending&pageSize=2&page=2',
    )
    expect(page.json()).toMatchObject({ page: 2, pageSize: 2, total: 3 })
    expect(page.json().data.map((x: Submission) => x.id)).toEqual([ids[0]])
    const today = formatDate(new Date())
    const inPeriod = await call(
      w.portalAdmin,
      'GET',
      `/submissions?box=inbox&from=${today}&to=${today}`,
    )
    expect(inPeriod.json().total).toBeGreaterThanOrEqual(3)
    const before = await call(w.portalAdmin, 'GET', '/submissions?box=inbox&to=2020-01-01')
    expect(before.json().total).toBe(0)
    expect((await call(w.portalAdmin, 'GET', '/submissions?from=2026-13-01')).statusCode).toBe(400)
    const mine = await call(w.editorA, 'GET', `/submissions?box=outbox&siteId=${w.unitA.id}`)
    expect(mine.json().total).toBeGreaterThanOrEqual(3)
    expect(
      (await call(w.editorA, 'GET', `/submissions?box=outbox&siteId=${w.unitB.id}`)).statusCode,
    ).toBe(403)
    expect(
      (await call(w.clusterAdmin, 'GET', '/submissions?box=inbox')).json().total,
    ).toBeGreaterThanOrEqual(3)

    const xlsx = await call(
      w.portalAdmin,
      'GET',
      `/submissions.xlsx?box=inbox&q=${encodeURIComponent('防汛')}`,
    )
    expect(xlsx.statusCode).toBe(200)
    expect(xlsx.headers['content-type']).toContain('spreadsheetml')
    const rows = await sheetRows(xlsx.rawPayload)
    expect(rows[0]?.slice(0, 5)).toEqual(['标题', '报送单位', '接收站点', '接收栏目', '状态'])
    expect(rows.slice(1).map((r) => r[0])).toEqual(['防汛物资储备', '防汛检查通报'])
    expect(rows[1]?.[4]).toBe('待处理')
  })

  it('serves the statistics, their spreadsheet and the scoring rule', async () => {
    expect(
      (
        await call(w.portalAdmin, 'PUT', '/submissions/scoring', {
          perSubmitted: 1,
          perAdopted: 2,
          perAdoptedHome: 3,
        })
      ).statusCode,
    ).toBe(403)
    expect(
      (
        await call(w.clusterAdmin, 'PUT', '/submissions/scoring', {
          perSubmitted: 101,
          perAdopted: 2,
          perAdoptedHome: 3,
        })
      ).statusCode,
    ).toBe(400)
    const put = await call(w.clusterAdmin, 'PUT', '/submissions/scoring', {
      perSubmitted: 1,
      perAdopted: 2,
      perAdoptedHome: 3,
    })
    expect(put.statusCode).toBe(200)
    expect((await call(w.editorB, 'GET', '/submissions/scoring')).json().data).toEqual({
      perSubmitted: 1,
      perAdopted: 2,
      perAdoptedHome: 3,
    })
    const audit = await t.core.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'submission.scoring')
      .execute()
    expect(audit).toHaveLength(1)

    const stats = await call(w.editorB, 'GET', '/submissions/statistics')
    expect(stats.statusCode).toBe(200)
    const body = stats.json()
    const a = body.data.find((r: { siteId: number }) => r.siteId === w.unitA.id)
    // Earlier tests: 5 submissions of unit A, one adopted into a home-page column, one withdrawn.
    expect(a).toMatchObject({ rank: 1, submitted: 4, adopted: 1, adoptedHome: 1, rate: 0.25 })
    expect(a.score).toBe(9)
    expect(body.data.find((r: { siteId: number }) => r.siteId === w.unitB.id)).toMatchObject({
      submitted: 0,
      score: 0,
    })
    expect(body.scoring).toEqual({ perSubmitted: 1, perAdopted: 2, perAdoptedHome: 3 })

    const xlsx = await call(
      w.editorB,
      'GET',
      `/submissions/statistics.xlsx?from=${body.from}&to=${body.to}`,
    )
    expect(xlsx.statusCode).toBe(200)
    const rows = await sheetRows(xlsx.rawPayload)
    expect(rows[0]?.[0]).toBe('信息报送考核统计表')
    expect(rows[1]?.[0]).toBe(`统计时段：${body.from} 至 ${body.to}`)
    expect(rows[2]).toEqual(['排名', '单位', '报送数', '采用数', '采用率', '首页采用数', '得分'])
    expect(rows[3]).toEqual(['1', w.unitA.name, '4', '1', '0.25', '1', '9'])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    expect(wb.worksheets[0]?.getCell('E4').numFmt).toBe('0.0%')
    expect(rows.at(-1)?.[0]).toContain('计分规则')
  })
})
