import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { Core } from '../../core'
import { invalid } from '../../errors'
import { ctxOf } from '../../plugins/auth'
import { sendXlsx } from '../../plugins/xlsx'
import type { CheckRun } from './service-check.repository'
import {
  IdParams,
  ServiceInputSchema,
  ServiceListQuery,
  ServiceListResponse,
  ServiceResponse,
} from './service.schema'

const RunSchema = Type.Object({
  id: Type.Integer(),
  status: Type.String({ title: 'running | done | failed' }),
  done: Type.Integer({ title: '已检查表格数' }),
  total: Type.Integer({ title: '表格总数' }),
  error: Type.String(),
  startedAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  report: Type.Union([Type.Unknown(), Type.Null()], { title: '检查报告（完成后）' }),
})
const RunResponse = Type.Object({ data: RunSchema })
const present = (run: CheckRun) => ({
  id: run.id,
  status: run.status,
  done: run.done,
  total: run.total,
  error: run.error,
  startedAt: run.startedAt,
  finishedAt: run.finishedAt,
  report: run.report,
})

/** 办事事项 administration (`/api/admin/services`). */
export async function serviceAdminRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['办事服务']
  r.get(
    '/services',
    {
      schema: {
        tags,
        summary: '办事事项列表（按单位、服务对象、主题、类型、关键词、要素不全筛选）',
        querystring: ServiceListQuery,
        response: { 200: ServiceListResponse },
      },
    },
    async (req) => core.services.list(ctxOf(req), req.query),
  )
  r.get(
    '/services/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出办事事项（xlsx，列与导入相同）',
        querystring: ServiceListQuery,
      },
    },
    async (req, reply) =>
      sendXlsx(
        reply,
        '办事事项.xlsx',
        await core.serviceTransfer.exportXlsx(ctxOf(req), req.query),
      ),
  )
  r.post(
    '/services/import',
    {
      schema: {
        tags,
        summary:
          '从 xlsx 导入办事事项（multipart/form-data：可选 unitSiteId 字段在前，file 字段在后；全部成功或全部不导入）',
        consumes: ['multipart/form-data'],
      },
    },
    async (req) => {
      if (!req.isMultipart())
        throw invalid('请以 multipart/form-data 上传文件', { file: '请选择 .xlsx 文件' })
      let unitSiteId: number | undefined
      for await (const part of req.parts()) {
        if (part.type === 'field' && part.fieldname === 'unitSiteId') {
          const n = Number(part.value)
          if (Number.isInteger(n) && n > 0) unitSiteId = n
          continue
        }
        if (part.type === 'file') {
          const bytes = await part.toBuffer()
          return {
            data: await core.serviceTransfer.importXlsx(ctxOf(req), bytes, {
              defaultUnitSiteId: unitSiteId,
            }),
          }
        }
      }
      throw invalid('没有收到文件', { file: '请选择 .xlsx 文件' })
    },
  )
  r.post(
    '/services/checks',
    {
      schema: {
        tags,
        summary: '开始检查（要素缺失、表格能否下载、跨单位重复事项），后台运行',
        body: Type.Optional(
          Type.Object({ siteId: Type.Optional(Type.Integer({ minimum: 1, title: '只查该单位' })) }),
        ),
        response: { 202: RunResponse },
      },
    },
    async (req, reply) => {
      const run = await core.serviceChecks.start(ctxOf(req), { siteId: req.body?.siteId })
      return reply.status(202).send({ data: present(run) })
    },
  )
  r.get(
    '/services/checks/latest',
    { schema: { tags, summary: '最近一次检查（进度与报告）' } },
    async (req) => {
      const run = await core.serviceChecks.latest(ctxOf(req))
      return { data: run ? present(run) : null }
    },
  )
  r.get(
    '/services/checks/:id',
    {
      schema: {
        tags,
        summary: '一次检查的进度与报告',
        params: IdParams,
        response: { 200: RunResponse },
      },
    },
    async (req) => ({ data: present(await core.serviceChecks.get(ctxOf(req), req.params.id)) }),
  )
  r.get(
    '/services/:id',
    {
      schema: {
        tags,
        summary: '办事事项详情',
        params: IdParams,
        response: { 200: ServiceResponse },
      },
    },
    async (req) => ({ data: await core.services.get(ctxOf(req), req.params.id) }),
  )
  r.post(
    '/services',
    {
      schema: {
        tags,
        summary: '新建办事事项',
        body: ServiceInputSchema,
        response: { 201: ServiceResponse },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ data: await core.services.create(ctxOf(req), req.body) }),
  )
  r.put(
    '/services/:id',
    {
      schema: {
        tags,
        summary: '修改办事事项（整体替换材料、主题和常见问题）',
        params: IdParams,
        body: ServiceInputSchema,
        response: { 200: ServiceResponse },
      },
    },
    async (req) => ({ data: await core.services.update(ctxOf(req), req.params.id, req.body) }),
  )
  r.delete(
    '/services/:id',
    { schema: { tags, summary: '删除办事事项', params: IdParams } },
    async (req) => {
      await core.services.remove(ctxOf(req), req.params.id)
      return { data: { ok: true } }
    },
  )
}
