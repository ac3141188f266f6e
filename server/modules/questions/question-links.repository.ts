import type { Kysely } from 'kysely'
import type { Executor } from '../../db/database'
import { containsInsensitive, toCount } from '../../db/dialect'

/** A related policy (an article) as entries show it. */
export interface PolicyLink {
  id: number
  title: string
  status: string
  siteId: number
  linkUrl: string
  publishedAt: string | null
  /** Columns the article stands in, primary first (the public side picks a visible one). */
  columnIds: number[]
}

/** A related service item: its code, and its name when the catalogue knows the code. */
export interface ServiceLink {
  code: string
  name: string | null
}

/** The part of the service catalogue (another module's table) this module reads. */
interface ServiceCatalogue {
  service_item: { code: string; name: string }
}

function group<T>(rows: { question_id: number }[], map: (r: never) => T): Map<number, T[]> {
  const out = new Map<number, T[]>()
  for (const r of rows) {
    const list = out.get(r.question_id) ?? []
    list.push(map(r as never))
    out.set(r.question_id, list)
  }
  return out
}

/** Topics, service codes and policies of entries (replaced whole on every save). */
export const questionLinks = {
  async replace(
    db: Executor,
    questionId: number,
    links: { topics: string[]; serviceCodes: string[]; policyIds: number[] },
  ): Promise<void> {
    await db.deleteFrom('question_topic').where('question_id', '=', questionId).execute()
    await db.deleteFrom('question_service').where('question_id', '=', questionId).execute()
    await db.deleteFrom('question_policy').where('question_id', '=', questionId).execute()
    if (links.topics.length) {
      await db
        .insertInto('question_topic')
        .values(links.topics.map((topic, sort) => ({ question_id: questionId, topic, sort })))
        .execute()
    }
    if (links.serviceCodes.length) {
      await db
        .insertInto('question_service')
        .values(
          links.serviceCodes.map((code, sort) => ({
            question_id: questionId,
            service_code: code,
            sort,
          })),
        )
        .execute()
    }
    if (links.policyIds.length) {
      await db
        .insertInto('question_policy')
        .values(
          links.policyIds.map((id, sort) => ({ question_id: questionId, article_id: id, sort })),
        )
        .execute()
    }
  },

  async topicsOf(db: Executor, ids: number[]): Promise<Map<number, string[]>> {
    if (ids.length === 0) return new Map()
    const rows = await db
      .selectFrom('question_topic')
      .select(['question_id', 'topic'])
      .where('question_id', 'in', ids)
      .orderBy('question_id')
      .orderBy('sort')
      .execute()
    return group(rows, (r: { topic: string }) => r.topic)
  },

  async serviceCodesOf(db: Executor, ids: number[]): Promise<Map<number, string[]>> {
    if (ids.length === 0) return new Map()
    const rows = await db
      .selectFrom('question_service')
      .select(['question_id', 'service_code'])
      .where('question_id', 'in', ids)
      .orderBy('question_id')
      .orderBy('sort')
      .execute()
    return group(rows, (r: { service_code: string }) => r.service_code)
  },

  /**
   * Names of service items by code, read from the service catalogue at read time. The
   * catalogue is another module's table: while it is absent (or a code unknown) names are null.
   * Never call inside a transaction (a failed statement would abort it on PostgreSQL).
   */
  async serviceNames(db: Executor, codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map()
    try {
      const rows = await (db as unknown as Kysely<ServiceCatalogue>)
        .selectFrom('service_item')
        .select(['code', 'name'])
        .where('code', 'in', [...new Set(codes)])
        .execute()
      return new Map(rows.map((r) => [r.code, r.name]))
    } catch {
      return new Map()
    }
  },

  async policiesOf(db: Executor, ids: number[]): Promise<Map<number, PolicyLink[]>> {
    if (ids.length === 0) return new Map()
    const rows = await db
      .selectFrom('question_policy')
      .innerJoin('article', 'article.id', 'question_policy.article_id')
      .select([
        'question_policy.question_id',
        'article.id',
        'article.title',
        'article.status',
        'article.site_id',
        'article.link_url',
        'article.published_at',
      ])
      .where('question_policy.question_id', 'in', ids)
      .orderBy('question_policy.question_id')
      .orderBy('question_policy.sort')
      .execute()
    if (rows.length === 0) return new Map()
    const placements = await db
      .selectFrom('placement')
      .select(['article_id', 'column_id', 'kind'])
      .where('article_id', 'in', [...new Set(rows.map((r) => r.id))])
      .orderBy('id')
      .execute()
    const columns = new Map<number, number[]>()
    for (const p of placements) {
      const list = columns.get(p.article_id) ?? []
      if (p.kind === 'primary') list.unshift(p.column_id)
      else list.push(p.column_id)
      columns.set(p.article_id, list)
    }
    return group(
      rows,
      (r: {
        id: number
        title: string
        status: string
        site_id: number
        link_url: string
        published_at: string | null
      }): PolicyLink => ({
        id: r.id,
        title: r.title,
        status: r.status,
        siteId: r.site_id,
        linkUrl: r.link_url,
        publishedAt: r.published_at,
        columnIds: columns.get(r.id) ?? [],
      }),
    )
  },

  /** Which of these article ids exist (policies must name real articles). */
  async existingArticles(db: Executor, ids: number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set()
    const rows = await db.selectFrom('article').select('id').where('id', 'in', ids).execute()
    return new Set(rows.map((r) => r.id))
  },

  /** Topics in use with their number of entries, most used first. */
  async topicCounts(
    db: Executor,
    f: { units: 'all' | number[]; publishedOnly: boolean },
  ): Promise<{ topic: string; count: number }[]> {
    if (f.units !== 'all' && f.units.length === 0) return []
    let q = db
      .selectFrom('question_topic')
      .innerJoin('question', 'question.id', 'question_topic.question_id')
      .select('question_topic.topic')
      .select((eb) => eb.fn.countAll().as('n'))
    if (f.units !== 'all') q = q.where('question.unit_site_id', 'in', f.units)
    if (f.publishedOnly) q = q.where('question.status', '=', 'published')
    const rows = await q.groupBy('question_topic.topic').execute()
    return rows
      .map((r) => ({ topic: r.topic, count: toCount(r.n) }))
      .sort((a, b) => b.count - a.count || a.topic.localeCompare(b.topic, 'zh-CN'))
  },

  /** Published entries that name a service item, hot and sorted first. */
  async publishedForService(
    db: Executor,
    code: string,
  ): Promise<{ id: number; question: string }[]> {
    return db
      .selectFrom('question_service')
      .innerJoin('question', 'question.id', 'question_service.question_id')
      .select(['question.id', 'question.question'])
      .where('question_service.service_code', '=', code)
      .where('question.status', '=', 'published')
      .orderBy('question.is_hot', 'desc')
      .orderBy('question.sort', 'desc')
      .orderBy('question.id', 'desc')
      .limit(50)
      .execute()
  },

  /** Published articles whose title contains the words (the policy picker). */
  async policyOptions(
    db: Executor,
    q: string,
    ids: number[],
  ): Promise<{ id: number; title: string; siteName: string; publishedAt: string | null }[]> {
    let sel = db
      .selectFrom('article')
      .innerJoin('site', 'site.id', 'article.site_id')
      .select(['article.id', 'article.title', 'site.name as siteName', 'article.published_at'])
    if (ids.length) sel = sel.where('article.id', 'in', ids)
    else {
      sel = sel.where('article.status', '=', 'published')
      if (q) sel = sel.where(containsInsensitive(db, 'article.title', q))
    }
    const rows = await sel.orderBy('article.published_at', 'desc').limit(20).execute()
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      siteName: r.siteName,
      publishedAt: r.published_at,
    }))
  },
}
