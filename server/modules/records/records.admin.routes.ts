import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { RECORDS_FIELDS, RECORDS_KINDS, RECORDS_KIND_LABELS } from '../../../common/records'
import { formatDateTime } from '../../../common/time'
import type { Core } from '../../core'
import { invalid } from '../../errors'
import { ctxOf } from '../../plugins/auth'
import { buildXlsx, sendXlsx } from '../../plugins/xlsx'
import { templateHeader } from './records.import'
import { presentQuery, presentSetAdmin, presentVersion } from './records.presenter'
import {
  QueryListQuery,
  SetCreateBody,
  SetIdParams,
  SetUpdateBody,
  VersionParams,
} from './records.schema'

const tags = ['个人查询']
const EXPORT_MAX = 10_000

/** `/api/admin/records/*`: sets, versions (upload, restore) and the query audit. */
export async function recordsAdminRoutes(app: FastifyInstance, { core }: { core: Core }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const svc = core.records

  r.get('/records/kinds', { schema: { tags, summary: '查询类型及其字段' } }, async () => ({
    data: RECORDS_KINDS.map((kind) => ({
      kind,
      label: RECORDS_KIND_LABELS[kind],
      fields: RECORDS_FIELDS[kind],
      passwordHeader: templateHeader({ kind, secondFactor: 'password', mobileDigits: 4 }),
      mobileHeader: templateHeader({ kind, secondFactor: 'mobile', mobileDigits: 4 }),
    })),
  }))

  r.get('/records/sets', { schema: { tags, summary: '查询项目列表' } }, async (req) => ({
    data: (await svc.listSets(ctxOf(req))).map(presentSetAdmin),
  }))

  r.post(
    '/records/sets',
    { schema: { tags, summary: '新建查询项目', body: SetCreateBody } },
    async (req, reply) =>
      reply.status(201).send({ data: presentSetAdmin(await svc.createSet(ctxOf(req), req.body)) }),
  )

  r.patch(
    '/records/sets/:id',
    { schema: { tags, summary: '修改查询项目', params: SetIdParams, body: SetUpdateBody } },
    async (req) => ({
      data: presentSetAdmin(await svc.updateSet(ctxOf(req), req.params.id, req.body)),
    }),
  )

  r.get(
    '/records/sets/:id/versions',
    { schema: { tags, summary: '数据版本（当前版本及可恢复的早先版本）', params: SetIdParams } },
    async (req) => {
      const ctx = ctxOf(req)
      const set = await svc.getSet(ctx, req.params.id)
      const versions = await svc.listVersions(ctx, set.id)
      return { data: versions.map((v) => presentVersion(v, set.currentVersionId)) }
    },
  )

  r.get(
    '/records/sets/:id/template.xlsx',
    { schema: { tags, summary: '导入模板（表头）', params: SetIdParams } },
    async (req, reply) => {
      const set = await svc.getSet(ctxOf(req), req.params.id)
      const header = templateHeader(set)
      const bytes = await buildXlsx(
        '数据',
        header.map((h) => ({ header: h, width: 20, value: () => '' })),
        [],
      )
      return sendXlsx(reply, `${set.name}-导入模板.xlsx`, bytes)
    },
  )

  r.post(
    '/records/sets/:id/versions',
    {
      schema: {
        tags,
        summary:
          '上传新版本（multipart/form-data，file 字段；xlsx 或 CSV）：全部通过检查才导入，导入后立即替换当前版本',
        params: SetIdParams,
        consumes: ['multipart/form-data'],
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req)
      if (!req.isMultipart())
        throw invalid('请以 multipart/form-data 上传文件', { file: '请选择文件' })
      const part = await req.file()
      if (!part) throw invalid('没有收到文件', { file: '请选择 .xlsx 或 .csv 文件' })
      const bytes = await part.toBuffer()
      if (part.file.truncated) throw invalid('文件过大', { file: '文件过大' })
      const result = await svc.importVersion(ctx, {
        setId: req.params.id,
        bytes,
        fileName: part.filename,
      })
      const set = await svc.getSet(ctx, req.params.id)
      return reply.status(201).send({
        data: {
          version: presentVersion(result.version, set.currentVersionId),
          warnings: result.warnings.slice(0, 200),
          ms: result.ms,
        },
      })
    },
  )

  r.post(
    '/records/sets/:id/versions/:versionId/activate',
    { schema: { tags, summary: '恢复（启用）某个版本', params: VersionParams } },
    async (req) => ({
      data: presentSetAdmin(
        await svc.activateVersion(ctxOf(req), req.params.id, req.params.versionId),
      ),
    }),
  )

  r.get(
    '/records/queries',
    { schema: { tags, summary: '查询日志（仅身份证号哈希）', querystring: QueryListQuery } },
    async (req) => {
      const res = await svc.listQueries(ctxOf(req), req.query)
      const names = new Map(res.sets.map((s) => [s.id, s.name]))
      return {
        data: res.rows.map((q) => presentQuery(q, names.get(q.setId) ?? '')),
        total: res.total,
        page: res.page,
        pageSize: res.pageSize,
      }
    },
  )

  r.get(
    '/records/queries/export.xlsx',
    {
      schema: { tags, summary: '导出查询日志（xlsx，最多 10000 条）', querystring: QueryListQuery },
    },
    async (req, reply) => {
      const res = await svc.listQueries(ctxOf(req), { ...req.query, page: 1, pageSize: EXPORT_MAX })
      const names = new Map(res.sets.map((s) => [s.id, s.name]))
      const rows = res.rows.map((q) => presentQuery(q, names.get(q.setId) ?? ''))
      const bytes = await buildXlsx(
        '查询日志',
        [
          { header: '时间', width: 20, value: (q) => formatDateTime(q.at) },
          { header: '查询项目', width: 20, value: (q) => q.setName },
          { header: '身份证号哈希', width: 48, value: (q) => q.idHash },
          { header: 'IP 地址', width: 18, value: (q) => q.ip },
          { header: '结果', width: 14, value: (q) => q.outcomeLabel },
          { header: '记录条数', width: 10, value: (q) => q.rowCount },
        ],
        rows,
      )
      return sendXlsx(reply, '个人查询日志.xlsx', bytes)
    },
  )
}
