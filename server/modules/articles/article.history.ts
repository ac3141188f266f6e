import type { Deps } from '../../core-deps'
import { notFound } from '../../errors'
import { auditRepository, recordAudit, type AuditEvent } from '../audit/audit.repository'
import type { RequestContext } from '../users/actor'
import { contentOf, type RevisionSnapshot } from './article.content'
import type { ArticleService, ArticleView } from './article.service'
import type { ArticleUpdateInput } from './article.schema'
import { revisionRepository, type Revision } from './revision.repository'
import { diffContent, namesForDiff, type ContentDiff } from './revision.diff'

/** An article's past: its revisions, their comparison and restoration, and its audit trail. */
export class ArticleHistoryService {
  constructor(
    private readonly deps: Deps,
    private readonly articles: ArticleService,
  ) {}

  /** Restores an old revision as a new draft (or, for a live article, as a new working copy). */
  async restore(ctx: RequestContext, id: number, revisionId: number): Promise<ArticleView> {
    const rev = await revisionRepository.get(this.deps.db, revisionId)
    if (!rev || rev.articleId !== id) throw notFound('修订版本不存在')
    const { publishedAt: _p, ...content } = rev.snapshot
    const view = await this.articles.update(ctx, id, content as ArticleUpdateInput)
    await this.deps.db.transaction().execute(async (trx) => {
      await recordAudit(trx, ctx, {
        action: 'article.restore',
        entity: 'article',
        entityId: id,
        siteId: view.siteId,
        diff: { revisionId, no: rev.no },
      })
    })
    return view
  }

  /** The article's audit trail (every transition, approval and override), for anyone who may read it. */
  async history(
    ctx: RequestContext,
    id: number,
    query: { page?: number; pageSize?: number },
  ): Promise<{ rows: AuditEvent[]; total: number; page: number; pageSize: number }> {
    await this.articles.get(ctx, id)
    const page = query.page ?? 1
    const pageSize = query.pageSize ?? 20
    const { rows, total } = await auditRepository.list(
      this.deps.db,
      { siteIds: 'all', entity: 'article', entityId: String(id) },
      { offset: (page - 1) * pageSize, limit: pageSize },
    )
    // Addresses are for administrators' audit screens, not the article's history.
    return { rows: rows.map((r) => ({ ...r, ip: '' })), total, page, pageSize }
  }

  async revisions(ctx: RequestContext, id: number): Promise<Revision[]> {
    await this.articles.get(ctx, id)
    return revisionRepository.list(this.deps.db, id)
  }

  async revision(ctx: RequestContext, id: number, revisionId: number): Promise<Revision> {
    await this.articles.get(ctx, id)
    const rev = await revisionRepository.get(this.deps.db, revisionId)
    if (!rev || rev.articleId !== id) throw notFound('修订版本不存在')
    return rev
  }

  /** Compares a revision with another, with the live version or with the working copy. */
  async diff(
    ctx: RequestContext,
    id: number,
    fromId: number,
    to: number | 'live' | 'working',
  ): Promise<ContentDiff> {
    const article = await this.articles.get(ctx, id)
    const from = await this.revision(ctx, id, fromId)
    let target: RevisionSnapshot
    if (to === 'live') target = { ...contentOf(article), publishedAt: article.publishedAt }
    else if (to === 'working') {
      if (!article.workingRevisionId) throw notFound('该信息没有修改稿')
      target = (await this.revision(ctx, id, article.workingRevisionId)).snapshot
    } else target = (await this.revision(ctx, id, to)).snapshot
    return diffContent(
      from.snapshot,
      target,
      await namesForDiff(this.deps.db, from.snapshot, target),
    )
  }
}
