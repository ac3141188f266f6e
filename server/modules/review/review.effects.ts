import type { Deps } from '../../core-deps'
import type { Trx } from '../../db/database'
import { nowIso } from '../../db/dialect'
import { notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { contentOf, type ArticleContent } from '../articles/article.content'
import {
  loadDetail,
  normaliseContent,
  recordRevision,
  releaseApproved,
  transition,
  writeContent,
  type ArticleDetail,
} from '../articles/article.lifecycle'
import { articleRepository } from '../articles/article.repository'
import { revisionRepository } from '../articles/revision.repository'
import type { RequestContext } from '../users/actor'

// What review decisions do to an article, each inside the decision's transaction.

export async function mustLoad(db: Trx | Deps['db'], id: number): Promise<ArticleDetail> {
  const a = await loadDetail(db, id)
  if (!a) throw notFound('信息不存在')
  return a
}

/** The content a review decides on: the working copy of a live article, else the article. */
export async function contentUnderReview(
  db: Trx | Deps['db'],
  article: ArticleDetail,
): Promise<{ content: ArticleContent; publishedAt: string | null }> {
  if (article.workingRevisionId) {
    const rev = await revisionRepository.get(db, article.workingRevisionId)
    if (rev) return { content: rev.snapshot, publishedAt: rev.snapshot.publishedAt }
  }
  return { content: contentOf(article), publishedAt: article.publishedAt }
}

/** Final approval: the working copy replaces the live version; unpublished content goes live. */
export async function applyApproved(
  trx: Trx,
  ctx: RequestContext,
  article: ArticleDetail,
  action: string,
): Promise<string[]> {
  const tags: string[] = []
  let current = article
  if (article.workingRevisionId) {
    const rev = await revisionRepository.get(trx, article.workingRevisionId)
    if (rev) {
      const content = normaliseContent(rev.snapshot)
      tags.push(
        ...(await writeContent(trx, null, article, content, {
          working_revision_id: null,
          ...(rev.snapshot.publishedAt && rev.snapshot.publishedAt !== article.publishedAt
            ? { published_at: rev.snapshot.publishedAt }
            : {}),
        })),
      )
      await recordRevision(trx, ctx, article.id, 'apply', {
        ...content,
        publishedAt: rev.snapshot.publishedAt,
      })
      await recordAudit(trx, ctx, {
        action: 'article.apply_working',
        entity: 'article',
        entityId: article.id,
        siteId: article.siteId,
        diff: { revisionId: rev.id },
      })
    }
    current = await mustLoad(trx, article.id)
  }
  await articleRepository.update(trx, article.id, { review_id: null, unreviewed: 0 })
  if (current.status !== 'published' && current.status !== 'scheduled') {
    tags.push(...(await releaseApproved(trx, ctx, { ...current, reviewId: null }, action)))
  }
  return [...new Set(tags)]
}

/** Emergency: apply any working copy and publish now. */
export async function goLiveNow(
  trx: Trx,
  ctx: RequestContext,
  article: ArticleDetail,
  action: string,
  diff: Record<string, unknown>,
): Promise<string[]> {
  const tags: string[] = []
  let current = article
  if (article.workingRevisionId) {
    const rev = await revisionRepository.get(trx, article.workingRevisionId)
    if (rev) {
      const content = normaliseContent(rev.snapshot)
      tags.push(...(await writeContent(trx, null, article, content, { working_revision_id: null })))
      await recordRevision(trx, ctx, article.id, 'apply', {
        ...content,
        publishedAt: article.publishedAt,
      })
    }
    current = await mustLoad(trx, article.id)
  }
  tags.push(
    ...(await transition(trx, ctx, current, {
      status: 'published',
      publishedAt: current.status === 'published' ? current.publishedAt : nowIso(),
      set: { publish_at: null },
      action,
      diff,
    })),
  )
  return [...new Set(tags)]
}

/** A review ends without approval: a never-published article goes back to draft. */
export async function closeOnArticle(
  trx: Trx,
  ctx: RequestContext,
  article: ArticleDetail,
  action: string,
  diff: Record<string, unknown>,
): Promise<string[]> {
  await articleRepository.update(trx, article.id, { review_id: null })
  if (article.status === 'pending') {
    return transition(trx, ctx, { ...article, reviewId: null }, { status: 'draft', action, diff })
  }
  await recordAudit(trx, ctx, {
    action,
    entity: 'article',
    entityId: article.id,
    siteId: article.siteId,
    diff,
  })
  return []
}
