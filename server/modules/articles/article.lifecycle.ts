import type { Updateable } from 'kysely'
import type { ArticleStatus, UnpublishKind } from '../../../common/enums'
import type { Executor, Trx } from '../../db/database'
import { nowIso } from '../../db/dialect'
import { invalid } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { propagateTakeDown } from '../cluster/push.effects'
import { columnRepository, type Column } from '../columns/column.repository'
import { IMAGE_MIMES } from '../files/file-types'
import { fileRepository } from '../files/file.repository'
import { jobRepository } from '../jobs/job.repository'
import type { MailMessage } from '../notifications/mailer'
import { roleOn, type RequestContext } from '../users/actor'
import type { ArticleContent, RevisionSnapshot } from './article.content'
import { articleRepository, type Article, type ArticleFileRef } from './article.repository'
import type { ArticleTable } from './article.table'
import { placementRepository, type NewPlacement, type Placement } from './placement.repository'
import { revisionRepository, type RevisionAction } from './revision.repository'
import { fileRefs, htmlToText, sanitizeRichText, summarise } from './rich-text'

// The steps every path that changes an article shares (editing, review, scheduled jobs), each
// run inside the caller's transaction so the change, its audit event and its jobs commit together.

export interface ArticleDetail extends Article {
  placements: Placement[]
  files: ArticleFileRef[]
}

const PLACEABLE = new Set(['list', 'page'])
/** Allow a little clock skew between an editor's browser and the server. */
const FUTURE_TOLERANCE_MS = 5 * 60_000

export const publishJobRef = (id: number) => `article:${id}:publish`
export const unpublishJobRef = (id: number) => `article:${id}:unpublish`

