import type { Insertable, Selectable, Updateable } from 'kysely'
import type { ArticleStatus, UnpublishKind } from '../../../common/enums'
import { chinaDayStartUtc } from '../../../common/time'
import type { Executor } from '../../db/database'
import { containsInsensitive, toCount } from '../../db/dialect'
import type { ArticleTable } from './article.table'

export type ArticleRow = Selectable<ArticleTable>

export interface Disclosure {
  indexNo: string
  docNo: string
  issuer: string
  writtenAt: string | null
  subjectCategory: string
  validity: string
}

export interface Article {
  id: number
  siteId: number
  externalId: string | null
  title: string
  subtitle: string
  source: string
  author: string
  bodyHtml: string
  bodyText: string
  summary: string
  coverFileId: number | null
  coverAlt: string
  keywords: string
  linkUrl: string
  disclosure: Disclosure | null
  status: ArticleStatus
  publishedAt: string | null
  unpublishedAt: string | null
  viewCount: number
  /** A published article's edits waiting for review (the live row stays as it is). */
  workingRevisionId: number | null
  /** The open review, if any. */
  reviewId: number | null
  /** Published by emergency before review; the post-review is pending. */
  unreviewed: boolean
  publishAt: string | null
  unpublishAt: string | null
  unpublishKind: '' | UnpublishKind
  unpublishReason: string
  redirectUrl: string
  backdateReason: string
  /** The article this one was copied or adopted from (一稿多发 copy, 信息报送). */
  originArticleId: number | null
  originSiteId: number | null
  createdBy: number | null
  updatedBy: number | null
  createdAt: string
  updatedAt: string
}

