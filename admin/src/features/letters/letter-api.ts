import { useCallback, useEffect, useState } from 'react'
import { useLocation } from 'react-router-dom'
import type {
  LetterAction,
  LetterDueStatus,
  LetterLimits,
  LetterRating,
  LetterStage,
  LetterState,
  LetterType,
  StatsGroup,
  StatsRow,
} from '../../../../common/letters'
import { api } from '../../api'
import type { AdminSite } from '../../shell/session'

export type {
  LetterAction,
  LetterDueStatus,
  LetterLimits,
  LetterRating,
  LetterStage,
  LetterState,
  LetterType,
} from '../../../../common/letters'

/** A row of 来信办理 (GET /letters); the writer's name comes masked. */
export interface LetterListItem {
  id: number
  queryCode: string
  mailboxId: number
  mailboxName: string
  siteId: number
  siteName: string
  type: LetterType
  typeLabel: string
  category: string
  subject: string
  state: LetterState
  stateLabel: string
  unitSiteId: number | null
  unitName: string | null
  receivedAt: string
  dueAt: string | null
  dueStatus: LetterDueStatus
  redFlag: boolean
  repliedAt: string | null
  rating: LetterRating | null
  published: boolean
  source: string
  writerName: string
}

/** The writer's contact details: masked in a detail, in full from GET /letters/:id/writer. */
export interface LetterWriter {
  name: string
  mobile: string
  email: string
}

export interface LetterEvent {
  id: number
  at: string
  actorName: string
  action: string
  label: string
  fromState: LetterState | null
  toState: LetterState | null
  note: string
  internal: boolean
}

export interface LetterStageRow {
  id: number
  stage: LetterStage
  label: string
  unitSiteId: number | null
  unitName: string | null
  startedAt: string
  limitDays: number
  dueAt: string | null
  endedAt: string | null
  workingDays: number | null
  onTime: boolean | null
}

export type ExtensionStatus = 'none' | 'pending' | 'granted' | 'refused'

export interface LetterExtension {
  status: ExtensionStatus
  days: number
  reason: string
}

/** The redacted copies of subject, body and reply that go on the public site. */
export interface PublicationText {
  subject: string
  body: string
  reply: string
}

/** GET /letters/:id, and what every action returns. */
export interface LetterDetail extends LetterListItem {
  body: string
  writer: LetterWriter
  wantsPublic: boolean
  mergedInto: { id: number; queryCode: string } | null
  publicNote: string
  reply: string
  replyDraft: string
  replyBy: string
  ratingComment: string
  ratedAt: string | null
  ratingUntil: string | null
  reopened: boolean
  extension: LetterExtension | null
  events: LetterEvent[]
  stages: LetterStageRow[]
  files: { id: number; name: string; url: string }[]
  publication: PublicationText & { published: boolean; publishedAt: string | null }
  suggestedPublication: PublicationText
  actions: LetterAction[]
  canRevealWriter: boolean
  suggestedUnitSiteId: number | null
}

/** GET /letters/counts: the signed-in user's boxes, for tabs and the menu badge. */
export interface LetterCounts {
  screening: number
  unit: number
  review: number
  extension: number
  overdue: number
  red: number
}

export interface MailboxView {
  id: number
  siteId: number
  siteName: string
  code: string
  name: string
  description: string
  sort: number
  enabled: boolean
  /** Effective limits (defaults merged with the overrides). */
  limits: LetterLimits
  overrides: Partial<LetterLimits>
  letterCount: number
  openCount: number
}

export interface MailboxInput {
  siteId?: number
  code: string
  name: string
  description?: string
  sort?: number
  enabled?: boolean
  limits?: Partial<LetterLimits>
}

/** A routing rule (分办规则) as the server returns it; the list order is the priority. */
export interface LetterRoute {
  id: number
  mailboxId: number | null
  mailboxName: string | null
  type: '' | LetterType
  categoryPrefix: string
  unitSiteId: number
  unitName: string
  sort: number
}

