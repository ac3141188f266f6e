import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readXlsx } from '../../plugins/xlsx'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { login, makeChannel, makePortal, makeUser, userCtx } from '../../test/factories'
import type { Site } from '../sites/site.repository'
import type { RequestContext } from '../users/actor'
import { insertLetter } from './letter-stats.test-helpers'
import { percentile, type StatsRow } from './letter.statistics'
import { mailboxRepository } from './mailbox.repository'

let t: TestApp
let portal: Site
let unit1: Site
let unit2: Site
let m1 = 0
let m2 = 0
let admin: RequestContext
let seq = 0
const code = () => `s-${Date.now().toString(36)}-${++seq}`

beforeAll(async () => {
  t = await buildTestApp()
  const db = t.core.deps.db
  portal = await makePortal(t.core)
  unit1 = await makeChannel(t.core, portal)
  unit2 = await makeChannel(t.core, portal)
  m1 = await mailboxRepository.insert(db, { siteId: portal.id, code: code(), name: '县长信箱' })
  m2 = await mailboxRepository.insert(db, { siteId: portal.id, code: code(), name: '政风行风信箱' })
  const m3 = await mailboxRepository.insert(db, {
    siteId: unit2.id,
    code: code(),
    name: '局长信箱',
  })
  const answered = (days: number, onTime: 0 | 1, rating = '', reopened = 0) => ({
    accepted_at: '2026-01-01T00:00:00.000Z',
    replied_at: '2026-03-01T00:00:00.000Z',
    reply_days: days,
    on_time: onTime,
    rating,
    reopened,
  })
  const P = { siteId: portal.id }
  // L1, L2: January (Beijing); L2 one second before Beijing midnight of 1 February.
  await insertLetter(db, {
    ...P,
    mailboxId: m1,
    type: 'consult',
    unit_site_id: unit1.id,
    state: 'closed',
    receivedAt: '2026-01-05T02:00:00.000Z',
    ...answered(3, 1, 'satisfied'),
  })
  await insertLetter(db, {
    ...P,
    mailboxId: m1,
    type: 'complaint',
    unit_site_id: unit1.id,
    state: 'in_progress',
    receivedAt: '2026-01-31T15:59:59.000Z',
    ...answered(8, 0, 'unsatisfied', 1),
  })
  // L3: 2026-02-01 00:00 in Beijing, still 31 January in UTC.
  await insertLetter(db, {
    ...P,
    mailboxId: m1,
    type: 'consult',
    unit_site_id: unit2.id,
    state: 'answered',
    receivedAt: '2026-01-31T16:00:00.000Z',
    ...answered(5, 1, 'basically'),
  })
  await insertLetter(db, {
    ...P,
    mailboxId: m2,
    type: 'suggestion',
    unit_site_id: unit2.id,
    state: 'answered',
    receivedAt: '2026-02-10T08:00:00.000Z',
    ...answered(10, 1),
  })
  await insertLetter(db, {
    ...P,
    mailboxId: m2,
    type: 'help',
    state: 'submitted',
    receivedAt: '2026-02-11T15:59:00.000Z',
  })
  await insertLetter(db, {
    ...P,
    mailboxId: m1,
    type: 'consult',
    state: 'rejected',
    receivedAt: '2026-02-11T16:00:00.000Z',
  })
  await insertLetter(db, {
    ...P,
    mailboxId: m1,
    type: 'consult',
    state: 'withdrawn',
    receivedAt: '2026-02-12T01:00:00.000Z',
    accepted_at: '2026-02-12T02:00:00.000Z',
  })
  await insertLetter(db, {
    ...P,
    mailboxId: m2,
    type: 'consult',
    state: 'merged',
    receivedAt: '2026-02-12T01:00:00.000Z',
  })
  await insertLetter(db, {
    ...P,
    mailboxId: m1,
    type: 'consult',
    unit_site_id: unit1.id,
    state: 'closed',
    receivedAt: '2026-02-20T01:00:00.000Z',
    ...answered(1, 1, 'satisfied'),
  })
  // A department's own mailbox, handled by the department.
  await insertLetter(db, {
    siteId: unit2.id,
    mailboxId: m3,
    type: 'consult',
    unit_site_id: unit2.id,
    state: 'assigned',
    receivedAt: '2026-02-15T01:00:00.000Z',
    accepted_at: '2026-02-15T02:00:00.000Z',
  })
  admin = await userCtx(t.core, (await makeUser(t.core, [{ siteId: null, role: 'admin' }])).id)
})
afterAll(async () => t.close())

const pick = (r: StatsRow | undefined) => r && [r.key, r.label, r.received]

describe('percentile', () => {
  it('is the nearest rank', () => {
    expect(percentile([], 90)).toBeNull()
    expect(percentile([7], 90)).toBe(7)
    expect(percentile([3, 1, 2], 90)).toBe(3)
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9)
    expect(percentile([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 11], 90)).toBe(10)
  })
})

