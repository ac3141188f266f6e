import { Type, type Static } from 'typebox'
import {
  LETTER_LIMIT_KEYS,
  LETTER_LIMIT_LABELS,
  LETTER_LIMIT_MAX,
  LETTER_TYPES,
} from '../../../common/letters'

// Lengths are checked again by the services with their own messages; the schemas bound sizes.

const Limit = (key: (typeof LETTER_LIMIT_KEYS)[number]) =>
  Type.Integer({ title: LETTER_LIMIT_LABELS[key], minimum: 0, maximum: LETTER_LIMIT_MAX })

/** Per-mailbox limits in working days; a missing key keeps the default. */
export const LimitsSchema = Type.Object(
  Object.fromEntries(LETTER_LIMIT_KEYS.map((k) => [k, Type.Optional(Limit(k))])),
  { title: '办理时限（工作日）', additionalProperties: false },
)
const FullLimits = Type.Object(Object.fromEntries(LETTER_LIMIT_KEYS.map((k) => [k, Limit(k)])))

const MailboxFields = {
  code: Type.String({ title: '信箱代码', maxLength: 64 }),
  name: Type.String({ title: '信箱名称', maxLength: 200 }),
  description: Type.Optional(Type.String({ title: '信箱说明', maxLength: 2000 })),
  sort: Type.Optional(Type.Integer({ title: '排序', minimum: -100000, maximum: 100000 })),
  enabled: Type.Optional(Type.Boolean({ title: '是否启用' })),
  limits: Type.Optional(LimitsSchema),
}

export const MailboxCreateSchema = Type.Object({
  siteId: Type.Integer({ title: '站点', minimum: 1 }),
  ...MailboxFields,
})
export type MailboxCreateInput = Static<typeof MailboxCreateSchema>
export const MailboxUpdateSchema = Type.Object(MailboxFields)
export type MailboxUpdateInput = Static<typeof MailboxUpdateSchema>

export const MailboxListQuery = Type.Object({
  siteId: Type.Optional(Type.Integer({ title: '站点', minimum: 1 })),
})
export const IdParams = Type.Object({ id: Type.Integer({ title: '信箱', minimum: 1 }) })
export const SiteIdParams = Type.Object({ siteId: Type.Integer({ title: '站点', minimum: 1 }) })

export const MailboxViewSchema = Type.Object({
  id: Type.Integer(),
  siteId: Type.Integer(),
  siteName: Type.String(),
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  sort: Type.Integer(),
  enabled: Type.Boolean(),
  limits: FullLimits,
  overrides: LimitsSchema,
  letterCount: Type.Integer(),
  openCount: Type.Integer(),
})
export const MailboxResponse = Type.Object({ data: MailboxViewSchema })
export const MailboxListResponse = Type.Object({ data: Type.Array(MailboxViewSchema) })

const RouteType = Type.Union([Type.Literal(''), Type.Enum(LETTER_TYPES)], { title: '来信类型' })

export const RoutesPutSchema = Type.Object({
  routes: Type.Array(
    Type.Object({
      mailboxId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { title: '信箱' }),
      type: RouteType,
      categoryPrefix: Type.String({ title: '分类', maxLength: 200 }),
      unitSiteId: Type.Integer({ title: '承办单位', minimum: 1 }),
    }),
    { title: '分办规则', maxItems: 200 },
  ),
})
export type RoutesPutInput = Static<typeof RoutesPutSchema>

export const RouteViewSchema = Type.Object({
  id: Type.Integer(),
  mailboxId: Type.Union([Type.Integer(), Type.Null()]),
  mailboxName: Type.String(),
  type: Type.String(),
  categoryPrefix: Type.String(),
  unitSiteId: Type.Integer(),
  unitName: Type.String(),
  sort: Type.Integer(),
})
export const RoutesResponse = Type.Object({ data: Type.Array(RouteViewSchema) })
