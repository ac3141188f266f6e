import {
  LETTER_STATES,
  LETTER_TYPES,
  type LetterState,
  type LetterType,
} from '../../../../common/letters'
import type { ApiQuery } from './letter-api'
import { DUE_FILTERS, isLetterBox, type DueFilter, type LetterBox } from './letter-labels'

/** The filters of 来信办理; received dates are `YYYY-MM-DD` (Beijing). */
export interface LetterFilters {
  siteId?: number
  mailboxId?: number
  unitSiteId?: number
  state?: LetterState
  type?: LetterType
  due?: DueFilter
  q?: string
  from?: string
  to?: string
}

/** Everything the inbox keeps in its address, so back from a letter returns to the same list. */
export interface InboxView {
  box: LetterBox | null
  filters: LetterFilters
  page: number
  pageSize: number
}

export const PAGE_SIZES = [20, 50, 100] as const
const DEFAULT_PAGE_SIZE = 20
const DAY = /^\d{4}-\d{2}-\d{2}$/

function positiveInt(v: string | null): number | undefined {
  if (!v || !/^\d+$/.test(v)) return undefined
  const n = Number(v)
  return n > 0 && Number.isSafeInteger(n) ? n : undefined
}

function oneOf<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return v !== null && (values as readonly string[]).includes(v) ? (v as T) : undefined
}

function day(v: string | null): string | undefined {
  return v && DAY.test(v) ? v : undefined
}

/** Reads the inbox view from the address; anything malformed is dropped, not guessed. */
export function viewFromSearch(params: URLSearchParams): InboxView {
  const box = params.get('box')
  const size = positiveInt(params.get('pageSize'))
  const q = params.get('q')?.trim()
  const filters: LetterFilters = {
    siteId: positiveInt(params.get('siteId')),
    mailboxId: positiveInt(params.get('mailboxId')),
    unitSiteId: positiveInt(params.get('unitSiteId')),
    state: oneOf(LETTER_STATES, params.get('state')),
    type: oneOf(LETTER_TYPES, params.get('type')),
    due: oneOf(DUE_FILTERS, params.get('due')),
    q: q || undefined,
    from: day(params.get('from')),
    to: day(params.get('to')),
  }
  return {
    box: isLetterBox(box) ? box : null,
    filters: compact(filters),
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: size && (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
  }
}

/** The address of an inbox view (defaults left out). */
export function viewToSearch(view: InboxView): URLSearchParams {
  const params = new URLSearchParams()
  if (view.box) params.set('box', view.box)
  for (const [k, v] of Object.entries(filterQuery(view.filters))) params.set(k, String(v))
  if (view.page > 1) params.set('page', String(view.page))
  if (view.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(view.pageSize))
  return params
}

/** The query of GET /letters and /letters/export.xlsx for a box and its filters. */
export function letterQuery(box: LetterBox, filters: LetterFilters): ApiQuery {
  return { box, ...filterQuery(filters) }
}

function filterQuery(filters: LetterFilters): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  for (const [k, v] of Object.entries(compact(filters))) out[k] = v
  return out
}

/** The filters without empty values (so `{q: ''}` equals `{}`). */
export function compact(filters: LetterFilters): LetterFilters {
  const out: Record<string, string | number> = {}
  for (const [k, v] of Object.entries(filters) as [string, string | number | undefined][]) {
    if (v === undefined || v === null) continue
    if (typeof v === 'string' && !v.trim()) continue
    out[k] = typeof v === 'string' ? v.trim() : v
  }
  return out as LetterFilters
}

/** Changes some filters; the list goes back to page 1. A new site clears the mailbox. */
export function withFilters(view: InboxView, change: Partial<LetterFilters>): InboxView {
  const filters = { ...view.filters, ...change }
  if ('siteId' in change && change.siteId !== view.filters.siteId) delete filters.mailboxId
  return { ...view, filters: compact(filters), page: 1 }
}

/** Whether any filter is set (to offer 清除筛选). */
export function hasFilters(filters: LetterFilters): boolean {
  return Object.keys(compact(filters)).length > 0
}
