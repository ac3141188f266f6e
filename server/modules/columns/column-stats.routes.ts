import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { Core } from '../../core'
import { ctxOf } from '../../plugins/auth'
import { SiteIdParams } from '../sites/site.schema'
import { columnStats } from './column.stats'

const StatsResponse = Type.Object({
  data: Type.Array(
    Type.Object({
      columnId: Type.Integer(),
      articles: Type.Integer(),
      published: Type.Integer(),
      lastPublishedAt: Type.Union([Type.String(), Type.Null()]),
      deadlineDays: Type.Union([Type.Integer(), Type.Null()]),
      daysLeft: Type.Union([Type.Integer(), Type.Null()]),
      deadline: Type.Union([
        Type.Literal('none'),
        Type.Literal('ok'),
        Type.Literal('soon'),
        Type.Literal('overdue'),
      ]),
    }),
  ),
})

/** `GET /sites/:id/columns/stats`: article counts and update deadlines per column. */
export async function columnStatsAdminRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  r.get(
    '/sites/:id/columns/stats',
    {
      schema: {
        tags: ['栏目'],
        summary: '各栏目信息数、最近发布时间与更新期限',
        params: SiteIdParams,
        response: { 200: StatsResponse },
      },
    },
    async (req) => ({ data: await columnStats(core.deps.db, ctxOf(req), req.params.id) }),
  )
}
