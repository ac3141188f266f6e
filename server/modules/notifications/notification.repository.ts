import type { Selectable } from 'kysely'
import type { Executor } from '../../db/database'
import { nowIso, toCount } from '../../db/dialect'
import type { NotificationTable } from './notification.table'

export type NotificationRow = Selectable<NotificationTable>

export interface NewNotification {
  kind: NotificationKind
  title: string
  body?: string
  entity?: string
  entityId?: number | null
  siteId?: number | null
}

export const NOTIFICATION_KINDS = [
  'review.waiting',
  'review.returned',
  'review.approved',
  'submission.received',
  'submission.decided',
  'push.received',
  'push.decided',
  'push.withdrawn',
  'job.failed',
  'article.emergency',
  'letter.task',
  'letter.digest',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

export const notificationRepository = {
  async insertMany(db: Executor, userIds: number[], n: NewNotification): Promise<void> {
    const ids = [...new Set(userIds)]
    if (ids.length === 0) return
    const at = nowIso()
    await db
      .insertInto('notification')
      .values(
        ids.map((userId) => ({
          user_id: userId,
          kind: n.kind,
          title: n.title.slice(0, 300),
          body: n.body ?? '',
          entity: n.entity ?? '',
          entity_id: n.entityId ?? null,
          site_id: n.siteId ?? null,
          created_at: at,
        })),
      )
      .execute()
  },

  async list(
    db: Executor,
    userId: number,
    filter: { unread?: boolean; kind?: string },
    page: { offset: number; limit: number },
  ): Promise<{ rows: NotificationRow[]; total: number }> {
    let q = db.selectFrom('notification').where('user_id', '=', userId)
    if (filter.unread) q = q.where('read_at', 'is', null)
    if (filter.kind) q = q.where('kind', '=', filter.kind)
    const [rows, count] = await Promise.all([
      q.selectAll().orderBy('id', 'desc').offset(page.offset).limit(page.limit).execute(),
      q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ])
    return { rows, total: toCount(count.n) }
  },

  async countUnreadByKind(db: Executor, userId: number): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('notification')
      .select(['kind', (eb) => eb.fn.countAll().as('n')])
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .groupBy('kind')
      .execute()
    return new Map(rows.map((r) => [r.kind, toCount(r.n)]))
  },

  async markRead(db: Executor, userId: number, id: number | 'all'): Promise<number> {
    let q = db
      .updateTable('notification')
      .set({ read_at: nowIso() })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
    if (id !== 'all') q = q.where('id', '=', id)
    const r = await q.executeTakeFirst()
    return Number(r.numUpdatedRows)
  },

  /** Marks read what concerns an entity (e.g. a review once it has been decided). */
  async markReadFor(
    db: Executor,
    kind: NotificationKind,
    entity: string,
    entityId: number,
  ): Promise<void> {
    await db
      .updateTable('notification')
      .set({ read_at: nowIso() })
      .where('kind', '=', kind)
      .where('entity', '=', entity)
      .where('entity_id', '=', entityId)
      .where('read_at', 'is', null)
      .execute()
  },
}
