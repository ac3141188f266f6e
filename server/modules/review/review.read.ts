import type { Finding } from '../../../common/checks'
import type { Deps } from '../../core-deps'
import { checkContent, type ContentChecker } from '../articles/article.checks'
import { contentOf, type ArticleContent } from '../articles/article.content'
import type { ArticleDetail } from '../articles/article.lifecycle'
import { diffContent, namesForDiff, type ContentDiff } from '../articles/revision.diff'
import type { RequestContext } from '../users/actor'
import { contentUnderReview } from './review.effects'
import { reviewRepository, type Review, type ReviewStep } from './review.repository'
import { canDecide } from './workflow'

// What people see of reviews: the inbox rows and a review's detail page.

export interface InboxItem {
  reviewId: number
  articleId: number
  title: string
  siteId: number
  siteName: string
  columnName: string
  level: number
  levelCount: number
  levelName: string
  emergency: boolean
  kind: 'new' | 'revision'
  submittedBy: number | null
  submittedByName: string
  submittedAt: string
}

export interface ReviewDetail extends Review {
  kind: 'new' | 'revision'
  submittedByName: string
  steps: ReviewStep[]
  content: ArticleContent
  diff: ContentDiff | null
  findings: Finding[]
  canAct: boolean
}

export type PendingReview = Awaited<ReturnType<typeof reviewRepository.pendingIn>>[number]

/**
 * Four eyes: nobody decides on their own submission — except the platform administrator, who
 * can grant themselves any role anyway (a one-person county web office); the audit shows it.
 */
export function mayDecide(ctx: RequestContext, review: Review): boolean {
  const level = review.levels[review.level - 1]
  if (!level || !canDecide(ctx.actor, level, review.siteId)) return false
  const own = review.submittedBy !== null && review.submittedBy === ctx.actor.id
  return !own || ctx.actor.isClusterAdmin
}

export function toInboxItem(p: PendingReview): InboxItem {
  return {
    reviewId: p.review.id,
    articleId: p.review.articleId,
    title: p.title,
    siteId: p.review.siteId,
    siteName: p.siteName,
    columnName: p.columnName,
    level: p.review.level,
    levelCount: p.review.levels.length,
    levelName: p.review.levels[p.review.level - 1]?.name ?? '',
    emergency: p.review.emergency,
    kind: p.hasWorkingCopy ? 'revision' : 'new',
    submittedBy: p.review.submittedBy,
    submittedByName: p.submitterName,
    submittedAt: p.review.submittedAt,
  }
}

/** A review with the content under review, its diff against the live version and its findings. */
export async function buildReviewDetail(
  deps: Deps,
  checker: ContentChecker,
  ctx: RequestContext,
  review: Review,
  article: ArticleDetail,
): Promise<ReviewDetail> {
  const [steps, submitter, under] = await Promise.all([
    reviewRepository.stepsOf(deps.db, [review.id]),
    review.submittedBy
      ? deps.db
          .selectFrom('app_user')
          .select('display_name')
          .where('id', '=', review.submittedBy)
          .executeTakeFirst()
      : undefined,
    contentUnderReview(deps.db, article),
  ])
  const kind = article.workingRevisionId ? 'revision' : 'new'
  const diff =
    kind === 'revision'
      ? diffContent(
          { ...contentOf(article), publishedAt: article.publishedAt },
          { ...under.content, publishedAt: under.publishedAt },
          await namesForDiff(
            deps.db,
            {
              columnIds: article.placements.map((p) => p.columnId),
              coverFileId: article.coverFileId,
            },
            under.content,
          ),
        )
      : null
  const findings =
    review.state === 'pending'
      ? await checkContent(checker, article, under.content, under.publishedAt)
      : []
  return {
    ...review,
    kind,
    submittedByName: submitter?.display_name ?? '',
    steps,
    content: under.content,
    diff,
    findings,
    canAct: review.state === 'pending' && mayDecide(ctx, review),
  }
}
