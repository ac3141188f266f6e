import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { LETTER_DUE_LABELS, LETTER_RATING_LABELS, type LetterRating } from '../../../common/letters'
import { formatDateTime } from '../../../common/time'
import type { Core } from '../../core'
import { ctxOf } from '../../plugins/auth'
import { buildXlsx, sendXlsx } from '../../plugins/xlsx'
import type { LetterListItem } from './letter.read'
import {
  LetterActionBody,
  LetterActionParams,
  LetterFileParams,
  LetterFilter,
  LetterIdParams,
  LetterListQuery,
} from './letters.admin.schema'

export async function letterAdminRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['来信办理']
  r.get(
    '/letters',
    {
      schema: {
        tags,
        summary: '来信列表（待受理、待办理、待审核答复、待审批延期、全部）',
        querystring: LetterListQuery,
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query
      const result = await core.letterRead.list(ctxOf(req), filter, { page, pageSize })
      return {
        data: result.rows,
        total: result.total,
        page: result.page,
        pageSize: result.pageSize,
      }
    },
  )
  r.get(
    '/letters/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出来信列表（xlsx，来信人信息已遮盖）',
        querystring: Type.Object(LetterFilter),
      },
    },
    async (req, reply) => {
      const rows = await core.letterRead.exportRows(ctxOf(req), req.query)
      const bytes = await buildXlsx<LetterListItem>(
        '来信',
        [
          { header: '查询码', width: 14, value: (x) => x.queryCode },
          { header: '标题', width: 40, value: (x) => x.subject },
          { header: '站点', width: 18, value: (x) => x.siteName },
          { header: '信箱', width: 16, value: (x) => x.mailboxName },
          { header: '类型', width: 8, value: (x) => x.typeLabel },
          { header: '分类', width: 20, value: (x) => x.category },
          { header: '状态', width: 10, value: (x) => x.stateLabel },
          { header: '承办单位', width: 18, value: (x) => x.unitName ?? '' },
          { header: '来信人', width: 10, value: (x) => x.writerName },
          { header: '收信时间', width: 18, value: (x) => formatDateTime(x.receivedAt) },
          { header: '当前期限', width: 18, value: (x) => (x.dueAt ? formatDateTime(x.dueAt) : '') },
          { header: '期限状态', width: 14, value: (x) => LETTER_DUE_LABELS[x.dueStatus] },
          { header: '超3个月未办结', width: 12, value: (x) => (x.redFlag ? '是' : '') },
          {
            header: '答复时间',
            width: 18,
            value: (x) => (x.repliedAt ? formatDateTime(x.repliedAt) : ''),
          },
          {
            header: '评价',
            width: 10,
            value: (x) => LETTER_RATING_LABELS[x.rating as LetterRating] ?? '',
          },
          { header: '已公开', width: 8, value: (x) => (x.published ? '是' : '') },
        ],
        rows,
      )
      return sendXlsx(reply, '来信列表.xlsx', bytes)
    },
  )
  r.get(
    '/letters/counts',
    { schema: { tags, summary: '各收件箱待办数量（菜单角标）' } },
    async (req) => ({ data: await core.letterRead.counts(ctxOf(req)) }),
  )
  r.get(
    '/letters/units',
    { schema: { tags, summary: '可交办的承办单位（全部未归档站点）' } },
    async (req) => ({ data: await core.letterRead.units(ctxOf(req)) }),
  )
  r.get(
    '/letters/:id',
    { schema: { tags, summary: '来信详情（来信人信息已遮盖）', params: LetterIdParams } },
    async (req) => ({ data: await core.letterRead.detail(ctxOf(req), req.params.id) }),
  )
  r.get(
    '/letters/:id/writer',
    { schema: { tags, summary: '查看来信人信息（记录审计日志）', params: LetterIdParams } },
    async (req, reply) => {
      void reply.header('cache-control', 'no-store')
      return { data: await core.letterRead.writer(ctxOf(req), req.params.id) }
    },
  )
  r.get(
    '/letters/:id/files/:fileId',
    { schema: { tags, summary: '下载来信附件（记录审计日志）', params: LetterFileParams } },
    async (req, reply) => {
      const f = await core.letterRead.file(ctxOf(req), req.params.id, req.params.fileId)
      return reply
        .header('cache-control', 'no-store')
        .header('content-type', f.mime)
        .header('content-length', String(f.size))
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .send(f.stream)
    },
  )
  r.post(
    '/letters/:id/actions/:action',
    {
      schema: {
        tags,
        summary: '办理动作（受理、交办、签收、答复、审核、延期、公开等，见 docs/LETTERS.md）',
        params: LetterActionParams,
        body: LetterActionBody,
      },
    },
    async (req) => {
      const ctx = ctxOf(req)
      await core.letters.act(ctx, req.params.id, req.params.action, req.body)
      return { data: await core.letterRead.detail(ctx, req.params.id) }
    },
  )
}
