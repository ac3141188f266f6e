import { sql } from 'kysely'
import type { Executor } from '../../db/database'
import { escapeLike, toCount } from '../../db/dialect'
import { escapeHtml } from '../articles/rich-text'

export interface SearchHit {
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

/** Full-width ASCII → half-width, ideographic space → space, trimmed. */
export function normaliseQuery(q: string): string {
  return q
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim()
    .slice(0, 100)
}

/**
 * Substring search over published articles by `LIKE '%…%'` scans: exact recall, no ranking
 * beyond title-first and date. It is the baseline the indexed search providers are measured against.
 */
export async function likeSearch(
  db: Executor,
  input: { q: string; siteIds: number[] | 'all'; offset: number; limit: number },
): Promise<{ hits: SearchHit[]; total: number }> {
  const terms = normaliseQuery(input.q).split(/\s+/).filter(Boolean).slice(0, 8)
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
      const snippet = makeSnippet(r.body_text, terms)
      return {
        type: 'article' as const,
        id: r.id,
        siteId: r.site_id,
        columnId: r.column_id,
        title: r.title,
        snippet,
        snippetHtml: highlight(snippet, terms),
        publishedAt: r.published_at ?? '',
        linkUrl: r.link_url,
      }
    }),
    total: toCount(count.n),
  }
}

function makeSnippet(text: string, terms: string[], radius = 60): string {
  const lower = text.toLowerCase()
  let at = -1
  for (const t of terms) {
    at = lower.indexOf(t.toLowerCase())
    if (at >= 0) break
  }
  const start = Math.max(0, at < 0 ? 0 : at - radius)
  const end = Math.min(text.length, (at < 0 ? 0 : at) + radius * 2)
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ')}${end < text.length ? '…' : ''}`
}

/** Escapes a snippet and wraps the terms in <mark>. */
export function highlight(snippet: string, terms: string[]): string {
  const escaped = escapeHtml(snippet)
  const pats = terms
    .map((t) => escapeHtml(t).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .filter(Boolean)
  if (pats.length === 0) return escaped
  return escaped.replace(new RegExp(`(${pats.join('|')})`, 'gi'), '<mark>$1</mark>')
}
