import type { Deps } from '../../core-deps'
import type { Trx } from '../../db/database'
import { nowIso } from '../../db/dialect'
import { checksBlocked, conflict, forbidden, invalid, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { checkContent, type ContentChecker } from '../articles/article.checks'
import type { ArticleContent } from '../articles/article.content'
import { primaryColumnOf, type ArticleDetail } from '../articles/article.lifecycle'
import { articleRepository } from '../articles/article.repository'
import { revisionRepository } from '../articles/revision.repository'
import type { MailMessage } from '../notifications/mailer'
import { notificationRepository } from '../notifications/notification.repository'
import type { NotificationService } from '../notifications/notification.service'
import { canArticle } from '../articles/article.policy'
import { roleOn, siteScope, type RequestContext } from '../users/actor'
import { canDecide, type WorkflowLevel } from './workflow'
import {
  applyApproved,
  closeOnArticle,
  contentUnderReview,
  goLiveNow,
  mustLoad,
} from './review.effects'
import {
  buildReviewDetail,
  mayDecide,
  toInboxItem,
  type InboxItem,
  type ReviewDetail,
} from './review.read'
import { reviewRepository, type Review, type ReviewStep } from './review.repository'
import type { WorkflowService } from './workflow.service'

/** After a commit: cache tags to invalidate and emails to send. */
interface Effects {
  tags: string[]
  mails: MailMessage[]
  action: string
}

/**
 * 先审后发: submitting, approving level by level, returning with a reason, withdrawing, and the
 * emergency publish that is reviewed afterwards. Every decision is a review step and an audit
 * event in the same transaction as its effect.
 */
export class ReviewService {
  constructor(
    private readonly deps: Deps,
    private readonly workflows: WorkflowService,
    private readonly checker: ContentChecker,
    private readonly notifications: NotificationService,
  ) {}

  /** Submits an article (or its working copy) for review; without review levels it goes live. */
  async submit(ctx: RequestContext, articleId: number, comment = ''): Promise<void> {
    await this.precheck(ctx, articleId)
    const effects = await this.deps.db
      .transaction()
      .execute((trx) => this.submitTx(trx, ctx, articleId, comment))
    this.after(effects)
  }

  /**
   * Runs the content checks before a transaction opens (they read the database, and SQLite has
   * one connection): callers of `submitTx` check first.
   */
  async precheck(ctx: RequestContext, articleId: number): Promise<void> {
    const article = await mustLoad(this.deps.db, articleId)
    const { content, publishedAt } = await contentUnderReview(this.deps.db, article)
    await this.assertPasses(ctx, article, content, publishedAt)
  }

  async submitTx(
    trx: Trx,
    ctx: RequestContext,
    articleId: number,
    comment: string,
  ): Promise<Effects> {
    const article = await mustLoad(trx, articleId)
    if (!canArticle(ctx.actor, 'write', article.siteId, article)) throw forbidden()
    if (article.reviewId) throw conflict('该信息已在审核中')
    if (article.placements.length === 0)
      throw invalid('请先选择所属栏目', { columnIds: '至少选择一个栏目' })
    const live = article.status === 'published' || article.status === 'scheduled'
    if (live && !article.workingRevisionId && !article.unreviewed) {
      throw conflict('该信息已发布，没有待审核的修改')
    }
    const flow = await this.workflows.effective(trx, article.siteId, primaryColumnOf(article))
    if (flow.levels.length === 0) {
      if (!canArticle(ctx.actor, 'publish', article.siteId, article)) throw forbidden()
      const tags = await applyApproved(trx, ctx, article, 'article.publish')
      return { tags, mails: [], action: 'article.publish' }
    }
    const reviewId = await reviewRepository.insert(trx, {
      articleId,
      siteId: article.siteId,
      revisionId: article.workingRevisionId ?? (await revisionRepository.latestId(trx, articleId)),
      levels: flow.levels,
      emergency: false,
      submittedBy: ctx.actor.id,
    })
    await this.step(trx, ctx, reviewId, 0, 'submit', comment)
    await articleRepository.update(trx, articleId, {
      review_id: reviewId,
      ...(live ? {} : { status: 'pending' }),
    })
    const tags: string[] = []
    if (!live) {
      await trx
        .updateTable('placement')
        .set({ status: 'pending' })
        .where('article_id', '=', articleId)
        .execute()
    }
    await recordAudit(trx, ctx, {
      action: 'article.submit',
      entity: 'article',
      entityId: articleId,
      siteId: article.siteId,
      diff: { reviewId, levels: flow.levels.map((l) => l.name), working: live },
    })
    const mails = await this.notifyLevel(trx, ctx, reviewId, article, flow.levels, 1, false)
    return { tags, mails, action: 'article.submit' }
  }

  async approve(ctx: RequestContext, reviewId: number, comment = ''): Promise<Review> {
    await this.precheck(ctx, (await this.mustGet(reviewId)).articleId)
    const effects = await this.deps.db.transaction().execute(async (trx) => {
      const { review, article } = await this.decidable(trx, ctx, reviewId)
      await this.step(trx, ctx, reviewId, review.level, 'approve', comment)
      const level = review.levels[review.level - 1] as WorkflowLevel
      await notificationRepository.markReadFor(trx, 'review.waiting', 'review', reviewId)
      if (review.level < review.levels.length) {
        if (!(await reviewRepository.advance(trx, reviewId, review.level))) throw stale()
        await recordAudit(trx, ctx, {
          action: 'review.approve',
          entity: 'article',
          entityId: article.id,
          siteId: article.siteId,
          diff: {
            reviewId,
            level: review.level,
            levelName: level.name,
            comment,
            ...self(ctx, review),
          },
        })
        const mails = await this.notifyLevel(
          trx,
          ctx,
          reviewId,
          article,
          review.levels,
          review.level + 1,
          review.emergency,
        )
        return { tags: [], mails, action: 'review.approve' }
      }
      if (!(await reviewRepository.finish(trx, reviewId, review.level, 'approved'))) throw stale()
      await recordAudit(trx, ctx, {
        action: 'review.approve',
        entity: 'article',
        entityId: article.id,
        siteId: article.siteId,
        diff: {
          reviewId,
          level: review.level,
          levelName: level.name,
          final: true,
          comment,
          ...self(ctx, review),
        },
      })
      const tags = await applyApproved(trx, ctx, article, 'article.publish')
      const mails = await this.notifications.notify(trx, submitterAndAuthor(review, article), {
        kind: 'review.approved',
        title: `审核通过：${article.title}`,
        body: `“${article.title}”已通过${review.levels.length}级审核${article.status === 'published' ? '，修改已生效' : '并发布'}。`,
        entity: 'article',
        entityId: article.id,
        siteId: article.siteId,
      })
      return { tags, mails, action: 'review.approve' }
    })
    this.after(effects)
    return this.mustGet(reviewId)
  }

  async returnToAuthor(ctx: RequestContext, reviewId: number, reason: string): Promise<Review> {
    const why = reason.trim()
    if (!why) throw invalid('请填写退回原因', { reason: '请填写退回原因' })
    const effects = await this.deps.db.transaction().execute(async (trx) => {
      const { review, article } = await this.decidable(trx, ctx, reviewId)
      await this.step(trx, ctx, reviewId, review.level, 'return', why)
      if (!(await reviewRepository.finish(trx, reviewId, review.level, 'returned', why)))
        throw stale()
      await notificationRepository.markReadFor(trx, 'review.waiting', 'review', reviewId)
      const tags = await closeOnArticle(trx, ctx, article, 'review.return', {
        reviewId,
        level: review.level,
        reason: why,
      })
      const mails = await this.notifications.notify(trx, submitterAndAuthor(review, article), {
        kind: 'review.returned',
        title: `被退回：${article.title}`,
        body: `退回原因：${why}`,
        entity: 'article',
        entityId: article.id,
        siteId: article.siteId,
      })
      return { tags, mails, action: 'review.return' }
    })
    this.after(effects)
    return this.mustGet(reviewId)
  }

  /** The submitter (or a site admin) takes a pending review back; emergency reviews can't be. */
  async withdraw(ctx: RequestContext, reviewId: number): Promise<Review> {
    const effects = await this.deps.db.transaction().execute(async (trx) => {
      const review = await this.lockPending(trx, reviewId)
      const article = await mustLoad(trx, review.articleId)
      const mine = review.submittedBy !== null && review.submittedBy === ctx.actor.id
      if (!mine && roleOn(ctx.actor, review.siteId) !== 'admin') throw forbidden()
      if (review.emergency) throw conflict('紧急发布的信息须完成补审，不能撤回')
      await this.step(trx, ctx, reviewId, review.level, 'withdraw', '')
      if (!(await reviewRepository.finish(trx, reviewId, review.level, 'withdrawn'))) throw stale()
      await notificationRepository.markReadFor(trx, 'review.waiting', 'review', reviewId)
      const tags = await closeOnArticle(trx, ctx, article, 'review.withdraw', { reviewId })
      return { tags, mails: [], action: 'review.withdraw' }
    })
    this.after(effects)
    return this.mustGet(reviewId)
  }

  async withdrawArticle(ctx: RequestContext, articleId: number): Promise<void> {
    const article = await mustLoad(this.deps.db, articleId)
    if (!article.reviewId) throw conflict('该信息没有待审核的流程')
    await this.withdraw(ctx, article.reviewId)
  }

  /**
   * An authorised person (a site admin) publishes at once in an emergency; the article is
   * marked 未审先发 and its review runs afterwards through the usual levels.
   */
  async emergencyPublish(ctx: RequestContext, articleId: number, reason: string): Promise<void> {
    const why = reason.trim()
    if (!why) throw invalid('请填写紧急发布的理由', { reason: '请填写紧急发布的理由' })
    const target = await mustLoad(this.deps.db, articleId)
    if (roleOn(ctx.actor, target.siteId) !== 'admin') throw forbidden('只有站点管理员可以紧急发布')
    await this.precheck(ctx, articleId)
    const effects = await this.deps.db.transaction().execute(async (trx) => {
      const article = await mustLoad(trx, articleId)
      if (roleOn(ctx.actor, article.siteId) !== 'admin')
        throw forbidden('只有站点管理员可以紧急发布')
      if (article.placements.length === 0)
        throw invalid('请先选择所属栏目', { columnIds: '至少选择一个栏目' })
      if (article.status === 'published' && !article.workingRevisionId)
        throw conflict('该信息已发布，没有待发布的修改')
      if (article.reviewId) {
        const open = await this.lockPending(trx, article.reviewId)
        await this.step(trx, ctx, open.id, open.level, 'withdraw', '转为紧急发布')
        await reviewRepository.finish(trx, open.id, open.level, 'withdrawn', '转为紧急发布')
        await notificationRepository.markReadFor(trx, 'review.waiting', 'review', open.id)
      }
      const flow = await this.workflows.effective(trx, article.siteId, primaryColumnOf(article))
      const fresh = await mustLoad(trx, articleId)
      const tags = await goLiveNow(trx, ctx, fresh, 'article.emergency_publish', {
        reason: why,
      })
      if (flow.levels.length === 0) return { tags, mails: [], action: 'article.emergency_publish' }
      const reviewId = await reviewRepository.insert(trx, {
        articleId,
        siteId: article.siteId,
        revisionId: await revisionRepository.latestId(trx, articleId),
        levels: flow.levels,
        emergency: true,
        submittedBy: ctx.actor.id,
      })
      await this.step(trx, ctx, reviewId, 0, 'emergency', why)
      await articleRepository.update(trx, articleId, { review_id: reviewId, unreviewed: 1 })
      const mails = await this.notifyLevel(trx, ctx, reviewId, article, flow.levels, 1, true)
      return { tags, mails, action: 'article.emergency_publish' }
    })
    this.after(effects)
  }

  /** Everything waiting for this person's decision, across every site they serve. */
  async inbox(
    ctx: RequestContext,
    query: { siteId?: number; page?: number; pageSize?: number },
  ): Promise<{ rows: InboxItem[]; total: number; page: number; pageSize: number }> {
    const page = query.page ?? 1
    const pageSize = query.pageSize ?? 20
    const pending = await reviewRepository.pendingIn(
      this.deps.db,
      siteScope(ctx.actor),
      query.siteId,
    )
    const mine = pending.filter(({ review }) => mayDecide(ctx, review))
    const rows = mine.slice((page - 1) * pageSize, page * pageSize).map(toInboxItem)
    return { rows, total: mine.length, page, pageSize }
  }

  async get(ctx: RequestContext, reviewId: number): Promise<ReviewDetail> {
    const review = await this.mustGet(reviewId)
    const article = await mustLoad(this.deps.db, review.articleId)
    if (!canArticle(ctx.actor, 'read', article.siteId, article)) throw forbidden()
    return buildReviewDetail(this.deps, this.checker, ctx, review, article)
  }

  async listForArticle(
    ctx: RequestContext,
    articleId: number,
  ): Promise<(Review & { steps: ReviewStep[] })[]> {
    const article = await mustLoad(this.deps.db, articleId)
    if (!canArticle(ctx.actor, 'read', article.siteId, article)) throw forbidden()
    const reviews = await reviewRepository.listForArticle(this.deps.db, articleId)
    const steps = await reviewRepository.stepsOf(
      this.deps.db,
      reviews.map((r) => r.id),
    )
    return reviews.map((r) => ({ ...r, steps: steps.filter((s) => s.reviewId === r.id) }))
  }

  /** The review an actor may decide on now (the current level; not their own submission). */
  async canDecideOpen(ctx: RequestContext, article: ArticleDetail): Promise<boolean> {
    const review = await this.openReview(article.reviewId)
    return review !== null && mayDecide(ctx, review)
  }

  async openReview(reviewId: number | null): Promise<Review | null> {
    if (!reviewId) return null
    const r = await reviewRepository.get(this.deps.db, reviewId)
    return r && r.state === 'pending' ? r : null
  }

  // — internals —

  /** Blocking findings stop a submission, an approval or an emergency publish. */
  private async assertPasses(
    ctx: RequestContext,
    article: ArticleDetail,
    content: ArticleContent,
    publishedAt: string | null,
  ): Promise<void> {
    if (ctx.actor.id === null) return
    const findings = await checkContent(this.checker, article, content, publishedAt)
    if (findings.some((f) => f.severity === 'blocking')) throw checksBlocked(findings)
  }

  private async decidable(
    trx: Trx,
    ctx: RequestContext,
    reviewId: number,
  ): Promise<{ review: Review; article: ArticleDetail }> {
    const review = await this.lockPending(trx, reviewId)
    const level = review.levels[review.level - 1]
    if (!level || !canDecide(ctx.actor, level, review.siteId)) {
      throw forbidden('您不是当前审核级别的审核人')
    }
    if (!mayDecide(ctx, review)) throw forbidden('不能审核自己提交的信息')
    return { review, article: await mustLoad(trx, review.articleId) }
  }

  private async lockPending(trx: Trx, reviewId: number): Promise<Review> {
    const review = await reviewRepository.getForUpdate(
      trx,
      reviewId,
      this.deps.dialect === 'postgres',
    )
    if (!review) throw notFound('审核记录不存在')
    if (review.state !== 'pending') throw conflict('该审核已结束')
    return review
  }

  private async step(
    trx: Trx,
    ctx: RequestContext,
    reviewId: number,
    level: number,
    decision: ReviewStep['decision'],
    comment: string,
  ): Promise<void> {
    await reviewRepository.addStep(trx, {
      reviewId,
      level,
      decision,
      actorId: ctx.actor.id,
      actorName: ctx.actor.displayName || ctx.actor.username,
      comment: comment.trim().slice(0, 2000),
      at: nowIso(),
    })
  }

  private async notifyLevel(
    trx: Trx,
    ctx: RequestContext,
    reviewId: number,
    article: ArticleDetail,
    levels: WorkflowLevel[],
    levelNo: number,
    emergency: boolean,
  ): Promise<MailMessage[]> {
    const level = levels[levelNo - 1]
    if (!level) return []
    const holders = (await this.workflows.holders(trx, level, article.siteId)).filter(
      (u) => u !== ctx.actor.id,
    )
    return this.notifications.notify(trx, holders, {
      kind: emergency ? 'article.emergency' : 'review.waiting',
      title: `${emergency ? '紧急发布待补审' : '待审核'}：${article.title}`,
      body: `第${levelNo}级（${level.name}），共${levels.length}级。`,
      entity: 'review',
      entityId: reviewId,
      siteId: article.siteId,
    })
  }

  private async mustGet(id: number): Promise<Review> {
    const r = await reviewRepository.get(this.deps.db, id)
    if (!r) throw notFound('审核记录不存在')
    return r
  }

  deliverMails(mails: MailMessage[]): void {
    this.notifications.deliver(mails)
  }

  private after(effects: Effects): void {
    if (effects.tags.length > 0)
      this.deps.bus.publish({ action: effects.action, tags: effects.tags })
    this.notifications.deliver(effects.mails)
  }
}

/** Marks the audit event of a platform administrator deciding on their own submission. */
const self = (ctx: RequestContext, review: Review) =>
  review.submittedBy !== null && review.submittedBy === ctx.actor.id ? { selfApproved: true } : {}

function submitterAndAuthor(review: Review, article: ArticleDetail): number[] {
  return [review.submittedBy, article.createdBy].filter((u): u is number => u !== null)
}

const stale = () => conflict('审核状态已变化，请刷新后重试')
