import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RequestContext } from '../users/actor'
import { buildTestApp, type TestApp } from '../../test/build-test-app'
import { makeChannel, makePortal, makeUser, systemCtx, userCtx } from '../../test/factories'
import type { Site } from '../sites/site.repository'
import { mailboxRepository } from './mailbox.repository'

let t: TestApp
let portal: Site
let unit: Site
let other: Site
let desk: RequestContext
let desk2: RequestContext
let handler: RequestContext
let otherHandler: RequestContext
let stranger: RequestContext
let n = 0

async function write(extra: Record<string, unknown> = {}) {
  n++
  return t.core.letterIntake.submit({
    mailbox: 'xzxx',
    type: 'complaint',
    subject: `小区噪音扰民${n}`,
    body: `我叫李四，住幸福路12号3栋501室，电话13912345678，夜间施工噪音很大。${n}`,
    name: '李四',
    mobile: `1391234${String(5600 + n).padStart(4, '0')}`,
    email: 'lisi@example.com',
    public: true,
    ...extra,
  })
}
const act = (ctx: RequestContext, id: number, action: string, body: Record<string, unknown> = {}) =>
  t.core.letters.act(ctx, id, action as never, body)
const detail = (ctx: RequestContext, id: number) => t.core.letterRead.detail(ctx, id)

beforeAll(async () => {
  t = await buildTestApp({ captcha: 'off' })
  portal = await makePortal(t.core)
  unit = await makeChannel(t.core, portal)
  other = await makeChannel(t.core, portal)
  await mailboxRepository.insert(t.core.deps.db, {
    siteId: portal.id,
    code: 'xzxx',
    name: '县长信箱',
  })
  desk = await userCtx(t.core, (await makeUser(t.core, [{ siteId: portal.id, role: 'admin' }])).id)
  desk2 = await userCtx(t.core, (await makeUser(t.core, [{ siteId: portal.id, role: 'admin' }])).id)
  handler = await userCtx(
    t.core,
    (await makeUser(t.core, [{ siteId: unit.id, role: 'editor' }])).id,
  )
  otherHandler = await userCtx(
    t.core,
    (await makeUser(t.core, [{ siteId: other.id, role: 'editor' }])).id,
  )
  stranger = await userCtx(
    t.core,
    (await makeUser(t.core, [{ siteId: other.id, role: 'reviewer' }])).id,
  )
})
afterAll(async () => t.close())

