import { LETTER_OPEN_STATES } from '../../../common/letters'
import type { Executor } from '../../db/database'
import { containsInsensitive } from '../../db/dialect'
import type { Actor } from '../users/actor'
import { letterScopes } from './letter.access'
import { normaliseCode } from './letter.codes'
import { EXTENSION } from './letter.rules'

export const LETTER_BOXES = ['screening', 'unit', 'review', 'extension', 'all'] as const
export type LetterBox = (typeof LETTER_BOXES)[number]
export const LETTER_DUE_FILTERS = ['due_soon', 'overdue', 'escalated', 'red'] as const

export interface LetterListFilter {
  box?: LetterBox
  siteId?: number
  mailboxId?: number
  unitSiteId?: number
  state?: string
  type?: string
  due?: (typeof LETTER_DUE_FILTERS)[number]
  q?: string
  /** Received from / to, `YYYY-MM-DD` (Beijing days). */
  from?: string
  to?: string
}

export interface Clock {
  now: string
  soon: string
  redBefore: string
}

/** Beijing midnight of a `YYYY-MM-DD` as ISO UTC text. */
const beijingStart = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString()
const nextDay = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

/**
 * The letters an actor may see, narrowed to a box and filters: the desk sees its mailboxes'
 * letters, a unit the letters assigned to it, a cluster admin everything.
 */
export function letterListQuery(db: Executor, actor: Actor, f: LetterListFilter, c: Clock) {
  const scope = letterScopes(actor)
  let q = db
    .selectFrom('letter as l')
    .innerJoin('mailbox as m', 'm.id', 'l.mailbox_id')
    .innerJoin('site as s', 's.id', 'l.site_id')
    .leftJoin('site as u', 'u.id', 'l.unit_site_id')
    .select([
      'l.id',
      'l.query_code',
      'l.mailbox_id',
      'l.site_id',
      'l.type',
      'l.category',
      'l.subject',
      'l.state',
      'l.unit_site_id',
      'l.received_at',
      'l.due_at',
      'l.escalate_at',
      'l.replied_at',
      'l.rating',
      'l.published',
      'l.source',
      'l.writer_name',
      'm.name as mailbox_name',
      's.name as site_name',
      'u.name as unit_name',
    ])
  const desk = scope === 'all' ? null : scope.desk
  const units = scope === 'all' ? null : scope.units
  // An empty scope matches nothing (`in ()` is not valid SQL).
  const inSites = (ids: number[] | null) => (ids === null ? null : ids.length > 0 ? ids : [-1])
  const deskIds = inSites(desk)
  const unitIds = inSites(units)
  switch (f.box ?? 'all') {
    case 'screening':
      q = q.where('l.state', '=', 'submitted')
      if (deskIds) q = q.where('l.site_id', 'in', deskIds)
      break
    case 'review':
      q = q.where('l.state', '=', 'reply_drafted')
      if (deskIds) q = q.where('l.site_id', 'in', deskIds)
      break
    case 'extension':
      q = q.where('l.extended', '=', EXTENSION.pending)
      if (deskIds) q = q.where('l.site_id', 'in', deskIds)
      break
    case 'unit':
      q = q.where('l.state', 'in', ['assigned', 'signed', 'in_progress'])
      if (unitIds) q = q.where('l.unit_site_id', 'in', unitIds)
      break
    case 'all':
      if (deskIds && unitIds) {
        q = q.where((eb) =>
          eb.or([eb('l.site_id', 'in', deskIds), eb('l.unit_site_id', 'in', unitIds)]),
        )
      }
      break
  }
  if (f.siteId) q = q.where('l.site_id', '=', f.siteId)
  if (f.mailboxId) q = q.where('l.mailbox_id', '=', f.mailboxId)
  if (f.unitSiteId) q = q.where('l.unit_site_id', '=', f.unitSiteId)
  if (f.state) q = q.where('l.state', '=', f.state)
  if (f.type) q = q.where('l.type', '=', f.type)
  if (f.from) q = q.where('l.received_at', '>=', beijingStart(f.from))
  if (f.to) q = q.where('l.received_at', '<', beijingStart(nextDay(f.to)))
  const needle = f.q?.trim()
  if (needle) {
    const code = normaliseCode(needle)
    q = q.where((eb) =>
      eb.or([containsInsensitive(db, 'l.subject', needle), eb('l.query_code', '=', code)]),
    )
  }
  switch (f.due) {
    case 'due_soon':
      q = q.where('l.due_at', '>=', c.now).where('l.due_at', '<=', c.soon)
      break
    case 'overdue':
      q = q.where('l.due_at', '<', c.now)
      break
    case 'escalated':
      q = q.where('l.escalate_at', '<', c.now)
      break
    case 'red':
      q = q.where('l.state', 'in', [...LETTER_OPEN_STATES]).where('l.received_at', '<', c.redBefore)
      break
  }
  return q
}

export type ListRow = Awaited<ReturnType<ReturnType<typeof letterListQuery>['execute']>>[number]
