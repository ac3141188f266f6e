import type { JobRunner } from '../jobs/job.runner'
import type { NotificationService } from '../notifications/notification.service'
import { firePublish, fireUnpublish } from './article.schedule'

/** Scheduled publication and take-down; a job that fails for good is reported to its people. */
export function registerArticleJobs(jobs: JobRunner, notifications: NotificationService): void {
  jobs.register('article.publish', async (trx, payload) => ({
    action: 'article.scheduled_publish',
    tags: await firePublish(trx, Number(payload.articleId)),
  }))
  jobs.register('article.unpublish', async (trx, payload) => ({
    action: 'article.scheduled_unpublish',
    tags: await fireUnpublish(trx, Number(payload.articleId)),
  }))
  jobs.onFailure(async (job, error) => {
    if (job.kind !== 'article.publish' && job.kind !== 'article.unpublish') return
    const articleId = Number((JSON.parse(job.payload) as { articleId?: number }).articleId)
    const db = jobs.db
    const article = await db
      .selectFrom('article')
      .select(['id', 'title', 'site_id', 'created_by', 'updated_by'])
      .where('id', '=', articleId)
      .executeTakeFirst()
    if (!article) return
    const people = [article.created_by, article.updated_by].filter((u): u is number => u !== null)
    const what = job.kind === 'article.publish' ? '定时发布' : '定时下线'
    const mails = await db.transaction().execute((trx) =>
      notifications.notify(trx, people, {
        kind: 'job.failed',
        title: `${what}失败：${article.title}`,
        body: `计划时间 ${job.run_at}，已重试 ${job.attempts} 次。原因：${error.message}`,
        entity: 'article',
        entityId: article.id,
        siteId: article.site_id,
      }),
    )
    notifications.deliver(mails)
  })
}
