import { useMemo } from 'react'
import { useSession, type AdminSite } from '../../shell/session'
import { useUnitSites } from '../letters/letter-api'

/**
 * Every site of the cluster the user can name as a source or filter: the user's own sites plus
 * all non-archived sites of the cluster (the same list letters are assigned to), by id.
 */
export function useClusterSites(): AdminSite[] {
  const { sites } = useSession()
  const all = useUnitSites(true)
  return useMemo(() => {
    const byId = new Map<number, AdminSite>()
    for (const s of [...all, ...sites]) byId.set(s.id, s)
    return [...byId.values()]
  }, [all, sites])
}
