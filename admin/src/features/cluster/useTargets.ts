import { useEffect, useState } from 'react'
import { ApiError } from '../../api'
import { clusterApi, type SharingTarget } from './cluster-api'

/** The sites (and columns) that accept submissions or pushes from `sourceSiteId`, loaded when open. */
export function useTargets(kind: 'submissions' | 'pushes', sourceSiteId: number, open: boolean) {
  const [targets, setTargets] = useState<SharingTarget[]>([])
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (!open) return
    let live = true
    setLoading(true)
    setError(null)
    clusterApi
      .targets(kind, sourceSiteId)
      .then((t) => live && setTargets(t))
      .catch((e: unknown) => {
        if (live) setError(e instanceof ApiError ? e.message : '可选站点加载失败')
      })
      .finally(() => live && setLoading(false))
    return () => {
      live = false
    }
  }, [kind, sourceSiteId, open])
  return { targets, loading, error }
}
