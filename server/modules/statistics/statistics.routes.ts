import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { Core } from '../../core'
import { ctxOf } from '../../plugins/auth'
import { buildXlsx, sendXlsx } from '../../plugins/xlsx'

const VisitQuery = Type.Object({
  siteId: Type.Integer({ title: '站点', minimum: 1 }),
  from: Type.Optional(Type.String({ title: '开始日期', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  to: Type.Optional(Type.String({ title: '结束日期', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
})

const PeriodQuery = Type.Object({
  from: Type.String({ title: '开始日期', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  to: Type.String({ title: '结束日期', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
})

const KIND: Record<string, string> = { portal: '门户网站', channel: '频道', standalone: '独立网站' }

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
  r.get(
    '/dashboard',
    {
      schema: {
        tags: ['统计'],
        summary: '工作台：草稿、最近发布、访问量、栏目更新与临期栏目',
        querystring: Type.Object({ siteId: Type.Integer({ title: '站点', minimum: 1 }) }),
      },
    },
    async (req) => ({ data: await core.dashboard.forSite(ctxOf(req), req.query.siteId) }),
  )
  r.get(
    '/stats/overview',
    {
      schema: { tags: ['统计'], summary: '各站点（单位）访问量与发稿量', querystring: PeriodQuery },
    },
    async (req) => ({
      data: await core.dashboard.overview(ctxOf(req), req.query),
    }),
  )
  r.get(
    '/stats/overview.xlsx',
    {
      schema: { tags: ['统计'], summary: '各站点访问量与发稿量（xlsx）', querystring: PeriodQuery },
    },
    async (req, reply) => {
      const rows = await core.dashboard.overview(ctxOf(req), req.query)
      const bytes = await buildXlsx(
        '访问量与发稿量',
        [
          { header: '站点代码', value: (r) => r.code, width: 14 },
          { header: '站点（单位）', value: (r) => r.name, width: 30 },
          { header: '类型', value: (r) => KIND[r.kind] ?? r.kind, width: 10 },
          { header: '分组', value: (r) => r.grouping, width: 8 },
          { header: '访问量', value: (r) => r.visits, width: 12 },
          { header: '发稿量', value: (r) => r.published, width: 12 },
        ],
        rows,
      )
      return sendXlsx(reply, `访问量与发稿量_${req.query.from}_${req.query.to}.xlsx`, bytes)
    },
  )
}
