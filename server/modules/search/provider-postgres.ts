import { sql, type RawBuilder } from 'kysely'
import type { Executor } from '../../db/database'
import {
  pageAcrossTiers,
  tiersOf,
  type EngineFilters,
  type EngineQuery,
  type EngineResult,
  type SearchProvider,
  type Tier,
} from './search.provider'
import type { QueryTerm, Tokens } from './tokenizer'

/**
 * PostgreSQL (core only: tsvector + GIN). `search_doc.tsv` holds the same tokens as the SQLite
 * index — bigrams with positions (title ones weighted A, for ranking) and characters. A query
 * asks the GIN index for documents holding every token of every term (exact for terms of one
 * or two characters); longer terms are then confirmed as substrings of the normalised title or
 * body (`strpos`), which keeps recall exact for documents of any length (tsvector positions
 * stop at 16,383). Ranking is `ts_rank` over the tiers' RANK_WINDOW newest documents.
 */

const MAX_POS = 16383
/** PostgreSQL ranks fewer documents per tier: each one costs reading its tsvector. */
export const PG_RANK_WINDOW = 300
const MAX_POSITIONS_PER_LEXEME = 256

const lexeme = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`

/** The tsvector literal of a document. */
export function tsvectorText(title: Tokens, body: Tokens): string {
  const positions = new Map<string, string[]>()
  let pos = 1
  const add = (tokens: string, weight: string) => {
    for (const t of tokens ? tokens.split(' ') : []) {
      let list = positions.get(t)
      if (!list) positions.set(t, (list = []))
      if (pos <= MAX_POS && list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${pos}${weight}`)
      pos++
    }
    pos++
  }
  add(title.bigrams, 'A')
  add(body.bigrams, '')
  const parts: string[] = []
  for (const [t, list] of positions)
    parts.push(list.length ? `${lexeme(t)}:${list.join(',')}` : lexeme(t))
  const seen = new Set(positions.keys())
  for (const t of `${title.unigrams} ${body.unigrams}`.split(' ')) {
    if (t && !seen.has(t)) {
      seen.add(t)
      parts.push(lexeme(t))
    }
  }
  return parts.join(' ')
}

/** Every token of every term, ANDed: what the GIN index answers. */
function tsqueryText(terms: QueryTerm[]): string {
  const tokens = new Set(terms.flatMap((t) => t.tokens))
  return [...tokens].map(lexeme).join(' & ')
}

const inTitle = (t: QueryTerm) => sql`strpos(title_norm, ${t.text}) > 0`
const anywhere = (t: QueryTerm) =>
  t.tokens.length <= 1
    ? sql`true`
    : sql`(strpos(title_norm, ${t.text}) > 0 or strpos(body_norm, ${t.text}) > 0)`

const andAll = (parts: RawBuilder<unknown>[]) =>
  parts.length ? sql.join(parts, sql` and `) : sql`true`

function tierCondition(tier: Tier): RawBuilder<unknown> {
  const must = andAll([...tier.inTitle.map(inTitle), ...tier.phrase.map(anywhere)])
  const nots = tier.not.map(
    (n) => sql`not (${andAll([...n.inTitle.map(inTitle), ...n.phrase.map(anywhere)])})`,
  )
  return andAll([must, ...nots])
}

function whereOf(terms: QueryTerm[], f: EngineFilters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`tsv @@ ${tsqueryText(terms)}::tsquery`]
  for (const t of terms) if (t.tokens.length > 1) parts.push(anywhere(t))
  if (f.siteIds) parts.push(sql`site_id in (${sql.join(f.siteIds)})`)
  if (f.types) parts.push(sql`type in (${sql.join(f.types)})`)
  if (f.columnIds) parts.push(sql`column_id in (${sql.join(f.columnIds)})`)
  if (f.fromId != null) parts.push(sql`id >= ${f.fromId}`)
  if (f.toId != null) parts.push(sql`id <= ${f.toId}`)
  return andAll(parts)
}

async function idList(db: Executor, q: RawBuilder<{ id: string | number }>): Promise<number[]> {
  return (await q.execute(db)).rows.map((r) => Number(r.id))
}

