import type { SharingTarget } from './cluster-api'

export interface TargetNode {
  value: string | number
  title: string
  /** Site nodes only group their columns: picking one picks all of them (tree checkable). */
  selectable?: boolean
  children?: TargetNode[]
}

const siteKey = (siteId: number) => `site:${siteId}`

/**
 * Sites that accept the article as a tree of site → columns for a checkable TreeSelect; sites
 * without any open column are left out (nothing could be chosen there).
 */
export function targetTree(targets: SharingTarget[], excludeSiteId?: number): TargetNode[] {
  return targets
    .filter((t) => t.siteId !== excludeSiteId && t.columns.length > 0)
    .map((t) => ({
      value: siteKey(t.siteId),
      title: t.siteName,
      selectable: false,
      children: t.columns.map((c) => ({ value: c.id, title: `${t.siteName} · ${c.name}` })),
    }))
}

/** The column ids among TreeSelect values (site group keys dropped, duplicates removed). */
export function chosenColumnIds(values: readonly (string | number)[]): number[] {
  return [...new Set(values.filter((v): v is number => typeof v === 'number'))]
}

/** "门户网站：要闻动态、政务公开" per site, for confirming what is about to be sent. */
export function describeTargets(targets: SharingTarget[], columnIds: number[]): string[] {
  const chosen = new Set(columnIds)
  return targets
    .map((t) => ({ t, cols: t.columns.filter((c) => chosen.has(c.id)) }))
    .filter((x) => x.cols.length > 0)
    .map((x) => `${x.t.siteName}：${x.cols.map((c) => c.name).join('、')}`)
}
