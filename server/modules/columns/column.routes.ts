import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { Core } from '../../core'
import { ctxOf } from '../../plugins/auth'
import { SiteIdParams } from '../sites/site.schema'
import { presentColumnAdmin } from './column.presenter'
import {
  ColumnCreateSchema,
  ColumnDeleteQuery,
  ColumnReorderSchema,
  ColumnUpdateSchema,
} from './column.schema'

const ColumnIdParams = Type.Object({ id: Type.Integer({ title: '栏目编号', minimum: 1 }) })

export async function columnAdminRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['栏目']
  r.get(
    '/sites/:id/columns',
    { schema: { tags, summary: '站点的栏目（扁平列表，按层级和顺序）', params: SiteIdParams } },
    async (req) => ({
      data: (await core.columns.listBySite(ctxOf(req), req.params.id)).map(presentColumnAdmin),
    }),
  )
  r.post(
    '/sites/:id/columns',
    { schema: { tags, summary: '新建栏目', params: SiteIdParams, body: ColumnCreateSchema } },
    async (req, reply) =>
      reply.status(201).send({
        data: presentColumnAdmin(await core.columns.create(ctxOf(req), req.params.id, req.body)),
      }),
  )
  r.post(
    '/sites/:id/columns/reorder',
    {
      schema: {
        tags,
        summary: '调整同级栏目顺序',
        params: SiteIdParams,
        body: ColumnReorderSchema,
      },
    },
    async (req) => {
      await core.columns.reorder(ctxOf(req), req.params.id, req.body)
      return { data: { ok: true } }
    },
  )
  r.get(
    '/columns/:id',
    { schema: { tags, summary: '栏目详情', params: ColumnIdParams } },
    async (req) => ({
      data: presentColumnAdmin(await core.columns.get(ctxOf(req), req.params.id)),
    }),
  )
  r.patch(
    '/columns/:id',
    {
      schema: { tags, summary: '修改或移动栏目', params: ColumnIdParams, body: ColumnUpdateSchema },
    },
    async (req) => ({
      data: presentColumnAdmin(await core.columns.update(ctxOf(req), req.params.id, req.body)),
    }),
  )
  r.delete(
    '/columns/:id',
    {
      schema: {
        tags,
        summary: '删除栏目（有内容时须指定 moveTo）',
        params: ColumnIdParams,
        querystring: ColumnDeleteQuery,
      },
    },
    async (req) => {
      await core.columns.remove(ctxOf(req), req.params.id, { moveTo: req.query.moveTo })
      return { data: { ok: true } }
    },
  )
}
