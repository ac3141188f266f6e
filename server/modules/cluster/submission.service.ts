import {
  SUBMISSION_STATUS_LABELS,
  type Submission,
  type SubmissionScoring,
  type SubmissionStatus,
} from '../../../common/cluster'
import type { Deps } from '../../core-deps'
import type { Trx } from '../../db/database'
import { nowIso } from '../../db/dialect'
import { conflict, forbidden, invalid, notFound } from '../../errors'
import { loadDetail } from '../articles/article.lifecycle'
import { canArticle } from '../articles/article.policy'
import { articleRepository } from '../articles/article.repository'
import type { ArticleService } from '../articles/article.service'
import { recordAudit } from '../audit/audit.repository'
import { columnRepository } from '../columns/column.repository'
import { fileUrl } from '../files/file.service'
import type { MailMessage } from '../notifications/mailer'
import type { NotificationService } from '../notifications/notification.service'
import { siteRepository } from '../sites/site.repository'
import { roleOn, siteScope, type RequestContext } from '../users/actor'
import { userRepository } from '../users/user.repository'
import {
  authorizeSource,
  authorizeTarget,
  checkTargetColumn,
  leavePending,
  readsSubmission,
  submissionNotice,
} from './submission.access'
import { adoptSubmission } from './submission.adopt'
import { submissionRepository } from './submission.repository'
import type { AdoptInput, SubmissionListInput, SubmitInput } from './submission.schema'
import { checkPeriod, computeStatistics, type SubmissionStatistics } from './submission.statistics'

/** The source article as the inbox shows it (what would be adopted). */
export interface SubmissionArticle {
  title: string
  subtitle: string
  source: string
  author: string
  summary: string
  bodyHtml: string
  keywords: string
  attachments: { name: string; url: string }[]
}

export type SubmissionDetail = Submission & { article: SubmissionArticle | null }

/**
 * 信息报送: units offer their articles to other sites' columns; the receiving site adopts
 * (through its own review), returns for changes or declines; offices count and score it.
 */
export class SubmissionService {
  constructor(
    private readonly deps: Deps,
    private readonly articles: ArticleService,
    private readonly notifications: NotificationService,
  ) {}

  /** Submits an article to one or more columns of other sites: one submission per column. */
  async submit(ctx: RequestContext, input: SubmitInput): Promise<Submission[]> {
    const article = await articleRepository.get(this.deps.db, input.articleId)
    if (!article) throw notFound('信息不存在')
    if (!canArticle(ctx.actor, 'write', article.siteId, article)) {
      throw forbidden('只有本单位的编辑或管理员可以报送该信息')
    }
    const columnIds = [...new Set(input.targetColumnIds)]
    const note = input.note?.trim() ?? ''
    const unit = await siteRepository.get(this.deps.db, article.siteId)
    const { ids, mails } = await this.deps.db.transaction().execute(async (trx) => {
      const ids: number[] = []
      const mails: MailMessage[] = []
      const now = nowIso()
      for (const columnId of columnIds) {
        const column = await columnRepository.get(trx, columnId)
        if (!column) {
          throw invalid('栏目不存在', { targetColumnIds: `栏目 ${columnId} 不存在` })
        }
        const { siteName } = await checkTargetColumn(trx, article.siteId, column)
        if (await submissionRepository.pendingFor(trx, article.id, column.id)) {
          throw conflict(`该信息已报送到“${siteName}”的“${column.name}”，正在等待处理`)
        }
        const id = await submissionRepository.insert(trx, {
          source_site_id: article.siteId,
          source_article_id: article.id,
          target_site_id: column.siteId,
          target_column_id: column.id,
          title: article.title,
          note,
          status: 'pending',
          submitted_by: ctx.actor.id,
          submitted_at: now,
          updated_at: now,
        })
        await recordAudit(trx, ctx, {
          action: 'submission.submit',
          entity: 'submission',
          entityId: id,
          siteId: article.siteId,
          diff: { articleId: article.id, targetSiteId: column.siteId, targetColumnId: column.id },
        })
        const body = `${unit?.name ?? ''}报送到“${column.name}”。${note ? `说明：${note}` : ''}`
        mails.push(...(await this.notifyTarget(trx, ctx, id, column.siteId, article.title, body)))
        ids.push(id)
      }
      return { ids, mails }
    })
    this.notifications.deliver(mails)
    return Promise.all(ids.map((id) => this.mustGet(id)))
  }

  /** The outbox (submissions of the actor's units) or the inbox (submissions to its sites). */
  async list(
    ctx: RequestContext,
    query: SubmissionListInput,
  ): Promise<{ rows: Submission[]; total: number; page: number; pageSize: number }> {
    const page = query.page ?? 1
    const pageSize = query.pageSize ?? 20
    const { rows, total } = await submissionRepository.list(this.deps.db, this.filter(ctx, query), {
      offset: (page - 1) * pageSize,
      limit: pageSize,
    })
    return { rows, total, page, pageSize }
  }

