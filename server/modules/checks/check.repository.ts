import type { Executor } from '../../db/database'

/** A published article as the sweep reads it, a batch at a time. */
export interface SweepRow {
  id: number
  title: string
  bodyHtml: string
  publishedAt: string | null
  createdAt: string
  backdateReason: string
  /** Imported from an earlier system: its entry time here is the import, not the original. */
  imported: boolean
  columnId: number | null
  attachments: { fileId: number; name: string }[]
}

/** The queries the checks make on other modules' tables (read only). */
export const checkRepository = {
  /** Status of each article that exists. */
  async articleStates(db: Executor, ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map()
    const rows = await db
      .selectFrom('article')
      .select(['id', 'status'])
      .where('id', 'in', ids)
      .execute()
    return new Map(rows.map((r) => [r.id, r.status]))
  },

  /** Which of these sha256 are stored files. */
  async existingShas(db: Executor, shas: string[]): Promise<Set<string>> {
    if (shas.length === 0) return new Set()
    const rows = await db.selectFrom('file').select('sha256').where('sha256', 'in', shas).execute()
    return new Set(rows.map((r) => r.sha256))
  },

  /** Files by id, for attachments: name, type and content address. */
  async files(
    db: Executor,
    ids: number[],
  ): Promise<
    Map<number, { sha256: string; mime: string; ext: string; size: number; name: string }>
  > {
    if (ids.length === 0) return new Map()
    const rows = await db
      .selectFrom('file')
      .select(['id', 'sha256', 'mime', 'ext', 'size', 'name'])
      .where('id', 'in', ids)
      .execute()
    return new Map(rows.map((r) => [r.id, r]))
  },

  async countPublished(db: Executor, siteId: number): Promise<number> {
    const r = await db
      .selectFrom('article')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('site_id', '=', siteId)
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow()
    return Number(r.n)
  },

  /** The next batch of a site's published articles after `afterId`, bodies included. */
  async publishedBatch(
    db: Executor,
    siteId: number,
    afterId: number,
    limit: number,
  ): Promise<SweepRow[]> {
    const rows = await db
      .selectFrom('article as a')
      .select([
        'a.id',
        'a.title',
        'a.body_html',
        'a.published_at',
        'a.created_at',
        'a.backdate_reason',
        'a.external_id',
        (eb) =>
          eb
            .selectFrom('placement as p')
            .select('p.column_id')
            .whereRef('p.article_id', '=', 'a.id')
            .where('p.kind', '=', 'primary')
            .limit(1)
            .as('column_id'),
      ])
      .where('a.site_id', '=', siteId)
      .where('a.status', '=', 'published')
      .where('a.id', '>', afterId)
      .orderBy('a.id')
      .limit(limit)
      .execute()
    const ids = rows.map((r) => r.id)
    const files = ids.length
      ? await db
          .selectFrom('article_file')
          .select(['article_id', 'file_id', 'name'])
          .where('article_id', 'in', ids)
          .where('role', '=', 'attachment')
          .orderBy('sort')
          .execute()
      : []
    const byArticle = new Map<number, { fileId: number; name: string }[]>()
    for (const f of files) {
      const list = byArticle.get(f.article_id) ?? []
      list.push({ fileId: f.file_id, name: f.name })
      byArticle.set(f.article_id, list)
    }
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      bodyHtml: r.body_html,
      publishedAt: r.published_at,
      createdAt: r.created_at,
      backdateReason: r.backdate_reason,
      imported: r.external_id !== null && r.external_id !== '',
      columnId: r.column_id ?? null,
      attachments: byArticle.get(r.id) ?? [],
    }))
  },

  async articleBasics(
    db: Executor,
    id: number,
  ): Promise<{ siteId: number; createdAt: string } | undefined> {
    const r = await db
      .selectFrom('article')
      .select(['site_id', 'created_at'])
      .where('id', '=', id)
      .executeTakeFirst()
    return r ? { siteId: r.site_id, createdAt: r.created_at } : undefined
  },

  /** The primary column of an article (relative links are resolved against it). */
  async primaryColumnId(db: Executor, articleId: number): Promise<number | null> {
    const r = await db
      .selectFrom('placement')
      .select('column_id')
      .where('article_id', '=', articleId)
      .where('kind', '=', 'primary')
      .executeTakeFirst()
    return r?.column_id ?? null
  },
}
