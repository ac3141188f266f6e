import { Type, type Static } from 'typebox'
import { LIMITS } from '../../common/limits'
import type { Db } from '../db/database'
import { invalid } from '../errors'
import { authorizeArticle } from '../modules/articles/article.policy'
import { AttachmentRefSchema, DisclosureSchema } from '../modules/articles/article.schema'
import { prepareBody } from '../modules/articles/article.lifecycle'
import { fileRepository } from '../modules/files/file.repository'
import { fileUrl } from '../modules/files/file.service'
import type { RequestContext } from '../modules/users/actor'
import type { Renderer } from './renderer'
import type { SiteDirectory } from './site-directory'
import { articlePageVars, renderTemplate } from './pages'
import type { PageContext } from './views'

const opt = (title: string, max: number) => Type.Optional(Type.String({ title, maxLength: max }))

/** The editor's current, unsaved values: nothing is validated beyond what rendering needs. */
export const ArticlePreviewSchema = Type.Object({
  siteId: Type.Integer({ title: '站点', minimum: 1 }),
  columnId: Type.Integer({ title: '主栏目', minimum: 1 }),
  title: Type.String({ title: '标题', maxLength: LIMITS.titleMax }),
  subtitle: opt('副标题', 500),
  source: opt('来源', 200),
  author: opt('作者', 100),
  bodyHtml: Type.Optional(Type.String({ title: '正文', maxLength: LIMITS.bodyMaxChars })),
  summary: opt('摘要', 2000),
  keywords: opt('关键词', 500),
  linkUrl: opt('外链地址', 1000),
  coverFileId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  coverAlt: opt('封面图说明', 300),
  publishedAt: Type.Optional(Type.Union([Type.String({ title: '发布时间' }), Type.Null()])),
  disclosure: Type.Optional(Type.Union([DisclosureSchema, Type.Null()])),
  attachments: Type.Optional(Type.Array(AttachmentRefSchema, { maxItems: 100 })),
})
export type ArticlePreviewInput = Static<typeof ArticlePreviewSchema>

export interface PreviewDeps {
  db: Db
  renderer: Renderer
  directory: SiteDirectory
}

/**
 * Renders an unsaved article as its public page would look, through the site's own theme and
 * templates. Nothing is stored and neither the page cache nor the fragment cache is touched;
 * the body is sanitised exactly as on save.
 */
export async function renderArticlePreview(
  deps: PreviewDeps,
  ctx: RequestContext,
  input: ArticlePreviewInput,
): Promise<string> {
  authorizeArticle(ctx.actor, 'write', input.siteId)
  const snap = await deps.directory.snapshotNow()
  const site = snap.byId.get(input.siteId)
  if (!site) throw invalid('站点不存在', { siteId: '站点不存在' })
  const column = snap.columnById.get(input.columnId)
  if (!column || column.siteId !== site.id) {
    throw invalid('请先选择本站点的主栏目', { columnIds: '第一个栏目须属于本站点' })
  }
  const root = site.parentId !== null ? (snap.byId.get(site.parentId) ?? site) : site
  const host = root.hosts[0] ?? 'localhost'
  const prefix = deps.directory.siteUrlIn(snap, site, host)
  const pageCtx: PageContext = {
    resolved: { site, root, rest: '', prefix },
    host,
    snap,
    directory: deps.directory,
  }

  const body = prepareBody(input.bodyHtml ?? '')
  const refs = input.attachments ?? []
  const fileIds = [...refs.map((a) => a.fileId), ...(input.coverFileId ? [input.coverFileId] : [])]
  const files = new Map((await fileRepository.getMany(deps.db, fileIds)).map((f) => [f.id, f]))
  const cover = input.coverFileId ? files.get(input.coverFileId) : undefined
  const title = input.title.trim() || '（无标题）'
  const d = input.disclosure
  const hasDisclosure = Boolean(
    d && (d.indexNo || d.docNo || d.issuer || d.writtenAt || d.subjectCategory),
  )
  const vars = articlePageVars(pageCtx, column, {
    id: 0,
    title,
    subtitle: input.subtitle?.trim() ?? '',
    source: input.source?.trim() ?? '',
    author: input.author?.trim() ?? '',
    publishedAt: input.publishedAt || new Date().toISOString(),
    bodyHtml: body.html,
    summary: input.summary?.trim() ?? '',
    keywords: input.keywords?.trim() ?? '',
    views: 0,
    linkUrl: input.linkUrl?.trim() || undefined,
    cover: cover ? { url: fileUrl(cover), alt: input.coverAlt?.trim() || title } : null,
    attachments: refs.flatMap((a) => {
      const f = files.get(a.fileId)
      return f
        ? [{ name: a.name?.trim() || f.name, url: fileUrl(f), size: f.size, mime: f.mime }]
        : []
    }),
    disclosure:
      hasDisclosure && d
        ? {
            indexNo: d.indexNo ?? '',
            docNo: d.docNo ?? '',
            issuer: d.issuer ?? '',
            writtenAt: d.writtenAt ?? null,
            subjectCategory: d.subjectCategory ?? '',
            validity: d.validity ?? '',
          }
        : null,
    canonicalUrl: null,
  })
  return renderTemplate(deps.renderer, pageCtx, 'article', vars)
}
