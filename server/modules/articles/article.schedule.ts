import type { Deps } from '../../core-deps'
import type { Trx } from '../../db/database'
import { nowIso } from '../../db/dialect'
import { checksBlocked, conflict, invalid } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { jobRepository } from '../jobs/job.repository'
import type { RequestContext } from '../users/actor'
import { checkContent, type ContentChecker } from './article.checks'
import { contentOf } from './article.content'
import {
  loadDetail,
  publishJobRef,
  releaseApproved,
  takeDown,
  transition,
  unpublishJobRef,
  type ArticleDetail,
} from './article.lifecycle'
import { articleRepository } from './article.repository'

// Scheduled publication and take-down: planning them (durable jobs) and firing them.

export interface SchedulePlan {
  publishAt?: string | null
  unpublishAt?: string | null
}

/**
 * Stores the plan and its jobs; returns the cache tags to invalidate. Under a workflow with
 * `levelCount` levels a planned publication waits for the final approval.
 */
export async function planSchedule(
  deps: Deps,
  checker: ContentChecker,
  ctx: RequestContext,
  before: ArticleDetail,
  levelCount: number,
  plan: SchedulePlan,
): Promise<string[]> {
  const now = Date.now()
  const publishAt =
    plan.publishAt === undefined ? before.publishAt : futureOrNull(plan.publishAt, now, 'publishAt')
  const unpublishAt =
    plan.unpublishAt === undefined
      ? before.unpublishAt
      : futureOrNull(plan.unpublishAt, now, 'unpublishAt')
  if (publishAt && before.status === 'published') {
    throw conflict('该信息已发布，不能再定时发布', { publishAt: '已发布的信息不能定时发布' })
  }
  if (publishAt && unpublishAt && unpublishAt <= publishAt) {
    throw invalid('定时下线须晚于定时发布', { unpublishAt: '定时下线须晚于定时发布' })
  }
  const system = ctx.actor.id === null
  const approvedNow = before.status === 'scheduled' || levelCount === 0 || system
  if (publishAt && approvedNow && before.status !== 'scheduled' && !system) {
    const findings = await checkContent(checker, before, contentOf(before), before.publishedAt)
    if (findings.some((f) => f.severity === 'blocking')) throw checksBlocked(findings)
  }
  return deps.db.transaction().execute(async (trx) => {
    await articleRepository.update(trx, before.id, {
      publish_at: publishAt,
      unpublish_at: unpublishAt,
      updated_by: ctx.actor.id,
      updated_at: nowIso(),
    })
    await jobRepository.cancelByRef(trx, unpublishJobRef(before.id))
    if (unpublishAt) {
      await jobRepository.insert(trx, {
        kind: 'article.unpublish',
        runAt: unpublishAt,
        payload: { articleId: before.id },
        ref: unpublishJobRef(before.id),
      })
    }
    await recordAudit(trx, ctx, {
      action: 'article.schedule',
      entity: 'article',
      entityId: before.id,
      siteId: before.siteId,
      diff: { publishAt, unpublishAt },
    })
    const current = { ...before, publishAt, unpublishAt }
    if (!publishAt) {
      await jobRepository.cancelByRef(trx, publishJobRef(before.id))
      // An approved article whose planned time is cancelled waits as a draft again.
      return before.status === 'scheduled'
        ? transition(trx, ctx, current, { status: 'draft', action: 'article.unschedule' })
        : []
    }
    if (before.status === 'pending' || (!approvedNow && before.status !== 'scheduled')) return []
    return releaseApproved(trx, ctx, current, 'article.publish')
  })
}

/** Job `article.publish`: a scheduled article goes live now (its date is the real moment). */
export async function firePublish(trx: Trx, articleId: number): Promise<string[]> {
  const before = await loadDetail(trx, articleId)
  if (!before || before.status !== 'scheduled') return []
  return transition(trx, schedulerCtx, before, {
    status: 'published',
    publishedAt: nowIso(),
    set: { publish_at: null },
    action: 'article.scheduled_publish',
    diff: { plannedAt: before.publishAt },
  })
}

/** Job `article.unpublish`: the article is taken down with a notice. */
export async function fireUnpublish(trx: Trx, articleId: number): Promise<string[]> {
  const before = await loadDetail(trx, articleId)
  if (!before || (before.status !== 'published' && before.status !== 'scheduled')) return []
  return takeDown(trx, schedulerCtx, before, {
    kind: 'withdrawn',
    reason: '该信息已到期下线。',
    redirectUrl: '',
    action: 'article.scheduled_unpublish',
  })
}

const schedulerCtx: RequestContext = {
  actor: {
    id: null,
    username: 'scheduler',
    displayName: '定时任务',
    isClusterAdmin: true,
    grants: [],
  },
  ip: '',
}

function futureOrNull(value: string | null, now: number, field: string): string | null {
  if (!value) return null
  const t = new Date(value).getTime()
  if (Number.isNaN(t)) throw invalid('时间格式有误', { [field]: '请填写有效的日期时间' })
  if (t <= now) throw invalid('定时时间须晚于当前时间', { [field]: '请选择将来的时间' })
  return new Date(t).toISOString()
}
