import type { Generated } from 'kysely'

export interface ColumnTable {
  id: Generated<number>
  site_id: number
  parent_id: number | null
  slug: string
  path: string
  name: string
  type: Generated<string>
  update_class: Generated<string>
  sort: Generated<number>
  visible: Generated<number>
  home_block: Generated<number>
  description: Generated<string>
  keywords: Generated<string>
  link_url: Generated<string>
  settings: Generated<string>
  created_at: string
  updated_at: string
}
