import { sql, type RawBuilder } from 'kysely'
import type { Executor } from '../../db/database'
import {
  pageAcrossTiers,
  tiersOf,
  windowedPage,
  type EngineDoc,
  type EngineFilters,
  type SearchProvider,
  type Tier,
} from './search.provider'
import type { QueryTerm } from './tokenizer'

/**
 * SQLite FTS5 (the embedded default). The contentless table `search_fts` holds pre-tokenized
 * bigrams (tb, bb: phrase queries for terms of two or more characters) and characters (tu, bu:
 * one-character terms) of the title and body, and filter tokens (meta). Its rowid is the
 * search_doc id, so "newest first" is the index's own order and date ranges are rowid ranges.
 */

// bm25 weights per column: tb, bb, tu, bu, meta.
const BM25 = sql.raw('bm25(search_fts, 10.0, 1.0, 10.0, 1.0, 0.0)')

const metaOf = (d: EngineDoc) =>
  [`s${d.siteId}`, `t${d.type}`, d.columnId != null ? `c${d.columnId}` : '']
    .filter(Boolean)
    .join(' ')

function termExpr(t: QueryTerm, titleOnly: boolean): string {
  const cols = t.unigram ? (titleOnly ? '{tu}' : '{tu bu}') : titleOnly ? '{tb}' : '{tb bb}'
  // Tokens never hold a double quote (ASCII punctuation is encoded full-width).
  return `${cols} : "${t.tokens.join(' ')}"`
}

function anyOf(prefix: string, values: (string | number)[]): string {
  return `meta : (${values.map((v) => `${prefix}${String(v).replace(/[^0-9a-z]/g, '')}`).join(' OR ')})`
}

function filterExprs(f: EngineFilters): string[] {
  const out: string[] = []
  if (f.siteIds) out.push(anyOf('s', f.siteIds))
  if (f.types) out.push(anyOf('t', f.types))
  if (f.columnIds) out.push(anyOf('c', f.columnIds))
  return out
}

const and = (parts: string[]) => parts.map((p) => `(${p})`).join(' AND ')

function tierExpr(tier: Tier, filters: EngineFilters): string {
  let expr = and([
    ...tier.all.map((t) => termExpr(t, false)),
    ...tier.inTitle.map((t) => termExpr(t, true)),
    ...tier.phrase.map((t) => termExpr(t, false)),
    ...filterExprs(filters),
  ])
  for (const n of tier.not) {
    expr = `(${expr}) NOT (${and([...n.inTitle.map((t) => termExpr(t, true)), ...n.phrase.map((t) => termExpr(t, false))])})`
  }
  return expr
}

function rangeSql(f: EngineFilters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = []
  if (f.fromId != null) parts.push(sql`and rowid >= ${f.fromId}`)
  if (f.toId != null) parts.push(sql`and rowid <= ${f.toId}`)
  return sql.join(parts, sql` `)
}

async function ids(db: Executor, q: RawBuilder<{ id: number }>): Promise<number[]> {
  return (await q.execute(db)).rows.map((r) => Number(r.id))
}

export const sqliteProvider: SearchProvider = {
  name: 'sqlite-fts5',

  columns: () => ({}),

  async write(trx, docs) {
    // Multi-row inserts: the statement count, not SQLite, is the cost of a bulk build.
    for (let i = 0; i < docs.length; i += 200) {
      const rows = docs
        .slice(i, i + 200)
        .map(
          (d) =>
            sql`(${d.id}, ${d.title.bigrams}, ${d.body.bigrams}, ${d.title.unigrams}, ${d.body.unigrams}, ${metaOf(d)})`,
        )
      await sql`insert into search_fts(rowid, tb, bb, tu, bu, meta) values ${sql.join(rows)}`.execute(
        trx,
      )
    }
  },

  async bulk(db, on) {
    // Merging segments while a bulk build is still writing them is wasted work; merge at the end.
    await sql`insert into search_fts(search_fts, rank) values ('automerge', ${sql.lit(on ? 0 : 4)})`.execute(
      db,
    )
  },

  async remove(trx, list) {
    for (let i = 0; i < list.length; i += 500) {
      const chunk = list.slice(i, i + 500)
      await sql`delete from search_fts where rowid in (${sql.join(chunk)})`.execute(trx)
    }
  },

  async query(db, q) {
    const range = rangeSql(q.filters)
    const count = async (match: string) =>
      Number(
        (
          await sql<{
            n: number
          }>`select count(*) as n from search_fts where search_fts match ${match} ${range}`.execute(
            db,
          )
        ).rows[0]?.n ?? 0,
      )
    if (q.sort === 'date') {
      const match = tierExpr({ all: q.terms, inTitle: [], phrase: [], not: [] }, q.filters)
      const total = await count(match)
      const page = await ids(
        db,
        sql<{
          id: number
        }>`select rowid as id from search_fts where search_fts match ${match} ${range} order by rowid desc limit ${q.limit} offset ${q.offset}`,
      )
      return { ids: page, total }
    }
    const tiers = tiersOf(q.terms).map((t) => tierExpr(t, q.filters))
    const counts: number[] = []
    if (q.terms.length === 1) {
      // Title ⊂ all: two plain counts instead of evaluating "all NOT title".
      const inTitle = await count(tiers[0]!)
      const all = await count(
        tierExpr({ all: q.terms, inTitle: [], phrase: [], not: [] }, q.filters),
      )
      counts.push(inTitle, all - inTitle)
    } else {
      for (const match of tiers) counts.push(await count(match))
    }
    const total = counts.reduce((a, b) => a + b, 0)
    const page = await pageAcrossTiers(counts, q.offset, q.limit, (i, offset, limit) => {
      const match = tiers[i]!
      return windowedPage(counts[i]!, offset, limit, {
        nth: async (n) =>
          (
            await ids(
              db,
              sql<{
                id: number
              }>`select rowid as id from search_fts where search_fts match ${match} ${range} order by rowid desc limit 1 offset ${n}`,
            )
          )[0] ?? null,
        ranked: (fromId, offset, limit) =>
          ids(
            db,
            sql<{
              id: number
            }>`select rowid as id from search_fts where search_fts match ${match} ${range} ${fromId != null ? sql`and rowid >= ${fromId}` : sql``} order by ${BM25}, rowid desc limit ${limit} offset ${offset}`,
          ),
        newest: (belowId, offset, limit) =>
          ids(
            db,
            sql<{
              id: number
            }>`select rowid as id from search_fts where search_fts match ${match} ${range} and rowid < ${belowId} order by rowid desc limit ${limit} offset ${offset}`,
          ),
      })
    })
    return { ids: page, total }
  },

  async titles(db, terms, filters, limit) {
    const match = tierExpr({ all: [], inTitle: terms, phrase: [], not: [] }, filters)
    return ids(
      db,
      sql<{
        id: number
      }>`select rowid as id from search_fts where search_fts match ${match} ${rangeSql(filters)} order by rowid desc limit ${limit}`,
    )
  },

  async size(db) {
    try {
      const r = await sql<{
        n: number | null
      }>`select sum(pgsize) as n from dbstat where name like 'search_fts%'`.execute(db)
      return r.rows[0]?.n ?? null
    } catch {
      return null
    }
  },

  async optimize(db) {
    await sql`insert into search_fts(search_fts) values ('optimize')`.execute(db)
  },
}
