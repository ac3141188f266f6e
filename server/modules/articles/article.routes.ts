import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { Core } from '../../core'
import { ctxOf } from '../../plugins/auth'
import { presentArticleAdmin, presentArticleSummary } from './article.presenter'
import {
  ArticleCreateSchema,
  ArticleIdParams,
  ArticleListQuery,
  ArticleUpdateSchema,
  PublishSchema,
  ReasonSchema,
  RevisionDiffQuery,
  RevisionParams,
  ScheduleSchema,
  UnpublishSchema,
} from './article.schema'

/** Actions whose body is optional: no body means `{}`. */
async function emptyBody(req: FastifyRequest): Promise<void> {
  if (req.body === undefined || req.body === null) req.body = {}
}

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
    {
      schema: {
        tags,
        summary: '新建信息（publish=true：无审核流程时直接发布，否则提交审核）',
        body: ArticleCreateSchema,
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send({ data: presentArticleAdmin(await core.articles.create(ctxOf(req), req.body)) }),
  )
  r.get(
    '/articles/:id',
    {
      schema: {
        tags,
        summary: '信息详情（含修改稿、审核状态与可执行操作）',
        params: ArticleIdParams,
      },
    },
    async (req) => ({
      data: presentArticleAdmin(await core.articles.view(ctxOf(req), req.params.id)),
    }),
  )
  r.patch(
    '/articles/:id',
    {
      schema: {
        tags,
        summary: '修改信息（已发布且有审核流程时保存为修改稿）',
        params: ArticleIdParams,
        body: ArticleUpdateSchema,
      },
    },
    async (req) => ({
      data: presentArticleAdmin(await core.articles.update(ctxOf(req), req.params.id, req.body)),
    }),
  )
  r.post(
    '/articles/:id/publish',
    {
      schema: {
        tags,
        summary: '直接发布（栏目有审核流程时返回 409 review_required）',
        params: ArticleIdParams,
        body: PublishSchema,
      },
    },
    async (req) => ({
      data: presentArticleAdmin(await core.articles.publish(ctxOf(req), req.params.id, req.body)),
    }),
  )
  r.post(
    '/articles/:id/unpublish',
    {
      schema: {
        tags,
        summary: '撤销发布（withdrawn 公告原因 / redirect 跳转 / removed 删除）',
        params: ArticleIdParams,
        body: UnpublishSchema,
      },
      preValidation: emptyBody,
    },
    async (req) => ({
      data: presentArticleAdmin(await core.articles.unpublish(ctxOf(req), req.params.id, req.body)),
    }),
  )
  r.post(
    '/articles/:id/submit',
    {
      schema: {
        tags,
        summary: '提交审核（无审核流程时直接发布）',
        params: ArticleIdParams,
        body: Type.Object({ comment: Type.Optional(Type.String({ maxLength: 1000 })) }),
      },
      preValidation: emptyBody,
    },
    async (req) => {
      const ctx = ctxOf(req)
      await core.reviews.submit(ctx, req.params.id, req.body.comment ?? '')
      return { data: presentArticleAdmin(await core.articles.view(ctx, req.params.id)) }
    },
  )
  r.post(
    '/articles/:id/withdraw',
    { schema: { tags, summary: '撤回审核', params: ArticleIdParams } },
    async (req) => {
      const ctx = ctxOf(req)
      await core.reviews.withdrawArticle(ctx, req.params.id)
      return { data: presentArticleAdmin(await core.articles.view(ctx, req.params.id)) }
    },
  )
  r.post(
    '/articles/:id/emergency-publish',
    {
      schema: {
        tags,
        summary: '紧急发布（站点管理员；发布后补审）',
        params: ArticleIdParams,
        body: ReasonSchema,
      },
    },
    async (req) => {
      const ctx = ctxOf(req)
      await core.reviews.emergencyPublish(ctx, req.params.id, req.body.reason)
      return { data: presentArticleAdmin(await core.articles.view(ctx, req.params.id)) }
    },
  )
  r.post(
    '/articles/:id/schedule',
    {
      schema: {
        tags,
        summary: '定时发布 / 定时下线（null 取消）',
        params: ArticleIdParams,
        body: ScheduleSchema,
      },
    },
    async (req) => ({
      data: presentArticleAdmin(await core.articles.schedule(ctxOf(req), req.params.id, req.body)),
    }),
  )
  r.get(
    '/articles/:id/revisions',
    { schema: { tags, summary: '修订历史', params: ArticleIdParams } },
    async (req) => ({
      data: (await core.articleHistory.revisions(ctxOf(req), req.params.id)).map((v) => ({
        id: v.id,
        no: v.no,
        action: v.action,
        title: v.snapshot.title,
        createdBy: v.createdBy,
        createdByName: v.createdByName,
        createdAt: v.createdAt,
      })),
    }),
  )
  r.get(
    '/articles/:id/revisions/diff',
    {
      schema: {
        tags,
        summary: '比较两个版本（to 可为版本号、live 或 working）',
        params: ArticleIdParams,
        querystring: RevisionDiffQuery,
      },
    },
    async (req) => ({
      data: await core.articleHistory.diff(
        ctxOf(req),
        req.params.id,
        req.query.from,
        req.query.to ?? 'live',
      ),
    }),
  )
  r.get(
    '/articles/:id/revisions/:revisionId',
    { schema: { tags, summary: '修订版本内容', params: RevisionParams } },
    async (req) => ({
      data: await core.articleHistory.revision(ctxOf(req), req.params.id, req.params.revisionId),
    }),
  )
  r.post(
    '/articles/:id/revisions/:revisionId/restore',
    {
      schema: {
        tags,
        summary: '以该版本为新草稿（已发布信息则为新修改稿）',
        params: RevisionParams,
      },
    },
    async (req) => ({
      data: presentArticleAdmin(
        await core.articleHistory.restore(ctxOf(req), req.params.id, req.params.revisionId),
      ),
    }),
  )
  r.get(
    '/articles/:id/history',
    {
      schema: {
        tags,
        summary: '信息的操作记录（流转、审核、越权操作及理由）',
        params: ArticleIdParams,
        querystring: Type.Object({
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
        }),
      },
    },
    async (req) => {
      const result = await core.articleHistory.history(ctxOf(req), req.params.id, req.query)
      return {
        data: result.rows,
        total: result.total,
        page: result.page,
        pageSize: result.pageSize,
      }
    },
  )
  r.get(
    '/articles/:id/reviews',
    { schema: { tags, summary: '审核记录', params: ArticleIdParams } },
    async (req) => ({ data: await core.reviews.listForArticle(ctxOf(req), req.params.id) }),
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
