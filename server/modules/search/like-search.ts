import { sql } from 'kysely'
import type { Executor } from '../../db/database'
import { escapeLike, toCount } from '../../db/dialect'
import { highlightText, snippetOf } from './search.text'
import { parseQuery } from './tokenizer'

export interface LikeHit {
  type: 'article'
  id: number
  siteId: number
  columnId: number
  title: string
  snippetHtml: string
  snippet: string
  publishedAt: string
  linkUrl: string
}

/**
 * Substring search over published articles by `LIKE '%…%'` scans: exact recall, no ranking
 * beyond title-first and date. It is the baseline the indexed search providers are measured against.
 */
export async function likeSearch(
  db: Executor,
  input: { q: string; siteIds: number[] | 'all'; offset: number; limit: number },
): Promise<{ hits: LikeHit[]; total: number }> {
  const terms = parseQuery(input.q).map((t) => t.text)
  if (terms.length === 0) return { hits: [], total: 0 }
  let q = db
    .selectFrom('article as a')
    .innerJoin('placement as p', (j) =>
      j.onRef('p.article_id', '=', 'a.id').on('p.kind', '=', 'primary'),
    )
    .innerJoin('site as s', 's.id', 'a.site_id')
    // A hidden column's articles answer 404 on the site: never link to them.
    .innerJoin('site_column as c', 'c.id', 'p.column_id')
    .where('c.visible', '=', 1)
    .where('a.status', '=', 'published')
    .where('s.status', '=', 'open')
  if (input.siteIds !== 'all') {
    if (input.siteIds.length === 0) return { hits: [], total: 0 }
    q = q.where('a.site_id', 'in', input.siteIds)
  }
  for (const t of terms) {
    const pattern = `%${escapeLike(t)}%`
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`a.title like ${pattern} escape '\\'`,
        sql<boolean>`a.body_text like ${pattern} escape '\\'`,
      ]),
    )
  }
  const first = `%${escapeLike(terms[0] ?? '')}%`
  const [rows, count] = await Promise.all([
    q
      .select([
        'a.id',
        'a.site_id',
        'p.column_id',
        'a.title',
        'a.body_text',
        'a.published_at',
        'a.link_url',
      ])
      .orderBy(sql`case when a.title like ${first} escape '\\' then 0 else 1 end`)
      .orderBy('a.published_at', 'desc')
      .offset(input.offset)
      .limit(input.limit)
      .execute(),
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ])
  return {
    hits: rows.map((r) => {
      const snippet = snippetOf(r.body_text, terms)
      return {
        type: 'article' as const,
        id: r.id,
        siteId: r.site_id,
        columnId: r.column_id,
        title: r.title,
        snippet,
        snippetHtml: highlightText(snippet, terms),
        publishedAt: r.published_at ?? '',
        linkUrl: r.link_url,
      }
    }),
    total: toCount(count.n),
  }
}
