import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../test/build-test-app'
import { makeChannel, makePortal, makeUser, systemCtx, userCtx } from '../../test/factories'
import type { Site } from '../sites/site.repository'
import type { RequestContext } from '../users/actor'
import { beijingDay } from '../calendar/working-days'
import { ensureDigestScheduled, nextDigestAt, runDigest } from './letter.deadlines'
import { mailboxRepository } from './mailbox.repository'

let t: TestApp
let portal: Site
let unit: Site
let desk: RequestContext
let deskId: number
let handlerId: number

const write = () =>
  t.core.letterIntake.submit({
    mailbox: 'dl',
    type: 'consult',
    subject: `期限测试${Math.random()}`,
    body: '请问办理居住证需要哪些材料？',
    name: '王五',
    mobile: '13800001111',
  })

beforeAll(async () => {
  t = await buildTestApp({ captcha: 'off' })
  portal = await makePortal(t.core)
  unit = await makeChannel(t.core, portal)
  await mailboxRepository.insert(t.core.deps.db, { siteId: portal.id, code: 'dl', name: '信箱' })
  deskId = (await makeUser(t.core, [{ siteId: portal.id, role: 'admin' }])).id
  desk = await userCtx(t.core, deskId)
  handlerId = (await makeUser(t.core, [{ siteId: unit.id, role: 'editor' }])).id
})
afterAll(async () => t.close())

describe('deadlines follow the working-day calendar', () => {
  it('recomputes open letters when a day becomes a holiday, with an entry in the timeline', async () => {
    const { letterId } = await write()
    const before = await t.core.letterRead.detail(desk, letterId)
    const due = before.dueAt as string
    // Declare the due day a holiday: the deadline moves to a later working day.
    const dueDay = beijingDay(due)
    await t.core.calendar.setDay(systemCtx, dueDay, { kind: 'holiday', name: '测试假日' })
    const after = await t.core.letterRead.detail(desk, letterId)
    expect(after.dueAt! > due).toBe(true)
    expect(after.stages.at(-1)?.dueAt).toBe(after.dueAt)
    const ev = after.events.find((e) => e.action === 'deadline_recomputed')
    expect(ev?.internal).toBe(true)
    expect(ev?.note).toContain(due)
    // Removing the holiday brings it back.
    await t.core.calendar.removeDay(systemCtx, dueDay)
    expect((await t.core.letterRead.detail(desk, letterId)).dueAt).toBe(due)
  })

  it('sends the daily digest to the desk and the unit, and closes letters past the rating window', async () => {
    const a = await write()
    await t.core.letters.act(desk, a.letterId, 'accept', { unitSiteId: unit.id })
    const b = await write()
    const db = t.core.deps.db
    const yesterday = new Date(Date.now() - 86_400_000).toISOString()
    await db
      .updateTable('letter')
      .set({ due_at: yesterday })
      .where('id', 'in', [a.letterId, b.letterId])
      .execute()
    // An answered letter whose rating window has passed.
    const c = await write()
    await db
      .updateTable('letter')
      .set({ state: 'answered', rating_until: yesterday, due_at: null })
      .where('id', '=', c.letterId)
      .execute()
    const cal = await t.core.calendar.snapshot()
    const result = await db
      .transaction()
      .execute((trx) => runDigest(trx, cal, t.core.notifications))
    expect(result.closed).toBe(1)
    const notes = await db
      .selectFrom('notification')
      .select(['user_id', 'title', 'body'])
      .where('kind', '=', 'letter.digest')
      .execute()
    const forDesk = notes.find((n) => n.user_id === deskId)
    const forUnit = notes.find((n) => n.user_id === handlerId)
    expect(forDesk?.body).toContain('超期（催办）2 件')
    expect(forUnit?.body).toContain('超期（催办）1 件')
    const closed = await t.core.letterRead.detail(desk, c.letterId)
    expect(closed.state).toBe('closed')
    expect(closed.events.at(-1)?.action).toBe('auto_close')
  })

  it('keeps exactly one digest job pending and schedules it for 08:00 Beijing', async () => {
    expect(nextDigestAt(new Date('2026-11-25T23:59:00Z'))).toBe('2026-11-26T00:00:00.000Z')
    expect(nextDigestAt(new Date('2026-11-25T00:00:00Z'))).toBe('2026-11-26T00:00:00.000Z')
    await Promise.all([ensureDigestScheduled(t.core.deps), ensureDigestScheduled(t.core.deps)])
    const jobs = await t.core.deps.db
      .selectFrom('job')
      .select(['id', 'run_at'])
      .where('kind', '=', 'letters.digest')
      .where('done_at', 'is', null)
      .execute()
    expect(jobs).toHaveLength(1)
    // Running it schedules the next one.
    await t.core.deps.db.updateTable('job').set({ run_at: '2000-01-01T00:00:00.000Z' }).execute()
    expect(await t.core.jobs.runDue()).toBeGreaterThanOrEqual(1)
    const pending = await t.core.deps.db
      .selectFrom('job')
      .select(['run_at'])
      .where('kind', '=', 'letters.digest')
      .where('done_at', 'is', null)
      .execute()
    expect(pending).toHaveLength(1)
    expect(pending[0]!.run_at > new Date().toISOString()).toBe(true)
  })
})
