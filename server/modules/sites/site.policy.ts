import { forbidden } from '../../errors'
import { roleOn, type Actor } from '../users/actor'
import type { Site } from './site.repository'

export type SiteAction = 'create' | 'read' | 'update' | 'updateStructure' | 'changeStatus'

/** Cluster admins manage the cluster's structure; a site admin edits its own site's details. */
export function canSite(actor: Actor, action: SiteAction, site?: Site): boolean {
  if (actor.isClusterAdmin) return true
  if (!site) return false
  const role = roleOn(actor, site.id)
  switch (action) {
    case 'read':
      return role !== null
    case 'update':
      return role === 'admin'
    default:
      return false
  }
}

export function authorizeSite(actor: Actor, action: SiteAction, site?: Site): void {
  if (!canSite(actor, action, site)) throw forbidden()
}
