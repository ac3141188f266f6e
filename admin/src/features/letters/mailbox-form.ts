import {
  DEFAULT_LETTER_LIMITS,
  LETTER_LIMIT_KEYS,
  LETTER_LIMIT_LABELS,
  LETTER_LIMIT_MAX,
  type LetterLimitKey,
  type LetterLimits,
  type LetterType,
} from '../../../../common/letters'
import type { LetterRoute, MailboxInput, MailboxView, RouteInput } from './letter-api'

/** The mailbox dialog's values: one optional number per limit key (empty = the default). */
export interface MailboxValues {
  code: string
  name: string
  description?: string
  sort?: number | null
  enabled?: boolean
  limits?: Partial<Record<LetterLimitKey, number | null>>
}

/** Only the limits the mailbox sets itself; blanks keep the cluster default. */
export function limitOverrides(limits: MailboxValues['limits'] | undefined): Partial<LetterLimits> {
  const out: Partial<LetterLimits> = {}
  for (const key of LETTER_LIMIT_KEYS) {
    const v = limits?.[key]
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= LETTER_LIMIT_MAX)
      out[key] = v
  }
  return out
}

/** The body of POST /mailboxes (with the site) or PUT /mailboxes/:id (without). */
export function mailboxInput(values: MailboxValues, siteId?: number): MailboxInput {
  return {
    ...(siteId !== undefined ? { siteId } : {}),
    code: values.code.trim(),
    name: values.name.trim(),
    description: (values.description ?? '').trim(),
    sort: typeof values.sort === 'number' ? values.sort : 0,
    enabled: values.enabled ?? true,
    limits: limitOverrides(values.limits),
  }
}

/** The dialog's initial values: an existing mailbox's own overrides, or a new enabled one. */
export function mailboxValues(mailbox: MailboxView | null): MailboxValues {
  if (!mailbox) return { code: '', name: '', description: '', sort: 0, enabled: true, limits: {} }
  return {
    code: mailbox.code,
    name: mailbox.name,
    description: mailbox.description,
    sort: mailbox.sort,
    enabled: mailbox.enabled,
    limits: { ...mailbox.overrides },
  }
}

/** "受理时限 2 天" for each override, to show in the table; empty when all are default. */
export function overrideSummary(overrides: Partial<LetterLimits>): string[] {
  return LETTER_LIMIT_KEYS.filter((k) => typeof overrides[k] === 'number').map(
    (k) => `${LETTER_LIMIT_LABELS[k]} ${overrides[k]} 天`,
  )
}

export const limitPlaceholder = (key: LetterLimitKey): string =>
  `默认 ${DEFAULT_LETTER_LIMITS[key]}`

/** A routing rule being edited; `key` keeps React rows stable while reordering. */
export interface RouteRow {
  key: string
  mailboxId: number | null
  type: '' | LetterType
  categoryPrefix: string
  unitSiteId: number | null
}

let nextKey = 0
const newKey = () => `r${++nextKey}`

export function emptyRoute(): RouteRow {
  return { key: newKey(), mailboxId: null, type: '', categoryPrefix: '', unitSiteId: null }
}

/** The server's rules as editable rows, by priority. */
export function routeRows(routes: LetterRoute[]): RouteRow[] {
  return [...routes]
    .sort((a, b) => a.sort - b.sort)
    .map((r) => ({
      key: newKey(),
      mailboxId: r.mailboxId,
      type: r.type,
      categoryPrefix: r.categoryPrefix,
      unitSiteId: r.unitSiteId,
    }))
}

/** Moves row `index` up (-1) or down (+1); out of range leaves the list as it is. */
export function moveRow<T>(rows: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta
  if (index < 0 || index >= rows.length || to < 0 || to >= rows.length) return [...rows]
  const out = [...rows]
  const [row] = out.splice(index, 1)
  if (row !== undefined) out.splice(to, 0, row)
  return out
}

/** What is wrong with each row (by index): every rule needs a unit. */
export function routeProblems(rows: readonly RouteRow[]): Map<number, string> {
  const problems = new Map<number, string>()
  rows.forEach((r, i) => {
    if (!r.unitSiteId) problems.set(i, '请选择承办单位')
  })
  return problems
}

/** The body of PUT /sites/:siteId/letter-routes (order = priority). */
export function routesPayload(rows: readonly RouteRow[]): RouteInput[] {
  return rows
    .filter((r): r is RouteRow & { unitSiteId: number } => Boolean(r.unitSiteId))
    .map((r) => ({
      mailboxId: r.mailboxId,
      type: r.type,
      categoryPrefix: r.categoryPrefix.trim(),
      unitSiteId: r.unitSiteId,
    }))
}
