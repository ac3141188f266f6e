import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { ACCEPT_MODES } from '../../../common/cluster'
import type { Core } from '../../core'
import { ctxOf } from '../../plugins/auth'

const Ids = (title: string) => Type.Array(Type.Integer({ minimum: 1 }), { title, maxItems: 500 })

const SiteParams = Type.Object({ id: Type.Integer({ title: '站点', minimum: 1 }) })

const SharingPutSchema = Type.Object({
  submissions: Type.Enum(ACCEPT_MODES, { title: '接收报送' }),
  submissionSources: Ids('允许报送的站点'),
  submissionColumns: Ids('接收报送的栏目（空为全部列表栏目）'),
  pushes: Type.Enum(ACCEPT_MODES, { title: '接收推送' }),
  pushSources: Ids('允许推送的站点'),
  pushReview: Type.Boolean({ title: '推送须经本站接收' }),
})

const SharingPolicySchema = Type.Object({
  siteId: Type.Integer(),
  submissions: Type.Enum(ACCEPT_MODES),
  submissionSources: Type.Array(Type.Integer()),
  submissionColumns: Type.Array(Type.Integer()),
  pushes: Type.Enum(ACCEPT_MODES),
  pushSources: Type.Array(Type.Integer()),
  pushReview: Type.Boolean(),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
})

const TargetsQuery = Type.Object({
  kind: Type.Enum(['submissions', 'pushes'] as const, { title: '用途' }),
  sourceSiteId: Type.Integer({ title: '来源站点', minimum: 1 }),
})

const TargetsResponse = Type.Object({
  data: Type.Array(
    Type.Object({
      siteId: Type.Integer(),
      siteName: Type.String(),
      columns: Type.Array(
        Type.Object({ id: Type.Integer(), name: Type.String(), path: Type.String() }),
      ),
    }),
  ),
})

/** 共享规则: what a site accepts from the rest of the cluster, and whom a unit may send to. */
export async function sharingAdminRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['站群共享']
  r.get(
    '/sites/:id/sharing',
    {
      schema: {
        tags,
        summary: '站点的共享规则（接收报送与推送）',
        params: SiteParams,
        response: { 200: Type.Object({ data: SharingPolicySchema }) },
      },
    },
    async (req) => ({ data: await core.sharing.get(ctxOf(req), req.params.id) }),
  )
  r.put(
    '/sites/:id/sharing',
    {
      schema: {
        tags,
        summary: '设置站点的共享规则（站点管理员）',
        params: SiteParams,
        body: SharingPutSchema,
        response: { 200: Type.Object({ data: SharingPolicySchema }) },
      },
    },
    async (req) => ({ data: await core.sharing.put(ctxOf(req), req.params.id, req.body) }),
  )
  r.get(
    '/sharing/targets',
    {
      schema: {
        tags,
        summary: '可报送或推送的目标站点及其栏目',
        querystring: TargetsQuery,
        response: { 200: TargetsResponse },
      },
    },
    async (req) => ({
      data: await core.sharing.targets(ctxOf(req), req.query.kind, req.query.sourceSiteId),
    }),
  )
}
