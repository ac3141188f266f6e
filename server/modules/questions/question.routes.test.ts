import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChangeEvent } from '../../events'
import { buildXlsx } from '../../plugins/xlsx'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import {
  adminCall,
  makeChannel,
  makePortal,
  signInAs,
  type AdminSession,
} from '../../test/factories'
import type { Role } from '../../../common/permissions'
import { insertLetter } from '../letters/letter-stats.test-helpers'
import { mailboxRepository } from '../letters/mailbox.repository'
import type { Site } from '../sites/site.repository'

let t: TestApp
let portal: Site
let unitA: Site
let unitB: Site
type Session = AdminSession
let cluster: Session
let editorA: Session
let reviewerA: Session
let mailboxId: number
const events: ChangeEvent[] = []

const call = (
  s: Session | null,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
) => adminCall(t, s, method, url, payload)
const signIn = (siteId: number | null, role: Role) => signInAs(t, siteId, role)
const entry = (over: object = {}) => ({
  unitSiteId: unitA.id,
  question: '灵活就业人员如何参加城乡居民养老保险？',
  answer: '携带身份证到户籍所在地社区（村）办理。\n也可在手机上办理。',
  topics: ['社会保障', '养老保险'],
  serviceCodes: ['RS-001'],
  ...over,
})

beforeAll(async () => {
  t = await buildTestApp()
  t.bus.subscribe((e) => events.push(e))
  portal = await makePortal(t.core)
  unitA = await makeChannel(t.core, portal)
  unitB = await makeChannel(t.core, portal)
  cluster = await signIn(null, 'admin')
  editorA = await signIn(unitA.id, 'editor')
  reviewerA = await signIn(unitA.id, 'reviewer')
  mailboxId = await mailboxRepository.insert(t.core.deps.db, {
    siteId: portal.id,
    code: `q-box-${Date.now().toString(36)}`,
    name: '县长信箱',
  })
})
afterAll(async () => t.close())

