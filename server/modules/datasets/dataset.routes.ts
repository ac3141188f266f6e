import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { Core } from '../../core'
import { invalid } from '../../errors'
import { ctxOf } from '../../plugins/auth'
import { sendXlsx } from '../../plugins/xlsx'
import {
  DatasetCreateSchema,
  DatasetListQuery,
  DatasetListResponse,
  DatasetResponse,
  DatasetUpdateSchema,
  IdParams,
  ImportQuery,
  ImportResponse,
  RowBodySchema,
  RowListQuery,
  RowListResponse,
  RowParams,
  RowResponse,
} from './dataset.schema'

/** 便民数据库 administration (`/api/admin`): definitions, rows, import and export. */
export async function datasetAdminRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['便民数据库']
  r.get(
    '/datasets',
    {
      schema: {
        tags,
        summary: '数据库列表（全站群共用的和有权限站点的）',
        querystring: DatasetListQuery,
        response: { 200: DatasetListResponse },
      },
    },
    async (req) => ({ data: await core.datasets.list(ctxOf(req), req.query) }),
  )
  r.post(
    '/datasets',
    {
      schema: {
        tags,
        summary: '新建数据库（siteId 为空：平台管理员建立全站群共用的）',
        body: DatasetCreateSchema,
        response: { 201: DatasetResponse },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ data: await core.datasets.create(ctxOf(req), req.body) }),
  )
  r.get(
    '/datasets/:id',
    {
      schema: { tags, summary: '数据库定义', params: IdParams, response: { 200: DatasetResponse } },
    },
    async (req) => ({ data: await core.datasets.get(ctxOf(req), req.params.id) }),
  )
  r.put(
    '/datasets/:id',
    {
      schema: {
        tags,
        summary: '修改数据库定义（字段修改须与现有数据相符，否则 409）',
        params: IdParams,
        body: DatasetUpdateSchema,
        response: { 200: DatasetResponse },
      },
    },
    async (req) => ({ data: await core.datasets.update(ctxOf(req), req.params.id, req.body) }),
  )
  r.delete(
    '/datasets/:id',
    { schema: { tags, summary: '删除数据库及其全部数据', params: IdParams } },
    async (req) => {
      await core.datasets.remove(ctxOf(req), req.params.id)
      return { data: { ok: true } }
    },
  )
  r.get(
    '/datasets/:id/rows',
    {
      schema: {
        tags,
        summary: '数据行（关键词、筛选、分页）',
        params: IdParams,
        querystring: RowListQuery,
        response: { 200: RowListResponse },
      },
    },
    async (req) => core.datasetRows.list(ctxOf(req), req.params.id, req.query),
  )
  r.post(
    '/datasets/:id/rows',
    {
      schema: {
        tags,
        summary: '新增一行',
        params: IdParams,
        body: RowBodySchema,
        response: { 201: RowResponse },
      },
    },
    async (req, reply) =>
      reply.status(201).send({
        data: await core.datasetRows.create(ctxOf(req), req.params.id, req.body.values),
      }),
  )
  r.put(
    '/datasets/:id/rows/:rowId',
    {
      schema: {
        tags,
        summary: '修改一行',
        params: RowParams,
        body: RowBodySchema,
        response: { 200: RowResponse },
      },
    },
    async (req) => ({
      data: await core.datasetRows.update(
        ctxOf(req),
        req.params.id,
        req.params.rowId,
        req.body.values,
      ),
    }),
  )
  r.delete(
    '/datasets/:id/rows/:rowId',
    { schema: { tags, summary: '删除一行', params: RowParams } },
    async (req) => {
      await core.datasetRows.remove(ctxOf(req), req.params.id, req.params.rowId)
      return { data: { ok: true } }
    },
  )
  r.post(
    '/datasets/:id/import',
    {
      schema: {
        tags,
        summary:
          '导入 xlsx 或 CSV（multipart/form-data，file 字段；表头为字段名称或代码；有错则整体不导入）',
        params: IdParams,
        querystring: ImportQuery,
        consumes: ['multipart/form-data'],
        response: { 200: ImportResponse },
      },
    },
    async (req) => {
      const ctx = ctxOf(req)
      if (!req.isMultipart()) {
        throw invalid('请以 multipart/form-data 上传文件', { file: '请选择文件' })
      }
      const part = await req.file()
      if (!part) throw invalid('没有收到文件', { file: '请选择 .xlsx 或 CSV 文件' })
      const bytes = await part.toBuffer()
      return {
        data: await core.datasetRows.importFile(ctx, req.params.id, {
          bytes,
          mode: req.query.mode === 'append' ? 'append' : 'replace',
        }),
      }
    },
  )
  r.get(
    '/datasets/:id/export.xlsx',
    { schema: { tags, summary: '导出全部数据为 xlsx（可作为导入模板）', params: IdParams } },
    async (req, reply) => {
      const { name, bytes } = await core.datasetRows.exportXlsx(ctxOf(req), req.params.id)
      return sendXlsx(reply, name, bytes)
    },
  )
}