export function toArticle(r: ArticleRow): Article {
  const hasDisclosure = Boolean(
    r.index_no || r.doc_no || r.issuer || r.written_at || r.subject_category,
  )
  return {
    id: r.id,
    siteId: r.site_id,
    externalId: r.external_id,
    title: r.title,
    subtitle: r.subtitle,
    source: r.source,
    author: r.author,
    bodyHtml: r.body_html,
    bodyText: r.body_text,
    summary: r.summary,
    coverFileId: r.cover_file_id,
    coverAlt: r.cover_alt,
    keywords: r.keywords,
    linkUrl: r.link_url,
    disclosure: hasDisclosure
      ? {
          indexNo: r.index_no,
          docNo: r.doc_no,
          issuer: r.issuer,
          writtenAt: r.written_at,
          subjectCategory: r.subject_category,
          validity: r.validity,
        }
      : null,
    status: r.status as ArticleStatus,
    publishedAt: r.published_at,
    unpublishedAt: r.unpublished_at,
    viewCount: r.view_count,
    workingRevisionId: r.working_revision_id,
    reviewId: r.review_id,
    unreviewed: Boolean(r.unreviewed),
    publishAt: r.publish_at,
    unpublishAt: r.unpublish_at,
    unpublishKind: r.unpublish_kind as '' | UnpublishKind,
    unpublishReason: r.unpublish_reason,
    redirectUrl: r.redirect_url,
    backdateReason: r.backdate_reason,
    originArticleId: r.origin_article_id,
    originSiteId: r.origin_site_id,
    createdBy: r.created_by,
    updatedBy: r.updated_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

export interface ArticleFilter {
  siteIds: number[] | 'all'
  siteId?: number
  columnId?: number
  status?: ArticleStatus
  author?: string
  createdBy?: number
  keyword?: string
  from?: string
  to?: string
}

/** A row of the admin list: no body; its primary column when listed. */
export type ArticleSummary = Omit<Article, 'bodyHtml' | 'bodyText'> & {
  primaryColumnId?: number | null
}

/** Every query on `article` and `article_file`. */
export const articleRepository = {
  async get(db: Executor, id: number): Promise<Article | undefined> {
    const row = await db.selectFrom('article').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toArticle(row) : undefined
  },

  async findByExternalIds(
    db: Executor,
    siteId: number,
    ids: string[],
  ): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map()
    const rows = await db
      .selectFrom('article')
      .select(['id', 'external_id'])
      .where('site_id', '=', siteId)
      .where('external_id', 'in', ids)
      .execute()
    return new Map(rows.map((r) => [r.external_id ?? '', r.id]))
  },

  async insert(db: Executor, values: Insertable<ArticleTable>): Promise<number> {
    const r = await db
      .insertInto('article')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow()
    return r.id
  },

  async update(db: Executor, id: number, values: Updateable<ArticleTable>): Promise<void> {
    await db.updateTable('article').set(values).where('id', '=', id).execute()
  },

  async delete(db: Executor, id: number): Promise<void> {
    await db.deleteFrom('article').where('id', '=', id).execute()
  },

  async list(
    db: Executor,
    filter: ArticleFilter,
    page: { offset: number; limit: number },
  ): Promise<{ rows: ArticleSummary[]; total: number }> {
    let q = db.selectFrom('article as a')
    if (filter.siteIds !== 'all') {
      if (filter.siteIds.length === 0) return { rows: [], total: 0 }
      q = q.where('a.site_id', 'in', filter.siteIds)
    }
    if (filter.siteId) q = q.where('a.site_id', '=', filter.siteId)
    if (filter.columnId) {
      const columnId = filter.columnId
      q = q.where('a.id', 'in', (eb) =>
        eb.selectFrom('placement').select('article_id').where('column_id', '=', columnId),
      )
    }
    if (filter.status) q = q.where('a.status', '=', filter.status)
    if (filter.author) q = q.where('a.author', '=', filter.author)
    if (filter.createdBy) q = q.where('a.created_by', '=', filter.createdBy)
    if (filter.keyword) q = q.where(containsInsensitive(db, 'a.title', filter.keyword))
    if (filter.from) q = q.where('a.updated_at', '>=', chinaDayStartUtc(filter.from))
    if (filter.to) q = q.where('a.updated_at', '<', chinaDayStartUtc(filter.to, 1))
    const [rows, count] = await Promise.all([
      q
        .select([
          'a.id',
          'a.site_id',
          'a.external_id',
          'a.title',
          'a.subtitle',
          'a.source',
          'a.author',
          'a.summary',
          'a.cover_file_id',
          'a.cover_alt',
          'a.keywords',
          'a.link_url',
          'a.index_no',
          'a.doc_no',
          'a.issuer',
          'a.written_at',
          'a.subject_category',
          'a.validity',
          'a.status',
          'a.published_at',
          'a.unpublished_at',
          'a.view_count',
          'a.working_revision_id',
          'a.review_id',
          'a.unreviewed',
          'a.publish_at',
          'a.unpublish_at',
          'a.unpublish_kind',
          'a.unpublish_reason',
          'a.redirect_url',
          'a.backdate_reason',
          'a.origin_article_id',
          'a.origin_site_id',
          'a.created_by',
          'a.updated_by',
          'a.created_at',
          'a.updated_at',
          (eb) =>
            eb
              .selectFrom('placement as pp')
              .select('pp.column_id')
              .whereRef('pp.article_id', '=', 'a.id')
              .where('pp.kind', '=', 'primary')
              .limit(1)
              .as('primary_column_id'),
        ])
        .orderBy('a.updated_at', 'desc')
        .orderBy('a.id', 'desc')
        .offset(page.offset)
        .limit(page.limit)
        .execute(),
      q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ])
    return {
      rows: rows.map(({ primary_column_id, ...r }) => {
        const {
          bodyHtml: _h,
          bodyText: _t,
          ...rest
        } = toArticle({ ...r, body_html: '', body_text: '' })
        return { ...rest, primaryColumnId: primary_column_id ?? null }
      }),
      total: toCount(count.n),
    }
  },

  async filesOf(db: Executor, articleId: number): Promise<ArticleFileRef[]> {
    const rows = await db
      .selectFrom('article_file as af')
      .innerJoin('file as f', 'f.id', 'af.file_id')
      .select(['af.file_id', 'af.role', 'af.name', 'f.sha256', 'f.size', 'f.mime', 'f.ext'])
      .where('af.article_id', '=', articleId)
      .orderBy('af.sort')
      .orderBy('af.id')
      .execute()
    return rows.map((r) => ({
      fileId: r.file_id,
      role: r.role,
      name: r.name,
      sha256: r.sha256,
      size: r.size,
      mime: r.mime,
      ext: r.ext,
    }))
  },

  async replaceFiles(
    db: Executor,
    articleId: number,
    files: { fileId: number; role: string; name: string }[],
  ): Promise<void> {
    await db.deleteFrom('article_file').where('article_id', '=', articleId).execute()
    if (files.length === 0) return
    await db
      .insertInto('article_file')
      .values(
        files.map((f, i) => ({
          article_id: articleId,
          file_id: f.fileId,
          role: f.role,
          name: f.name,
          sort: i,
        })),
      )
      .execute()
  },

  async addViews(db: Executor, articleId: number, n: number): Promise<void> {
    await db
      .updateTable('article')
      .set((eb) => ({ view_count: eb('view_count', '+', n) }))
      .where('id', '=', articleId)
      .execute()
  },
}

export interface ArticleFileRef {
  fileId: number
  role: string
  name: string
  sha256: string
  size: number
  mime: string
  ext: string
}