async function queryIn(db: Executor, q: EngineQuery): Promise<EngineResult> {
  const where = whereOf(q.terms, q.filters)
  const tsq = tsqueryText(q.terms)
  if (q.sort === 'date') {
    const total = Number(
      (await sql<{ n: string }>`select count(*) as n from search_doc where ${where}`.execute(db))
        .rows[0]?.n ?? 0,
    )
    const page = await idList(
      db,
      sql<{
        id: string
      }>`select id from search_doc where ${where} order by id desc limit ${q.limit} offset ${q.offset}`,
    )
    return { ids: page, total }
  }
  const tiers = tiersOf(q.terms)
  const tierCase = sql.join(
    tiers.map((t, i) => sql`when ${tierCondition(t)} then ${sql.lit(i)}`),
    sql` `,
  )
  const matches = sql`select id, case ${tierCase} else ${sql.lit(tiers.length)} end as tier from search_doc where ${where}`
  // One pass over the matches: each tier's count and its PG_RANK_WINDOW newest ids.
  const tierRows = (
    await sql<{
      tier: number
      n: string
      newest: (string | number)[]
    }>`select tier, count(*) as n, (array_agg(id order by id desc))[1:${sql.lit(PG_RANK_WINDOW)}] as newest from (${matches}) m group by tier`.execute(
      db,
    )
  ).rows
  const byTier = tiers.map((_, i) => tierRows.find((r) => Number(r.tier) === i))
  const counts = byTier.map((r) => Number(r?.n ?? 0))
  const total = counts.reduce((a, b) => a + b, 0)
  const page = await pageAcrossTiers(counts, q.offset, q.limit, async (i, offset, limit) => {
    const newest = (byTier[i]?.newest ?? []).map(Number)
    const ids: number[] = []
    if (offset < newest.length) {
      // The window ranked by ts_rank: only these tsvectors are read.
      ids.push(
        ...(await idList(
          db,
          sql<{
            id: string
          }>`select id from search_doc where id = any(${newest}::bigint[]) order by ts_rank(tsv, ${tsq}::tsquery) desc, id desc limit ${Math.min(limit, newest.length - offset)} offset ${offset}`,
        )),
      )
    }
    const edge = newest[newest.length - 1]
    if (ids.length < limit && counts[i]! > newest.length && edge != null) {
      // Older than the window: newest first.
      ids.push(
        ...(await idList(
          db,
          sql<{
            id: string
          }>`select id from (${matches}) m where tier = ${sql.lit(i)} and id < ${edge} order by id desc limit ${limit - ids.length} offset ${Math.max(0, offset - newest.length)}`,
        )),
      )
    }
    return ids
  })
  return { ids: page, total }
}

export const postgresProvider: SearchProvider = {
  name: 'postgres',

  columns: (d) => ({ tsv: sql`${tsvectorText(d.title, d.body)}::tsvector` }),

  async write() {
    // The tsvector went in with the search_doc row (columns()).
  },

  async bulk(db, on) {
    if (on) {
      // A first build (empty index) loads faster without the GIN index; it is rebuilt at the end.
      // Searches keep working meanwhile (without the index), so only an empty index is dropped.
      const r = await sql<{ n: string }>`select count(*) as n from search_doc`.execute(db)
      if (Number(r.rows[0]?.n ?? 0) < 1000)
        await sql`drop index if exists search_doc_tsv_idx`.execute(db)
      return
    }
    await db.transaction().execute(async (trx) => {
      await sql`set local maintenance_work_mem = '256MB'`.execute(trx)
      await sql`create index if not exists search_doc_tsv_idx on search_doc using gin (tsv)`.execute(
        trx,
      )
    })
  },

  async remove() {
    // The tsvector lives in the search_doc row the indexer deletes or rewrites.
  },

  async query(db, q) {
    // The planner prefers a sequential scan for common tokens (most rows match) and then reads
    // every tsvector; the GIN bitmap is ~6× faster there. Scoped to this query's transaction.
    if (db.isTransaction) return queryIn(db, q)
    return db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx)
      return queryIn(trx, q)
    })
  },

  async titles(db, terms, filters, limit) {
    const where = whereOf(terms, filters)
    return idList(
      db,
      sql<{
        id: string
      }>`select id from search_doc where ${where} and ${andAll(terms.map(inTitle))} order by id desc limit ${limit}`,
    )
  },

  async size(db) {
    const r = await sql<{
      n: string
    }>`select pg_total_relation_size('search_doc_tsv_idx') + coalesce((select sum(pg_column_size(tsv)) from search_doc), 0) as n`.execute(
      db,
    )
    return r.rows[0] ? Number(r.rows[0].n) : null
  },

  async optimize(db) {
    await sql`vacuum analyze search_doc`.execute(db)
  },
}
