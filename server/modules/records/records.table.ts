import type { Generated } from 'kysely'

export interface RecordsSetTable {
  id: Generated<number>
  code: string
  name: string
  kind: string
  site_id: number | null
  unit_name: Generated<string>
  second_factor: string
  mobile_digits: Generated<number>
  adapter: Generated<string>
  description: Generated<string>
  enabled: Generated<number>
  sort: Generated<number>
  current_version_id: number | null
  created_at: string
  updated_at: string
}

export interface RecordsVersionTable {
  id: Generated<number>
  set_id: number
  state: string
  file_name: Generated<string>
  people: Generated<number>
  lines: Generated<number>
  uploaded_by: Generated<string>
  created_at: string
  activated_at: string | null
}

export interface RecordsPersonTable {
  version_id: number
  id_hash: string
  name: string
  secret_hash: string
  rows: string
}

export interface RecordsQueryTable {
  id: Generated<number>
  at: string
  set_id: number
  id_hash: string
  ip: Generated<string>
  outcome: string
  row_count: Generated<number>
}

export interface RecordsAttemptTable {
  id_hash: string
  failures: Generated<number>
  locked_until: string | null
  updated_at: string
}

/** The tables of this module, as Kysely sees them (merged into `DB` in server/db/schema.ts). */
export interface RecordsTables {
  records_set: RecordsSetTable
  records_version: RecordsVersionTable
  records_person: RecordsPersonTable
  records_query: RecordsQueryTable
  records_attempt: RecordsAttemptTable
}
