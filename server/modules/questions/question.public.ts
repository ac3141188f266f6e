import type { Executor } from '../../db/database'
import { questionLinks, type PolicyLink } from './question-links.repository'
import { questionRepository, type Question } from './question.repository'

/**
 * The public read side of 热点解答: published entries only, for the site pages, the public API
 * and other modules (the service item page lists 相关问答 through `questionsForService`).
 */

export interface PublicEntry extends Question {
  topics: string[]
}

export interface PublicEntryDetail extends PublicEntry {
  services: { code: string; name: string | null }[]
  policies: PolicyLink[]
}

/** Where a site's 热点解答 come from: the portal shows every unit's, any other site its own. */
export const unitsShownOn = (site: { id: number; kind: string }): 'all' | number[] =>
  site.kind === 'portal' ? 'all' : [site.id]

export async function publishedList(
  db: Executor,
  f: { units: 'all' | number[]; topic?: string; q?: string; page: number; pageSize: number },
): Promise<{ items: PublicEntry[]; total: number }> {
  const { items, total } = await questionRepository.list(
    db,
    { units: f.units, status: 'published', topic: f.topic, q: f.q },
    { offset: (f.page - 1) * f.pageSize, limit: f.pageSize },
  )
  const topics = await questionLinks.topicsOf(
    db,
    items.map((q) => q.id),
  )
  return { items: items.map((q) => ({ ...q, topics: topics.get(q.id) ?? [] })), total }
}

/** A published entry with its links, or undefined (drafts and unknown ids alike). */
export async function publishedEntry(
  db: Executor,
  id: number,
): Promise<PublicEntryDetail | undefined> {
  const q = await questionRepository.get(db, id)
  if (!q || q.status !== 'published') return undefined
  const [topics, codes, policies] = await Promise.all([
    questionLinks.topicsOf(db, [id]),
    questionLinks.serviceCodesOf(db, [id]),
    questionLinks.policiesOf(db, [id]),
  ])
  const serviceCodes = codes.get(id) ?? []
  const names = await questionLinks.serviceNames(db, serviceCodes)
  return {
    ...q,
    topics: topics.get(id) ?? [],
    services: serviceCodes.map((code) => ({ code, name: names.get(code) ?? null })),
    // Only published policies are shown to the public.
    policies: (policies.get(id) ?? []).filter((p) => p.status === 'published'),
  }
}

/** Topics of the published entries a site shows, most used first. */
export async function publishedTopics(
  db: Executor,
  units: 'all' | number[],
): Promise<{ topic: string; count: number }[]> {
  return questionLinks.topicCounts(db, { units, publishedOnly: true })
}

/**
 * The stable home of every entry: the first visible `faq` column of the portal (the default
 * portal first). `sitePath` is the portal's own path on any host: `/` for the default portal,
 * `/sites/<code>/` for another one. Null when no portal has a 热点解答 column.
 */
export async function portalFaqColumn(
  db: Executor,
): Promise<{ siteId: number; siteCode: string; sitePath: string; columnPath: string } | null> {
  const r = await db
    .selectFrom('site_column')
    .innerJoin('site', 'site.id', 'site_column.site_id')
    .select(['site.id', 'site.code', 'site.is_default', 'site_column.path'])
    .where('site.kind', '=', 'portal')
    .where('site.status', '=', 'open')
    .where('site_column.type', '=', 'faq')
    .where('site_column.visible', '=', 1)
    .orderBy('site.is_default', 'desc')
    .orderBy('site.id')
    .orderBy('site_column.sort')
    .orderBy('site_column.id')
    .executeTakeFirst()
  if (!r) return null
  return {
    siteId: r.id,
    siteCode: r.code,
    sitePath: Number(r.is_default) === 1 ? '/' : `/sites/${r.code}/`,
    columnPath: r.path,
  }
}

/** The page of an entry under a site prefix and column path. */
export const entryPath = (prefix: string, columnPath: string, id: number): string =>
  `${prefix}${columnPath}/question_${id}.html`

/**
 * 相关问答 of a service item: the published entries naming its code, hot and sorted first,
 * each with its page on the portal's 热点解答 column (a path from the host root: `/…` on the
 * portal's hosts and the default host; `''` when the portal has no such column).
 */
export async function questionsForService(
  db: Executor,
  serviceCode: string,
): Promise<{ id: number; question: string; url: string }[]> {
  const [rows, home] = await Promise.all([
    questionLinks.publishedForService(db, serviceCode),
    portalFaqColumn(db),
  ])
  return rows.map((r) => ({
    id: r.id,
    question: r.question,
    url: home ? entryPath(home.sitePath, home.columnPath, r.id) : '',
  }))
}
