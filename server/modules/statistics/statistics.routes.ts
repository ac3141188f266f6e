import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { Core } from '../../core'
import { ctxOf } from '../../plugins/auth'

const VisitQuery = Type.Object({
  siteId: Type.Integer({ title: '站点', minimum: 1 }),
  from: Type.Optional(Type.String({ title: '开始日期', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  to: Type.Optional(Type.String({ title: '结束日期', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
})

export async function statisticsAdminRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  r.get(
    '/stats/visits',
    { schema: { tags: ['统计'], summary: '站点每日访问量', querystring: VisitQuery } },
    async (req) => ({
      data: await core.statistics.siteVisits(ctxOf(req), req.query),
    }),
  )
}
