import type { Finding } from '../../../common/checks'
import type { UnpublishKind } from '../../../common/enums'
import type { Deps } from '../../core-deps'
import type { Trx } from '../../db/database'
import { nowIso } from '../../db/dialect'
import { checksBlocked, conflict, invalid, locked, notFound, reviewRequired } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { propagateDelete } from '../cluster/push.effects'
import { jobRepository } from '../jobs/job.repository'
import type { MailMessage } from '../notifications/mailer'
import { mayDecide } from '../review/review.read'
import type { ReviewService } from '../review/review.service'
import type { EffectiveWorkflow } from '../review/workflow'
import type { WorkflowService } from '../review/workflow.service'
import { roleOn, type RequestContext } from '../users/actor'
import { checkContent, type ContentChecker } from './article.checks'
import {
  changedFields,
  contentOf,
  emptyContent,
  mergeContent,
  type ArticleContent,
} from './article.content'
import {
  checkPublishedAt,
  ensureBaseRevision,
  loadDetail,
  normaliseContent,
  primaryColumnOf,
  publishJobRef,
  recordRevision,
  resolveFiles,
  resolvePlacements,
  contentValues,
  takeDown,
  tagsFor,
  transition,
  unpublishJobRef,
  writeContent,
  type ArticleDetail,
} from './article.lifecycle'
import { articleScope, authorizeArticle, canArticle } from './article.policy'
import { planSchedule, type SchedulePlan } from './article.schedule'
import { articleRepository, type ArticleSummary } from './article.repository'
import type { ArticleCreateInput, ArticleListInput, ArticleUpdateInput } from './article.schema'
import { placementRepository } from './placement.repository'
import { revisionRepository } from './revision.repository'
import { htmlToText, summarise } from './rich-text'

export type { ArticleDetail } from './article.lifecycle'

/** What the editor sees: the article, its working copy and review, and what the user may do. */
export interface ArticleView extends ArticleDetail {
  workingCopy: (ArticleContent & { publishedAt: string | null }) | null
  review: {
    id: number
    state: string
    level: number
    levelCount: number
    levelName: string
    emergency: boolean
    submittedBy: number | null
  } | null
  workflow: EffectiveWorkflow
  can: {
    edit: boolean
    submit: boolean
    publish: boolean
    emergency: boolean
    unpublish: boolean
    withdraw: boolean
    review: boolean
    delete: boolean
  }
  /** Findings of the content checks on what was just saved (warnings and blocking ones). */
  findings?: Finding[]
}

export interface UnpublishOptions {
  kind?: UnpublishKind
  reason?: string
  redirectUrl?: string
}

/** How another module creates an article as part of its own change (adoption, copy push). */
export interface CreateOptions {
  /** The article this one is copied or adopted from. */
  origin?: { articleId: number; siteId: number }
  /** Runs inside the creating transaction, after the article and its placements are written. */
  within?: (trx: Trx, articleId: number) => Promise<void>
}

const DEFAULT_WITHDRAW_REASON = '该信息已被发布单位撤回。'

/**
 * The information resource library: articles, their placements, files and publication. With a
 * review workflow, edits of live articles become working copies and only reviews publish.
 */
export class ArticleService {
  constructor(
    private readonly deps: Deps,
    private readonly workflows: WorkflowService,
    private readonly reviews: ReviewService,
    private readonly checker: ContentChecker,
  ) {}

  async get(ctx: RequestContext, id: number): Promise<ArticleDetail> {
    const article = await loadDetail(this.deps.db, id)
    if (!article) throw notFound('信息不存在')
    authorizeArticle(ctx.actor, 'read', article.siteId, article)
    return article
  }

