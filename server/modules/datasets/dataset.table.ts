import type { Generated } from 'kysely'

export interface DatasetTable {
  id: Generated<number>
  site_id: number | null
  code: string
  name: string
  description: Generated<string>
  owner_unit: Generated<string>
  /** JSON array of `DatasetField`. */
  fields: string
  order_field: Generated<string>
  order_desc: Generated<number>
  sort: Generated<number>
  is_public: Generated<number>
  row_count: Generated<number>
  created_at: string
  updated_at: string
}

export interface DatasetRowTable {
  id: Generated<number>
  dataset_id: number
  /** JSON object: field key → normalised value (always a string). */
  data: string
  search_text: Generated<string>
  sort_key: Generated<string>
  created_at: string
  updated_at: string
}

export interface DatasetFacetTable {
  row_id: number
  dataset_id: number
  field: string
  value: string
  num: number | null
}

/** The tables of this module, as Kysely sees them (merged into `DB` in server/db/schema.ts). */
export interface DatasetTables {
  dataset: DatasetTable
  dataset_row: DatasetRowTable
  dataset_facet: DatasetFacetTable
}
