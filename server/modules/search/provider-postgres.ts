import { sql, type RawBuilder } from 'kysely'
import type { Executor } from '../../db/database'
import {
  pageAcrossTiers,
  tiersOf,
  windowedPage,
  type EngineFilters,
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

export const postgresProvider: SearchProvider = {
  name: 'postgres',

  columns: (d) => ({ tsv: sql`${tsvectorText(d.title, d.body)}::tsvector` }),

  async write() {
    // The tsvector went in with the search_doc row (columns()).
  },

  async bulk() {
    // GIN's pending list (fastupdate) already batches index maintenance.
  },

  async remove() {
    // The tsvector lives in the search_doc row the indexer deletes or rewrites.
  },

  async query(db, q) {
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
    const countRows = (
      await sql<{
        tier: number
        n: string
      }>`select tier, count(*) as n from (${matches}) m group by tier`.execute(db)
    ).rows
    const counts = tiers.map((_, i) => Number(countRows.find((r) => Number(r.tier) === i)?.n ?? 0))
    const total = counts.reduce((a, b) => a + b, 0)
    const page = await pageAcrossTiers(counts, q.offset, q.limit, (i, offset, limit) => {
      const inTier = sql`select id from (${matches}) m where tier = ${sql.lit(i)}`
      return windowedPage(counts[i]!, offset, limit, {
        nth: async (n) =>
          (
            await idList(db, sql<{ id: string }>`${inTier} order by id desc limit 1 offset ${n}`)
          )[0] ?? null,
        ranked: (fromId, offset, limit) =>
          idList(
            db,
            sql<{
              id: string
            }>`select s.id from (${inTier} ${fromId != null ? sql`and id >= ${fromId}` : sql``}) w join search_doc s on s.id = w.id order by ts_rank(s.tsv, ${tsq}::tsquery) desc, s.id desc limit ${limit} offset ${offset}`,
          ),
        newest: (belowId, offset, limit) =>
          idList(
            db,
            sql<{
              id: string
            }>`${inTier} and id < ${belowId} order by id desc limit ${limit} offset ${offset}`,
          ),
      })
    })
    return { ids: page, total }
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
