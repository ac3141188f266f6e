import type { AcceptMode, SharingPolicy } from '../../../../common/cluster'

export type SharingBody = Omit<SharingPolicy, 'siteId' | 'updatedAt'>

/**
 * What PUT /sites/:id/sharing receives: source lists only when the mode is `listed` (a stale
 * list would otherwise come back to life when the mode is switched again), the own site never
 * a source, ids deduplicated.
 */
export function toSharingBody(siteId: number, v: SharingBody): SharingBody {
  const sources = (mode: AcceptMode, list: number[]) =>
    mode === 'listed' ? [...new Set(list)].filter((id) => id !== siteId) : []
  return {
    submissions: v.submissions,
    submissionSources: sources(v.submissions, v.submissionSources),
    submissionColumns: [...new Set(v.submissionColumns)],
    pushes: v.pushes,
    pushSources: sources(v.pushes, v.pushSources),
    pushReview: v.pushReview,
  }
}
