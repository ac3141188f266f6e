import type { Trx } from '../../db/database'
import { recordAudit } from '../audit/audit.repository'
import { loadDetail, takeDown, type ArticleDetail } from '../articles/article.lifecycle'
import type { MailMessage } from '../notifications/mailer'
import {
  notificationRepository,
  type NewNotification,
} from '../notifications/notification.repository'
import type { NotificationService } from '../notifications/notification.service'
import { siteRepository } from '../sites/site.repository'
import type { RequestContext } from '../users/actor'
import { userRepository } from '../users/user.repository'
import { pushRepository } from './push.repository'

// 一稿多发: what happens to the placements, copies and pushes of an article when its source
// changes, each step inside the caller's transaction.

/** The public notice on a copy taken down because its source was. */
export const ORIGIN_WITHDRAWN_REASON = '原发布单位已撤回该信息'
export const ORIGIN_DELETED_REASON = '原信息已删除'

// takeDown and remove run deep inside the articles module, which has no NotificationService;
// the core hands its one here when the push service is built. Without it (a bare script),
// notifications are still stored, only no emails are sent.
let notifier: Pick<NotificationService, 'notify'> | null = null

/** Lets propagation send emails through the core's notification service. */
export function usePushNotifier(n: Pick<NotificationService, 'notify'>): void {
  notifier = n
}

/** Notifies a site's editors and admins; the emails go into `mails` to send after commit. */
export async function notifySite(
  trx: Trx,
  siteId: number,
  n: NewNotification,
  mails?: MailMessage[],
): Promise<void> {
  const people = await userRepository.activeWithRoles(trx, siteId, ['admin', 'editor'])
  await notifyUsers(trx, people, n, mails)
}

export async function notifyUsers(
  trx: Trx,
  userIds: number[],
  n: NewNotification,
  mails?: MailMessage[],
): Promise<void> {
  if (userIds.length === 0) return
  if (!notifier) {
    await notificationRepository.insertMany(trx, userIds, n)
    return
  }
  const out = await notifier.notify(trx, userIds, n)
  mails?.push(...out)
}

/** Cache tags of a placement appearing in (or leaving) a column. */
export function placementTags(articleId: number, columnId: number, siteId: number): string[] {
  return [`column:${columnId}`, `latest:${siteId}`, `article:${articleId}`]
}

/** Takes down a copy whose source went away; returns the cache tags to publish after commit. */
export async function takeDownCopy(
  trx: Trx,
  ctx: RequestContext,
  copyId: number,
  mails?: MailMessage[],
): Promise<{ tags: string[]; siteId: number } | null> {
  const copy = await loadDetail(trx, copyId)
  if (!copy || (copy.status !== 'published' && copy.status !== 'scheduled')) return null
  const tags = await takeDown(
    trx,
    ctx,
    copy,
    {
      kind: 'withdrawn',
      reason: ORIGIN_WITHDRAWN_REASON,
      redirectUrl: '',
      action: 'push.origin_withdrawn',
    },
    mails,
  )
  return { tags, siteId: copy.siteId }
}

/** A site that held the source in some form, and what to link its notification to. */
interface Affected {
  pushId: number | null
  copyId: number | null
}

async function propagate(
  trx: Trx,
  ctx: RequestContext,
  source: ArticleDetail,
  why: 'unpublish' | 'delete',
  mails?: MailMessage[],
): Promise<string[]> {
  const tags: string[] = []
  const affected = new Map<number, Affected>()
  const touch = (siteId: number, a: Partial<Affected>) => {
    if (siteId === source.siteId) return
    const prev = affected.get(siteId) ?? { pushId: null, copyId: null }
    affected.set(siteId, {
      pushId: prev.pushId ?? a.pushId ?? null,
      copyId: prev.copyId ?? a.copyId ?? null,
    })
  }
  // Linked placements follow the source's status (or vanish with it): only their sites are told.
  for (const p of source.placements) touch(p.siteId, { pushId: p.pushId })
  const copies: number[] = []
  for (const copyId of await pushRepository.liveCopiesOf(trx, source.id)) {
    const done = await takeDownCopy(trx, ctx, copyId, mails)
    if (!done) continue
    copies.push(copyId)
    tags.push(...done.tags)
    touch(done.siteId, { copyId })
  }
  const reason = why === 'delete' ? ORIGIN_DELETED_REASON : ORIGIN_WITHDRAWN_REASON
  const pending = await pushRepository.pendingOfArticle(trx, source.id)
  for (const p of pending) {
    await pushRepository.decide(trx, p.id, 'pending', { state: 'withdrawn', reason })
    touch(p.targetSiteId, { pushId: p.id })
  }
  let submissions: { id: number; targetSiteId: number }[] = []
  if (why === 'delete') {
    // The linked placements go with the article (FK cascade); their push records say why.
    for (const p of source.placements) {
      if (p.pushId !== null) {
        await pushRepository.decide(trx, p.pushId, 'accepted', { state: 'withdrawn', reason })
      }
    }
    submissions = await pushRepository.withdrawPendingSubmissions(trx, source.id, reason)
    for (const s of submissions) touch(s.targetSiteId, {})
  }
  if (affected.size === 0) return tags
  await recordAudit(trx, ctx, {
    action: why === 'delete' ? 'push.origin_deleted' : 'push.origin_unpublished',
    entity: 'article',
    entityId: source.id,
    siteId: source.siteId,
    diff: {
      title: source.title,
      copies,
      pushes: pending.map((p) => p.id),
      submissions: submissions.map((s) => s.id),
      sites: [...affected.keys()],
    },
  })
  const site = await siteRepository.get(trx, source.siteId)
  const from = site?.name ?? '原发布单位'
  const verb = why === 'delete' ? '删除' : '撤回'
  for (const [siteId, a] of affected) {
    await notifySite(
      trx,
      siteId,
      {
        kind: 'push.withdrawn',
        title: `${from}已${verb}“${source.title}”`,
        body: `${from}已${verb}该信息，贵站的引用/副本已同步撤下。`,
        entity: a.copyId ? 'article' : 'push',
        entityId: a.copyId ?? a.pushId,
        siteId,
      },
      mails,
    )
  }
  return tags
}

/**
 * The source was taken down (manually or by its scheduled take-down): its linked placements
 * already follow its status; its live copies are taken down too, pending pushes withdrawn and
 * the receiving sites told. Returns the copies' cache tags.
 */
export function propagateTakeDown(
  trx: Trx,
  ctx: RequestContext,
  source: ArticleDetail,
  mails?: MailMessage[],
): Promise<string[]> {
  return propagate(trx, ctx, source, 'unpublish', mails)
}

/**
 * The source is about to be deleted (call before the delete): copies are taken down, pending
 * pushes and submissions withdrawn, the receiving sites told. Returns the copies' cache tags.
 */
export function propagateDelete(
  trx: Trx,
  ctx: RequestContext,
  source: ArticleDetail,
  mails?: MailMessage[],
): Promise<string[]> {
  return propagate(trx, ctx, source, 'delete', mails)
}
