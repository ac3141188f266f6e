import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { Core } from '../../core'
import { ctxOf } from '../../plugins/auth'
import { presentArticleAdmin, presentArticleSummary } from './article.presenter'
import {
  ArticleCreateSchema,
  ArticleIdParams,
  ArticleListQuery,
  ArticleUpdateSchema,
  PublishSchema,
} from './article.schema'

export async function articleAdminRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['信息']
  r.get(
    '/articles',
    { schema: { tags, summary: '信息列表（分页、筛选）', querystring: ArticleListQuery } },
    async (req) => {
      const result = await core.articles.list(ctxOf(req), req.query)
      return {
        data: result.rows.map(presentArticleSummary),
        total: result.total,
        page: result.page,
        pageSize: result.pageSize,
      }
    },
  )
  r.post(
    '/articles',
    { schema: { tags, summary: '新建信息（可直接发布）', body: ArticleCreateSchema } },
    async (req, reply) =>
      reply
        .status(201)
        .send({ data: presentArticleAdmin(await core.articles.create(ctxOf(req), req.body)) }),
  )
  r.get(
    '/articles/:id',
    { schema: { tags, summary: '信息详情', params: ArticleIdParams } },
    async (req) => ({
      data: presentArticleAdmin(await core.articles.get(ctxOf(req), req.params.id)),
    }),
  )
  r.patch(
    '/articles/:id',
    { schema: { tags, summary: '修改信息', params: ArticleIdParams, body: ArticleUpdateSchema } },
    async (req) => ({
      data: presentArticleAdmin(await core.articles.update(ctxOf(req), req.params.id, req.body)),
    }),
  )
  r.post(
    '/articles/:id/publish',
    { schema: { tags, summary: '发布', params: ArticleIdParams, body: PublishSchema } },
    async (req) => ({
      data: presentArticleAdmin(await core.articles.publish(ctxOf(req), req.params.id, req.body)),
    }),
  )
  r.post(
    '/articles/:id/unpublish',
    { schema: { tags, summary: '撤销发布', params: ArticleIdParams } },
    async (req) => ({
      data: presentArticleAdmin(await core.articles.unpublish(ctxOf(req), req.params.id)),
    }),
  )
  r.delete(
    '/articles/:id',
    { schema: { tags, summary: '删除', params: ArticleIdParams } },
    async (req) => {
      await core.articles.remove(ctxOf(req), req.params.id)
      return { data: { ok: true } }
    },
  )
}
