import { useEffect, useState } from 'react'
import { api } from '../../api'
import type { EffectiveWorkflow } from '../review/review-api'

const cache = new Map<number, Promise<EffectiveWorkflow>>()

/** The effective workflow of a column (cached for the page's life; dropped on failure). */
function effectiveWorkflow(columnId: number): Promise<EffectiveWorkflow> {
  const hit = cache.get(columnId)
  if (hit) return hit
  const p = api
    .get<{ data: EffectiveWorkflow }>(`/columns/${columnId}/workflow`)
    .then((r) => r.data)
  p.catch(() => cache.delete(columnId))
  cache.set(columnId, p)
  return p
}

/**
 * How many review levels publishing into `columnId` takes (0: none, publish directly). Falls
 * back to what the article reported while loading or when the column's workflow can't be read.
 */
export function useEffectiveLevels(columnId: number | undefined, fallback: number): number {
  const [levels, setLevels] = useState<{ columnId: number; count: number } | null>(null)
  useEffect(() => {
    if (!columnId) return
    let cancelled = false
    effectiveWorkflow(columnId)
      .then((w) => !cancelled && setLevels({ columnId, count: w.levels.length }))
      .catch(() => undefined)
    return () => {
      cancelled = true
    }
  }, [columnId])
  return levels && levels.columnId === columnId ? levels.count : fallback
}