export async function loadDetail(db: Executor, id: number): Promise<ArticleDetail | undefined> {
  const article = await articleRepository.get(db, id)
  if (!article) return undefined
  const [placements, files] = await Promise.all([
    placementRepository.listForArticle(db, id),
    articleRepository.filesOf(db, id),
  ])
  return { ...article, placements, files }
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

export function checkPublishedAt(value: string | null | undefined): string | null {
  if (!value) return null
  const t = new Date(value).getTime()
  if (Number.isNaN(t)) throw invalid('发布时间格式有误', { publishedAt: '请填写有效的日期时间' })
  if (t > Date.now() + FUTURE_TOLERANCE_MS) {
    throw invalid('发布时间不能晚于当前时间', { publishedAt: '发布时间不能晚于当前时间' })
  }
  return new Date(t).toISOString()
}

/** The first column is the primary one and must belong to the article's own site. */
export async function resolvePlacements(
  trx: Executor,
  ctx: RequestContext | null,
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
    // Checked when an editor places the article; a reviewer applying it later is not re-checked.
    if (ctx && roleOn(ctx.actor, c.siteId) === null) {
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

export async function resolveFiles(
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

/** Column values of the article row for a piece of content (body sanitised, text extracted). */
export function contentValues(content: ArticleContent) {
  if (content.linkUrl && !/^(https?:\/\/|\/)\S*$/.test(content.linkUrl)) {
    throw invalid('外链地址有误', { linkUrl: '请填写以 http://、https:// 或 / 开头的地址' })
  }
  const body = prepareBody(content.bodyHtml)
  const d = content.disclosure
  return {
    title: content.title.trim(),
    subtitle: content.subtitle.trim(),
    source: content.source.trim(),
    author: content.author.trim(),
    body_html: body.html,
    body_text: body.text,
    summary: content.summary.trim() || summarise(body.text),
    cover_file_id: content.coverFileId ?? null,
    cover_alt: content.coverAlt.trim(),
    keywords: content.keywords.trim(),
    link_url: content.linkUrl.trim(),
    index_no: d?.indexNo?.trim() ?? '',
    doc_no: d?.docNo?.trim() ?? '',
    issuer: d?.issuer?.trim() ?? '',
    written_at: d?.writtenAt || null,
    subject_category: d?.subjectCategory?.trim() ?? '',
    validity: d?.validity ?? '',
  }
}

/** Sanitises a piece of content the way it will be stored (for working copies and checks). */
export function normaliseContent(content: ArticleContent): ArticleContent {
  const html = prepareBody(content.bodyHtml).html
  return { ...content, bodyHtml: html, columnIds: [...new Set(content.columnIds)] }
}

/**
 * Writes content onto the article row (the version the public sees once published), with its
 * placements and files. `ctx` null skips the per-column permission check (applying approved
 * content). Returns the cache tags to invalidate.
 */
export async function writeContent(
  trx: Trx,
  ctx: RequestContext | null,
  before: ArticleDetail,
  content: ArticleContent,
  set: Updateable<ArticleTable>,
): Promise<string[]> {
  const values = contentValues(content)
  const placements = await resolvePlacements(trx, ctx, before.siteId, content.columnIds)
  const files = await resolveFiles(trx, content.attachments, content.coverFileId, values.body_html)
  await articleRepository.update(trx, before.id, { ...values, ...set, updated_at: nowIso() })
  const status = (set.status as string | undefined) ?? before.status
  const publishedAt =
    set.published_at === undefined ? before.publishedAt : (set.published_at as string | null)
  // A column the article already stands in through an accepted push keeps that placement.
  const pushed = new Set(before.placements.filter((p) => p.pushId !== null).map((p) => p.columnId))
  const own = placements.filter((p) => !pushed.has(p.columnId))
  await placementRepository.replaceForArticle(trx, before.id, own, status, publishedAt)
  await articleRepository.replaceFiles(trx, before.id, files)
  return [...new Set([...tagsFor(before.id, before.placements), ...tagsFor(before.id, placements)])]
}

/** Moves an article to a status (placements follow, so lists change), with its audit event. */
export async function transition(
  trx: Trx,
  ctx: RequestContext,
  before: ArticleDetail,
  to: {
    status: ArticleStatus
    publishedAt?: string | null
    set?: Updateable<ArticleTable>
    action: string
    diff?: Record<string, unknown>
  },
): Promise<string[]> {
  const now = nowIso()
  const publishedAt = to.publishedAt === undefined ? before.publishedAt : to.publishedAt
  await articleRepository.update(trx, before.id, {
    status: to.status,
    published_at: publishedAt,
    unpublished_at: to.status === 'unpublished' ? now : null,
    ...(to.status === 'published'
      ? { unpublish_kind: '', unpublish_reason: '', redirect_url: '' }
      : {}),
    updated_by: ctx.actor.id,
    updated_at: now,
    ...to.set,
  })
  await placementRepository.syncStatus(trx, before.id, to.status, publishedAt)
  await recordAudit(trx, ctx, {
    action: to.action,
    entity: 'article',
    entityId: before.id,
    siteId: before.siteId,
    diff: { from: before.status, to: to.status, publishedAt, ...to.diff },
  })
  if (to.status === 'published') await jobRepository.cancelByRef(trx, publishJobRef(before.id))
  return tagsFor(before.id, before.placements)
}

/** Approved content goes live now, or waits for its planned time as a durable job. */
export async function releaseApproved(
  trx: Trx,
  ctx: RequestContext,
  before: ArticleDetail,
  action: string,
): Promise<string[]> {
  const at = before.publishAt ? new Date(before.publishAt).getTime() : 0
  if (at > Date.now()) {
    await jobRepository.cancelByRef(trx, publishJobRef(before.id))
    await jobRepository.insert(trx, {
      kind: 'article.publish',
      runAt: before.publishAt as string,
      payload: { articleId: before.id },
      ref: publishJobRef(before.id),
    })
    return transition(trx, ctx, before, {
      status: 'scheduled',
      publishedAt: null,
      action: 'article.schedule',
      diff: { publishAt: before.publishAt },
    })
  }
  // A stated publication date is kept (it was checked against the entry time); else now.
  const publishedAt = checkPublishedAt(before.publishedAt) ?? nowIso()
  return transition(trx, ctx, before, {
    status: 'published',
    publishedAt,
    set: { publish_at: null },
    action,
  })
}

/** Takes a published article down in one of three ways; see UNPUBLISH_KINDS. */
export async function takeDown(
  trx: Trx,
  ctx: RequestContext,
  before: ArticleDetail,
  how: { kind: UnpublishKind; reason: string; redirectUrl: string; action: string },
  /** Emails of the notifications to the receiving sites, to send after commit. */
  mails?: MailMessage[],
): Promise<string[]> {
  await jobRepository.cancelByRef(trx, unpublishJobRef(before.id))
  await jobRepository.cancelByRef(trx, publishJobRef(before.id))
  const tags = await transition(trx, ctx, before, {
    status: 'unpublished',
    set: {
      unpublish_kind: how.kind,
      unpublish_reason: how.reason,
      redirect_url: how.redirectUrl,
      unpublish_at: null,
      publish_at: null,
    },
    action: how.action,
    diff: { kind: how.kind, reason: how.reason, redirectUrl: how.redirectUrl || undefined },
  })
  // 一稿多发: copies and pending pushes follow the source; the receiving sites are told.
  return [...tags, ...(await propagateTakeDown(trx, ctx, before, mails))]
}

/** Records a revision; the first one of an article made before revisions existed is its base. */
export async function recordRevision(
  trx: Trx,
  ctx: RequestContext,
  articleId: number,
  action: RevisionAction,
  snapshot: RevisionSnapshot,
): Promise<number> {
  return revisionRepository.insert(trx, articleId, action, snapshot, ctx.actor)
}

/** Imported and seeded articles have no revisions; their first edit stores the original first. */
export async function ensureBaseRevision(
  trx: Trx,
  ctx: RequestContext,
  before: ArticleDetail,
  content: ArticleContent,
): Promise<void> {
  if ((await revisionRepository.count(trx, before.id)) > 0) return
  await revisionRepository.insert(
    trx,
    before.id,
    'import',
    { ...content, publishedAt: before.publishedAt },
    { ...ctx.actor, id: before.createdBy, displayName: '原始版本', username: '' },
  )
}

/** The article's primary column (its first placement when none is marked). */
export function primaryColumnOf(a: ArticleDetail): number | null {
  return (a.placements.find((p) => p.kind === 'primary') ?? a.placements[0])?.columnId ?? null
}
