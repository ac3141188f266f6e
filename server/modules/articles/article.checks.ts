import type { Finding } from '../../../common/checks'
import type { CheckInput } from '../checks/check.types'
import type { ArticleContent } from './article.content'

/** What the article and review services need of the content checks. */
export interface ContentChecker {
  checkArticle(
    input: CheckInput & { attachmentFileIds?: { fileId: number; name: string }[] },
  ): Promise<Finding[]>
}

/** Runs every check on a piece of content as it would be published. */
export function checkContent(
  checker: ContentChecker,
  article: { id?: number; createdAt?: string | null; backdateReason?: string },
  content: ArticleContent,
  publishedAt: string | null,
  backdateReason?: string | null,
): Promise<Finding[]> {
  return checker.checkArticle({
    title: content.title,
    summary: content.summary,
    bodyHtml: content.bodyHtml,
    attachmentFileIds: content.attachments.map((a) => ({ fileId: a.fileId, name: a.name ?? '' })),
    publishedAt,
    createdAt: article.createdAt ?? null,
    backdateReason: backdateReason ?? article.backdateReason ?? null,
    selfArticleId: article.id,
  })
}
