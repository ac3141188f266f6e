import { fileUrl } from '../files/file.service'
import type { ArticleSummary } from './article.repository'
import type { ArticleDetail, ArticleView } from './article.service'

export function presentArticleSummary(a: ArticleSummary) {
  return {
    id: a.id,
    siteId: a.siteId,
    externalId: a.externalId,
    title: a.title,
    subtitle: a.subtitle,
    source: a.source,
    author: a.author,
    summary: a.summary,
    keywords: a.keywords,
    linkUrl: a.linkUrl,
    disclosure: a.disclosure,
    status: a.status,
    publishedAt: a.publishedAt,
    unpublishedAt: a.unpublishedAt,
    publishAt: a.publishAt,
    unpublishAt: a.unpublishAt,
    unpublishKind: a.unpublishKind,
    unpublishReason: a.unpublishReason,
    redirectUrl: a.redirectUrl,
    unreviewed: a.unreviewed,
    inReview: a.reviewId !== null,
    hasWorkingCopy: a.workingRevisionId !== null,
    backdateReason: a.backdateReason,
    views: a.viewCount,
    coverFileId: a.coverFileId,
    primaryColumnId: a.primaryColumnId ?? null,
    createdBy: a.createdBy,
    updatedBy: a.updatedBy,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  }
}

export function presentArticleAdmin(a: ArticleView) {
  return {
    ...presentArticleSummary(a),
    bodyHtml: a.bodyHtml,
    coverAlt: a.coverAlt,
    placements: a.placements.map((p) => ({
      columnId: p.columnId,
      siteId: p.siteId,
      kind: p.kind,
      pinned: p.pinned,
    })),
    // Placements made by pushes belong to the receiving sites, not to the editor's column list.
    columnIds: a.placements.filter((p) => p.pushId === null).map((p) => p.columnId),
    files: a.files.map((f) => ({
      fileId: f.fileId,
      role: f.role,
      name: f.name,
      url: fileUrl(f),
      size: f.size,
      mime: f.mime,
    })),
    workingCopy: a.workingCopy,
    review: a.review,
    workflow: a.workflow,
    can: a.can,
    findings: a.findings ?? [],
  }
}

/** Public read API: published content only, no internal ids of people. */
export function presentArticlePublic(a: ArticleDetail, url: string, views: number) {
  return {
    id: a.id,
    title: a.title,
    subtitle: a.subtitle,
    source: a.source,
    author: a.author,
    publishedAt: a.publishedAt,
    summary: a.summary,
    bodyHtml: a.bodyHtml,
    keywords: a.keywords,
    linkUrl: a.linkUrl || null,
    disclosure: a.disclosure,
    views,
    url,
    attachments: a.files
      .filter((f) => f.role === 'attachment')
      .map((f) => ({ name: f.name, url: fileUrl(f), size: f.size, mime: f.mime })),
  }
}