describe(`letter statistics (${TEST_DIALECT})`, () => {
  it('computes every figure of the portal’s letters (withdrawn and merged not counted)', async () => {
    const { total } = await t.core.letterStats.statistics(admin, {
      groupBy: 'site',
      siteId: portal.id,
    })
    expect(total).toEqual({
      key: 'total',
      label: '合计',
      received: 7,
      accepted: 5,
      answered: 5,
      onTime: 4,
      onTimeRate: 0.8,
      avgDays: 5.4,
      p90Days: 10,
      rated: 4,
      satisfied: 2,
      basically: 1,
      unsatisfied: 1,
      satisfactionRate: 0.75,
      reopened: 1,
      reopenRate: 0.2,
    })
  })

  it('groups by Beijing month: 16:00 UTC on 31 January is February', async () => {
    const { rows } = await t.core.letterStats.statistics(admin, {
      groupBy: 'month',
      siteId: portal.id,
    })
    expect(rows.map(pick)).toEqual([
      ['2026-01', '2026年1月', 2],
      ['2026-02', '2026年2月', 5],
    ])
    expect(rows[0]).toMatchObject({
      answered: 2,
      onTime: 1,
      onTimeRate: 0.5,
      avgDays: 5.5,
      p90Days: 8,
      reopenRate: 0.5,
    })
  })

  it('groups by unit (the unassigned last), mailbox, type and site', async () => {
    const s = (groupBy: 'unit' | 'mailbox' | 'type' | 'site') =>
      t.core.letterStats.statistics(admin, { groupBy, siteId: portal.id })
    const units = (await s('unit')).rows
    expect(units.map(pick)).toEqual([
      [String(unit1.id), unit1.name, 3],
      [String(unit2.id), unit2.name, 2],
      ['none', '未交办', 2],
    ])
    expect(units[0]).toMatchObject({
      answered: 3,
      onTime: 2,
      avgDays: 4,
      p90Days: 8,
      rated: 3,
      satisfactionRate: 0.6667,
    })
    expect(units[2]).toMatchObject({
      accepted: 0,
      answered: 0,
      onTimeRate: null,
      avgDays: null,
      p90Days: null,
      satisfactionRate: null,
      reopenRate: null,
    })
    expect((await s('mailbox')).rows.map(pick)).toEqual([
      [String(m1), '县长信箱', 5],
      [String(m2), '政风行风信箱', 2],
    ])
    expect((await s('type')).rows.map(pick)).toEqual([
      ['consult', '咨询', 4],
      ['complaint', '投诉', 1],
      ['suggestion', '建议', 1],
      ['help', '求助', 1],
    ])
    expect((await s('site')).rows.map(pick)).toEqual([[String(portal.id), portal.name, 7]])
    const mine = await t.core.letterStats.statistics(admin, { groupBy: 'mailbox', mailboxId: m2 })
    expect(mine.total.received).toBe(2)
  })

  it('filters by Beijing days received, both ends included', async () => {
    const feb = await t.core.letterStats.statistics(admin, {
      groupBy: 'type',
      siteId: portal.id,
      from: '2026-02-01',
      to: '2026-02-11',
    })
    // L3 (00:00 on the 1st), L4 and L5 (23:59 on the 11th); not L6 (00:00 on the 12th).
    expect(feb.total.received).toBe(3)
    const jan = await t.core.letterStats.statistics(admin, { groupBy: 'type', to: '2026-01-31' })
    expect(jan.total.received).toBe(2)
  })

  it('shows others only letters of their sites, as mailbox site or as unit', async () => {
    const stats = async (grants: { siteId: number; role: 'admin' | 'editor' | 'reviewer' }[]) => {
      const ctx = await userCtx(t.core, (await makeUser(t.core, grants)).id)
      return (await t.core.letterStats.statistics(ctx, { groupBy: 'site' })).total.received
    }
    expect((await t.core.letterStats.statistics(admin, { groupBy: 'site' })).total.received).toBe(8)
    expect(await stats([{ siteId: portal.id, role: 'admin' }])).toBe(7)
    expect(await stats([{ siteId: unit1.id, role: 'editor' }])).toBe(3)
    // unit 2: two letters it handles for the portal, one of its own mailbox.
    expect(await stats([{ siteId: unit2.id, role: 'reviewer' }])).toBe(3)
    const mailboxRows = await t.core.letterStats.statistics(
      await userCtx(t.core, (await makeUser(t.core, [{ siteId: unit2.id, role: 'admin' }])).id),
      { groupBy: 'mailbox' },
    )
    // Mailboxes of two sites: each names its site.
    expect(mailboxRows.rows.map((r) => r.label).sort()).toEqual(
      [
        `县长信箱（${portal.name}）`,
        `局长信箱（${unit2.name}）`,
        `政风行风信箱（${portal.name}）`,
      ].sort(),
    )
  })
})