export interface RouteInput {
  mailboxId: number | null
  type: '' | LetterType
  categoryPrefix: string
  unitSiteId: number
}

export type StatsGroupBy = StatsGroup
export type { StatsRow } from '../../../../common/letters'

export interface StatsResult {
  rows: StatsRow[]
  total: StatsRow
}

export type ApiQuery = Record<string, string | number | undefined>

export const letterApi = {
  detail: async (id: number) => (await api.get<{ data: LetterDetail }>(`/letters/${id}`)).data,
  writer: async (id: number) =>
    (await api.get<{ data: LetterWriter }>(`/letters/${id}/writer`)).data,
  act: async (id: number, action: LetterAction, body: Record<string, unknown>) =>
    (await api.post<{ data: LetterDetail }>(`/letters/${id}/actions/${action}`, body)).data,
  counts: async () => (await api.get<{ data: LetterCounts }>('/letters/counts')).data,
  mailboxes: async (siteId: number) =>
    (await api.get<{ data: MailboxView[] }>('/mailboxes', { siteId })).data,
  createMailbox: async (input: MailboxInput) =>
    (await api.post<{ data: MailboxView }>('/mailboxes', input)).data,
  updateMailbox: async (id: number, input: MailboxInput) =>
    (await api.put<{ data: MailboxView }>(`/mailboxes/${id}`, input)).data,
  deleteMailbox: (id: number) => api.del(`/mailboxes/${id}`),
  routes: async (siteId: number) =>
    (await api.get<{ data: LetterRoute[] }>(`/sites/${siteId}/letter-routes`)).data,
  saveRoutes: async (siteId: number, routes: RouteInput[]) =>
    (await api.put<{ data: LetterRoute[] }>(`/sites/${siteId}/letter-routes`, { routes })).data,
  statistics: async (query: ApiQuery) =>
    (await api.get<{ data: StatsResult }>('/letters/statistics', query)).data,
}

const LETTERS_CHANGED = 'zq:letters'

/** The signed-in user's letter work changed: badges and tabs refresh at once. */
export function announceLettersChanged(): void {
  window.dispatchEvent(new CustomEvent(LETTERS_CHANGED))
}

const POLL_MS = 60_000

/**
 * The letter box counts: polled every minute, on route changes and whenever a `zq:letters`
 * event says the work changed. `loaded` turns true after the first answer (or failure).
 */
export function useLetterCounts(): {
  counts: LetterCounts | null
  loaded: boolean
  refresh: () => void
} {
  const [counts, setCounts] = useState<LetterCounts | null>(null)
  const [loaded, setLoaded] = useState(false)
  const location = useLocation()

  const refresh = useCallback(() => {
    letterApi
      .counts()
      .then(setCounts)
      // A failed poll keeps the last counts; the next one tries again.
      .catch(() => undefined)
      .finally(() => setLoaded(true))
  }, [])

  useEffect(() => {
    refresh()
  }, [refresh, location.pathname])

  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') refresh()
    }, POLL_MS)
    window.addEventListener(LETTERS_CHANGED, refresh)
    return () => {
      window.clearInterval(timer)
      window.removeEventListener(LETTERS_CHANGED, refresh)
    }
  }, [refresh])

  return { counts, loaded, refresh }
}

let unitSitesCache: Promise<AdminSite[]> | null = null

/** Every site a letter may be assigned to (GET /letters/units), fetched once per page load. */
export function useUnitSites(enabled = true): AdminSite[] {
  const [sites, setSites] = useState<AdminSite[]>([])
  useEffect(() => {
    if (!enabled) return
    let live = true
    unitSitesCache ??= api
      .get<{ data: AdminSite[] }>('/letters/units')
      .then((r) => r.data)
      .catch((e: unknown) => {
        unitSitesCache = null
        throw e
      })
    unitSitesCache.then((s) => live && setSites(s)).catch(() => live && setSites([]))
    return () => {
      live = false
    }
  }, [enabled])
  return sites
}