  /** A submission with the source article's current content. */
  async get(ctx: RequestContext, id: number): Promise<SubmissionDetail> {
    const s = await this.mustGet(id)
    if (!readsSubmission(ctx.actor, s)) throw forbidden('您没有查看该报送信息的权限')
    const a = s.sourceArticleId ? await loadDetail(this.deps.db, s.sourceArticleId) : undefined
    return {
      ...s,
      article: a
        ? {
            title: a.title,
            subtitle: a.subtitle,
            source: a.source,
            author: a.author,
            summary: a.summary,
            bodyHtml: a.bodyHtml,
            keywords: a.keywords,
            attachments: a.files
              .filter((f) => f.role === 'attachment')
              .map((f) => ({ name: f.name, url: fileUrl(f) })),
          }
        : null,
    }
  }

  /** Adopts a pending submission: a new article on the target site, attributed to the unit. */
  async adopt(
    ctx: RequestContext,
    id: number,
    input: AdoptInput,
  ): Promise<{ submission: Submission; articleId: number }> {
    const s = await this.mustGet(id)
    authorizeTarget(ctx.actor, s)
    expectStatus(s, 'pending', '采用')
    const { articleId, mails } = await adoptSubmission(
      { deps: this.deps, articles: this.articles, notifications: this.notifications },
      ctx,
      s,
      input,
    )
    this.notifications.deliver(mails)
    return { submission: await this.mustGet(id), articleId }
  }

  /** Returns a pending submission to the unit for changes (with the reason). */
  returnToSource(ctx: RequestContext, id: number, reason: string): Promise<Submission> {
    return this.decide(ctx, id, 'returned', reason)
  }

  /** Declines a pending submission (with the reason). */
  decline(ctx: RequestContext, id: number, reason: string): Promise<Submission> {
    return this.decide(ctx, id, 'declined', reason)
  }

  /** Offers a returned submission again (the article as it is now); it still counts once. */
  async resubmit(ctx: RequestContext, id: number, note?: string): Promise<Submission> {
    const s = await this.mustGet(id)
    authorizeSource(ctx.actor, s)
    expectStatus(s, 'returned', '重新报送')
    const mails = await this.deps.db.transaction().execute(async (trx) => {
      const article = s.sourceArticleId
        ? await articleRepository.get(trx, s.sourceArticleId)
        : undefined
      if (!article) throw conflict('报送的信息已被删除，不能重新报送')
      const column = s.targetColumnId ? await columnRepository.get(trx, s.targetColumnId) : null
      if (!column) throw conflict('接收栏目已被删除，请重新选择栏目报送')
      await checkTargetColumn(trx, s.sourceSiteId, column)
      if (await submissionRepository.pendingFor(trx, article.id, column.id, s.id)) {
        throw conflict(`该信息已报送到“${column.name}”，正在等待处理`)
      }
      const now = nowIso()
      const ok = await submissionRepository.transition(trx, s.id, 'returned', {
        status: 'pending',
        rounds: s.rounds + 1,
        title: article.title,
        ...(note !== undefined ? { note: note.trim() } : {}),
        reason: '',
        decided_by: null,
        decided_at: null,
        updated_at: now,
      })
      if (!ok) throw conflict('该报送的状态已变化，请刷新后重试')
      await recordAudit(trx, ctx, {
        action: 'submission.resubmit',
        entity: 'submission',
        entityId: s.id,
        siteId: s.sourceSiteId,
        diff: { round: s.rounds + 1, title: article.title },
      })
      const body = `${s.sourceSiteName}修改后重新报送到“${column.name}”（第 ${s.rounds + 1} 次）。`
      return this.notifyTarget(trx, ctx, s.id, s.targetSiteId, article.title, body, true)
    })
    this.notifications.deliver(mails)
    return this.mustGet(id)
  }

  /** The unit takes back a submission nobody has decided on yet. */
  async withdraw(ctx: RequestContext, id: number): Promise<Submission> {
    const s = await this.mustGet(id)
    authorizeSource(ctx.actor, s)
    expectStatus(s, 'pending', '撤回')
    await this.deps.db.transaction().execute(async (trx) => {
      const now = nowIso()
      await leavePending(
        trx,
        s.id,
        { status: 'withdrawn', updated_at: now },
        '该报送已被处理，不能撤回',
      )
      await recordAudit(trx, ctx, {
        action: 'submission.withdraw',
        entity: 'submission',
        entityId: s.id,
        siteId: s.sourceSiteId,
        diff: { title: s.title },
      })
    })
    return this.mustGet(id)
  }

