import type { Submission } from '../../../common/cluster'
import type { Deps } from '../../core-deps'
import { nowIso } from '../../db/dialect'
import { conflict, invalid } from '../../errors'
import { loadDetail } from '../articles/article.lifecycle'
import type { ArticleService } from '../articles/article.service'
import { htmlToText, summarise } from '../articles/rich-text'
import { recordAudit } from '../audit/audit.repository'
import { columnRepository } from '../columns/column.repository'
import type { MailMessage } from '../notifications/mailer'
import type { NotificationService } from '../notifications/notification.service'
import { siteRepository } from '../sites/site.repository'
import type { RequestContext } from '../users/actor'
import { leavePending, submissionNotice } from './submission.access'
import type { AdoptInput } from './submission.schema'

interface AdoptDeps {
  deps: Deps
  articles: ArticleService
  notifications: NotificationService
}

/**
 * 采用: creates the target site's article from the source article (with the editor's changes),
 * attributed to the submitting unit, and marks the submission adopted in the same transaction.
 * With `publish` the article goes through the target site's own review workflow (published at
 * once where it has none). Returns the new article and the mails to send after commit.
 */
export async function adoptSubmission(
  { deps, articles, notifications }: AdoptDeps,
  ctx: RequestContext,
  s: Submission,
  input: AdoptInput,
): Promise<{ articleId: number; mails: MailMessage[] }> {
  const db = deps.db
  const source = s.sourceArticleId ? await loadDetail(db, s.sourceArticleId) : undefined
  if (!source) throw conflict('报送的信息已被删除，不能采用')
  const columnId = input.columnId ?? s.targetColumnId
  if (!columnId) throw invalid('请选择采用到的栏目', { columnId: '请选择本站的栏目' })
  const column = await columnRepository.get(db, columnId)
  if (!column || column.siteId !== s.targetSiteId) {
    throw invalid('采用到的栏目须属于本站点', { columnId: '请选择本站的栏目' })
  }
  const unit = await siteRepository.get(db, s.sourceSiteId)
  // A summary generated from the source body must not outlive an edited body.
  const generated = source.summary.trim() === summarise(htmlToText(source.bodyHtml))
  const summary = input.summary ?? (input.bodyHtml !== undefined && generated ? '' : source.summary)
  let mails: MailMessage[] = []
  const view = await articles.create(
    ctx,
    {
      siteId: s.targetSiteId,
      columnIds: [column.id],
      title: input.title ?? source.title,
      subtitle: input.subtitle ?? source.subtitle,
      summary,
      bodyHtml: input.bodyHtml ?? source.bodyHtml,
      source: input.source?.trim() || unit?.name || s.sourceSiteName,
      author: source.author,
      keywords: source.keywords,
      linkUrl: source.linkUrl,
      coverFileId: source.coverFileId,
      coverAlt: source.coverAlt,
      attachments: source.files
        .filter((f) => f.role === 'attachment')
        .map((f) => ({ fileId: f.fileId, name: f.name })),
      publish: input.mode === 'publish',
    },
    {
      origin: { articleId: source.id, siteId: source.siteId },
      within: async (trx, newId) => {
        const now = nowIso()
        await leavePending(
          trx,
          s.id,
          {
            status: 'adopted',
            adopted_article_id: newId,
            adopted_home: column.homeBlock ? 1 : 0,
            reason: '',
            decided_by: ctx.actor.id,
            decided_at: now,
            updated_at: now,
          },
          '该报送已被处理，请刷新后查看',
        )
        await recordAudit(trx, ctx, {
          action: 'submission.adopt',
          entity: 'submission',
          entityId: s.id,
          siteId: s.targetSiteId,
          diff: {
            articleId: newId,
            sourceArticleId: source.id,
            columnId: column.id,
            home: column.homeBlock,
            mode: input.mode,
          },
        })
        if (s.submittedBy !== null) {
          mails = await notifications.notify(
            trx,
            [s.submittedBy],
            submissionNotice(
              s,
              'submission.decided',
              s.sourceSiteId,
              `报送信息已被采用：${s.title}`,
              `${s.targetSiteName}“${column.name}”采用了您报送的信息。`,
            ),
          )
        }
      },
    },
  )
  return { articleId: view.id, mails }
}
