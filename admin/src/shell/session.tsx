import type { Role } from '../../../common/permissions'
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react'
import { api, setCsrfToken } from '../api'

export interface SessionUser {
  id: number
  username: string
  displayName: string
  mustChangePassword: boolean
}

export interface AdminSite {
  id: number
  code: string
  name: string
  shortName: string
  kind: 'portal' | 'channel' | 'standalone'
  parentId: number | null
  basePath: string
  hosts: string[]
  status: 'open' | 'closed' | 'archived'
  grouping: string
}

interface SessionData {
  user: SessionUser
  csrfToken: string
  isClusterAdmin: boolean
  grants: { siteId: number; role: Role }[]
  mustChangePassword: boolean
}

interface SessionState {
  loading: boolean
  session: SessionData | null
  sites: AdminSite[]
  site: AdminSite | null
  /** The role the user holds on the current site ('admin' for cluster admins). */
  role: Role | null
  setSiteId: (id: number) => void
  refresh: () => Promise<void>
  refreshSites: () => Promise<void>
  signIn: (username: string, password: string) => Promise<void>
  signOut: () => Promise<void>
}

const Ctx = createContext<SessionState | null>(null)
const SITE_KEY = 'zq.currentSite'

export function SessionProvider({ children }: { children: ReactNode }) {
  const [loading, setLoading] = useState(true)
  const [session, setSession] = useState<SessionData | null>(null)
  const [sites, setSites] = useState<AdminSite[]>([])
  const [siteId, setSiteIdState] = useState<number | null>(
    () => Number(localStorage.getItem(SITE_KEY)) || null,
  )

  const refreshSites = useCallback(async () => {
    const res = await api.get<{ data: AdminSite[] }>('/sites')
    setSites(res.data)
  }, [])

  const refresh = useCallback(async () => {
    try {
      const res = await api.get<{ data: SessionData | null }>('/session')
      setSession(res.data)
      if (res.data) {
        setCsrfToken(res.data.csrfToken)
        await refreshSites()
      }
    } finally {
      setLoading(false)
    }
  }, [refreshSites])

  useEffect(() => {
    void refresh()
    const onUnauthorized = () => setSession(null)
    window.addEventListener('zq:unauthorized', onUnauthorized)
    return () => window.removeEventListener('zq:unauthorized', onUnauthorized)
  }, [refresh])

  const signIn = useCallback(
    async (username: string, password: string) => {
      const res = await api.post<{ data: SessionData }>('/session', { username, password })
      setCsrfToken(res.data.csrfToken)
      setSession(res.data)
      await refreshSites()
    },
    [refreshSites],
  )

  const signOut = useCallback(async () => {
    try {
      await api.del('/session')
    } finally {
      setSession(null)
      setSites([])
    }
  }, [])

  const setSiteId = useCallback((id: number) => {
    localStorage.setItem(SITE_KEY, String(id))
    setSiteIdState(id)
  }, [])

  const value = useMemo<SessionState>(() => {
    const site =
      sites.find((s) => s.id === siteId) ??
      sites.find((s) => s.kind === 'portal') ??
      sites[0] ??
      null
    const role =
      !session || !site
        ? null
        : session.isClusterAdmin
          ? 'admin'
          : (session.grants.find((g) => g.siteId === site.id && g.role === 'admin')?.role ??
            session.grants.find((g) => g.siteId === site.id)?.role ??
            null)
    return {
      loading,
      session,
      sites,
      site,
      role,
      setSiteId,
      refresh,
      refreshSites,
      signIn,
      signOut,
    }
  }, [loading, session, sites, siteId, setSiteId, refresh, refreshSites, signIn, signOut])

  return <Ctx.Provider value={value}>{children}</Ctx.Provider>
}

export function useSession(): SessionState {
  const v = useContext(Ctx)
  if (!v) throw new Error('useSession outside SessionProvider')
  return v
}
