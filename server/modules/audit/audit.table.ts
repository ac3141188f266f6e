import type { Generated } from 'kysely'

export interface AuditEventTable {
  id: Generated<number>
  at: string
  actor_id: number | null
  actor_name: Generated<string>
  ip: Generated<string>
  action: string
  entity: string
  entity_id: Generated<string>
  site_id: number | null
  diff: Generated<string>
}