describe('handling a letter from intake to a rated reply', () => {
  it('runs screening, assignment, signing, a reviewed reply and the rating, stage by stage', async () => {
    const { letterId, queryCode, password } = await write()
    let d = await detail(desk, letterId)
    expect(d.state).toBe('submitted')
    expect(d.stages.map((s) => s.stage)).toEqual(['screen'])
    expect(d.dueAt).not.toBeNull()
    expect(d.actions).toEqual(expect.arrayContaining(['accept', 'reject', 'request_info', 'merge']))
    expect(d.writer).toEqual({
      name: '李*',
      mobile: expect.stringMatching(/^139\*{4}\d{4}$/),
      email: 'l***@example.com',
    })

    // The unit cannot see a letter not yet assigned to it.
    await expect(detail(handler, letterId)).rejects.toMatchObject({ status: 404 })

    await act(desk, letterId, 'accept', { unitSiteId: unit.id, category: '城乡建设/噪音' })
    d = await detail(handler, letterId)
    expect(d.state).toBe('assigned')
    expect(d.unitName).toBe(unit.name)
    expect(d.category).toBe('城乡建设/噪音')
    expect(d.actions).toEqual(expect.arrayContaining(['sign', 'transfer', 'note']))
    expect(d.actions).not.toContain('approve_reply')

    // Transfer is an event, not a state; the new unit gets the sign-for stage.
    await act(handler, letterId, 'transfer', { unitSiteId: other.id, reason: '属于另一单位职责' })
    await expect(detail(handler, letterId)).rejects.toMatchObject({ status: 404 })
    await act(desk, letterId, 'transfer', { unitSiteId: unit.id, reason: '经协调仍由原单位办理' })
    await act(handler, letterId, 'sign')
    await act(handler, letterId, 'save_reply', { reply: '正在核查。' })
    d = await detail(handler, letterId)
    expect(d.state).toBe('in_progress')
    expect(d.replyDraft).toBe('正在核查。')

    await act(handler, letterId, 'request_extension', { days: 5, reason: '需要现场检测' })
    await expect(
      act(handler, letterId, 'request_extension', { days: 2, reason: '再次申请' }),
    ).rejects.toMatchObject({ code: 'extension_used' })
    const dueBefore = (await detail(desk, letterId)).dueAt as string
    await act(desk, letterId, 'decide_extension', { grant: true })
    d = await detail(desk, letterId)
    expect(d.extension).toMatchObject({ status: 'granted', days: 5 })
    expect(d.dueAt! > dueBefore).toBe(true)

    await act(handler, letterId, 'submit_reply', { reply: '经核查，施工单位已调整作业时间。' })
    // Four eyes: the drafter may not approve (the handler is not the desk anyway).
    await expect(act(handler, letterId, 'approve_reply')).rejects.toMatchObject({ status: 403 })
    await act(desk, letterId, 'return_reply', { reason: '请写明调整后的时间' })
    await act(handler, letterId, 'submit_reply', {
      reply: '经核查，施工单位已调整作业时间为每日 8:00–18:00。',
    })
    await act(desk, letterId, 'approve_reply', { comment: '同意' })
    d = await detail(desk, letterId)
    expect(d.state).toBe('answered')
    expect(d.reply).toContain('8:00–18:00')
    expect(d.stages.map((s) => s.stage)).toEqual([
      'screen',
      'sign',
      'sign',
      'sign',
      'handle',
      'review',
      'handle',
      'review',
    ])
    expect(d.stages.every((s) => s.endedAt !== null && s.onTime === true)).toBe(true)
    expect(d.dueAt).toBeNull()

    const status = await t.core.letterIntake.lookup(queryCode, password)
    expect(status.reply).toContain('8:00–18:00')
    expect(status.unitName).toBe(unit.name)

    // 不满意 reopens the letter once for a second handling …
    await t.core.letterWriter.rate(queryCode, password, 'unsatisfied', '时间仍然太晚')
    d = await detail(handler, letterId)
    expect(d.state).toBe('in_progress')
    expect(d.reopened).toBe(true)
    await act(handler, letterId, 'submit_reply', { reply: '已要求 17:00 前停止施工。' })
    await act(desk2, letterId, 'approve_reply')
    // … and a second 不满意 closes it.
    await t.core.letterWriter.rate(queryCode, password, 'unsatisfied')
    d = await detail(desk, letterId)
    expect(d.state).toBe('closed')
    expect(d.rating).toBe('unsatisfied')

    const row = await t.core.deps.db
      .selectFrom('letter')
      .select(['accepted_at', 'reply_days', 'on_time', 'closed_at'])
      .where('id', '=', letterId)
      .executeTakeFirstOrThrow()
    expect(row.accepted_at).not.toBeNull()
    expect(row.reply_days).toBeGreaterThanOrEqual(0)
    expect(row.on_time).toBe(1)
    expect(row.closed_at).not.toBeNull()

    // Internal notes never reach the writer; every transition is in the timeline.
    const actions = d.events.map((e) => e.action)
    expect(actions).toEqual(
      expect.arrayContaining(['submit', 'accept', 'assign', 'transfer', 'sign', 'rate', 'reopen']),
    )
    expect(d.events.find((e) => e.action === 'transfer')?.internal).toBe(true)
  })

  it('refuses the wrong person and the wrong moment with clear errors', async () => {
    const { letterId } = await write()
    await expect(act(stranger, letterId, 'accept')).rejects.toMatchObject({ status: 404 })
    await expect(act(desk, letterId, 'sign')).rejects.toMatchObject({ code: 'letter_state' })
    await expect(act(desk, letterId, 'reject', {})).rejects.toMatchObject({
      code: 'invalid',
      fields: { reason: expect.any(String) },
    })
    await act(desk, letterId, 'accept', { unitSiteId: null })
    await expect(act(otherHandler, letterId, 'note', { note: 'x' })).rejects.toMatchObject({
      status: 404,
    })
    await expect(act(desk, letterId, 'assign', { unitSiteId: 999999 })).rejects.toMatchObject({
      code: 'invalid',
    })
    const d = await detail(desk, letterId)
    expect(d.state).toBe('accepted')
  })

  it('rejects with an internal reason, pauses for more information and merges duplicates', async () => {
    const a = await write()
    await act(desk, a.letterId, 'reject', { reason: '属于诉讼程序处理的事项' })
    const ra = await t.core.letterIntake.lookup(a.queryCode, a.password)
    expect(ra.state).toBe('rejected')
    expect(JSON.stringify(ra)).not.toContain('诉讼')

    const b = await write()
    await act(desk, b.letterId, 'request_info', { message: '请补充具体的施工地点' })
    let d = await detail(desk, b.letterId)
    expect(d.state).toBe('needs_info')
    expect(d.dueAt).toBeNull()
    await t.core.letterWriter.supplement(b.queryCode, b.password, '施工地点在幸福路东段')
    d = await detail(desk, b.letterId)
    expect(d.state).toBe('submitted')
    expect(d.body).toContain('施工地点在幸福路东段')
    expect(d.stages.filter((s) => s.stage === 'screen')).toHaveLength(2)
    expect(d.dueAt).not.toBeNull()

    const c = await write()
    await act(desk, c.letterId, 'merge', { into: b.queryCode })
    d = await detail(desk, c.letterId)
    expect(d.state).toBe('merged')
    expect(d.mergedInto?.queryCode).toBe(b.queryCode)
    await expect(act(desk, b.letterId, 'merge', { into: b.queryCode })).rejects.toMatchObject({
      code: 'invalid',
    })
  })

  it('keeps one letter when the same letter arrives several times at once', async () => {
    const same = {
      mailbox: 'xzxx',
      type: 'consult' as const,
      subject: '同时提交的来信',
      body: '网络不好，我连续点了几次提交。',
      name: '钱七',
      mobile: '13655556666',
    }
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => t.core.letterIntake.submit(same)),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'duplicate_letter' })
    }
  })

  it('lets the writer withdraw before assignment only', async () => {
    const a = await write()
    await t.core.letterWriter.withdraw(a.queryCode, a.password)
    expect((await detail(desk, a.letterId)).state).toBe('withdrawn')
    const b = await write()
    await act(desk, b.letterId, 'accept', { unitSiteId: unit.id })
    await expect(t.core.letterWriter.withdraw(b.queryCode, b.password)).rejects.toMatchObject({
      code: 'not_withdrawable',
    })
    await expect(t.core.letterWriter.withdraw(b.queryCode, 'WRONGPASS')).rejects.toMatchObject({
      status: 404,
    })
  })

  it('reveals the writer only to those who may see it, and records every view', async () => {
    const { letterId } = await write()
    await expect(t.core.letterRead.writer(stranger, letterId)).rejects.toMatchObject({
      status: 404,
    })
    const w = await t.core.letterRead.writer(desk, letterId)
    expect(w.name).toBe('李四')
    const audit = await t.core.deps.db
      .selectFrom('audit_event')
      .select(['actor_id'])
      .where('action', '=', 'letter.view_writer')
      .where('entity_id', '=', String(letterId))
      .execute()
    expect(audit.map((a) => a.actor_id)).toEqual([desk.actor.id])
  })

  it('publishes only redacted copies the writer allowed', async () => {
    const { letterId } = await write()
    await act(desk, letterId, 'accept', { unitSiteId: unit.id })
    await act(handler, letterId, 'sign')
    await act(handler, letterId, 'submit_reply', { reply: '李四您好，已处理。' })
    await act(desk, letterId, 'approve_reply')
    const d = await detail(desk, letterId)
    expect(d.actions).toContain('publish')
    const s = d.suggestedPublication
    expect(s.body).not.toContain('李四')
    expect(s.body).not.toContain('13912345678')
    expect(s.body).toContain('139****5678')
    expect(s.body).not.toMatch(/12号|501室/)
    expect(s.reply).toContain('李*您好')
    await expect(
      act(desk, letterId, 'publish', { subject: '噪音', body: '电话13912345678', reply: '好' }),
    ).rejects.toMatchObject({ code: 'personal_data' })
    await act(desk, letterId, 'publish', { ...s })
    expect((await detail(desk, letterId)).publication.published).toBe(true)

    const private_ = await write({ public: false })
    await act(desk, private_.letterId, 'accept', { unitSiteId: unit.id })
    await act(handler, private_.letterId, 'sign')
    await act(handler, private_.letterId, 'submit_reply', { reply: '已处理。' })
    await act(desk, private_.letterId, 'approve_reply')
    await expect(
      act(desk, private_.letterId, 'publish', { subject: 'a', body: 'b', reply: 'c' }),
    ).rejects.toMatchObject({ code: 'not_publishable' })
  })

  it('lists letters by box with due status, for the desk and for the unit', async () => {
    const { letterId } = await write()
    const screening = await t.core.letterRead.list(desk, { box: 'screening' })
    expect(screening.rows.map((r) => r.id)).toContain(letterId)
    expect(screening.rows.every((r) => r.state === 'submitted')).toBe(true)
    expect((await t.core.letterRead.list(handler, { box: 'screening' })).total).toBe(0)
    await act(desk, letterId, 'accept', { unitSiteId: unit.id })
    const mine = await t.core.letterRead.list(handler, { box: 'unit' })
    expect(mine.rows.map((r) => r.id)).toContain(letterId)
    const counts = await t.core.letterRead.counts(handler)
    expect(counts.unit).toBe(mine.total)
    // Make it overdue and red: received four months ago, due yesterday.
    const past = new Date(Date.now() - 120 * 86_400_000).toISOString()
    await t.core.deps.db
      .updateTable('letter')
      .set({
        received_at: past,
        due_at: new Date(Date.now() - 86_400_000).toISOString(),
        escalate_at: new Date(Date.now() + 86_400_000).toISOString(),
      })
      .where('id', '=', letterId)
      .execute()
    const overdue = await t.core.letterRead.list(handler, { box: 'all', due: 'overdue' })
    const item = overdue.rows.find((r) => r.id === letterId)
    expect(item?.dueStatus).toBe('overdue')
    expect(item?.redFlag).toBe(true)
    const red = await t.core.letterRead.list(systemCtx, { due: 'red' })
    expect(red.rows.map((r) => r.id)).toContain(letterId)
  })
})
