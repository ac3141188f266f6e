import type { Role } from '../../../common/permissions'

/** Who is acting: a signed-in user, or the system (CLI, jobs, seed). */
export interface Actor {
  id: number | null
  username: string
  displayName: string
  isClusterAdmin: boolean
  /** Site-scoped grants; cluster-wide grants are folded into `isClusterAdmin`. */
  grants: ReadonlyArray<{ siteId: number; role: Role }>
}

/** Passed to every service call: the actor and where the request came from (for audit). */
export interface RequestContext {
  actor: Actor
  ip: string
}

export const systemActor = (name = 'system'): Actor => ({
  id: null,
  username: name,
  displayName: '系统',
  isClusterAdmin: true,
  grants: [],
})

export const systemContext = (name = 'system'): RequestContext => ({
  actor: systemActor(name),
  ip: '',
})

/** The strongest role on a site: admin, then editor (may write), then reviewer (reads, reviews). */
export function roleOn(actor: Actor, siteId: number): Role | null {
  if (actor.isClusterAdmin) return 'admin'
  let best: Role | null = null
  for (const g of actor.grants) {
    if (g.siteId !== siteId) continue
    if (g.role === 'admin') return 'admin'
    if (g.role === 'editor' || best === null) best = g.role
  }
  return best
}

/** Whether the actor holds this exact role on the site (a user may hold editor and reviewer). */
export function holdsRole(actor: Actor, siteId: number, role: Role): boolean {
  return actor.grants.some((g) => g.siteId === siteId && g.role === role)
}

/** Site ids the actor may work on, or 'all' for a cluster admin. */
export function siteScope(actor: Actor): 'all' | number[] {
  return actor.isClusterAdmin ? 'all' : [...new Set(actor.grants.map((g) => g.siteId))]
}
