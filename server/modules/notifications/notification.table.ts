import type { Generated } from 'kysely'

export interface NotificationTable {
  id: Generated<number>
  user_id: number
  kind: string
  title: string
  body: Generated<string>
  entity: Generated<string>
  entity_id: number | null
  site_id: number | null
  read_at: string | null
  created_at: string
}
