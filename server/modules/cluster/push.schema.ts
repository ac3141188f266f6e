import { Type, type Static } from 'typebox'
import { PUSH_KINDS, PUSH_STATES } from '../../../common/cluster'
import { LIMITS } from '../../../common/limits'

export const PushIdParams = Type.Object({ id: Type.Integer({ title: '推送编号', minimum: 1 }) })
export const ArticleIdParams = Type.Object({ id: Type.Integer({ title: '信息编号', minimum: 1 }) })

export const PushCreateSchema = Type.Object({
  columnIds: Type.Array(Type.Integer({ minimum: 1 }), {
    title: '目标栏目',
    minItems: 1,
    maxItems: 20,
  }),
  kind: Type.Enum(PUSH_KINDS, { title: '方式' }),
})
export type PushCreateInput = Static<typeof PushCreateSchema>

export const PushAcceptSchema = Type.Object({
  columnId: Type.Optional(Type.Integer({ title: '改放到本站的栏目', minimum: 1 })),
})

export const PushRejectSchema = Type.Object({
  reason: Type.String({ title: '拒收原因', minLength: 1, maxLength: 500 }),
})

export const PushListQuery = Type.Object({
  box: Type.Enum(['outbox', 'inbox'] as const, { title: '推送（outbox）或接收（inbox）' }),
  siteId: Type.Optional(Type.Integer({ title: '站点', minimum: 1 })),
  state: Type.Optional(Type.Enum(PUSH_STATES, { title: '状态' })),
  articleId: Type.Optional(Type.Integer({ title: '信息编号', minimum: 1 })),
  page: Type.Optional(Type.Integer({ title: '页码', minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(
    Type.Integer({ title: '每页条数', minimum: 1, maximum: LIMITS.pageSizeMax, default: 20 }),
  ),
})
export type PushListInput = Static<typeof PushListQuery>

const Nullable = <T extends ReturnType<typeof Type.Integer | typeof Type.String>>(t: T) =>
  Type.Union([t, Type.Null()])

export const PushSchema = Type.Object({
  id: Type.Integer(),
  articleId: Nullable(Type.Integer()),
  sourceSiteId: Type.Integer(),
  sourceSiteName: Type.String(),
  targetSiteId: Type.Integer(),
  targetSiteName: Type.String(),
  targetColumnId: Nullable(Type.Integer()),
  targetColumnName: Type.String(),
  kind: Type.Enum(PUSH_KINDS),
  state: Type.Enum(PUSH_STATES),
  title: Type.String(),
  reason: Type.String(),
  copyArticleId: Nullable(Type.Integer()),
  pushedBy: Nullable(Type.Integer()),
  pushedByName: Type.String(),
  pushedAt: Type.String(),
  decidedBy: Nullable(Type.Integer()),
  decidedByName: Type.String(),
  decidedAt: Nullable(Type.String()),
})

export const PushResponse = Type.Object({ data: PushSchema })
export const PushesResponse = Type.Object({ data: Type.Array(PushSchema) })
export const PushPageResponse = Type.Object({
  data: Type.Array(PushSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
})
