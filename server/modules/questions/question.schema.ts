import { Type, type Static } from 'typebox'
import { QUESTION_LIMITS as L, QUESTION_STATUSES } from '../../../common/questions'
import { LIMITS } from '../../../common/limits'

// Lengths are checked again by the service with its own messages; the schemas bound sizes.

const Status = Type.Enum(QUESTION_STATUSES, { title: '状态（draft 草稿 / published 已发布）' })
const Nullable = <T extends ReturnType<typeof Type.String | typeof Type.Integer>>(t: T) =>
  Type.Union([t, Type.Null()])

export const QuestionInputSchema = Type.Object({
  unitSiteId: Type.Integer({ title: '责任单位（站点）', minimum: 1 }),
  question: Type.String({ title: '问题', maxLength: L.questionMax * 2 }),
  detail: Type.Optional(Type.String({ title: '问题说明', maxLength: L.detailMax * 2 })),
  answer: Type.String({ title: '答复', maxLength: L.answerMax * 2 }),
  status: Type.Optional(Status),
  isHot: Type.Optional(Type.Boolean({ title: '热点' })),
  sort: Type.Optional(
    Type.Integer({ title: '排序（大者在前）', minimum: -100000, maximum: 100000 }),
  ),
  topics: Type.Optional(
    Type.Array(Type.String({ maxLength: 100 }), { title: '主题', maxItems: 50 }),
  ),
  serviceCodes: Type.Optional(
    Type.Array(Type.String({ maxLength: 100 }), { title: '相关办事事项编码', maxItems: 50 }),
  ),
  policyIds: Type.Optional(
    Type.Array(Type.Integer({ minimum: 1 }), { title: '相关政策（信息编号）', maxItems: 50 }),
  ),
})
export type QuestionInput = Static<typeof QuestionInputSchema>

export const QuestionListQuery = Type.Object({
  siteId: Type.Optional(Type.Integer({ title: '责任单位（站点）', minimum: 1 })),
  status: Type.Optional(Status),
  topic: Type.Optional(Type.String({ title: '主题', maxLength: 100 })),
  q: Type.Optional(Type.String({ title: '关键词（问题、说明、答复）', maxLength: 200 })),
  isHot: Type.Optional(Type.Boolean({ title: '只看热点' })),
  page: Type.Optional(Type.Integer({ title: '页码', minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(
    Type.Integer({ title: '每页条数', minimum: 1, maximum: LIMITS.pageSizeMax, default: 20 }),
  ),
})
export type QuestionListInput = Static<typeof QuestionListQuery>

export const IdParams = Type.Object({ id: Type.Integer({ title: '热点解答编号', minimum: 1 }) })
export const LetterIdParams = Type.Object({
  letterId: Type.Integer({ title: '来信编号', minimum: 1 }),
})
export const PolicyOptionsQuery = Type.Object({
  q: Type.Optional(Type.String({ title: '标题关键词', maxLength: 100 })),
  ids: Type.Optional(Type.String({ title: '信息编号（逗号分隔，回显已选）', maxLength: 1000 })),
})

const ListItemFields = {
  id: Type.Integer(),
  unitSiteId: Type.Integer(),
  unitName: Type.String(),
  question: Type.String(),
  status: Status,
  statusLabel: Type.String(),
  isHot: Type.Boolean(),
  sort: Type.Integer(),
  topics: Type.Array(Type.String()),
  letterId: Nullable(Type.Integer()),
  publishedAt: Nullable(Type.String()),
  updatedAt: Type.String(),
}
export const QuestionListItemSchema = Type.Object(ListItemFields)
export const QuestionDetailSchema = Type.Object({
  ...ListItemFields,
  detail: Type.String(),
  answer: Type.String(),
  services: Type.Array(Type.Object({ code: Type.String(), name: Nullable(Type.String()) })),
  policies: Type.Array(
    Type.Object({ id: Type.Integer(), title: Type.String(), status: Type.String() }),
  ),
  createdAt: Type.String(),
})
export const QuestionResponse = Type.Object({ data: QuestionDetailSchema })
export const QuestionListResponse = Type.Object({
  data: Type.Array(QuestionListItemSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
})
export const TopicsResponse = Type.Object({
  data: Type.Array(Type.Object({ topic: Type.String(), count: Type.Integer() })),
})
export const PolicyOptionsResponse = Type.Object({
  data: Type.Array(
    Type.Object({
      id: Type.Integer(),
      title: Type.String(),
      siteName: Type.String(),
      publishedAt: Nullable(Type.String()),
    }),
  ),
})
export const ImportResponse = Type.Object({
  data: Type.Object({ created: Type.Integer(), updated: Type.Integer() }),
})

// The public read API (`/api/v1/questions`).

export const PublicListQuery = Type.Object({
  site: Type.Optional(
    Type.String({ title: '站点代码（门户：全部；其他站点：本单位）', maxLength: 64 }),
  ),
  topic: Type.Optional(Type.String({ title: '主题', maxLength: 100 })),
  q: Type.Optional(Type.String({ title: '关键词', maxLength: 200 })),
  page: Type.Optional(Type.Integer({ title: '页码', minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(
    Type.Integer({ title: '每页条数', minimum: 1, maximum: LIMITS.pageSizeMax, default: 20 }),
  ),
})
const PublicItemFields = {
  id: Type.Integer({ title: '编号' }),
  question: Type.String({ title: '问题' }),
  unitName: Type.String({ title: '责任单位' }),
  unitSiteCode: Type.String({ title: '责任单位站点代码' }),
  topics: Type.Array(Type.String(), { title: '主题' }),
  isHot: Type.Boolean({ title: '热点' }),
  publishedAt: Nullable(Type.String({ title: '发布时间' })),
  url: Type.String({ title: '页面地址（门户热点解答栏目；没有该栏目时为空）' }),
}
export const PublicListResponse = Type.Object({
  data: Type.Array(Type.Object(PublicItemFields)),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
})
export const PublicDetailResponse = Type.Object({
  data: Type.Object({
    ...PublicItemFields,
    detail: Type.String({ title: '问题说明' }),
    answer: Type.String({ title: '答复（纯文本，换行分段）' }),
    updatedAt: Type.String({ title: '更新时间' }),
    services: Type.Array(
      Type.Object({ code: Type.String({ title: '事项编码' }), name: Nullable(Type.String()) }),
      { title: '相关办事事项' },
    ),
    policies: Type.Array(
      Type.Object({ id: Type.Integer(), title: Type.String(), url: Type.String() }),
      { title: '相关政策' },
    ),
  }),
})
