import type { Deps } from '../../core-deps'
import type { Executor } from '../../db/database'
import { nowIso } from '../../db/dialect'
import { conflict, invalid, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { columnRepository, type Column } from '../columns/column.repository'
import { IMAGE_MIMES } from '../files/file-types'
import { fileRepository } from '../files/file.repository'
import { roleOn, type RequestContext } from '../users/actor'
import { articleScope, authorizeArticle } from './article.policy'
import {
  articleRepository,
  type Article,
  type ArticleFileRef,
  type ArticleSummary,
} from './article.repository'
import type {
  ArticleCreateInput,
  ArticleListInput,
  ArticleUpdateInput,
  DisclosureInput,
} from './article.schema'
import { placementRepository, type NewPlacement, type Placement } from './placement.repository'
import { fileRefs, htmlToText, sanitizeRichText, summarise } from './rich-text'

export interface ArticleDetail extends Article {
  placements: Placement[]
  files: ArticleFileRef[]
}

const PLACEABLE = new Set(['list', 'page'])
/** Allow a little clock skew between an editor's browser and the server. */
const FUTURE_TOLERANCE_MS = 5 * 60_000

/** The information resource library: articles, their placements, files and publication. */
export class ArticleService {
  constructor(private readonly deps: Deps) {}

  async get(ctx: RequestContext, id: number): Promise<ArticleDetail> {
    const article = await articleRepository.get(this.deps.db, id)
    if (!article) throw notFound('信息不存在')
    authorizeArticle(ctx.actor, 'read', article.siteId, article)
    const [placements, files] = await Promise.all([
      placementRepository.listForArticle(this.deps.db, id),
      articleRepository.filesOf(this.deps.db, id),
    ])
    return { ...article, placements, files }
  }

  async list(
    ctx: RequestContext,
    query: ArticleListInput,
  ): Promise<{ rows: ArticleSummary[]; total: number; page: number; pageSize: number }> {
    const page = query.page ?? 1
    const pageSize = query.pageSize ?? 20
    const { rows, total } = await articleRepository.list(
      this.deps.db,
      { ...query, siteIds: articleScope(ctx.actor) },
      { offset: (page - 1) * pageSize, limit: pageSize },
    )
    return { rows, total, page, pageSize }
  }

  async create(ctx: RequestContext, input: ArticleCreateInput): Promise<ArticleDetail> {
    authorizeArticle(ctx.actor, 'write', input.siteId)
    if (input.publish) authorizeArticle(ctx.actor, 'publish', input.siteId)
    const { id, tags } = await this.deps.db.transaction().execute(async (trx) => {
      const placements = await this.resolvePlacements(trx, ctx, input.siteId, input.columnIds)
      const body = prepareBody(input.bodyHtml ?? '')
      const files = await this.resolveFiles(
        trx,
        input.attachments ?? [],
        input.coverFileId ?? null,
        body.html,
      )
      const now = nowIso()
      const status = input.publish ? 'published' : 'draft'
      const publishedAt = input.publish
        ? (checkPublishedAt(input.publishedAt ?? null) ?? now)
        : (input.publishedAt ?? null)
      if (input.externalId) {
        const existing = await articleRepository.findByExternalIds(trx, input.siteId, [
          input.externalId,
        ])
        if (existing.size > 0)
          throw conflict('外部编号已存在', { externalId: '该站点已有相同外部编号的信息' })
      }
      const id = await articleRepository.insert(trx, {
        site_id: input.siteId,
        external_id: input.externalId || null,
        ...articleValues(input, body),
        summary: input.summary?.trim() || summarise(body.text),
        status,
        published_at: publishedAt,
        created_by: ctx.actor.id,
        updated_by: ctx.actor.id,
        created_at: now,
        updated_at: now,
      })
      await placementRepository.replaceForArticle(trx, id, placements, status, publishedAt)
      await articleRepository.replaceFiles(trx, id, files)
      await recordAudit(trx, ctx, {
        action: input.publish ? 'article.create_publish' : 'article.create',
        entity: 'article',
        entityId: id,
        siteId: input.siteId,
        diff: { title: input.title, columnIds: input.columnIds, status },
      })
      return { id, tags: tagsFor(id, placements) }
    })
    this.deps.bus.publish({ action: 'article.create', tags })
    return this.get(ctx, id)
  }

  async update(ctx: RequestContext, id: number, input: ArticleUpdateInput): Promise<ArticleDetail> {
    const before = await this.get(ctx, id)
    authorizeArticle(ctx.actor, 'write', before.siteId, before)
    const tags = await this.deps.db.transaction().execute(async (trx) => {
      const placements = input.columnIds
        ? await this.resolvePlacements(trx, ctx, before.siteId, input.columnIds)
        : null
      const body = input.bodyHtml === undefined ? null : prepareBody(input.bodyHtml)
      const html = body?.html ?? before.bodyHtml
      const files =
        input.attachments !== undefined || input.coverFileId !== undefined || body
          ? await this.resolveFiles(
              trx,
              input.attachments ??
                before.files
                  .filter((f) => f.role === 'attachment')
                  .map((f) => ({ fileId: f.fileId, name: f.name })),
              input.coverFileId === undefined ? before.coverFileId : input.coverFileId,
              html,
            )
          : null
      let publishedAt = before.publishedAt
      if (input.publishedAt !== undefined) {
        publishedAt =
          before.status === 'published'
            ? (checkPublishedAt(input.publishedAt) ?? before.publishedAt)
            : input.publishedAt
      }
      if (input.externalId && input.externalId !== before.externalId) {
        const existing = await articleRepository.findByExternalIds(trx, before.siteId, [
          input.externalId,
        ])
        if (existing.size > 0)
          throw conflict('外部编号已存在', { externalId: '该站点已有相同外部编号的信息' })
      }
      await articleRepository.update(trx, id, {
        ...articleValues(
          { ...before, ...stripUndefined(input), title: input.title ?? before.title },
          body ?? { html: before.bodyHtml, text: before.bodyText },
        ),
        summary:
          input.summary !== undefined
            ? input.summary.trim() || summarise(body?.text ?? before.bodyText)
            : body && !before.summary
              ? summarise(body.text)
              : undefined,
        external_id: input.externalId === undefined ? undefined : input.externalId || null,
        published_at: publishedAt,
        updated_by: ctx.actor.id,
        updated_at: nowIso(),
      })
      if (placements) {
        await placementRepository.replaceForArticle(trx, id, placements, before.status, publishedAt)
      } else if (publishedAt !== before.publishedAt) {
        await placementRepository.syncStatus(trx, id, before.status, publishedAt)
      }
      if (files) await articleRepository.replaceFiles(trx, id, files)
      await recordAudit(trx, ctx, {
        action: 'article.update',
        entity: 'article',
        entityId: id,
        siteId: before.siteId,
        diff: changedFields(before, input),
      })
      return [
        ...new Set([
          ...tagsFor(id, before.placements),
          ...(placements ? tagsFor(id, placements) : []),
        ]),
      ]
    })
    this.deps.bus.publish({ action: 'article.update', tags })
    return this.get(ctx, id)
  }

  async publish(
    ctx: RequestContext,
    id: number,
    options: { publishedAt?: string } = {},
  ): Promise<ArticleDetail> {
    const before = await this.get(ctx, id)
    authorizeArticle(ctx.actor, 'publish', before.siteId, before)
    if (before.placements.length === 0)
      throw invalid('请先选择所属栏目', { columnIds: '至少选择一个栏目' })
    if (before.status === 'published' && !options.publishedAt) return before
    // A draft may carry a planned time; it is checked too, or publishing would date it ahead.
    const publishedAt = checkPublishedAt(options.publishedAt ?? before.publishedAt) ?? nowIso()
    await this.setStatus(ctx, before, 'published', publishedAt, 'article.publish')
    return this.get(ctx, id)
  }

  async unpublish(ctx: RequestContext, id: number): Promise<ArticleDetail> {
    const before = await this.get(ctx, id)
    authorizeArticle(ctx.actor, 'publish', before.siteId, before)
    if (before.status !== 'published') throw conflict('只有已发布的信息可以撤销')
    await this.setStatus(ctx, before, 'unpublished', before.publishedAt, 'article.unpublish')
    return this.get(ctx, id)
  }

  async remove(ctx: RequestContext, id: number): Promise<void> {
    const before = await this.get(ctx, id)
    authorizeArticle(ctx.actor, 'delete', before.siteId, before)
    await this.deps.db.transaction().execute(async (trx) => {
      await articleRepository.delete(trx, id)
      await recordAudit(trx, ctx, {
        action: 'article.delete',
        entity: 'article',
        entityId: id,
        siteId: before.siteId,
        diff: {
          title: before.title,
          status: before.status,
          columnIds: before.placements.map((p) => p.columnId),
        },
      })
    })
    this.deps.bus.publish({ action: 'article.delete', tags: tagsFor(id, before.placements) })
  }

  private async setStatus(
    ctx: RequestContext,
    before: ArticleDetail,
    status: 'published' | 'unpublished',
    publishedAt: string | null,
    action: string,
  ): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      const now = nowIso()
      await articleRepository.update(trx, before.id, {
        status,
        published_at: publishedAt,
        unpublished_at: status === 'unpublished' ? now : null,
        updated_by: ctx.actor.id,
        updated_at: now,
      })
      await placementRepository.syncStatus(trx, before.id, status, publishedAt)
      await recordAudit(trx, ctx, {
        action,
        entity: 'article',
        entityId: before.id,
        siteId: before.siteId,
        diff: { from: before.status, to: status, publishedAt },
      })
    })
    this.deps.bus.publish({ action, tags: tagsFor(before.id, before.placements) })
  }

  /** The first column is the primary one and must belong to the article's own site. */
  private async resolvePlacements(
    trx: Executor,
    ctx: RequestContext,
    siteId: number,
    columnIds: number[],
  ): Promise<NewPlacement[]> {
    const unique = [...new Set(columnIds)]
    const columns: Column[] = []
    for (const cid of unique) {
      const c = await columnRepository.get(trx, cid)
      if (!c) throw invalid('栏目不存在', { columnIds: `栏目 ${cid} 不存在` })
      if (!PLACEABLE.has(c.type)) {
        throw invalid('该栏目不能发布文章', { columnIds: `“${c.name}”不是文章列表或单页栏目` })
      }
      if (roleOn(ctx.actor, c.siteId) === null) {
        throw invalid('没有在该栏目发布的权限', {
          columnIds: `您没有“${c.name}”所在站点的发布权限`,
        })
      }
      columns.push(c)
    }
    const primary = columns[0]
    if (!primary || primary.siteId !== siteId) {
      throw invalid('主栏目须属于信息所在站点', { columnIds: '第一个栏目须属于本站点' })
    }
    return columns.map((c, i) => ({
      columnId: c.id,
      siteId: c.siteId,
      kind: i === 0 ? 'primary' : 'linked',
    }))
  }

  private async resolveFiles(
    trx: Executor,
    attachments: { fileId: number; name?: string }[],
    coverFileId: number | null,
    html: string,
  ): Promise<{ fileId: number; role: string; name: string }[]> {
    const ids = [
      ...new Set([...attachments.map((a) => a.fileId), ...(coverFileId ? [coverFileId] : [])]),
    ]
    const found = new Map((await fileRepository.getMany(trx, ids)).map((f) => [f.id, f]))
    const out: { fileId: number; role: string; name: string }[] = []
    for (const a of attachments) {
      const f = found.get(a.fileId)
      if (!f) throw invalid('附件不存在', { attachments: `附件 ${a.fileId} 不存在` })
      out.push({ fileId: f.id, role: 'attachment', name: a.name?.trim() || f.name })
    }
    if (coverFileId) {
      const f = found.get(coverFileId)
      if (!f) throw invalid('封面图不存在', { coverFileId: '封面图不存在' })
      if (!IMAGE_MIMES.has(f.mime))
        throw invalid('封面须为图片', { coverFileId: '封面须为 JPG、PNG、GIF 或 WebP 图片' })
      out.push({ fileId: f.id, role: 'cover', name: f.name })
    }
    for (const f of await fileRepository.getByShas(trx, fileRefs(html))) {
      out.push({ fileId: f.id, role: 'image', name: f.name })
    }
    return out
  }
}

