import type { Push } from '../../../common/cluster'
import type { Deps } from '../../core-deps'
import type { Trx } from '../../db/database'
import { conflict, forbidden, invalid, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { loadDetail, type ArticleDetail } from '../articles/article.lifecycle'
import type { ArticleService } from '../articles/article.service'
import type { ArticleCreateInput } from '../articles/article.schema'
import { columnRepository } from '../columns/column.repository'
import type { MailMessage } from '../notifications/mailer'
import type { NewNotification } from '../notifications/notification.repository'
import type { NotificationService } from '../notifications/notification.service'
import type { Site } from '../sites/site.repository'
import { roleOn, type RequestContext } from '../users/actor'
import { notifySite, notifyUsers, placementTags, takeDownCopy } from './push.effects'
import { pushRepository } from './push.repository'
import { ACCEPTING_COLUMN_TYPES } from './sharing.service'

/** The reason recorded when a receiving site removes a linked placement from its column. */
export const REMOVED_BY_TARGET = '接收站点已移除'

function writes(ctx: RequestContext, siteId: number): boolean {
  const role = roleOn(ctx.actor, siteId)
  return role === 'admin' || role === 'editor'
}

/** What the two ends decide on a push: accept, reject, remove (target); withdraw (source). */
export class PushDecisions {
  constructor(
    protected readonly deps: Deps,
    protected readonly articles: ArticleService,
    private readonly notifier: NotificationService,
  ) {}

  /** The content of a copy: the source's current content, attributed to the source. */
  protected copyInput(
    article: ArticleDetail,
    source: Pick<Site, 'name'>,
    siteId: number,
    columnId: number,
  ): ArticleCreateInput {
    return {
      siteId,
      columnIds: [columnId],
      title: article.title,
      subtitle: article.subtitle,
      // 转载须注明来源: the source's own attribution, else the source unit.
      source: article.source.trim() || source.name,
      author: article.author,
      bodyHtml: article.bodyHtml,
      summary: article.summary,
      coverFileId: article.coverFileId,
      coverAlt: article.coverAlt,
      keywords: article.keywords,
      linkUrl: article.linkUrl,
      attachments: article.files
        .filter((f) => f.role === 'attachment')
        .map((f) => ({ fileId: f.fileId, name: f.name })),
      publish: true,
    }
  }

  /**
   * Accepts a pending push (optionally into another list/page column of the target site). A
   * linked push becomes a placement; a copy becomes a new article of the target, created with
   * the acceptor's rights, so it goes through the target's own review workflow if it has one.
   */
  async accept(ctx: RequestContext, id: number, columnId?: number): Promise<Push> {
    const push = await this.load(id)
    if (!writes(ctx, push.targetSiteId)) throw forbidden('只有接收站点的编辑或管理员可以接收')
    if (push.state !== 'pending') throw conflict('该推送已处理')
    const target = columnId ?? push.targetColumnId
    if (target === null) throw invalid('请选择接收栏目', { columnId: '原栏目已删除，请另选栏目' })
    const column = await columnRepository.get(this.deps.db, target)
    if (!column || column.siteId !== push.targetSiteId) {
      throw invalid('接收栏目须属于本站点', { columnId: '请选择本站点的栏目' })
    }
    if (!ACCEPTING_COLUMN_TYPES.has(column.type)) {
      throw invalid('接收栏目须为文章列表或单页栏目', { columnId: `“${column.name}”不能发布文章` })
    }
    const article = push.articleId ? await loadDetail(this.deps.db, push.articleId) : undefined
    if (!article) throw conflict('原信息已删除')
    if (await pushRepository.isPlaced(this.deps.db, article.id, column.id)) {
      throw conflict(`该信息已在“${column.name}”栏目中`)
    }
    const mails: MailMessage[] = []
    const decide = async (trx: Trx, copyId: number | null) => {
      const ok = await pushRepository.decide(trx, id, 'pending', {
        state: 'accepted',
        target_column_id: column.id,
        copy_article_id: copyId,
        decided_by: ctx.actor.id,
      })
      if (!ok) throw conflict('该推送已处理')
      await recordAudit(trx, ctx, {
        action: 'push.accept',
        entity: 'push',
        entityId: id,
        siteId: push.targetSiteId,
        diff: {
          articleId: article.id,
          kind: push.kind,
          columnId: column.id,
          copyArticleId: copyId,
        },
      })
      await this.tellPusher(
        trx,
        push,
        {
          title: `“${push.title}”已被${push.targetSiteName}接收`,
          body: `已放入“${column.name}”栏目。`,
        },
        mails,
      )
    }
    if (push.kind === 'linked') {
      const tags = await this.deps.db.transaction().execute(async (trx) => {
        const current = (await loadDetail(trx, article.id)) as ArticleDetail
        await decide(trx, null)
        await pushRepository.insertPlacement(trx, {
          articleId: article.id,
          columnId: column.id,
          siteId: column.siteId,
          pushId: id,
          status: current.status,
          publishedAt: current.publishedAt,
        })
        return placementTags(article.id, column.id, column.siteId)
      })
      this.deps.bus.publish({ action: 'push.accept', tags })
    } else {
      if (article.status !== 'published') throw conflict('原信息已撤销，不能复制')
      await this.articles.create(
        ctx,
        this.copyInput(article, { name: push.sourceSiteName }, push.targetSiteId, column.id),
        {
          origin: { articleId: article.id, siteId: article.siteId },
          within: (trx, copyId) => decide(trx, copyId),
        },
      )
    }
    this.notifier.deliver(mails)
    return this.load(id)
  }

  async reject(ctx: RequestContext, id: number, reason: string): Promise<Push> {
    const push = await this.load(id)
    if (!writes(ctx, push.targetSiteId)) throw forbidden('只有接收站点的编辑或管理员可以拒收')
    const text = reason.trim()
    if (!text) throw invalid('请填写拒收原因', { reason: '请填写拒收原因' })
    return this.change(ctx, push, 'pending', 'rejected', text, 'push.reject', (trx, mails) =>
      this.tellPusher(
        trx,
        push,
        {
          title: `“${push.title}”被${push.targetSiteName}拒收`,
          body: `拒收原因：${text}`,
        },
        mails,
      ),
    )
  }

  /**
   * The source takes a push back: a pending one is withdrawn; an accepted linked placement is
   * removed; an accepted copy is taken down (withdrawn with a notice). The target is told.
   */
  async withdraw(ctx: RequestContext, id: number): Promise<Push> {
    const push = await this.load(id)
    if (!writes(ctx, push.sourceSiteId)) throw forbidden('只有推送站点的编辑或管理员可以撤回')
    if (push.state !== 'pending' && push.state !== 'accepted') throw conflict('该推送已结束')
    return this.change(
      ctx,
      push,
      push.state,
      'withdrawn',
      '',
      'push.withdraw',
      async (trx, mails) => {
        const tags: string[] = []
        if (push.state === 'accepted' && push.kind === 'linked') {
          for (const p of await pushRepository.deletePlacement(trx, push.id)) {
            tags.push(...placementTags(push.articleId ?? 0, p.columnId, p.siteId))
          }
        }
        if (push.state === 'accepted' && push.kind === 'copy' && push.copyArticleId) {
          const done = await takeDownCopy(trx, ctx, push.copyArticleId, mails)
          if (done) tags.push(...done.tags)
        }
        if (push.state === 'accepted') {
          await notifySite(
            trx,
            push.targetSiteId,
            {
              kind: 'push.withdrawn',
              title: `${push.sourceSiteName}已撤回推送的“${push.title}”`,
              body: `${push.sourceSiteName}已撤回该信息，贵站的引用/副本已同步撤下。`,
              entity: push.kind === 'copy' && push.copyArticleId ? 'article' : 'push',
              entityId: push.kind === 'copy' && push.copyArticleId ? push.copyArticleId : push.id,
              siteId: push.targetSiteId,
            },
            mails,
          )
        }
        return tags
      },
    )
  }

  /** The target removes an accepted linked placement from its own column. */
  async remove(ctx: RequestContext, id: number): Promise<Push> {
    const push = await this.load(id)
    if (!writes(ctx, push.targetSiteId)) throw forbidden('只有接收站点的编辑或管理员可以移除')
    if (push.state !== 'accepted' || push.kind !== 'linked') {
      throw conflict('只有已接收的链接引用可以移除')
    }
    return this.change(
      ctx,
      push,
      'accepted',
      'rejected',
      REMOVED_BY_TARGET,
      'push.remove',
      async (trx, mails) => {
        const tags: string[] = []
        for (const p of await pushRepository.deletePlacement(trx, push.id)) {
          tags.push(...placementTags(push.articleId ?? 0, p.columnId, p.siteId))
        }
        await this.tellPusher(
          trx,
          push,
          {
            title: `“${push.title}”已被${push.targetSiteName}移除`,
            body: `${push.targetSiteName}已将该信息从“${push.targetColumnName}”栏目移除。`,
          },
          mails,
        )
        return tags
      },
    )
  }

  /** One state change with its side effects and audit event, in one transaction. */
  private async change(
    ctx: RequestContext,
    push: Push,
    from: Push['state'],
    to: Push['state'],
    reason: string,
    action: string,
    effects: (trx: Trx, mails: MailMessage[]) => Promise<string[] | void>,
  ): Promise<Push> {
    const mails: MailMessage[] = []
    const tags = await this.deps.db.transaction().execute(async (trx) => {
      const ok = await pushRepository.decide(trx, push.id, from, {
        state: to,
        reason,
        decided_by: ctx.actor.id,
      })
      if (!ok) throw conflict('该推送已处理')
      const tags = (await effects(trx, mails)) ?? []
      await recordAudit(trx, ctx, {
        action,
        entity: 'push',
        entityId: push.id,
        siteId: action === 'push.withdraw' ? push.sourceSiteId : push.targetSiteId,
        diff: { articleId: push.articleId, kind: push.kind, from, to, reason: reason || undefined },
      })
      return tags
    })
    if (tags.length) this.deps.bus.publish({ action, tags: [...new Set(tags)] })
    this.notifier.deliver(mails)
    return this.load(push.id)
  }

  private tellPusher(
    trx: Trx,
    push: Push,
    n: Pick<NewNotification, 'title' | 'body'>,
    mails: MailMessage[],
  ): Promise<void> {
    if (push.pushedBy === null) return Promise.resolve()
    return notifyUsers(
      trx,
      [push.pushedBy],
      { kind: 'push.decided', entity: 'push', entityId: push.id, siteId: push.sourceSiteId, ...n },
      mails,
    )
  }

  protected async load(id: number): Promise<Push> {
    const push = await pushRepository.get(this.deps.db, id)
    if (!push) throw notFound('推送记录不存在')
    return push
  }
}
