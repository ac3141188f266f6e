import type { Generated } from 'kysely'

export interface ServiceItemTable {
  id: Generated<number>
  code: string
  name: string
  unit_site_id: number
  kind: string
  audience: string
  basis: Generated<string>
  conditions: Generated<string>
  location: Generated<string>
  hours: Generated<string>
  phone: Generated<string>
  process: Generated<string>
  fee_free: Generated<number>
  fee_standard: Generated<string>
  fee_basis: Generated<string>
  legal_limit: Generated<string>
  promised_limit: Generated<string>
  online_url: Generated<string>
  faq: Generated<string>
  missing: Generated<string>
  missing_count: Generated<number>
  enabled: Generated<number>
  sort: Generated<number>
  created_by: number | null
  updated_by: number | null
  created_at: string
  updated_at: string
}

export interface ServiceItemThemeTable {
  item_id: number
  theme: string
}

export interface ServiceMaterialTable {
  id: Generated<number>
  item_id: number
  sort: Generated<number>
  name: string
  required: Generated<number>
  copies: Generated<string>
  notes: Generated<string>
  template_file_id: number | null
  template_url: Generated<string>
  template_type: Generated<string>
  sample_file_id: number | null
  sample_url: Generated<string>
  sample_type: Generated<string>
}

export interface ServiceCheckRunTable {
  id: Generated<number>
  scope: string | null
  status: string
  done: Generated<number>
  total: Generated<number>
  report: Generated<string>
  error: Generated<string>
  started_by: number | null
  started_at: string
  finished_at: string | null
}

/** The tables of this module, as Kysely sees them (merged into `DB` in server/db/schema.ts). */
export interface ServiceTables {
  service_item: ServiceItemTable
  service_item_theme: ServiceItemThemeTable
  service_material: ServiceMaterialTable
  service_check_run: ServiceCheckRunTable
}