describe(`public letter figures (${TEST_DIALECT})`, () => {
  it('counts the last 12 months up to the Beijing day, and all time', async () => {
    const s = await t.core.letterStats.publicSummary({
      siteId: portal.id,
      now: new Date('2026-02-11T16:30:00.000Z'),
    })
    expect(s.period).toEqual({ from: '2025-02-13', to: '2026-02-12' })
    expect(s.total.allTime).toEqual({
      received: 7,
      accepted: 5,
      answered: 5,
      onTimeRate: 0.8,
      avgDays: 5.4,
      satisfactionRate: 0.75,
      rated: 4,
    })
    expect(s.mailboxes.map((m) => [m.name, m.allTime.received])).toEqual([
      ['县长信箱', 5],
      ['政风行风信箱', 2],
    ])
    const later = await t.core.letterStats.publicSummary({
      siteId: portal.id,
      now: new Date('2027-02-01T04:00:00.000Z'),
    })
    // From 2026-02-02 (Beijing): L4, L5, L6 and L9.
    expect(later.period.from).toBe('2026-02-02')
    expect(later.total.recent).toMatchObject({ received: 4, answered: 2, avgDays: 5.5 })
    const one = await t.core.letterStats.publicSummary({ siteId: portal.id, mailboxId: m2 })
    expect(one.mailboxes.map((m) => m.name)).toEqual(['政风行风信箱'])
    expect(one.total.allTime.received).toBe(2)
  })
})

describe(`letter statistics over HTTP (${TEST_DIALECT})`, () => {
  let ip = 0
  const session = async (grants: { siteId: number | null; role: 'admin' | 'editor' }[]) => {
    const u = await makeUser(t.core, grants)
    return login(t, u.username, u.password, `10.12.0.${++ip}`)
  }
  const get = (headers: Record<string, string>, query: string) =>
    t.app.inject({ url: `/api/admin/letters/statistics${query}`, headers })

  it('answers with rows and total, and refuses bad queries with Chinese messages', async () => {
    const s = await session([{ siteId: null, role: 'admin' }])
    const res = await get(s.headers, `?groupBy=month&siteId=${portal.id}`)
    expect(res.statusCode).toBe(200)
    expect(res.json().data.rows).toHaveLength(2)
    expect(res.json().data.total).toMatchObject({ received: 7, onTimeRate: 0.8, p90Days: 10 })
    // groupBy defaults to the unit.
    const keys = (await get(s.headers, '')).json().data.rows.map((r: StatsRow) => r.key)
    expect(keys.sort()).toEqual([String(unit1.id), String(unit2.id), 'none'].sort())
    const group = await get(s.headers, '?groupBy=week')
    expect(group.statusCode).toBe(400)
    expect(group.json().error).toMatchObject({
      code: 'invalid',
      fields: { groupBy: '分组方式的取值无效' },
    })
    const day = await get(s.headers, '?from=2026-02-30')
    expect(day.statusCode).toBe(400)
    expect(day.json().error.fields).toEqual({ from: '日期须为有效的 YYYY-MM-DD' })
    const order = await get(s.headers, '?from=2026-03-01&to=2026-02-01')
    expect(order.statusCode).toBe(400)
    expect(order.json().error.message).toBe('开始日期不能晚于结束日期')
    expect((await get(s.headers, '?siteId=999999')).statusCode).toBe(404)
    expect((await t.app.inject({ url: '/api/admin/letters/statistics' })).statusCode).toBe(401)
  })

  it('refuses staff without any role with 403', async () => {
    const u = await makeUser(t.core, [])
    const s = await login(t, u.username, u.password, `10.12.1.${++ip}`)
    const res = await get(s.headers, '')
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('forbidden')
  })

  it('exports the statistics as a spreadsheet with Chinese headers', async () => {
    const s = await session([{ siteId: portal.id, role: 'editor' }])
    const res = await t.app.inject({
      url: `/api/admin/letters/statistics.xlsx?groupBy=unit&siteId=${portal.id}`,
      headers: s.headers,
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('spreadsheetml')
    expect(res.headers['content-disposition']).toContain(
      encodeURIComponent('来信统计（按承办单位）.xlsx'),
    )
    const rows = await readXlsx(res.rawPayload)
    expect(rows.map((r) => r.values['承办单位'])).toEqual([
      unit1.name,
      unit2.name,
      '未交办',
      '合计',
    ])
    expect(rows[3]?.values).toMatchObject({
      来信数: '7',
      按时答复率: '80.0%',
      '平均答复用时（工作日）': '5.4',
      '90%答复用时（工作日）': '10',
      满意率: '75.0%',
      重办率: '20.0%',
    })
  })
})
