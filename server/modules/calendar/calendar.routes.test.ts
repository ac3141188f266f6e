import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Site } from '../sites/site.repository'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { login, makePortal, makeUser } from '../../test/factories'
import { packageYears } from './working-days'

let t: TestApp
let portal: Site
type Session = Awaited<ReturnType<typeof login>>
let editor: Session
let siteAdmin: Session
let clusterAdmin: Session
let ip = 0

async function signIn(siteId: number | null, role: 'editor' | 'admin'): Promise<Session> {
  const u = await makeUser(t.core, [{ siteId, role }])
  return login(t, u.username, u.password, `10.8.0.${++ip}`)
}
const call = (s: Session, method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/admin${url}`, headers: s.headers, payload })

beforeAll(async () => {
  t = await buildTestApp()
  portal = await makePortal(t.core)
  editor = await signIn(portal.id, 'editor')
  siteAdmin = await signIn(portal.id, 'admin')
  clusterAdmin = await signIn(null, 'admin')
})
afterAll(async () => t.close())

describe(`working-day calendar over HTTP (${TEST_DIALECT})`, () => {
  it('shows any member of staff a year, day by day', async () => {
    const res = await call(editor, 'GET', '/calendar/2025')
    expect(res.statusCode).toBe(200)
    const data = res.json().data
    expect(data.year).toBe(2025)
    expect(data.days).toHaveLength(365)
    expect(data.coverage).toEqual({ year: 2025, covered: true, source: 'package' })
    const byDay = new Map(data.days.map((d: { day: string }) => [d.day, d]))
    expect(byDay.get('2025-10-01')).toEqual({
      day: '2025-10-01',
      weekday: 3,
      kind: 'holiday',
      source: 'package',
      name: '国庆节',
      defaultKind: 'holiday',
      defaultName: '国庆节',
    })
    expect(byDay.get('2025-09-28')).toMatchObject({ kind: 'workday', source: 'package' })
    expect(byDay.get('2025-10-12')).toMatchObject({ kind: 'holiday', source: 'weekend-default' })
    expect((await t.app.inject({ url: '/api/admin/calendar/2025' })).statusCode).toBe(401)
  })

  it('lets only cluster admins change days', async () => {
    for (const s of [editor, siteAdmin]) {
      const put = await call(s, 'PUT', '/calendar/days/2030-05-06', { kind: 'holiday', name: 'x' })
      expect(put.statusCode).toBe(403)
      expect(put.json().error.code).toBe('forbidden')
      expect((await call(s, 'DELETE', '/calendar/days/2030-05-06')).statusCode).toBe(403)
      expect((await call(s, 'PUT', '/calendar/2030/overrides', { days: [] })).statusCode).toBe(403)
    }
    const put = await call(clusterAdmin, 'PUT', '/calendar/days/2030-05-06', {
      kind: 'holiday',
      name: '劳动节',
    })
    expect(put.statusCode).toBe(200)
    expect(put.json().data).toMatchObject({
      day: '2030-05-06',
      kind: 'holiday',
      source: 'override',
    })
    const weekend = await call(clusterAdmin, 'PUT', '/calendar/days/2030-05-11', {
      kind: 'workday',
    })
    expect(weekend.json().data).toMatchObject({ kind: 'workday', name: '', defaultKind: 'holiday' })
    const del = await call(clusterAdmin, 'DELETE', '/calendar/days/2030-05-06')
    expect(del.statusCode).toBe(200)
    expect(del.json().data).toMatchObject({ kind: 'workday', source: 'weekend-default' })
    const again = await call(clusterAdmin, 'DELETE', '/calendar/days/2030-05-06')
    expect(again.statusCode).toBe(404)
    const audit = await call(clusterAdmin, 'GET', '/audit?action=calendar.')
    expect(audit.statusCode).toBe(200)
    const actions = audit.json().data.map((e: { action: string }) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['calendar.update', 'calendar.delete']))
  })

  it('answers bad dates and years with 400 and Chinese field messages', async () => {
    const shape = await call(clusterAdmin, 'PUT', '/calendar/days/2030-5-6', { kind: 'holiday' })
    expect(shape.statusCode).toBe(400)
    expect(shape.json().error.fields.day).toBe('日期格式有误')
    const unreal = await call(clusterAdmin, 'PUT', '/calendar/days/2030-02-30', { kind: 'holiday' })
    expect(unreal.statusCode).toBe(400)
    expect(unreal.json().error.fields.day).toMatch(/^日期“2030-02-30”无效/)
    const kind = await call(clusterAdmin, 'PUT', '/calendar/days/2030-02-03', { kind: 'rest' })
    expect(kind.statusCode).toBe(400)
    expect(kind.json().error.fields.kind).toBe('类型的取值无效')
    const year = await call(editor, 'GET', '/calendar/1999')
    expect(year.statusCode).toBe(400)
    expect(year.json().error.fields.year).toBe('年份不能小于 2000')
    const bulk = await call(clusterAdmin, 'PUT', '/calendar/2031/overrides', {
      days: [
        { day: '2031-01-01', kind: 'holiday', name: '元旦' },
        { day: '2032-01-01', kind: 'holiday', name: '元旦' },
      ],
    })
    expect(bulk.statusCode).toBe(400)
    expect(bulk.json().error.fields).toEqual({ 'days.1.day': '日期 2032-01-01 不在 2031 年' })
    expect(bulk.json().error.message).toContain('第 2 项')
  })

  it('replaces a year’s overrides in one go and reports coverage', async () => {
    const next = packageYears().last + 1
    const notice = [
      { day: `${next}-01-01`, kind: 'holiday', name: '元旦' },
      { day: `${next}-02-06`, kind: 'holiday', name: '春节' },
      { day: `${next}-02-07`, kind: 'holiday', name: '春节' },
    ]
    const res = await call(clusterAdmin, 'PUT', `/calendar/${next}/overrides`, { days: notice })
    expect(res.statusCode).toBe(200)
    expect(res.json().data.coverage).toEqual({ year: next, covered: true, source: 'override' })
    const view = await call(editor, 'GET', `/calendar/${next}`)
    const overridden = view
      .json()
      .data.days.filter((d: { source: string }) => d.source === 'override')
      .map((d: { day: string }) => d.day)
    expect(overridden).toEqual(notice.map((d) => d.day))
    const coverage = await call(editor, 'GET', '/calendar/coverage')
    expect(coverage.statusCode).toBe(200)
    expect(coverage.json().data).toHaveLength(2)
    const cleared = await call(clusterAdmin, 'PUT', `/calendar/${next}/overrides`, { days: [] })
    expect(cleared.json().data.coverage.covered).toBe(false)
  })
})
