import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { formatDateTime } from '../../../common/time'
import type { Core } from '../../core'
import { ctxOf } from '../../plugins/auth'
import { buildXlsx, sendXlsx } from '../../plugins/xlsx'
import type { InboxItem } from './review.read'
import {
  CommentSchema,
  IdParams,
  InboxFilter,
  InboxQuery,
  ReturnSchema,
  SiteIdParams,
  SiteWorkflowParams,
  WorkflowPutSchema,
} from './review.schema'

export async function reviewAdminRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['审核']
  r.get(
    '/sites/:siteId/workflows',
    { schema: { tags, summary: '站点的审核流程（全站默认与栏目流程）', params: SiteIdParams } },
    async (req) => ({ data: await core.workflows.list(ctxOf(req), req.params.siteId) }),
  )
  r.put(
    '/sites/:siteId/workflows',
    {
      schema: {
        tags,
        summary: '设置审核流程（0–5 级；levels 为空表示无需审核）',
        params: SiteIdParams,
        body: WorkflowPutSchema,
      },
    },
    async (req) => ({
      data: await core.workflows.put(
        ctxOf(req),
        req.params.siteId,
        req.body.columnId,
        req.body.levels,
      ),
    }),
  )
  r.delete(
    '/sites/:siteId/workflows/:id',
    { schema: { tags, summary: '删除栏目流程（恢复继承）', params: SiteWorkflowParams } },
    async (req) => {
      await core.workflows.remove(ctxOf(req), req.params.siteId, req.params.id)
      return { data: { ok: true } }
    },
  )
  r.get(
    '/columns/:id/workflow',
    { schema: { tags, summary: '栏目实际适用的审核流程', params: IdParams } },
    async (req) => ({ data: await core.workflows.effectiveForColumn(ctxOf(req), req.params.id) }),
  )
  r.get(
    '/reviews/inbox',
    { schema: { tags, summary: '待我审核（跨站点）', querystring: InboxQuery } },
    async (req) => {
      const result = await core.reviews.inbox(ctxOf(req), req.query)
      return {
        data: result.rows,
        total: result.total,
        page: result.page,
        pageSize: result.pageSize,
      }
    },
  )
  r.get(
    '/reviews/inbox/export.xlsx',
    {
      schema: { tags, summary: '导出待我审核（xlsx）', querystring: Type.Object(InboxFilter) },
    },
    async (req, reply) => {
      const { rows } = await core.reviews.inbox(ctxOf(req), {
        ...req.query,
        page: 1,
        pageSize: 10_000,
      })
      const bytes = await buildXlsx<InboxItem>(
        '待我审核',
        [
          { header: '标题', width: 48, value: (x) => x.title },
          { header: '站点', width: 20, value: (x) => x.siteName },
          { header: '栏目', width: 16, value: (x) => x.columnName },
          {
            header: '类型',
            width: 10,
            value: (x) => (x.kind === 'revision' ? '修改稿' : '新信息'),
          },
          {
            header: '审核级别',
            width: 16,
            value: (x) => `${x.level}/${x.levelCount} ${x.levelName}`,
          },
          { header: '紧急发布', width: 10, value: (x) => (x.emergency ? '是' : '') },
          { header: '提交人', width: 12, value: (x) => x.submittedByName },
          { header: '提交时间', width: 18, value: (x) => formatDateTime(x.submittedAt) },
        ],
        rows,
      )
      return sendXlsx(reply, '待我审核.xlsx', bytes)
    },
  )
  r.get(
    '/reviews/:id',
    {
      schema: {
        tags,
        summary: '审核详情（待审内容、与线上版本的差异、检查结果）',
        params: IdParams,
      },
    },
    async (req) => ({ data: await core.reviews.get(ctxOf(req), req.params.id) }),
  )
  r.post(
    '/reviews/:id/approve',
    {
      schema: {
        tags,
        summary: '审核通过（末级通过即发布）',
        params: IdParams,
        body: CommentSchema,
      },
    },
    async (req) => ({
      data: await core.reviews.approve(ctxOf(req), req.params.id, req.body.comment ?? ''),
    }),
  )
  r.post(
    '/reviews/:id/return',
    { schema: { tags, summary: '退回修改（须填原因）', params: IdParams, body: ReturnSchema } },
    async (req) => ({
      data: await core.reviews.returnToAuthor(ctxOf(req), req.params.id, req.body.reason),
    }),
  )
  r.post(
    '/reviews/:id/withdraw',
    { schema: { tags, summary: '撤回（提交人或站点管理员）', params: IdParams } },
    async (req) => ({ data: await core.reviews.withdraw(ctxOf(req), req.params.id) }),
  )
}
