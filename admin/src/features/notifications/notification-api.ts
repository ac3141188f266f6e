import { useCallback, useEffect, useState } from 'react'
import { useLocation } from 'react-router-dom'
import { api } from '../../api'

export type NotificationKind =
  | 'review.waiting'
  | 'review.returned'
  | 'review.approved'
  | 'submission.received'
  | 'submission.decided'
  | 'push.received'
  | 'push.decided'
  | 'push.withdrawn'
  | 'job.failed'
  | 'article.emergency'
  | 'letter.task'
  | 'letter.digest'

export interface AdminNotification {
  id: number
  kind: NotificationKind
  title: string
  body: string
  entity: string
  entityId: number | null
  siteId: number | null
  readAt: string | null
  createdAt: string
}

export interface NotificationSummary {
  unread: number
  waitingReview: number
  returned: number
  failedJobs: number
}

export const KIND_LABELS: Record<NotificationKind, string> = {
  'review.waiting': '待审核',
  'review.returned': '被退回',
  'review.approved': '已通过',
  'submission.received': '收到报送',
  'submission.decided': '报送结果',
  'push.received': '收到推送',
  'push.decided': '推送结果',
  'push.withdrawn': '推送撤回',
  'job.failed': '任务失败',
  'article.emergency': '紧急发布',
  'letter.task': '来信待办',
  'letter.digest': '来信期限提醒',
}

export const KIND_COLORS: Record<NotificationKind, string> = {
  'review.waiting': '#0050b3',
  'review.returned': '#a8071a',
  'review.approved': '#237804',
  'submission.received': '#0050b3',
  'submission.decided': '#237804',
  'push.received': '#0050b3',
  'push.decided': '#237804',
  'push.withdrawn': '#ad4e00',
  'job.failed': '#ad4e00',
  'article.emergency': '#a8071a',
  'letter.task': '#0050b3',
  'letter.digest': '#ad4e00',
}

/** Where a notification leads in the admin, or null when it has no page. */
export function notificationLink(
  n: Pick<AdminNotification, 'entity' | 'entityId'> & { kind?: NotificationKind },
): string | null {
  // 信息报送 / 一稿多发: the receiving site works in its inbox, the sender follows its outbox.
  if (n.entity === 'submission')
    return n.kind === 'submission.decided' ? '/submissions' : '/submissions/inbox'
  if (n.entity === 'push')
    return n.kind === 'push.received' ? '/pushes/inbox' : '/pushes/inbox?box=outbox'
  if (!n.entityId) return null
  if (n.entity === 'review') return `/reviews/${n.entityId}`
  if (n.entity === 'article') return `/articles/${n.entityId}`
  if (n.entity === 'letter') return `/letters/${n.entityId}`
  return null
}

export const markRead = (id: number) => api.post(`/notifications/${id}/read`)
export const markAllRead = () => api.post('/notifications/read-all')

const POLL_MS = 60_000
const EMPTY: NotificationSummary = { unread: 0, waitingReview: 0, returned: 0, failedJobs: 0 }

/**
 * The signed-in user's counters (unread, waiting for review …): polled every minute, on every
 * route change and whenever a `zq:notifications` event says the work changed.
 */
export function useNotificationSummary(): NotificationSummary & { refresh: () => void } {
  const [summary, setSummary] = useState<NotificationSummary>(EMPTY)
  const location = useLocation()

  const refresh = useCallback(() => {
    api
      .get<{ data: NotificationSummary }>('/notifications/summary')
      .then((res) => setSummary(res.data))
      // A failed poll keeps the last counts; the next one tries again.
      .catch(() => undefined)
  }, [])

  useEffect(() => {
    refresh()
  }, [refresh, location.pathname])

  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') refresh()
    }, POLL_MS)
    window.addEventListener('zq:notifications', refresh)
    return () => {
      window.clearInterval(timer)
      window.removeEventListener('zq:notifications', refresh)
    }
  }, [refresh])

  return { ...summary, refresh }
}
