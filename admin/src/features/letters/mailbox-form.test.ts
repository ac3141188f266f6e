import { describe, expect, it } from 'vitest'
import type { LetterRoute, MailboxView } from './letter-api'
import {
  emptyRoute,
  limitOverrides,
  limitPlaceholder,
  mailboxInput,
  mailboxValues,
  moveRow,
  overrideSummary,
  routeProblems,
  routeRows,
  routesPayload,
} from './mailbox-form'

describe('mailbox limits', () => {
  it('sends only the limits filled in, within 0–60', () => {
    expect(
      limitOverrides({ screen: 2, sign: null, consult: 0, complaint: 61, help: 1.5, other: 15 }),
    ).toEqual({ screen: 2, consult: 0, other: 15 })
    expect(limitOverrides(undefined)).toEqual({})
    expect(limitPlaceholder('consult')).toBe('默认 5')
  })

  it('builds create and update bodies', () => {
    const values = {
      code: ' xzxx ',
      name: ' 县长信箱 ',
      description: '',
      sort: null,
      limits: { screen: 3 },
    }
    expect(mailboxInput(values, 4)).toEqual({
      siteId: 4,
      code: 'xzxx',
      name: '县长信箱',
      description: '',
      sort: 0,
      enabled: true,
      limits: { screen: 3 },
    })
    expect('siteId' in mailboxInput(values)).toBe(false)
  })

  it('edits an existing mailbox from its overrides, not its effective limits', () => {
    const m = {
      id: 1,
      siteId: 4,
      siteName: '县政府',
      code: 'xzxx',
      name: '县长信箱',
      description: '',
      sort: 2,
      enabled: false,
      limits: {
        screen: 3,
        sign: 1,
        review: 2,
        consult: 5,
        complaint: 10,
        suggestion: 10,
        help: 10,
        other: 10,
      },
      overrides: { screen: 3 },
      letterCount: 0,
      openCount: 0,
    } satisfies MailboxView
    expect(mailboxValues(m).limits).toEqual({ screen: 3 })
    expect(mailboxValues(m).enabled).toBe(false)
    expect(mailboxValues(null).enabled).toBe(true)
    expect(overrideSummary(m.overrides)).toEqual(['受理时限 3 天'])
  })
})

describe('routing rules', () => {
  const route = (over: Partial<LetterRoute>): LetterRoute => ({
    id: 1,
    mailboxId: null,
    mailboxName: null,
    type: '',
    categoryPrefix: '',
    unitSiteId: 9,
    unitName: '教育局',
    sort: 0,
    ...over,
  })

  it('edits rules by priority and saves them in the shown order', () => {
    const rows = routeRows([
      route({ id: 2, sort: 2, unitSiteId: 20 }),
      route({ id: 1, sort: 1, unitSiteId: 10, categoryPrefix: ' 教育 ', type: 'consult' }),
    ])
    expect(rows.map((r) => r.unitSiteId)).toEqual([10, 20])
    const moved = moveRow(rows, 1, -1)
    expect(routesPayload(moved)).toEqual([
      { mailboxId: null, type: '', categoryPrefix: '', unitSiteId: 20 },
      { mailboxId: null, type: 'consult', categoryPrefix: '教育', unitSiteId: 10 },
    ])
  })

  it('does not move past either end', () => {
    expect(moveRow([1, 2, 3], 0, -1)).toEqual([1, 2, 3])
    expect(moveRow([1, 2, 3], 2, 1)).toEqual([1, 2, 3])
    expect(moveRow([1, 2, 3], 0, 1)).toEqual([2, 1, 3])
  })

  it('flags rules without a unit', () => {
    const rows = [{ ...emptyRoute(), unitSiteId: 3 }, emptyRoute()]
    expect([...routeProblems(rows).entries()]).toEqual([[1, '请选择承办单位']])
    expect(rows[0]?.key).not.toBe(rows[1]?.key)
  })
})
