import type { Actor } from '../users/actor'

/**
 * Who keeps 热点解答: cluster admins everywhere; the admins and editors of a unit's site for
 * the entries of that unit (reviewers and the public read published entries on the sites).
 */
export function questionScope(actor: Actor): 'all' | number[] {
  if (actor.isClusterAdmin) return 'all'
  return [
    ...new Set(
      actor.grants.filter((g) => g.role === 'admin' || g.role === 'editor').map((g) => g.siteId),
    ),
  ]
}

/** Whether the actor may read and write the entries of this unit. */
export function canKeep(actor: Actor, unitSiteId: number): boolean {
  const scope = questionScope(actor)
  return scope === 'all' || scope.includes(unitSiteId)
}
