import { sql } from 'kysely'
import type { SearchQueryStat, SearchType } from '../../../common/search'
import { formatDate } from '../../../common/time'
import type { Deps } from '../../core-deps'
import { postgresProvider } from './provider-postgres'
import { sqliteProvider } from './provider-sqlite'
import { idRangeOfDays, SearchIndexer } from './search.indexer'
import type { EngineFilters, SearchProvider } from './search.provider'
import type { SourceDoc } from './search.sources'
import { highlightText, maskQuery, snippetOf } from './search.text'
import { MAX_QUERY_CHARS, parseQuery } from './tokenizer'

export interface SearchInput {
  q: string
  siteIds?: number[]
  types?: SearchType[]
  columnIds?: number[]
  /** YYYY-MM-DD, Beijing days, inclusive. */
  from?: string
  to?: string
  sort?: 'relevance' | 'date'
  page?: number
  pageSize?: number
  /** The site the search was made from: its statistics count this query. */
  statsSiteId?: number
}

/** A result: where the document is (as indexed) and its highlighted title and snippet. */
export interface SearchHit extends Omit<SourceDoc, 'key' | 'body'> {
  /** The search_doc id. */
  id: number
  titleHtml: string
  snippet: string
  snippetHtml: string
}

export interface SearchOutput {
  hits: SearchHit[]
  total: number
  page: number
  pageSize: number
  /** The normalised terms searched for (ANDed). */
  terms: string[]
  /** Why nothing was searched, or what was changed in the query (Chinese, for people). */
  notice: string | null
}

export const MAX_PAGE_SIZE = 50
export const MAX_PAGE = 500
const STATS_FLUSH_MS = 10_000

/** Cluster search: queries over the provider, snippets, suggestions and query statistics. */
export class SearchService {
  readonly provider: SearchProvider
  readonly indexer: SearchIndexer
  private stats = new Map<string, { searches: number; zero: number }>()
  private statsTimer: NodeJS.Timeout | null = null

  constructor(private readonly deps: Deps) {
    this.provider = deps.dialect === 'postgres' ? postgresProvider : sqliteProvider
    this.indexer = new SearchIndexer(deps, this.provider)
  }

  start(): void {
    this.indexer.start()
    this.statsTimer = setInterval(() => void this.flushStats(), STATS_FLUSH_MS)
    this.statsTimer.unref()
  }

  async stop(): Promise<void> {
    if (this.statsTimer) clearInterval(this.statsTimer)
    this.statsTimer = null
    await this.indexer.stop()
    await this.flushStats()
  }

  /** Indexes everything changed so far (tests and the CLI; the server does it by itself). */
  refresh(): Promise<void> {
    return this.indexer.refresh()
  }

