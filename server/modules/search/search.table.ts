import type { Generated } from 'kysely'

export interface SearchDocTable {
  id: number
  doc_key: string
  type: string
  ref_id: number
  site_id: number
  column_id: number | null
  slug: Generated<string>
  link_url: Generated<string>
  title: string
  body: Generated<string>
  title_norm: Generated<string>
  body_norm: Generated<string>
  published_at: string
  indexed_at: string
}

export interface SearchDirtyTable {
  id: Generated<number>
  kind: string
  ref_id: number
}

export interface SearchQueryDailyTable {
  site_id: number
  day: string
  query: string
  searches: Generated<number>
  zero_hits: Generated<number>
}

export interface SearchTables {
  search_doc: SearchDocTable
  search_dirty: SearchDirtyTable
  search_query_daily: SearchQueryDailyTable
}
