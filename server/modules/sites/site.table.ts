import type { Generated } from 'kysely'

export interface SiteTable {
  id: Generated<number>
  code: string
  name: string
  short_name: Generated<string>
  kind: string
  parent_id: number | null
  base_path: Generated<string>
  grouping: Generated<string>
  is_default: Generated<number>
  site_id_code: Generated<string>
  sponsor: Generated<string>
  organizer: Generated<string>
  icp: Generated<string>
  psb: Generated<string>
  contact_phone: Generated<string>
  contact_email: Generated<string>
  contact_address: Generated<string>
  responsible: Generated<string>
  description: Generated<string>
  keywords: Generated<string>
  theme: Generated<string>
  status: Generated<string>
  closed_notice: Generated<string>
  closed_at: string | null
  sort: Generated<number>
  created_at: string
  updated_at: string
}

export interface SiteHostTable {
  id: Generated<number>
  site_id: number
  host: string
}