  async view(ctx: RequestContext, id: number, findings?: Finding[]): Promise<ArticleView> {
    const a = await this.get(ctx, id)
    const [working, review, workflow] = await Promise.all([
      a.workingRevisionId ? revisionRepository.get(this.deps.db, a.workingRevisionId) : undefined,
      this.reviews.openReview(a.reviewId),
      this.workflows.effective(this.deps.db, a.siteId, primaryColumnOf(a)),
    ])
    const decides = review !== null && mayDecide(ctx, review)
    const write = canArticle(ctx.actor, 'write', a.siteId, a)
    const reviewed = workflow.levels.length > 0
    const live = a.status === 'published' || a.status === 'scheduled'
    const isAdmin = roleOn(ctx.actor, a.siteId) === 'admin'
    return {
      ...a,
      workingCopy: working ? working.snapshot : null,
      review: review
        ? {
            id: review.id,
            state: review.state,
            level: review.level,
            levelCount: review.levels.length,
            levelName: review.levels[review.level - 1]?.name ?? '',
            emergency: review.emergency,
            submittedBy: review.submittedBy,
          }
        : null,
      workflow,
      can: {
        edit: write && (!review || decides),
        submit: write && !review && (!live || !!a.workingRevisionId || a.unreviewed),
        publish: write && !reviewed && (!live || !!a.workingRevisionId),
        emergency: isAdmin && reviewed && (!live || !!a.workingRevisionId),
        unpublish: write && live,
        withdraw: !!review && !review.emergency && (review.submittedBy === ctx.actor.id || isAdmin),
        review: decides,
        delete: canArticle(ctx.actor, 'delete', a.siteId, a),
      },
      ...(findings ? { findings } : {}),
    }
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

  /**
   * Creates a draft. `publish: true` publishes at once where no review is required (and for the
   * system: imports, seed), and otherwise submits the new article for review.
   */
  async create(
    ctx: RequestContext,
    input: ArticleCreateInput,
    options: CreateOptions = {},
  ): Promise<ArticleView> {
    authorizeArticle(ctx.actor, 'write', input.siteId)
    const system = ctx.actor.id === null
    const content = normaliseContent(mergeContent(emptyContent(), input))
    const plannedAt = input.publishedAt ?? null
    const findings = system
      ? []
      : await checkContent(
          this.checker,
          { createdAt: nowIso() },
          content,
          plannedAt,
          input.backdateReason,
        )
    if (input.publish && findings.some((f) => f.severity === 'blocking'))
      throw checksBlocked(findings)
    const { id, tags, mails } = await this.deps.db.transaction().execute(async (trx) => {
      const now = nowIso()
      if (input.externalId) {
        const existing = await articleRepository.findByExternalIds(trx, input.siteId, [
          input.externalId,
        ])
        if (existing.size > 0)
          throw conflict('外部编号已存在', { externalId: '该站点已有相同外部编号的信息' })
      }
      const placements = await resolvePlacements(trx, ctx, input.siteId, content.columnIds)
      const values = contentValues(content)
      const direct = input.publish && system
      const publishedAt = direct ? (checkPublishedAt(plannedAt) ?? now) : plannedAt
      const id = await articleRepository.insert(trx, {
        site_id: input.siteId,
        external_id: input.externalId || null,
        ...values,
        summary: input.summary?.trim() || values.summary,
        status: direct ? 'published' : 'draft',
        published_at: publishedAt,
        backdate_reason: input.backdateReason?.trim() ?? '',
        origin_article_id: options.origin?.articleId ?? null,
        origin_site_id: options.origin?.siteId ?? null,
        created_by: ctx.actor.id,
        updated_by: ctx.actor.id,
        created_at: now,
        updated_at: now,
      })
      await placementRepository.replaceForArticle(
        trx,
        id,
        placements,
        direct ? 'published' : 'draft',
        publishedAt,
      )
      await articleRepository.replaceFiles(
        trx,
        id,
        await resolveFiles(trx, content.attachments, content.coverFileId, values.body_html),
      )
      await recordRevision(trx, ctx, id, 'create', {
        ...content,
        summary: input.summary?.trim() || values.summary,
        publishedAt,
      })
      await recordAudit(trx, ctx, {
        action: direct ? 'article.create_publish' : 'article.create',
        entity: 'article',
        entityId: id,
        siteId: input.siteId,
        diff: {
          title: input.title,
          columnIds: input.columnIds,
          status: direct ? 'published' : 'draft',
          ...(input.backdateReason ? { backdateReason: input.backdateReason } : {}),
        },
      })
      await options.within?.(trx, id)
      if (input.publish && !direct) {
        const effects = await this.reviews.submitTx(trx, ctx, id, '')
        return { id, tags: effects.tags, mails: effects.mails }
      }
      return { id, tags: direct ? tagsFor(id, placements) : [], mails: [] }
    })
    if (tags.length) this.deps.bus.publish({ action: 'article.create', tags })
    this.reviews.deliverMails(mails)
    return this.view(ctx, id, findings)
  }

  /**
   * Saves an edit. A draft changes in place; a live article under a review workflow gets a
   * working copy (the public keeps seeing the approved version until the copy is approved);
   * a live article without a workflow changes in place, after its checks pass.
   */
  async update(ctx: RequestContext, id: number, input: ArticleUpdateInput): Promise<ArticleView> {
    const before = await this.get(ctx, id)
    authorizeArticle(ctx.actor, 'write', before.siteId, before)
    const system = ctx.actor.id === null
    if (before.reviewId && !system && !(await this.reviews.canDecideOpen(ctx, before))) {
      throw locked('信息正在审核中，请先撤回后再修改')
    }
    const working = before.workingRevisionId
      ? await revisionRepository.get(this.deps.db, before.workingRevisionId)
      : undefined
    const base = working ? working.snapshot : contentOf(before)
    const merged = mergeContent(base, input)
    // A summary generated from the old body follows the new body (else a phone number deleted
    // from the body would live on in the summary the form sends back).
    if (
      merged.bodyHtml !== base.bodyHtml &&
      merged.summary.trim() === summarise(htmlToText(base.bodyHtml))
    ) {
      merged.summary = ''
    }
    const content = normaliseContent(merged)
    const live = before.status === 'published' || before.status === 'scheduled'
    const flow = await this.workflows.effective(
      this.deps.db,
      before.siteId,
      primaryColumnOf(before),
    )
    const asWorkingCopy = live && flow.levels.length > 0 && !system
    let publishedAt = working ? working.snapshot.publishedAt : before.publishedAt
    if (input.publishedAt !== undefined) {
      publishedAt = live ? (checkPublishedAt(input.publishedAt) ?? publishedAt) : input.publishedAt
    }
    const backdateReason = input.backdateReason ?? before.backdateReason
    const findings = system
      ? []
      : await checkContent(this.checker, before, content, publishedAt, backdateReason)
    if (live && !asWorkingCopy && findings.some((f) => f.severity === 'blocking')) {
      throw checksBlocked(findings)
    }
    const tags = await this.deps.db.transaction().execute(async (trx) => {
      if (input.externalId && input.externalId !== before.externalId) {
        const existing = await articleRepository.findByExternalIds(trx, before.siteId, [
          input.externalId,
        ])
        if (existing.size > 0)
          throw conflict('外部编号已存在', { externalId: '该站点已有相同外部编号的信息' })
      }
      await ensureBaseRevision(trx, ctx, before, contentOf(before))
      const diff = changedFields(base, content, input)
      if (asWorkingCopy) {
        // Placements are checked now, while the editor's permissions are known.
        await resolvePlacements(trx, ctx, before.siteId, content.columnIds)
        const revId = await recordRevision(trx, ctx, id, 'working', { ...content, publishedAt })
        await articleRepository.update(trx, id, {
          working_revision_id: revId,
          backdate_reason: backdateReason,
          updated_by: ctx.actor.id,
          updated_at: nowIso(),
        })
        await recordAudit(trx, ctx, {
          action: 'article.update_working',
          entity: 'article',
          entityId: id,
          siteId: before.siteId,
          diff: { ...diff, revisionId: revId },
        })
        return []
      }
      const tags = await writeContent(trx, ctx, before, content, {
        // Saved in place (a draft, or a live article without review): no working copy remains.
        working_revision_id: null,
        published_at: publishedAt,
        backdate_reason: backdateReason,
        external_id: input.externalId === undefined ? undefined : input.externalId || null,
        updated_by: ctx.actor.id,
      })
      await recordRevision(trx, ctx, id, 'save', { ...content, publishedAt })
      await recordAudit(trx, ctx, {
        action: 'article.update',
        entity: 'article',
        entityId: id,
        siteId: before.siteId,
        diff,
      })
      // A draft's tags matter too: a cached 404 of its URL must go when it is published.
      return tags
    })
    if (tags.length) this.deps.bus.publish({ action: 'article.update', tags })
    return this.view(ctx, id, findings)
  }

  /** Publishes directly: only where no review workflow applies (or for the system). */
  async publish(
    ctx: RequestContext,
    id: number,
    options: { publishedAt?: string } = {},
  ): Promise<ArticleView> {
    const before = await this.get(ctx, id)
    authorizeArticle(ctx.actor, 'publish', before.siteId, before)
    if (before.placements.length === 0)
      throw invalid('请先选择所属栏目', { columnIds: '至少选择一个栏目' })
    if (before.status === 'published' && !options.publishedAt && !before.workingRevisionId)
      return this.view(ctx, id)
    const publishedAt = checkPublishedAt(options.publishedAt ?? before.publishedAt) ?? nowIso()
    if (ctx.actor.id !== null) {
      const flow = await this.workflows.effective(
        this.deps.db,
        before.siteId,
        primaryColumnOf(before),
      )
      if (flow.levels.length > 0) throw reviewRequired()
      if (before.reviewId) throw conflict('该信息已在审核中')
      if (before.workingRevisionId) {
        // Left over from a workflow since removed: submitting applies and publishes it.
        await this.reviews.submit(ctx, id)
        return this.view(ctx, id)
      }
      const findings = await checkContent(this.checker, before, contentOf(before), publishedAt)
      if (findings.some((f) => f.severity === 'blocking')) throw checksBlocked(findings)
    }
    const current = before
    const tags = await this.deps.db.transaction().execute((trx) =>
      current.status === 'published' && publishedAt === current.publishedAt
        ? Promise.resolve([])
        : transition(trx, ctx, current, {
            status: 'published',
            publishedAt,
            set: { publish_at: null },
            action: 'article.publish',
          }),
    )
    if (tags.length) this.deps.bus.publish({ action: 'article.publish', tags })
    return this.view(ctx, id)
  }

  /**
   * Takes a published (or scheduled) article down: withdrawn with a public notice of the
   * reason (410), redirected to a replacement (301), or removed (410 without details).
   */
  async unpublish(
    ctx: RequestContext,
    id: number,
    options: UnpublishOptions = {},
  ): Promise<ArticleView> {
    const before = await this.get(ctx, id)
    authorizeArticle(ctx.actor, 'publish', before.siteId, before)
    if (before.status !== 'published' && before.status !== 'scheduled')
      throw conflict('只有已发布或待定时发布的信息可以撤销')
    const kind = options.kind ?? 'withdrawn'
    const reason = options.reason?.trim() || (kind === 'withdrawn' ? DEFAULT_WITHDRAW_REASON : '')
    const redirectUrl = options.redirectUrl?.trim() ?? ''
    if (kind === 'redirect' && !/^(https?:\/\/\S+|\/\S*)$/.test(redirectUrl)) {
      throw invalid('请填写替代信息的地址', {
        redirectUrl: '请填写以 http://、https:// 或 / 开头的地址',
      })
    }
    const mails: MailMessage[] = []
    const tags = await this.deps.db.transaction().execute((trx) =>
      takeDown(
        trx,
        ctx,
        before,
        {
          kind,
          reason,
          redirectUrl: kind === 'redirect' ? redirectUrl : '',
          action: 'article.unpublish',
        },
        mails,
      ),
    )
    this.deps.bus.publish({ action: 'article.unpublish', tags })
    this.reviews.deliverMails(mails)
    return this.view(ctx, id)
  }

  /**
   * Plans publication and take-down as durable jobs. A planned publication waits for the
   * review; once approved (or where no review applies) the article is `scheduled`.
   */
  async schedule(ctx: RequestContext, id: number, plan: SchedulePlan): Promise<ArticleView> {
    const before = await this.get(ctx, id)
    authorizeArticle(ctx.actor, 'write', before.siteId, before)
    const flow = await this.workflows.effective(
      this.deps.db,
      before.siteId,
      primaryColumnOf(before),
    )
    const tags = await planSchedule(this.deps, this.checker, ctx, before, flow.levels.length, plan)
    if (tags.length) this.deps.bus.publish({ action: 'article.schedule', tags })
    return this.view(ctx, id)
  }

  async remove(ctx: RequestContext, id: number): Promise<void> {
    const before = await this.get(ctx, id)
    authorizeArticle(ctx.actor, 'delete', before.siteId, before)
    if (before.reviewId) throw conflict('信息正在审核中，请先撤回')
    const mails: MailMessage[] = []
    const copyTags = await this.deps.db.transaction().execute(async (trx) => {
      await jobRepository.cancelByRef(trx, publishJobRef(id))
      await jobRepository.cancelByRef(trx, unpublishJobRef(id))
      // 一稿多发 / 信息报送: copies, pending pushes and submissions follow the deleted source.
      const copyTags = await propagateDelete(trx, ctx, before, mails)
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
      return copyTags
    })
    this.deps.bus.publish({
      action: 'article.delete',
      tags: [...tagsFor(id, before.placements), ...copyTags],
    })
    this.reviews.deliverMails(mails)
  }
}