  /** 信息报送考核 figures; any back-office user with a role somewhere reads them. */
  async statistics(
    ctx: RequestContext,
    q: { from?: string; to?: string; targetSiteId?: number },
  ): Promise<SubmissionStatistics> {
    this.authorizeAnyRole(ctx)
    return computeStatistics(this.deps.db, q)
  }

  async scoring(ctx: RequestContext): Promise<SubmissionScoring> {
    this.authorizeAnyRole(ctx)
    return submissionRepository.getScoring(this.deps.db)
  }

  /** Sets the scoring rule (cluster administrators only). */
  async putScoring(ctx: RequestContext, scoring: SubmissionScoring): Promise<SubmissionScoring> {
    if (!ctx.actor.isClusterAdmin) throw forbidden('只有站群管理员可以设置计分规则')
    const clean: SubmissionScoring = {
      perSubmitted: scoring.perSubmitted,
      perAdopted: scoring.perAdopted,
      perAdoptedHome: scoring.perAdoptedHome,
    }
    await this.deps.db.transaction().execute(async (trx) => {
      const before = await submissionRepository.getScoring(trx)
      await submissionRepository.putScoring(trx, clean)
      await recordAudit(trx, ctx, {
        action: 'submission.scoring',
        entity: 'submission',
        entityId: 'scoring',
        diff: { from: before, to: clean },
      })
    })
    return clean
  }

  private authorizeAnyRole(ctx: RequestContext): void {
    const scope = siteScope(ctx.actor)
    if (scope !== 'all' && scope.length === 0) throw forbidden('您没有查看信息报送统计的权限')
  }

  private filter(ctx: RequestContext, q: SubmissionListInput) {
    const { from, to } = checkPeriod(q.from, q.to)
    if (q.siteId !== undefined && roleOn(ctx.actor, q.siteId) === null) {
      throw forbidden('您没有查看该站点报送信息的权限')
    }
    return {
      box: q.box ?? 'outbox',
      siteIds: siteScope(ctx.actor),
      siteId: q.siteId,
      status: q.status,
      q: q.q?.trim() || undefined,
      from,
      to,
    }
  }

  private async decide(
    ctx: RequestContext,
    id: number,
    to: 'returned' | 'declined',
    reason: string,
  ): Promise<Submission> {
    const s = await this.mustGet(id)
    authorizeTarget(ctx.actor, s)
    const verb = to === 'returned' ? '退回' : '不予采用'
    expectStatus(s, 'pending', verb)
    const text = reason.trim()
    if (!text) throw invalid('请填写理由', { reason: '请填写理由' })
    const mails = await this.deps.db.transaction().execute(async (trx) => {
      const now = nowIso()
      await leavePending(
        trx,
        s.id,
        { status: to, reason: text, decided_by: ctx.actor.id, decided_at: now, updated_at: now },
        '该报送已被处理，请刷新后查看',
      )
      await recordAudit(trx, ctx, {
        action: to === 'returned' ? 'submission.return' : 'submission.decline',
        entity: 'submission',
        entityId: s.id,
        siteId: s.targetSiteId,
        diff: { reason: text },
      })
      if (s.submittedBy === null) return []
      return this.notifications.notify(
        trx,
        [s.submittedBy],
        submissionNotice(
          s,
          'submission.decided',
          s.sourceSiteId,
          to === 'returned' ? `报送信息被退回修改：${s.title}` : `报送信息未被采用：${s.title}`,
          `${s.targetSiteName}：${text}`,
        ),
      )
    })
    this.notifications.deliver(mails)
    return this.mustGet(id)
  }

  private async notifyTarget(
    trx: Trx,
    ctx: RequestContext,
    id: number,
    targetSiteId: number,
    title: string,
    body: string,
    again = false,
  ): Promise<MailMessage[]> {
    const users = await userRepository.activeWithRoles(trx, targetSiteId, ['admin', 'editor'])
    const others = users.filter((u) => u !== ctx.actor.id)
    return this.notifications.notify(
      trx,
      others,
      submissionNotice(
        { id },
        'submission.received',
        targetSiteId,
        `${again ? '报送信息已修改重报' : '收到报送信息'}：${title}`,
        body,
      ),
    )
  }

  private async mustGet(id: number): Promise<Submission> {
    const s = await submissionRepository.get(this.deps.db, id)
    if (!s) throw notFound('报送信息不存在')
    return s
  }
}

/** Decisions are taken once: a submission not in the expected state answers 409. */
export function expectStatus(s: Submission, status: SubmissionStatus, verb: string): void {
  if (s.status !== status) {
    throw conflict(`该报送当前为“${SUBMISSION_STATUS_LABELS[s.status]}”，不能${verb}`)
  }
}