describe(`热点解答 administration (${TEST_DIALECT})`, () => {
  it('creates, reads, updates and deletes an entry, audited and announced with cache tags', async () => {
    events.length = 0
    const made = await call(
      editorA,
      'POST',
      '/questions',
      entry({ topics: [' 社会保障 ', '社会保障'] }),
    )
    expect(made.statusCode).toBe(201)
    const q = made.json().data
    expect(q).toMatchObject({
      unitSiteId: unitA.id,
      unitName: unitA.name,
      status: 'draft',
      statusLabel: '草稿',
      topics: ['社会保障'],
      services: [{ code: 'RS-001' }],
      policies: [],
      letterId: null,
      publishedAt: null,
    })
    expect(events).toContainEqual({
      action: 'question.change',
      tags: [`question:${q.id}`, `questions-unit:${unitA.id}`, 'questions-all'],
    })
    const upd = await call(
      editorA,
      'PUT',
      `/questions/${q.id}`,
      entry({ status: 'published', isHot: true }),
    )
    expect(upd.statusCode).toBe(200)
    expect(upd.json().data).toMatchObject({ status: 'published', isHot: true })
    expect(upd.json().data.publishedAt).toBeTruthy()
    const listed = await call(editorA, 'GET', '/questions?status=published&q=灵活就业')
    expect(listed.json().data.map((r: { id: number }) => r.id)).toContain(q.id)
    expect((await call(editorA, 'DELETE', `/questions/${q.id}`)).statusCode).toBe(200)
    expect((await call(editorA, 'GET', `/questions/${q.id}`)).statusCode).toBe(404)
    const audit = await t.core.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity', '=', 'question')
      .where('entity_id', '=', String(q.id))
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual([
      'question.create',
      'question.update',
      'question.delete',
    ])
  })

  it('keeps editors to their own unit; reviewers and strangers get 403, no session 401', async () => {
    expect((await call(null, 'GET', '/questions')).statusCode).toBe(401)
    const other = await call(editorA, 'POST', '/questions', entry({ unitSiteId: unitB.id }))
    expect(other.statusCode).toBe(403)
    expect(other.json().error).toMatchObject({
      code: 'forbidden',
      message: '您只能维护本单位的热点解答',
    })
    expect((await call(reviewerA, 'POST', '/questions', entry())).statusCode).toBe(403)
    const theirs = await call(cluster, 'POST', '/questions', entry({ unitSiteId: unitB.id }))
    expect(theirs.statusCode).toBe(201)
    const id = theirs.json().data.id
    expect((await call(editorA, 'GET', `/questions/${id}`)).statusCode).toBe(403)
    expect((await call(editorA, 'PUT', `/questions/${id}`, entry())).statusCode).toBe(403)
    expect((await call(editorA, 'DELETE', `/questions/${id}`)).statusCode).toBe(403)
    const mine = await call(editorA, 'GET', '/questions?pageSize=100')
    expect(mine.json().data.every((r: { unitSiteId: number }) => r.unitSiteId === unitA.id)).toBe(
      true,
    )
    expect((await call(reviewerA, 'GET', '/questions')).json().total).toBe(0)
  })

  it('refuses bad input with 400, a Chinese message and the field', async () => {
    const bad = async (over: object) => {
      const res = await call(editorA, 'POST', '/questions', entry(over))
      expect(res.statusCode).toBe(400)
      expect(res.json().error.code).toBe('invalid')
      return res.json().error.fields as Record<string, string>
    }
    expect((await bad({ question: '  ' })).question).toBe('问题不能为空')
    expect((await bad({ status: 'published', answer: '' })).answer).toBe('发布前请填写答复')
    expect((await bad({ serviceCodes: ['坏 编码'] })).serviceCodes).toContain('格式不正确')
    expect((await bad({ topics: ['医保/社保'] })).topics).toContain('不能含有')
    expect((await bad({ policyIds: [99999999] })).policyIds).toContain('不存在')
    expect((await bad({ unitSiteId: 99999999 })).unitSiteId).toBe('责任单位不存在')
    const wrongType = await call(editorA, 'POST', '/questions', { question: 1 })
    expect(wrongType.statusCode).toBe(400)
  })

  it('turns an answered letter into a draft in its redacted text, once, for those who may see it', async () => {
    const at = new Date().toISOString()
    const letterId = await insertLetter(t.core.deps.db, {
      mailboxId,
      siteId: portal.id,
      receivedAt: at,
      state: 'answered',
      unit_site_id: unitA.id,
      subject: '李小明咨询养老保险补缴',
      body: '我是李小明，电话13912345678，住幸福路12号，想问养老保险能否补缴。',
      reply: '您好，请携带身份证到社保窗口办理，咨询电话0399-1234567。',
      writer_name: '李小明',
      writer_mobile: '13912345678',
    })
    const res = await call(editorA, 'POST', `/questions/from-letter/${letterId}`)
    expect(res.statusCode).toBe(201)
    const q = res.json().data
    expect(q).toMatchObject({ status: 'draft', letterId, unitSiteId: unitA.id })
    const all = `${q.question}${q.detail}${q.answer}`
    for (const secret of ['李小明', '13912345678', '12号', '1234567'])
      expect(all).not.toContain(secret)
    expect(q.detail).toContain('养老保险能否补缴')
    const again = await call(editorA, 'POST', `/questions/from-letter/${letterId}`)
    expect(again.statusCode).toBe(409)
    expect(again.json().error).toMatchObject({
      code: 'letter_already_converted',
      details: { questionId: q.id },
    })
    // Someone who may not see the letter.
    const editorB = await signIn(unitB.id, 'editor')
    expect((await call(editorB, 'POST', `/questions/from-letter/${letterId}`)).statusCode).toBe(403)
    expect((await call(editorA, 'POST', '/questions/from-letter/99999999')).statusCode).toBe(404)
  })

  it('uses the published copy of a published letter and refuses letters not yet answered', async () => {
    const at = new Date().toISOString()
    const published = await insertLetter(t.core.deps.db, {
      mailboxId,
      siteId: portal.id,
      receivedAt: at,
      state: 'closed',
      unit_site_id: unitA.id,
      subject: '原始标题',
      body: '原始内容',
      reply: '原始答复',
      published: 1,
      public_subject: '公开标题',
      public_body: '公开内容',
      public_reply: '公开答复',
    })
    const res = await call(cluster, 'POST', `/questions/from-letter/${published}`)
    expect(res.statusCode).toBe(201)
    expect(res.json().data).toMatchObject({
      question: '公开标题',
      detail: '公开内容',
      answer: '公开答复',
    })
    const open = await insertLetter(t.core.deps.db, {
      mailboxId,
      siteId: portal.id,
      receivedAt: at,
      state: 'in_progress',
      unit_site_id: unitA.id,
    })
    const refused = await call(editorA, 'POST', `/questions/from-letter/${open}`)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error.code).toBe('letter_not_answered')
  })

  it('keeps one entry when the same letter is converted twice at once', async () => {
    const letterId = await insertLetter(t.core.deps.db, {
      mailboxId,
      siteId: portal.id,
      receivedAt: new Date().toISOString(),
      state: 'answered',
      unit_site_id: unitA.id,
      reply: '已答复',
    })
    const both = await Promise.all([
      call(editorA, 'POST', `/questions/from-letter/${letterId}`),
      call(cluster, 'POST', `/questions/from-letter/${letterId}`),
    ])
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409])
    const rows = await t.core.deps.db
      .selectFrom('question')
      .select('id')
      .where('letter_id', '=', letterId)
      .execute()
    expect(rows).toHaveLength(1)
  })

  it('imports xlsx all-or-nothing with row errors, and exports what it imports', async () => {
    const upload = async (rows: Record<string, string>[], headers?: string[]) => {
      const cols = headers ?? ['编号', '问题', '答复', '责任单位', '主题', '状态', '热点']
      const bytes = await buildXlsx(
        'x',
        cols.map((h) => ({ header: h, value: (r: Record<string, string>) => r[h] ?? '' })),
        rows,
      )
      const boundary = 'zqboundary'
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="q.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ])
      return t.app.inject({
        method: 'POST',
        url: '/api/admin/questions/import',
        headers: {
          ...editorA.headers,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        payload: body,
      })
    }
    const before = (await call(editorA, 'GET', '/questions')).json().total
    const bad = await upload([
      { 问题: '导入问题一', 答复: '答复一', 责任单位: unitA.code, 状态: '已发布' },
      { 问题: '', 答复: '答复二', 责任单位: unitA.code },
      { 问题: '导入问题三', 答复: '答复三', 责任单位: unitB.code },
      { 问题: '导入问题四', 答复: '答复四', 责任单位: unitA.code, 状态: '待定' },
    ])
    expect(bad.statusCode).toBe(400)
    const fields = bad.json().error.fields
    expect(Object.keys(fields).sort()).toEqual(['rows.3', 'rows.4', 'rows.5'])
    expect(fields['rows.3']).toBe('第 3 行：问题不能为空')
    expect((await call(editorA, 'GET', '/questions')).json().total).toBe(before)
    expect((await upload([{ 问题: 'x' }], ['问题'])).json().error.message).toContain('缺少必需的列')

    const ok = await upload([
      {
        问题: '导入问题一',
        答复: '答复一',
        责任单位: unitA.code,
        主题: '医保、社保',
        状态: '已发布',
        热点: '是',
      },
      { 问题: '导入问题二', 答复: '答复二', 责任单位: unitA.name },
    ])
    expect(ok.statusCode).toBe(200)
    expect(ok.json().data).toEqual({ created: 2, updated: 0 })
    const exported = await t.app.inject({
      url: '/api/admin/questions/export.xlsx?q=导入问题',
      headers: editorA.headers,
    })
    expect(exported.statusCode).toBe(200)
    const { readXlsx } = await import('../../plugins/xlsx')
    const rows = await readXlsx(exported.rawPayload)
    expect(rows.map((r) => r.values['问题']).sort()).toEqual(['导入问题一', '导入问题二'])
    const one = rows.find((r) => r.values['问题'] === '导入问题一')?.values
    expect(one).toMatchObject({
      主题: '医保、社保',
      状态: '已发布',
      热点: '是',
      责任单位: unitA.code,
    })
    // Re-importing the export updates the same entries.
    const again = await upload(
      rows.map((r) => r.values),
      Object.keys(rows[0]?.values ?? {}),
    )
    expect(again.json().data).toEqual({ created: 0, updated: 2 })
  })
})
