import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { Core } from '../../core'
import { ctxOf } from '../../plugins/auth'
import { sendXlsx } from '../../plugins/xlsx'
import { exportAudit } from './audit.export'

const AuditFilterQuery = {
  siteId: Type.Optional(Type.Integer({ title: '站点', minimum: 1 })),
  actor: Type.Optional(Type.String({ title: '操作人', maxLength: 64 })),
  action: Type.Optional(Type.String({ title: '操作', maxLength: 64 })),
  entity: Type.Optional(Type.String({ title: '对象类型', maxLength: 32 })),
  entityId: Type.Optional(Type.String({ title: '对象编号', maxLength: 64 })),
  from: Type.Optional(Type.String({ title: '开始日期', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  to: Type.Optional(Type.String({ title: '结束日期', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
}
const AuditQuery = Type.Object({
  ...AuditFilterQuery,
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
})

export async function auditAdminRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  r.get(
    '/audit',
    { schema: { tags: ['审计'], summary: '操作日志', querystring: AuditQuery } },
    async (req) => {
      const result = await core.audit.list(ctxOf(req), req.query)
      return {
        data: result.rows,
        total: result.total,
        page: result.page,
        pageSize: result.pageSize,
      }
    },
  )
  r.get(
    '/audit/export.xlsx',
    {
      schema: {
        tags: ['审计'],
        summary: '导出操作日志（xlsx，最多 5 万条）',
        querystring: Type.Object(AuditFilterQuery),
      },
    },
    async (req, reply) =>
      sendXlsx(reply, '操作日志.xlsx', await exportAudit(core, ctxOf(req), req.query)),
  )
}
