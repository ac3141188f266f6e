import { forbidden } from '../../errors'
import { roleOn, type Actor } from './actor'
import type { Grant } from './user.repository'

/** Sites on which the actor is an admin (cluster admins: every site). */
export function adminSites(actor: Actor): 'all' | number[] {
  if (actor.isClusterAdmin) return 'all'
  return actor.grants.filter((g) => g.role === 'admin').map((g) => g.siteId)
}

/** May the actor give or take away these grants? Cluster-wide grants need a cluster admin. */
export function canGrant(actor: Actor, grants: { siteId: number | null }[]): boolean {
  if (actor.isClusterAdmin) return true
  return grants.every((g) => g.siteId !== null && roleOn(actor, g.siteId) === 'admin')
}

/** May the actor manage (edit, disable, reset) this user? Only if every grant is within its reach. */
export function canManageUser(actor: Actor, target: { id: number; grants: Grant[] }): boolean {
  if (actor.isClusterAdmin) return true
  if (target.id === actor.id) return false
  if (target.grants.length === 0) return false
  return canGrant(actor, target.grants)
}

export function authorizeUserAdmin(actor: Actor): void {
  if (!actor.isClusterAdmin && !actor.grants.some((g) => g.role === 'admin')) throw forbidden()
}
