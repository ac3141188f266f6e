import type { Actor } from '../users/actor'
import { adminSites } from '../users/user.policy'
import type { RecordsSet } from './records.repository'

/**
 * Records sets hold personal data: only cluster admins and the admins of the responsible
 * unit's site see or change them (editors and reviewers do not).
 */
export type RecordsAction = 'read' | 'manage'

export function scope(actor: Actor): 'all' | number[] {
  return adminSites(actor)
}

export function can(
  actor: Actor,
  _action: RecordsAction,
  set: Pick<RecordsSet, 'siteId'>,
): boolean {
  const sites = scope(actor)
  if (sites === 'all') return true
  return set.siteId !== null && sites.includes(set.siteId)
}

/** Sets without a site are cluster-wide: only a cluster admin makes them. */
export function canCreate(actor: Actor, siteId: number | null): boolean {
  const sites = scope(actor)
  return sites === 'all' || (siteId !== null && sites.includes(siteId))
}