/** Cache tags a change to this article touches: its page, its columns' lists, its sites' home pages. */
export function tagsFor(
  articleId: number,
  placements: { columnId: number; siteId: number }[],
): string[] {
  return [
    `article:${articleId}`,
    ...new Set(placements.map((p) => `column:${p.columnId}`)),
    ...new Set(placements.map((p) => `latest:${p.siteId}`)),
  ]
}

export function prepareBody(raw: string): { html: string; text: string } {
  const html = sanitizeRichText(raw)
  return { html, text: htmlToText(html) }
}

function checkPublishedAt(value: string | null): string | null {
  if (!value) return null
  const t = new Date(value).getTime()
  if (Number.isNaN(t)) throw invalid('发布时间格式有误', { publishedAt: '请填写有效的日期时间' })
  if (t > Date.now() + FUTURE_TOLERANCE_MS) {
    throw invalid('发布时间不能晚于当前时间', { publishedAt: '发布时间不能晚于当前时间' })
  }
  return new Date(t).toISOString()
}

type ArticleFieldsIn = {
  title: string
  subtitle?: string
  source?: string
  author?: string
  coverFileId?: number | null
  coverAlt?: string
  keywords?: string
  linkUrl?: string
  disclosure?: DisclosureInput | null
}

function articleValues(input: ArticleFieldsIn, body: { html: string; text: string }) {
  if (input.linkUrl && !/^(https?:\/\/|\/)\S*$/.test(input.linkUrl)) {
    throw invalid('外链地址有误', { linkUrl: '请填写以 http://、https:// 或 / 开头的地址' })
  }
  const d = input.disclosure
  return {
    title: input.title.trim(),
    subtitle: input.subtitle?.trim() ?? '',
    source: input.source?.trim() ?? '',
    author: input.author?.trim() ?? '',
    body_html: body.html,
    body_text: body.text,
    cover_file_id: input.coverFileId ?? null,
    cover_alt: input.coverAlt?.trim() ?? '',
    keywords: input.keywords?.trim() ?? '',
    link_url: input.linkUrl?.trim() ?? '',
    index_no: d?.indexNo?.trim() ?? '',
    doc_no: d?.docNo?.trim() ?? '',
    issuer: d?.issuer?.trim() ?? '',
    written_at: d?.writtenAt || null,
    subject_category: d?.subjectCategory?.trim() ?? '',
    validity: d?.validity ?? '',
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}

function changedFields(before: Article, input: ArticleUpdateInput): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue
    const old = (before as unknown as Record<string, unknown>)[k]
    if (k === 'bodyHtml')
      out.bodyHtml = { changed: v !== before.bodyHtml, length: String(v).length }
    else if (JSON.stringify(old) !== JSON.stringify(v)) out[k] = { from: old ?? null, to: v }
  }
  return out
}
