import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../errors'
import type { Site } from '../sites/site.repository'
import type { RequestContext } from '../users/actor'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { makePortal, makeUser, systemCtx, userCtx } from '../../test/factories'
import { calendarRepository } from './calendar.repository'
import { CalendarService, CALENDAR_CHANGE_EVENT, type CalendarChange } from './calendar.service'
import { packageYears } from './working-days'

let t: TestApp
let portal: Site
let clusterAdmin: RequestContext
let siteAdmin: RequestContext
let editor: RequestContext

const statusOf = async (p: Promise<unknown>): Promise<number | string> =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof AppError ? e.status : String(e)),
  )

/** The AppError a call fails with (the test fails if it succeeds or throws something else). */
async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  )
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`)
  return e
}

const auditOf = (action: string, entityId: string) =>
  t.core.deps.db
    .selectFrom('audit_event')
    .selectAll()
    .where('action', '=', action)
    .where('entity_id', '=', entityId)
    .execute()

beforeAll(async () => {
  t = await buildTestApp()
  portal = await makePortal(t.core)
  const [a, b, c] = await Promise.all([
    makeUser(t.core, [{ siteId: null, role: 'admin' }]),
    makeUser(t.core, [{ siteId: portal.id, role: 'admin' }]),
    makeUser(t.core, [{ siteId: portal.id, role: 'editor' }]),
  ])
  ;[clusterAdmin, siteAdmin, editor] = (await Promise.all(
    [a, b, c].map((u) => userCtx(t.core, (u as { id: number }).id)),
  )) as [RequestContext, RequestContext, RequestContext]
})
afterAll(async () => t.close())

describe(`working-day calendar (${TEST_DIALECT})`, () => {
  it('a cluster admin’s weekday holiday shifts deadlines, is audited, and can be undone', async () => {
    const received = '2025-09-30T02:00:00.000Z'
    expect(await t.core.calendar.addWorkingDays(received, 3)).toBe('2025-10-11T15:59:59.999Z')
    const day = await t.core.calendar.setDay(clusterAdmin, '2025-10-09', {
      kind: 'holiday',
      name: ' 县庆 ',
    })
    expect(day).toMatchObject({ kind: 'holiday', source: 'override', name: '县庆' })
    expect(await t.core.calendar.isWorkingDay('2025-10-09')).toBe(false)
    expect(await t.core.calendar.addWorkingDays(received, 3)).toBe('2025-10-13T15:59:59.999Z')
    expect(await t.core.calendar.workingDaysBetween(received, '2025-10-13T03:00:00.000Z')).toBe(3)

    const [audit] = await auditOf('calendar.update', '2025-10-09')
    expect(audit).toMatchObject({ actor_id: clusterAdmin.actor.id, entity: 'calendar' })
    expect(JSON.parse(audit?.diff ?? '{}')).toEqual({ kind: 'holiday', name: '县庆', before: null })

    // Editing keeps one row and records what it was.
    await t.core.calendar.setDay(clusterAdmin, '2025-10-09', { kind: 'holiday', name: '县庆日' })
    const edits = await auditOf('calendar.update', '2025-10-09')
    expect(JSON.parse(edits[1]?.diff ?? '{}').before).toEqual({ kind: 'holiday', name: '县庆' })
    expect(await t.core.calendar.listOverrides(editor, 2025)).toMatchObject([
      { day: '2025-10-09', kind: 'holiday', name: '县庆日', updatedBy: clusterAdmin.actor.id },
    ])

    const restored = await t.core.calendar.removeDay(clusterAdmin, '2025-10-09')
    expect(restored).toMatchObject({ kind: 'workday', source: 'weekend-default', name: '' })
    expect(await t.core.calendar.addWorkingDays(received, 3)).toBe('2025-10-11T15:59:59.999Z')
    expect(await auditOf('calendar.delete', '2025-10-09')).toHaveLength(1)
    expect(await statusOf(t.core.calendar.removeDay(clusterAdmin, '2025-10-09'))).toBe(404)
  })

  it('counts a weekend day set as a make-up working day', async () => {
    expect(await t.core.calendar.isWorkingDay('2041-01-05')).toBe(false) // a Saturday
    await t.core.calendar.setDay(systemCtx, '2041-01-05', { kind: 'workday', name: '调休上班' })
    expect(await t.core.calendar.isWorkingDay('2041-01-05')).toBe(true)
    // Friday 4 Jan 2041 + 1 working day: the Saturday.
    expect(await t.core.calendar.addWorkingDays('2041-01-04T02:00:00.000Z', 1)).toBe(
      '2041-01-05T15:59:59.999Z',
    )
  })

  it('only cluster admins write; every member of staff reads', async () => {
    for (const ctx of [siteAdmin, editor]) {
      expect(
        await statusOf(t.core.calendar.setDay(ctx, '2042-05-06', { kind: 'holiday', name: '' })),
      ).toBe(403)
      expect(await statusOf(t.core.calendar.removeDay(ctx, '2041-01-05'))).toBe(403)
      expect(await statusOf(t.core.calendar.replaceYear(ctx, 2042, []))).toBe(403)
    }
    const year = await t.core.calendar.year(editor, 2025)
    expect(year.days).toHaveLength(365)
    expect(year.coverage).toEqual({ year: 2025, covered: true, source: 'package' })
    const stranger = await makeUser(t.core, [])
    const strangerCtx = await userCtx(t.core, stranger.id)
    expect(await statusOf(t.core.calendar.year(strangerCtx, 2025))).toBe(403)
    expect(await statusOf(t.core.calendar.coverage(strangerCtx))).toBe(403)
  })

  it('rejects bad dates, kinds and names with field messages in Chinese', async () => {
    const err = await failure(
      t.core.calendar.setDay(clusterAdmin, '2025-02-29', { kind: 'holiday', name: '' }),
    )
    expect(err.status).toBe(400)
    expect(err.fields?.day).toContain('无效')
    const badKind = await failure(
      t.core.calendar.setDay(clusterAdmin, '2025-03-03', { kind: 'weekend' as 'holiday' }),
    )
    expect(badKind.fields?.kind).toContain('节假日')
    expect(await statusOf(t.core.calendar.year(editor, 1999))).toBe(400)
  })

  it('replaces a year’s overrides from a list, all or nothing, audited once', async () => {
    await t.core.calendar.setDay(clusterAdmin, '2043-06-01', { kind: 'holiday', name: '旧设置' })
    await t.core.calendar.setDay(clusterAdmin, '2044-01-01', { kind: 'holiday', name: '元旦' })
    const bad = await failure(
      t.core.calendar.replaceYear(clusterAdmin, 2043, [
        { day: '2043-01-01', kind: 'holiday', name: '元旦' },
        { day: '2044-01-02', kind: 'holiday', name: '' },
        { day: '2043-02-30', kind: 'holiday', name: '' },
        { day: '2043-01-01', kind: 'workday', name: '' },
      ]),
    )
    expect(bad.status).toBe(400)
    expect(bad.message).toContain('第 2 项')
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(['days.1.day', 'days.2.day', 'days.3.day'])
    expect(bad.fields?.['days.3.day']).toContain('与第 1 项重复')
    expect(await calendarRepository.listYear(t.core.deps.db, 2043)).toHaveLength(1)

    const view = await t.core.calendar.replaceYear(clusterAdmin, 2043, [
      { day: '2043-01-02', kind: 'holiday', name: '元旦' },
      { day: '2043-01-01', kind: 'holiday', name: '元旦' },
      { day: '2043-01-04', kind: 'workday', name: '元旦' },
    ])
    expect(view.coverage).toEqual({ year: 2043, covered: true, source: 'override' })
    const byDay = new Map(view.days.map((d) => [d.day, d]))
    expect(byDay.get('2043-01-01')).toMatchObject({ kind: 'holiday', source: 'override' })
    expect(byDay.get('2043-06-01')).toMatchObject({ kind: 'workday', source: 'weekend-default' })
    const stored = await calendarRepository.listYear(t.core.deps.db, 2043)
    expect(stored.map((d) => d.day)).toEqual(['2043-01-01', '2043-01-02', '2043-01-04'])
    // Other years are left alone.
    expect(await calendarRepository.listYear(t.core.deps.db, 2044)).toHaveLength(1)
    const [audit] = await auditOf('calendar.import', '2043')
    expect(JSON.parse(audit?.diff ?? '{}')).toMatchObject({
      year: 2043,
      count: 3,
      removed: ['2043-06-01'],
    })
    // An empty list clears the year.
    await t.core.calendar.replaceYear(clusterAdmin, 2043, [])
    expect(await calendarRepository.listYear(t.core.deps.db, 2043)).toHaveLength(0)
  })

  it('tells listeners after the commit which days changed; a failing listener is only logged', async () => {
    const seen: CalendarChange[] = []
    const offBroken = t.core.calendar.onChange(() => {
      throw new Error('listener broke')
    })
    const off = t.core.calendar.onChange(async (change) => {
      // The change is committed and the snapshot is the new one.
      const row = await calendarRepository.get(t.core.deps.db, '2045-03-01')
      expect(row?.kind).toBe('holiday')
      seen.push(change)
    })
    await t.core.calendar.setDay(clusterAdmin, '2045-03-01', { kind: 'holiday', name: '' })
    expect(seen).toHaveLength(1)
    expect(seen[0]?.days).toEqual(['2045-03-01'])
    expect(seen[0]?.snapshot.overrides.get('2045-03-01')?.kind).toBe('holiday')
    await t.core.calendar.replaceYear(clusterAdmin, 2045, [
      { day: '2045-03-01', kind: 'holiday', name: '' },
      { day: '2045-03-02', kind: 'holiday', name: '' },
    ])
    expect(seen[1]?.days).toEqual(['2045-03-02'])
    off()
    offBroken()
    await t.core.calendar.removeDay(clusterAdmin, '2045-03-02')
    expect(seen).toHaveLength(2)
  })

  it('another instance keeps its cached calendar until the change event, then reloads', async () => {
    const other = new CalendarService(t.core.deps)
    expect(await other.isWorkingDay('2046-04-02')).toBe(true) // a Monday, now cached
    // A write that announces nothing (as if made by another process before its event arrives).
    await calendarRepository.upsert(
      t.core.deps.db,
      { day: '2046-04-02', kind: 'holiday', name: '' },
      null,
    )
    expect(await other.isWorkingDay('2046-04-02')).toBe(true)
    t.core.deps.bus.deliver({ action: CALENDAR_CHANGE_EVENT, tags: ['calendar'] })
    expect(await other.isWorkingDay('2046-04-02')).toBe(false)
    // A change through the service announces itself.
    await t.core.calendar.removeDay(clusterAdmin, '2046-04-02')
    expect(await other.isWorkingDay('2046-04-02')).toBe(true)
  })

  it('reports whether this year and next year are covered', async () => {
    const unknown = packageYears().last + 1
    const now = new Date(`${unknown - 1}-12-31T17:00:00.000Z`) // already 1 Jan in Beijing
    expect(await t.core.calendar.coverage(editor, now)).toEqual([
      { year: unknown, covered: false, source: null },
      { year: unknown + 1, covered: false, source: null },
    ])
    const june = new Date(`${unknown - 1}-06-01T00:00:00.000Z`)
    expect(await t.core.calendar.coverage(editor, june)).toEqual([
      { year: unknown - 1, covered: true, source: 'package' },
      { year: unknown, covered: false, source: null },
    ])
    await t.core.calendar.setDay(clusterAdmin, `${unknown}-01-01`, {
      kind: 'holiday',
      name: '元旦',
    })
    expect((await t.core.calendar.coverage(editor, june))[1]).toEqual({
      year: unknown,
      covered: true,
      source: 'override',
    })
    await t.core.calendar.removeDay(clusterAdmin, `${unknown}-01-01`)
  })
})