  async search(input: SearchInput): Promise<SearchOutput> {
    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(input.pageSize ?? 10)))
    const page = Math.min(MAX_PAGE, Math.max(1, Math.floor(input.page ?? 1)))
    const raw = input.q ?? ''
    const terms = parseQuery(raw)
    const empty = (notice: string | null): SearchOutput => ({
      hits: [],
      total: 0,
      page,
      pageSize,
      terms: terms.map((t) => t.text),
      notice,
    })
    if (terms.length === 0)
      return empty(raw.trim() ? '搜索词中没有可搜索的文字，请换个说法' : '请输入搜索词')
    const filters = this.filters(input)
    if (!filters) return empty(null)
    const result = await this.provider.query(this.deps.db, {
      terms,
      filters,
      sort: input.sort === 'date' ? 'date' : 'relevance',
      offset: (page - 1) * pageSize,
      limit: pageSize,
    })
    const hits = await this.hitsOf(
      result.ids,
      terms.map((t) => t.text),
    )
    if (input.statsSiteId != null && page === 1)
      this.count(input.statsSiteId, terms.map((t) => t.text).join(' '), result.total)
    const cut =
      Array.from(raw).length > MAX_QUERY_CHARS * 2 ||
      terms.some((t) => Array.from(t.text).length >= MAX_QUERY_CHARS)
    return {
      hits,
      total: result.total,
      page,
      pageSize,
      terms: terms.map((t) => t.text),
      notice: cut ? `搜索词过长，只按前 ${MAX_QUERY_CHARS} 个字搜索` : null,
    }
  }

  /** Titles of the newest documents whose title contains what was typed (suggestions). */
  async suggest(q: string, siteIds?: number[], limit = 8): Promise<SearchHit[]> {
    const terms = parseQuery(q)
    if (terms.length === 0) return []
    const filters = this.filters({ q, siteIds })
    if (!filters) return []
    const ids = await this.provider.titles(this.deps.db, terms, filters, Math.min(20, limit))
    return this.hitsOf(
      ids,
      terms.map((t) => t.text),
      false,
    )
  }

  /** The most frequent queries of a site, or those that found nothing, over a range of days. */
  async topQueries(
    siteId: number | null,
    range: { from: string; to: string },
    opts: { zeroOnly?: boolean; limit?: number } = {},
  ): Promise<SearchQueryStat[]> {
    await this.flushStats()
    let q = this.deps.db
      .selectFrom('search_query_daily')
      .select([
        'query',
        (eb) => eb.fn.sum<number>('searches').as('searches'),
        (eb) => eb.fn.sum<number>('zero_hits').as('zero'),
      ])
      .where('day', '>=', range.from)
      .where('day', '<=', range.to)
      .groupBy('query')
    if (siteId != null) q = q.where('site_id', '=', siteId)
    if (opts.zeroOnly) q = q.having((eb) => eb.fn.sum('zero_hits'), '>', 0)
    const rows = await q
      .orderBy(sql`sum(${sql.ref(opts.zeroOnly ? 'zero_hits' : 'searches')})`, 'desc')
      .orderBy('query')
      .limit(Math.min(1000, opts.limit ?? 100))
      .execute()
    return rows.map((r) => ({
      query: r.query,
      searches: Number(r.searches),
      zeroHits: Number(r.zero),
    }))
  }

  private filters(input: SearchInput): EngineFilters | null {
    const f: EngineFilters = { ...idRangeOfDays(input.from, input.to) }
    if (input.siteIds) {
      if (input.siteIds.length === 0) return null
      f.siteIds = input.siteIds
    }
    if (input.types?.length) f.types = input.types
    if (input.columnIds) {
      if (input.columnIds.length === 0) return null
      f.columnIds = input.columnIds
    }
    return f
  }

  private async hitsOf(ids: number[], terms: string[], withSnippet = true): Promise<SearchHit[]> {
    if (ids.length === 0) return []
    const rows = await this.deps.db
      .selectFrom('search_doc')
      .select([
        'id',
        'type',
        'ref_id',
        'site_id',
        'column_id',
        'slug',
        'link_url',
        'title',
        'published_at',
        ...(withSnippet ? (['body'] as const) : []),
      ])
      .where('id', 'in', ids)
      .execute()
    const byId = new Map(rows.map((r) => [Number(r.id), r]))
    const hits: SearchHit[] = []
    for (const id of ids) {
      const r = byId.get(id)
      if (!r) continue
      const snippet = withSnippet ? snippetOf((r as { body?: string }).body ?? '', terms) : ''
      hits.push({
        id,
        type: r.type as SearchType,
        refId: r.ref_id,
        siteId: r.site_id,
        columnId: r.column_id,
        slug: r.slug,
        linkUrl: r.link_url,
        title: r.title,
        titleHtml: highlightText(r.title, terms),
        snippet,
        snippetHtml: highlightText(snippet, terms),
        publishedAt: r.published_at,
      })
    }
    return hits
  }

  private count(siteId: number, query: string, total: number): void {
    const key = `${siteId}\u0000${formatDate(new Date())}\u0000${maskQuery(query).slice(0, 100)}`
    const s = this.stats.get(key) ?? { searches: 0, zero: 0 }
    s.searches++
    if (total === 0) s.zero++
    this.stats.set(key, s)
  }

  async flushStats(): Promise<void> {
    if (this.stats.size === 0) return
    const batch = this.stats
    this.stats = new Map()
    try {
      await this.deps.db.transaction().execute(async (trx) => {
        for (const [key, s] of batch) {
          const [site, day, query] = key.split('\u0000') as [string, string, string]
          await trx
            .insertInto('search_query_daily')
            .values({ site_id: Number(site), day, query, searches: s.searches, zero_hits: s.zero })
            .onConflict((oc) =>
              oc.columns(['site_id', 'day', 'query']).doUpdateSet({
                searches: sql`search_query_daily.searches + ${s.searches}`,
                zero_hits: sql`search_query_daily.zero_hits + ${s.zero}`,
              }),
            )
            .execute()
        }
      })
    } catch (e) {
      for (const [key, s] of batch) {
        const cur = this.stats.get(key) ?? { searches: 0, zero: 0 }
        this.stats.set(key, { searches: cur.searches + s.searches, zero: cur.zero + s.zero })
      }
      this.deps.logger.error({ err: e }, 'search statistics flush failed')
    }
  }
}
