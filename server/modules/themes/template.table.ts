import type { Generated } from 'kysely'

export interface ThemeTemplateTable {
  id: Generated<number>
  site_id: number
  name: string
  source: string
  updated_by: number | null
  updated_at: string
}
