/** Searchable document types, in the order the filters list them. */
export const SEARCH_TYPES = ['article', 'service', 'question', 'letter', 'dataset'] as const
export type SearchType = (typeof SEARCH_TYPES)[number]

export const SEARCH_TYPE_LABELS: Record<SearchType, string> = {
  article: '信息',
  service: '办事指南',
  question: '热点问答',
  letter: '公开来信',
  dataset: '便民查询',
}

export const isSearchType = (v: unknown): v is SearchType =>
  typeof v === 'string' && (SEARCH_TYPES as readonly string[]).includes(v)

/** One row of the per-site query statistics (admin 搜索统计). */
export interface SearchQueryStat {
  query: string
  searches: number
  zeroHits: number
}

/** 索引状态 (admin): the engine, documents by type, the queue and the index size in bytes. */
export interface IndexStatus {
  engine: string
  documents: number
  byType: Record<SearchType, number>
  pending: number
  indexBytes: number | null
}
