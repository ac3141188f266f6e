import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { Core } from '../../core'
import { ctxOf } from '../../plugins/auth'

const Params = Type.Object({ id: Type.Integer({ title: '站点编号', minimum: 1 }) })
const NameQuery = Type.Object({
  name: Type.String({ title: '模板名称', minLength: 1, maxLength: 200 }),
})
const SaveBody = Type.Object({
  name: Type.String({ title: '模板名称', minLength: 1, maxLength: 200 }),
  source: Type.String({ title: '模板内容', maxLength: 500_000 }),
})

export async function templateAdminRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['模板']
  r.get(
    '/sites/:id/templates',
    { schema: { tags, summary: '站点模板列表（主题文件与本站覆盖）', params: Params } },
    async (req) => ({
      data: await core.templates.list(ctxOf(req), req.params.id),
    }),
  )
  r.get(
    '/sites/:id/template',
    { schema: { tags, summary: '读取模板', params: Params, querystring: NameQuery } },
    async (req) => ({
      data: await core.templates.get(ctxOf(req), req.params.id, req.query.name),
    }),
  )
  r.put(
    '/sites/:id/template',
    {
      schema: {
        tags,
        summary: '保存本站模板（语法错误时返回行号，不保存）',
        params: Params,
        body: SaveBody,
      },
    },
    async (req) => ({
      data: await core.templates.save(ctxOf(req), req.params.id, req.body.name, req.body.source),
    }),
  )
  r.delete(
    '/sites/:id/template',
    {
      schema: {
        tags,
        summary: '删除本站覆盖，恢复主题模板',
        params: Params,
        querystring: NameQuery,
      },
    },
    async (req) => {
      await core.templates.reset(ctxOf(req), req.params.id, req.query.name)
      return { data: { ok: true } }
    },
  )
}
