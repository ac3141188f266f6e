import type { Role } from '../../../common/permissions'
import { holdsRole, roleOn, type Actor } from '../users/actor'

/** One review level: held by a role on the site, by named people, or both. */
export interface WorkflowLevel {
  name: string
  role: Extract<Role, 'admin' | 'reviewer'> | null
  userIds: number[]
}

export type WorkflowSource = 'column' | 'ancestor' | 'site' | 'none'

export interface EffectiveWorkflow {
  levels: WorkflowLevel[]
  source: WorkflowSource
  workflowId: number | null
}

export function parseLevels(json: string): WorkflowLevel[] {
  const raw = JSON.parse(json) as Partial<WorkflowLevel>[]
  return raw.map((l) => ({ name: l.name ?? '', role: l.role ?? null, userIds: l.userIds ?? [] }))
}

/**
 * May this person decide at this level? Named people may; so may holders of the level's role on
 * the site (a site admin — or cluster admin — holds an `admin` level; a `reviewer` level needs
 * the reviewer role itself, so review stays with the people appointed to it).
 */
export function canDecide(actor: Actor, level: WorkflowLevel, siteId: number): boolean {
  if (actor.id === null) return true
  if (level.userIds.includes(actor.id)) return true
  if (level.role === 'admin') return roleOn(actor, siteId) === 'admin'
  if (level.role === 'reviewer') return holdsRole(actor, siteId, 'reviewer')
  return false
}
