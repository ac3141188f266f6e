import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { Core } from '../../core'
import { ctxOf } from '../../plugins/auth'
import {
  IdParams,
  MailboxCreateSchema,
  MailboxListQuery,
  MailboxListResponse,
  MailboxResponse,
  MailboxUpdateSchema,
  RoutesPutSchema,
  RoutesResponse,
  SiteIdParams,
} from './mailbox.schema'

/** 信箱 and 分办规则 administration (`/api/admin`). */
export async function mailboxAdminRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['来信办理']
  r.get(
    '/mailboxes',
    {
      schema: {
        tags,
        summary: '信箱列表（含实际办理时限、来信数和未办结数）',
        querystring: MailboxListQuery,
        response: { 200: MailboxListResponse },
      },
    },
    async (req) => ({ data: await core.mailboxes.list(ctxOf(req), req.query) }),
  )
  r.post(
    '/mailboxes',
    {
      schema: {
        tags,
        summary: '新建信箱（站点管理员）',
        body: MailboxCreateSchema,
        response: { 201: MailboxResponse },
      },
    },
    async (req, reply) => {
      const data = await core.mailboxes.create(ctxOf(req), req.body)
      return reply.status(201).send({ data })
    },
  )
  r.put(
    '/mailboxes/:id',
    {
      schema: {
        tags,
        summary: '修改信箱（名称、说明、排序、启用、办理时限）',
        params: IdParams,
        body: MailboxUpdateSchema,
        response: { 200: MailboxResponse },
      },
    },
    async (req) => ({ data: await core.mailboxes.update(ctxOf(req), req.params.id, req.body) }),
  )
  r.delete(
    '/mailboxes/:id',
    {
      schema: { tags, summary: '删除信箱（已有来信的信箱只能停用）', params: IdParams },
    },
    async (req) => {
      await core.mailboxes.remove(ctxOf(req), req.params.id)
      return { data: { ok: true } }
    },
  )
  r.get(
    '/sites/:siteId/letter-routes',
    {
      schema: {
        tags,
        summary: '站点的分办规则（按优先顺序）',
        params: SiteIdParams,
        response: { 200: RoutesResponse },
      },
    },
    async (req) => ({ data: await core.letterRoutes.list(ctxOf(req), req.params.siteId) }),
  )
  r.put(
    '/sites/:siteId/letter-routes',
    {
      schema: {
        tags,
        summary: '替换站点的分办规则（顺序即优先级）',
        params: SiteIdParams,
        body: RoutesPutSchema,
        response: { 200: RoutesResponse },
      },
    },
    async (req) => ({
      data: await core.letterRoutes.replace(ctxOf(req), req.params.siteId, req.body.routes),
    }),
  )
}
