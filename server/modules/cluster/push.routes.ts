import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { PUSH_KIND_LABELS, PUSH_STATE_LABELS, type Push } from '../../../common/cluster'
import { formatDate, formatDateTime } from '../../../common/time'
import type { Core } from '../../core'
import { ctxOf } from '../../plugins/auth'
import { buildXlsx, sendXlsx } from '../../plugins/xlsx'
import {
  ArticleIdParams,
  PushAcceptSchema,
  PushCreateSchema,
  PushIdParams,
  PushListQuery,
  PushPageResponse,
  PushRejectSchema,
  PushResponse,
  PushesResponse,
} from './push.schema'

const EXPORT_MAX = 10_000

/** 一稿多发: pushing an article to other sites' columns, and both ends' decisions. */
export async function pushAdminRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['一稿多发']
  r.post(
    '/articles/:id/pushes',
    {
      schema: {
        tags,
        summary: '推送信息到其他站点的栏目（链接引用或复制）',
        params: ArticleIdParams,
        body: PushCreateSchema,
        response: { 201: PushesResponse },
      },
    },
    async (req, reply) => {
      const data = await core.pushes.create(ctxOf(req), req.params.id, req.body)
      return reply.code(201).send({ data })
    },
  )
  r.get(
    '/articles/:id/pushes',
    {
      schema: {
        tags,
        summary: '一篇信息的推送记录',
        params: ArticleIdParams,
        response: { 200: PushesResponse },
      },
    },
    async (req) => ({ data: await core.pushes.listForArticle(ctxOf(req), req.params.id) }),
  )
  r.get(
    '/pushes',
    {
      schema: {
        tags,
        summary: '推送记录（outbox：本站推出；inbox：推给本站）',
        querystring: PushListQuery,
        response: { 200: PushPageResponse },
      },
    },
    async (req) => {
      const result = await core.pushes.list(ctxOf(req), req.query)
      return {
        data: result.rows,
        total: result.total,
        page: result.page,
        pageSize: result.pageSize,
      }
    },
  )
  r.get(
    '/pushes.xlsx',
    {
      schema: {
        tags,
        summary: '导出推送记录（xlsx，最多 1 万条）',
        querystring: Type.Omit(PushListQuery, ['page', 'pageSize']),
      },
    },
    async (req, reply) => {
      const { rows } = await core.pushes.list(ctxOf(req), {
        ...req.query,
        page: 1,
        pageSize: EXPORT_MAX,
      })
      const bytes = await buildXlsx<Push>(
        req.query.box === 'inbox' ? '接收的推送' : '推送的信息',
        [
          { header: '标题', width: 48, value: (x) => x.title },
          { header: '推送站点', width: 24, value: (x) => x.sourceSiteName },
          { header: '接收站点', width: 24, value: (x) => x.targetSiteName },
          { header: '接收栏目', width: 16, value: (x) => x.targetColumnName },
          { header: '方式', width: 28, value: (x) => PUSH_KIND_LABELS[x.kind] },
          { header: '状态', width: 10, value: (x) => PUSH_STATE_LABELS[x.state] },
          { header: '推送人', width: 12, value: (x) => x.pushedByName },
          { header: '推送时间', width: 18, value: (x) => formatDateTime(x.pushedAt) },
          { header: '处理人', width: 12, value: (x) => x.decidedByName },
          { header: '处理时间', width: 18, value: (x) => formatDateTime(x.decidedAt) },
          { header: '理由', width: 30, value: (x) => x.reason },
        ],
        rows,
      )
      return sendXlsx(reply, `一稿多发-${formatDate(new Date())}.xlsx`, bytes)
    },
  )
  r.post(
    '/pushes/:id/accept',
    {
      schema: {
        tags,
        summary: '接收推送（可改放到本站其他栏目）',
        params: PushIdParams,
        body: PushAcceptSchema,
        response: { 200: PushResponse },
      },
    },
    async (req) => ({
      data: await core.pushes.accept(ctxOf(req), req.params.id, req.body.columnId),
    }),
  )
  r.post(
    '/pushes/:id/reject',
    {
      schema: {
        tags,
        summary: '拒收推送（须填原因）',
        params: PushIdParams,
        body: PushRejectSchema,
        response: { 200: PushResponse },
      },
    },
    async (req) => ({
      data: await core.pushes.reject(ctxOf(req), req.params.id, req.body.reason),
    }),
  )
  r.post(
    '/pushes/:id/withdraw',
    {
      schema: {
        tags,
        summary: '撤回推送（推送站点；已接收的引用移除、副本撤下）',
        params: PushIdParams,
        response: { 200: PushResponse },
      },
    },
    async (req) => ({ data: await core.pushes.withdraw(ctxOf(req), req.params.id) }),
  )
  r.post(
    '/pushes/:id/remove',
    {
      schema: {
        tags,
        summary: '从本站栏目移除推送来的链接引用',
        params: PushIdParams,
        response: { 200: PushResponse },
      },
    },
    async (req) => ({ data: await core.pushes.remove(ctxOf(req), req.params.id) }),
  )
}
