import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../test/build-test-app'
import { login, makeChannel, makePortal, makeUser } from '../../test/factories'
import type { Site } from '../sites/site.repository'
import { mailboxRepository } from './mailbox.repository'

let t: TestApp
let portal: Site
let unit: Site
let deskH: Record<string, string>
let unitH: Record<string, string>
let otherH: Record<string, string>
let letterId = 0

beforeAll(async () => {
  t = await buildTestApp({ captcha: 'off' })
  portal = await makePortal(t.core)
  unit = await makeChannel(t.core, portal)
  const elsewhere = await makeChannel(t.core, portal)
  await mailboxRepository.insert(t.core.deps.db, {
    siteId: portal.id,
    code: 'hx',
    name: '县长信箱',
  })
  const d = await makeUser(t.core, [{ siteId: portal.id, role: 'admin' }])
  const u = await makeUser(t.core, [{ siteId: unit.id, role: 'editor' }])
  const o = await makeUser(t.core, [{ siteId: elsewhere.id, role: 'admin' }])
  deskH = (await login(t, d.username, d.password, '10.9.0.1')).headers
  unitH = (await login(t, u.username, u.password, '10.9.0.2')).headers
  otherH = (await login(t, o.username, o.password, '10.9.0.3')).headers
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/letters',
    payload: {
      mailbox: 'hx',
      type: 'help',
      subject: '路灯不亮',
      body: '幸福路的路灯已经坏了一周，晚上出行不便。',
      name: '赵六',
      mobile: '13700002222',
    },
  })
  expect(r.statusCode).toBe(201)
  letterId = (
    await t.core.deps.db
      .selectFrom('letter')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
  ).id
})
afterAll(async () => t.close())

const get = (url: string, headers: Record<string, string>) =>
  t.app.inject({ url: `/api/admin${url}`, headers })
const act = (action: string, payload: object, headers: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url: `/api/admin/letters/${letterId}/actions/${action}`,
    payload,
    headers,
  })

describe('letters admin API', () => {
  it('lists the screening box with counts, masked writers, and exports it', async () => {
    const list = await get('/letters?box=screening', deskH)
    expect(list.statusCode).toBe(200)
    const body = list.json()
    expect(body.total).toBe(1)
    expect(body.data[0]).toMatchObject({
      id: letterId,
      writerName: '赵*',
      dueStatus: expect.any(String),
    })
    expect(list.body).not.toContain('13700002222')
    const counts = (await get('/letters/counts', deskH)).json().data
    expect(counts).toMatchObject({ screening: 1, unit: 0, review: 0, extension: 0 })
    const x = await get('/letters/export.xlsx?box=screening', deskH)
    expect(x.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer)
    const sheet = wb.worksheets[0]!
    expect(sheet.getRow(2).getCell(2).value).toBe('路灯不亮')
    expect(JSON.stringify(sheet.getSheetValues())).not.toContain('13700002222')
  })

  it('runs actions over HTTP and answers bad input with codes, never a 500', async () => {
    const wrong = await act('sign', {}, deskH)
    expect(wrong.json(), wrong.body).toMatchObject({ error: { code: 'letter_state' } })
    expect((await act('reject', {}, deskH)).statusCode).toBe(400)
    expect((await act('fly', {}, deskH)).statusCode).toBe(400)
    expect((await act('accept', { unitSiteId: 'x' }, deskH)).statusCode).toBe(400)
    expect((await act('accept', {}, otherH)).statusCode).toBe(404)
    const res = await act('accept', { unitSiteId: unit.id }, deskH)
    expect(res.statusCode).toBe(200)
    expect(res.json().data).toMatchObject({ state: 'assigned', unitSiteId: unit.id })
    const mine = (await get('/letters?box=unit', unitH)).json()
    expect(mine.data.map((l: { id: number }) => l.id)).toEqual([letterId])
    const signed = await act('sign', {}, unitH)
    expect(signed.json().data.actions).toEqual(
      expect.arrayContaining(['save_reply', 'submit_reply', 'request_extension', 'transfer']),
    )
  })

  it('serves the writer attachment to those who may see the letter, audited', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    )
    const { letterId: withFile } = await t.core.letterIntake.submit({
      mailbox: 'hx',
      type: 'help',
      subject: '附件测试',
      body: '请看附件中的照片。',
      name: '孙八',
      mobile: '13700003333',
      attachments: [{ name: '现场照片.png', bytes: png }],
    })
    const d = (await get(`/letters/${withFile}`, deskH)).json().data
    expect(d.files).toHaveLength(1)
    const file = await get(d.files[0].url.replace('/api/admin', ''), deskH)
    expect(file.statusCode).toBe(200)
    expect(file.headers['content-type']).toBe('image/png')
    expect(file.headers['cache-control']).toBe('no-store')
    expect(file.rawPayload.equals(png)).toBe(true)
    expect((await get(d.files[0].url.replace('/api/admin', ''), otherH)).statusCode).toBe(404)
    const audit = await t.core.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'letter.view_file')
      .execute()
    expect(audit).toHaveLength(1)
  })

  it('reveals the writer to the assigned unit and logs it; others get 404', async () => {
    expect((await get(`/letters/${letterId}/writer`, otherH)).statusCode).toBe(404)
    const w = await get(`/letters/${letterId}/writer`, unitH)
    expect(w.headers['cache-control']).toBe('no-store')
    expect(w.json().data, w.body).toEqual({ name: '赵六', mobile: '13700002222', email: '' })
    const d = (await get(`/letters/${letterId}`, deskH)).json().data
    expect(d.events.map((e: { action: string }) => e.action)).toContain('view_writer')
    expect(d.writer.mobile).toBe('137****2222')
  })
})
