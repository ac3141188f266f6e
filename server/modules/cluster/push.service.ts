import { PUSH_KIND_LABELS, type Push, type PushKind } from '../../../common/cluster'
import type { Deps } from '../../core-deps'
import type { Trx } from '../../db/database'
import { conflict, forbidden, invalid, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { loadDetail, type ArticleDetail } from '../articles/article.lifecycle'
import type { ArticleService } from '../articles/article.service'
import { columnRepository, type Column } from '../columns/column.repository'
import type { MailMessage } from '../notifications/mailer'
import type { NotificationService } from '../notifications/notification.service'
import { siteRepository, type Site } from '../sites/site.repository'
import { roleOn, siteScope, systemContext, type Actor, type RequestContext } from '../users/actor'
import { notifySite, placementTags, usePushNotifier } from './push.effects'
import { PushDecisions } from './push.decisions'
import { pushRepository } from './push.repository'
import type { PushCreateInput, PushListInput } from './push.schema'
import { accepts, sharingRepository } from './sharing.repository'
import { ACCEPTING_COLUMN_TYPES } from './sharing.service'

/** Editors and admins of a site act on its pushes; reviewers only read. */
export function writesOn(actor: Actor, siteId: number): boolean {
  const role = roleOn(actor, siteId)
  return role === 'admin' || role === 'editor'
}

/** A checked target of a new push. */
interface Target {
  column: Column
  site: Site
  review: boolean
}

/**
 * 一稿多发: an editor pushes an article to other sites' columns, linked (edits flow through) or
 * as a copy (an independent article recording its source). The receiving site's policy decides
 * whether the push waits for its editors. Decisions on a push live in PushDecisions.
 */
export class PushService extends PushDecisions {
  constructor(
    deps: Deps,
    articles: ArticleService,
    private readonly notifications: NotificationService,
  ) {
    super(deps, articles, notifications)
    usePushNotifier(notifications)
  }

  async create(ctx: RequestContext, articleId: number, input: PushCreateInput): Promise<Push[]> {
    const db = this.deps.db
    const article = await loadDetail(db, articleId)
    if (!article) throw notFound('信息不存在或已删除')
    if (!writesOn(ctx.actor, article.siteId)) {
      throw forbidden('只有本站点的编辑或管理员可以推送信息')
    }
    // A linked placement shows nothing until the source is published; a copy is a snapshot of
    // what the public sees, so only a published article can be copied.
    if (input.kind === 'copy' && article.status !== 'published') {
      throw conflict('只有已发布的信息可以复制推送')
    }
    const targets: Target[] = []
    for (const columnId of [...new Set(input.columnIds)]) {
      targets.push(await this.checkTarget(article, columnId))
    }
    const source = (await siteRepository.get(db, article.siteId)) as Site
    const mails: MailMessage[] = []
    const ids: number[] = []
    const queued = targets.filter((t) => t.review || input.kind === 'linked')
    const tags = await db.transaction().execute(async (trx) => {
      const tags: string[] = []
      for (const t of queued) {
        const state = t.review ? 'pending' : 'accepted'
        const id = await this.insertPush(trx, ctx, article, t, input.kind, state)
        ids.push(id)
        if (!t.review) {
          // Accepted at once (the target does not review pushes): the placement appears now.
          await pushRepository.insertPlacement(trx, {
            articleId,
            columnId: t.column.id,
            siteId: t.site.id,
            pushId: id,
            status: article.status,
            publishedAt: article.publishedAt,
          })
          tags.push(...placementTags(articleId, t.column.id, t.site.id))
        }
        await this.tellTarget(trx, source, article, t, input.kind, id, mails)
      }
      return tags
    })
    if (tags.length) this.deps.bus.publish({ action: 'push.create', tags })
    // Copies into sites that take pushes without review are published there directly, each with
    // its push record in the copy's own transaction.
    for (const t of targets.filter((x) => !x.review && input.kind === 'copy')) {
      await this.articles.create(
        systemContext('push'),
        this.copyInput(article, source, t.site.id, t.column.id),
        {
          origin: { articleId, siteId: article.siteId },
          within: async (trx, copyId) => {
            const id = await this.insertPush(trx, ctx, article, t, 'copy', 'accepted', copyId)
            ids.push(id)
            await this.tellTarget(trx, source, article, t, 'copy', id, mails)
          },
        },
      )
    }
    this.notifications.deliver(mails)
    const out: Push[] = []
    for (const id of ids) out.push((await pushRepository.get(db, id)) as Push)
    return out
  }

  async list(
    ctx: RequestContext,
    q: PushListInput,
  ): Promise<{ rows: Push[]; total: number; page: number; pageSize: number }> {
    const page = q.page ?? 1
    const pageSize = q.pageSize ?? 20
    const { rows, total } = await pushRepository.list(
      this.deps.db,
      {
        box: q.box,
        scope: siteScope(ctx.actor),
        siteId: q.siteId,
        state: q.state,
        articleId: q.articleId,
      },
      { offset: (page - 1) * pageSize, limit: pageSize },
    )
    return { rows, total, page, pageSize }
  }

  /** The pushes of one article, for its editor's panel. */
  async listForArticle(ctx: RequestContext, articleId: number): Promise<Push[]> {
    const article = await loadDetail(this.deps.db, articleId)
    if (!article) throw notFound('信息不存在')
    if (roleOn(ctx.actor, article.siteId) === null) throw forbidden()
    return pushRepository.listForArticle(this.deps.db, articleId)
  }

  /** The receiving end's checks: a list/page column of another open site that accepts us. */
  private async checkTarget(article: ArticleDetail, columnId: number): Promise<Target> {
    const db = this.deps.db
    const column = await columnRepository.get(db, columnId)
    if (!column) throw invalid('目标栏目不存在', { columnIds: `栏目 ${columnId} 不存在` })
    const site = await siteRepository.get(db, column.siteId)
    if (!site) throw invalid('目标栏目不存在', { columnIds: `栏目 ${columnId} 不存在` })
    if (site.id === article.siteId) {
      throw invalid('不能推送到本站点的栏目', { columnIds: `“${column.name}”属于本站点` })
    }
    if (!ACCEPTING_COLUMN_TYPES.has(column.type)) {
      throw invalid('目标栏目须为文章列表或单页栏目', {
        columnIds: `“${site.name}”的“${column.name}”不是文章列表或单页栏目`,
      })
    }
    if (site.status !== 'open') throw forbidden(`“${site.name}”未开通，不能接收推送`)
    const policy = await sharingRepository.get(db, site.id)
    if (!policy || !accepts(policy, 'pushes', article.siteId)) {
      throw forbidden(`“${site.name}”不接收本站点推送的信息`)
    }
    if (await pushRepository.isPlaced(db, article.id, column.id)) {
      throw conflict(`该信息已在“${site.name}”的“${column.name}”栏目中`)
    }
    if (await pushRepository.hasPending(db, article.id, column.id)) {
      throw conflict(`该信息已推送到“${site.name}”的“${column.name}”，正等待接收`)
    }
    return { column, site, review: policy.pushReview }
  }

  private async insertPush(
    trx: Trx,
    ctx: RequestContext,
    article: ArticleDetail,
    t: Target,
    kind: PushKind,
    state: 'pending' | 'accepted',
    copyArticleId: number | null = null,
  ): Promise<number> {
    const id = await pushRepository.insert(trx, {
      articleId: article.id,
      sourceSiteId: article.siteId,
      targetSiteId: t.site.id,
      targetColumnId: t.column.id,
      kind,
      state,
      title: article.title,
      pushedBy: ctx.actor.id,
      decidedBy: null,
      copyArticleId,
    })
    await recordAudit(trx, ctx, {
      action: 'push.create',
      entity: 'push',
      entityId: id,
      siteId: article.siteId,
      diff: {
        articleId: article.id,
        title: article.title,
        targetSiteId: t.site.id,
        targetColumnId: t.column.id,
        kind,
        state,
        ...(copyArticleId ? { copyArticleId } : {}),
      },
    })
    return id
  }

  private tellTarget(
    trx: Trx,
    source: Site,
    article: ArticleDetail,
    t: Target,
    kind: PushKind,
    pushId: number,
    mails: MailMessage[],
  ): Promise<void> {
    const where = `“${t.site.name}”的“${t.column.name}”栏目`
    return notifySite(
      trx,
      t.site.id,
      t.review
        ? {
            kind: 'push.received',
            title: `${source.name}推送了“${article.title}”，待接收`,
            body: `推送到${where}（${PUSH_KIND_LABELS[kind]}），请在推送接收中处理。`,
            entity: 'push',
            entityId: pushId,
            siteId: t.site.id,
          }
        : {
            kind: 'push.received',
            title: `${source.name}推送的“${article.title}”已发布到本站`,
            body: `已按本站共享规则直接发布到${where}（${PUSH_KIND_LABELS[kind]}）。`,
            entity: 'push',
            entityId: pushId,
            siteId: t.site.id,
          },
      mails,
    )
  }
}
