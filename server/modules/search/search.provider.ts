import type { Db, Executor } from '../../db/database'
import { parseQuery, type QueryTerm, type Tokens } from './tokenizer'

/** A document as the engine indexes it (search_doc row already written). */
export interface EngineDoc {
  id: number
  siteId: number
  type: string
  columnId: number | null
  title: Tokens
  body: Tokens
}

export interface EngineFilters {
  siteIds?: number[]
  types?: string[]
  columnIds?: number[]
  /** search_doc id range (ids sort by publication time). */
  fromId?: number
  toId?: number
}

export interface EngineQuery {
  terms: QueryTerm[]
  filters: EngineFilters
  sort: 'relevance' | 'date'
  offset: number
  limit: number
}

export interface EngineResult {
  /** search_doc ids of the page, in order. */
  ids: number[]
  total: number
}

/**
 * A search engine over `search_doc`. Both implementations take the same tokens (tokenizer.ts),
 * find exactly the documents containing every term as a substring, and order them the same way:
 * title matches above body matches (within each, documents containing the whole query as
 * typed come first), BM25 within a tier, newest first on ties. When a tier holds more than
 * RANK_WINDOW documents, its RANK_WINDOW newest are ranked and the older ones follow newest
 * first — ranking every one of 100,000 hits for 政府 would cost more than it tells.
 */
export interface SearchProvider {
  readonly name: 'sqlite-fts5' | 'postgres'
  /** Engine columns of the search_doc row (PostgreSQL: the tsvector). */
  columns(doc: EngineDoc): Record<string, unknown>
  /** Writes the engine's index of documents whose search_doc rows were just inserted. */
  write(trx: Executor, docs: EngineDoc[]): Promise<void>
  remove(trx: Executor, ids: number[]): Promise<void>
  query(db: Executor, q: EngineQuery): Promise<EngineResult>
  /** Ids of the newest documents whose title contains every term (suggestions as you type). */
  titles(db: Executor, terms: QueryTerm[], filters: EngineFilters, limit: number): Promise<number[]>
  /** Bytes the engine's index takes, if the database can tell. */
  size(db: Executor): Promise<number | null>
  /** Bulk mode (large queues): defer the engine's background merging until it ends. */
  bulk(db: Db, on: boolean): Promise<void>
  /** Compacts the index after a rebuild. */
  optimize(db: Executor): Promise<void>
}

export const RANK_WINDOW = 1000

/** A tier of the relevance order: which terms must be in the title, which phrase anywhere. */
export interface Tier {
  /** Terms all required somewhere (title or body). */
  all: QueryTerm[]
  /** Terms required in the title. */
  inTitle: QueryTerm[]
  /** Terms required anywhere (the whole query as one phrase). */
  phrase: QueryTerm[]
  /** Tiers excluded (already listed above). */
  not: { inTitle: QueryTerm[]; phrase: QueryTerm[] }[]
}

/**
 * The disjoint tiers of the relevance order. One term: title, then body. Several terms:
 * the whole query as one phrase in the title, all terms in the title, the phrase anywhere, the rest.
 */
export function tiersOf(terms: QueryTerm[]): Tier[] {
  if (terms.length === 1) {
    return [
      { all: terms, inTitle: terms, phrase: [], not: [] },
      { all: terms, inTitle: [], phrase: [], not: [{ inTitle: terms, phrase: [] }] },
    ]
  }
  const whole = parseQuery(terms.map((t) => t.text).join(''))
  return [
    { all: terms, inTitle: whole, phrase: [], not: [] },
    { all: terms, inTitle: terms, phrase: [], not: [{ inTitle: whole, phrase: [] }] },
    { all: terms, inTitle: [], phrase: whole, not: [{ inTitle: terms, phrase: [] }] },
    {
      all: terms,
      inTitle: [],
      phrase: [],
      not: [
        { inTitle: terms, phrase: [] },
        { inTitle: [], phrase: whole },
      ],
    },
  ]
}

/** Walks the tiers to fill one page: `fetch(tier, offset, limit)` returns ids in tier order. */
export async function pageAcrossTiers(
  counts: number[],
  offset: number,
  limit: number,
  fetch: (tier: number, offset: number, limit: number) => Promise<number[]>,
): Promise<number[]> {
  const ids: number[] = []
  let skip = offset
  for (let i = 0; i < counts.length && ids.length < limit; i++) {
    const n = counts[i]!
    if (skip >= n) {
      skip -= n
      continue
    }
    ids.push(...(await fetch(i, skip, limit - ids.length)))
    skip = 0
  }
  return ids
}

/**
 * One tier's page: the RANK_WINDOW newest ranked (`ranked(fromId, offset, limit)`), the rest
 * newest first (`newest(belowId, offset, limit)`); `nth(n)` is the id of the n-th newest (0-based).
 */
export async function windowedPage(
  count: number,
  offset: number,
  limit: number,
  ops: {
    nth: (n: number) => Promise<number | null>
    ranked: (fromId: number | null, offset: number, limit: number) => Promise<number[]>
    newest: (belowId: number, offset: number, limit: number) => Promise<number[]>
  },
): Promise<number[]> {
  if (count <= RANK_WINDOW) return ops.ranked(null, offset, limit)
  const edge = await ops.nth(RANK_WINDOW - 1)
  if (edge == null) return ops.ranked(null, offset, limit)
  const ids: number[] = []
  if (offset < RANK_WINDOW)
    ids.push(...(await ops.ranked(edge, offset, Math.min(limit, RANK_WINDOW - offset))))
  if (ids.length < limit) {
    ids.push(...(await ops.newest(edge, Math.max(0, offset - RANK_WINDOW), limit - ids.length)))
  }
  return ids
}
