import { forbidden } from '../../errors'
import { roleOn, type Actor } from '../users/actor'

export type ColumnAction = 'read' | 'manage'

/** Editors read a site's columns; site admins and cluster admins manage them. */
export function canColumn(actor: Actor, action: ColumnAction, siteId: number): boolean {
  const role = roleOn(actor, siteId)
  if (action === 'read') return role !== null
  return role === 'admin'
}

export function authorizeColumn(actor: Actor, action: ColumnAction, siteId: number): void {
  if (!canColumn(actor, action, siteId)) throw forbidden()
}
