import { useCallback, useEffect, useState } from 'react'
import { useLocation } from 'react-router-dom'
import type {
  LetterAction,
  LetterLimits,
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

export type {
  ExtensionStatus,
  LetterCounts,
  LetterDetail,
  LetterEvent,
  LetterExtension,
  LetterListItem,
  LetterStageRow,
  LetterWriter,
  PublicationText,
} from '../../../../common/letters-api'
import type { LetterCounts, LetterDetail, LetterWriter } from '../../../../common/letters-api'

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
