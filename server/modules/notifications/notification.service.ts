import type { Deps } from '../../core-deps'
import type { Executor } from '../../db/database'
import type { RequestContext } from '../users/actor'
import { Mailer, type MailMessage } from './mailer'
import {
  notificationRepository,
  type NewNotification,
  type NotificationRow,
} from './notification.repository'

/** In-app notifications (stored with the change that caused them) and, when configured, email. */
export class NotificationService {
  readonly mailer: Mailer

  constructor(
    private readonly deps: Deps,
    mailer?: Mailer,
  ) {
    this.mailer = mailer ?? new Mailer(deps.config.smtpUrl, deps.config.mailFrom, deps.logger)
  }

  /**
   * Stores a notification for each user inside the caller's transaction and returns the emails
   * to send once that transaction has committed (see `deliver`).
   */
  async notify(trx: Executor, userIds: number[], n: NewNotification): Promise<MailMessage[]> {
    const ids = [...new Set(userIds)]
    await notificationRepository.insertMany(trx, ids, n)
    if (!this.mailer.enabled || ids.length === 0) return []
    const users = await trx
      .selectFrom('app_user')
      .select(['email'])
      .where('id', 'in', ids)
      .where('status', '=', 'active')
      .where('email', '!=', '')
      .execute()
    return users.map((u) => ({
      to: u.email,
      subject: `【站群】${n.title}`,
      text: `${n.title}\n\n${n.body ?? ''}\n\n请登录管理后台处理。`,
    }))
  }

  /** Sends queued emails in the background; failures are logged, never thrown. */
  deliver(mails: MailMessage[]): void {
    if (mails.length > 0) void this.mailer.send(mails)
  }

  async list(
    ctx: RequestContext,
    query: { unread?: boolean; kind?: string; page?: number; pageSize?: number },
  ): Promise<{
    rows: NotificationRow[]
    total: number
    unread: number
    page: number
    pageSize: number
  }> {
    const page = query.page ?? 1
    const pageSize = query.pageSize ?? 20
    if (ctx.actor.id === null) return { rows: [], total: 0, unread: 0, page, pageSize }
    const [{ rows, total }, unread] = await Promise.all([
      notificationRepository.list(
        this.deps.db,
        ctx.actor.id,
        { unread: query.unread, kind: query.kind },
        { offset: (page - 1) * pageSize, limit: pageSize },
      ),
      this.unreadByKind(ctx),
    ])
    return { rows, total, unread: [...unread.values()].reduce((a, b) => a + b, 0), page, pageSize }
  }

  async unreadByKind(ctx: RequestContext): Promise<Map<string, number>> {
    if (ctx.actor.id === null) return new Map()
    return notificationRepository.countUnreadByKind(this.deps.db, ctx.actor.id)
  }

  async markRead(ctx: RequestContext, id: number | 'all'): Promise<number> {
    if (ctx.actor.id === null) return 0
    return notificationRepository.markRead(this.deps.db, ctx.actor.id, id)
  }
}
