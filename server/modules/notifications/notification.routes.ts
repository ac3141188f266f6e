import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { Core } from '../../core'
import { ctxOf } from '../../plugins/auth'
import { NOTIFICATION_KINDS } from './notification.repository'

const ListQuery = Type.Object({
  unread: Type.Optional(Type.Boolean({ title: '只看未读' })),
  kind: Type.Optional(Type.Enum(NOTIFICATION_KINDS, { title: '类型' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
})

export async function notificationAdminRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['通知']
  r.get(
    '/notifications',
    { schema: { tags, summary: '我的通知', querystring: ListQuery } },
    async (req) => {
      const result = await core.notifications.list(ctxOf(req), req.query)
      return {
        data: result.rows.map((n) => ({
          id: n.id,
          kind: n.kind,
          title: n.title,
          body: n.body,
          entity: n.entity,
          entityId: n.entity_id,
          siteId: n.site_id,
          readAt: n.read_at,
          createdAt: n.created_at,
        })),
        total: result.total,
        unread: result.unread,
        page: result.page,
        pageSize: result.pageSize,
      }
    },
  )
  r.get(
    '/notifications/summary',
    { schema: { tags, summary: '待办摘要：待我审核、被退回、定时任务失败、未读通知' } },
    async (req) => {
      const ctx = ctxOf(req)
      const [unread, inbox] = await Promise.all([
        core.notifications.unreadByKind(ctx),
        core.reviews.inbox(ctx, { page: 1, pageSize: 1 }),
      ])
      return {
        data: {
          unread: [...unread.values()].reduce((a, b) => a + b, 0),
          waitingReview: inbox.total,
          returned: unread.get('review.returned') ?? 0,
          failedJobs: unread.get('job.failed') ?? 0,
        },
      }
    },
  )
  r.post(
    '/notifications/:id/read',
    {
      schema: {
        tags,
        summary: '标为已读',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
      },
    },
    async (req) => ({
      data: { updated: await core.notifications.markRead(ctxOf(req), req.params.id) },
    }),
  )
  r.post('/notifications/read-all', { schema: { tags, summary: '全部标为已读' } }, async (req) => ({
    data: { updated: await core.notifications.markRead(ctxOf(req), 'all') },
  }))
}
