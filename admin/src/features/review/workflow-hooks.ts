import { useEffect, useState } from 'react'
import { loadSiteUsers, type SiteUser } from './review-api'

/** The active users of a site, for naming people on review levels; empty while loading. */
export function useSiteUsers(siteId: number | undefined, enabled = true) {
  const [users, setUsers] = useState<SiteUser[]>([])
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (!siteId || !enabled) return
    let cancelled = false
    setError(null)
    loadSiteUsers(siteId)
      .then((u) => !cancelled && setUsers(u))
      .catch(() => !cancelled && setError('本站用户加载失败，暂不能指定审核人员'))
    return () => {
      cancelled = true
    }
  }, [siteId, enabled])
  return { users, error }
}
