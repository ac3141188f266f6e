import { Type, type Static } from 'typebox'
import { ARTICLE_STATUSES, UNPUBLISH_KINDS, VALIDITIES } from '../../../common/enums'
import { LIMITS } from '../../../common/limits'

const opt = (title: string, max: number) => Type.Optional(Type.String({ title, maxLength: max }))

export const DisclosureSchema = Type.Object({
  indexNo: opt('索引号', 100),
  docNo: opt('文号', 100),
  issuer: opt('发文机关', 200),
  writtenAt: Type.Optional(
    Type.Union([
      Type.String({ title: '成文日期', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
      Type.Null(),
    ]),
  ),
  subjectCategory: opt('主题分类', 200),
  validity: Type.Optional(Type.Enum([...VALIDITIES, ''] as const, { title: '有效性' })),
})

/** 政府信息公开 fields as given (every field optional); `validity` loosely typed for imports. */
export type DisclosureInput = Omit<Partial<Static<typeof DisclosureSchema>>, 'validity'> & {
  validity?: string
}

export const AttachmentRefSchema = Type.Object({
  fileId: Type.Integer({ title: '附件', minimum: 1 }),
  name: Type.Optional(Type.String({ title: '附件名称', maxLength: 255 })),
})

const articleFields = {
  title: Type.String({ title: '标题', minLength: 1, maxLength: LIMITS.titleMax }),
  subtitle: opt('副标题', 500),
  source: opt('来源', 200),
  author: opt('作者', 100),
  bodyHtml: Type.Optional(Type.String({ title: '正文', maxLength: LIMITS.bodyMaxChars })),
  summary: opt('摘要', 2000),
  coverFileId: Type.Optional(
    Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { title: '封面图' }),
  ),
  coverAlt: opt('封面图说明', 300),
  keywords: opt('关键词', 500),
  linkUrl: opt('外链地址', 1000),
  disclosure: Type.Optional(Type.Union([DisclosureSchema, Type.Null()])),
  publishedAt: Type.Optional(
    Type.Union([Type.String({ title: '发布时间', format: 'date-time' }), Type.Null()]),
  ),
  columnIds: Type.Array(Type.Integer({ minimum: 1 }), {
    title: '所属栏目',
    minItems: 1,
    maxItems: 50,
  }),
  attachments: Type.Optional(Type.Array(AttachmentRefSchema, { title: '附件', maxItems: 100 })),
  externalId: Type.Optional(Type.String({ title: '外部编号', maxLength: 200 })),
  backdateReason: opt('补录原因（发布时间早于录入时间时必填）', 500),
}

export const ArticleCreateSchema = Type.Object({
  siteId: Type.Integer({ title: '站点', minimum: 1 }),
  ...articleFields,
  publish: Type.Optional(Type.Boolean({ title: '保存并发布' })),
})
export type ArticleCreateInput = Static<typeof ArticleCreateSchema>

export const ArticleUpdateSchema = Type.Partial(Type.Object(articleFields))
export type ArticleUpdateInput = Static<typeof ArticleUpdateSchema>

export const ArticleListQuery = Type.Object({
  siteId: Type.Optional(Type.Integer({ title: '站点', minimum: 1 })),
  columnId: Type.Optional(Type.Integer({ title: '栏目', minimum: 1 })),
  status: Type.Optional(Type.Enum(ARTICLE_STATUSES, { title: '状态' })),
  author: Type.Optional(Type.String({ title: '作者', maxLength: 100 })),
  createdBy: Type.Optional(Type.Integer({ title: '创建人', minimum: 1 })),
  keyword: Type.Optional(Type.String({ title: '关键词', maxLength: 200 })),
  from: Type.Optional(Type.String({ title: '开始日期', pattern: '^\\d{4}-\\d{2}-\\d{2}' })),
  to: Type.Optional(Type.String({ title: '结束日期', pattern: '^\\d{4}-\\d{2}-\\d{2}' })),
  page: Type.Optional(Type.Integer({ title: '页码', minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(
    Type.Integer({ title: '每页条数', minimum: 1, maximum: LIMITS.pageSizeMax, default: 20 }),
  ),
})
export type ArticleListInput = Static<typeof ArticleListQuery>

export const ArticleIdParams = Type.Object({ id: Type.Integer({ title: '信息编号', minimum: 1 }) })
export const PublishSchema = Type.Object({
  publishedAt: Type.Optional(Type.String({ title: '发布时间', format: 'date-time' })),
})

export const UnpublishSchema = Type.Object({
  kind: Type.Optional(Type.Enum(UNPUBLISH_KINDS, { title: '撤销方式' })),
  reason: opt('撤销原因', 1000),
  redirectUrl: opt('替代信息地址', 1000),
})

export const ScheduleSchema = Type.Object({
  publishAt: Type.Optional(
    Type.Union([Type.String({ title: '定时发布时间', format: 'date-time' }), Type.Null()]),
  ),
  unpublishAt: Type.Optional(
    Type.Union([Type.String({ title: '定时下线时间', format: 'date-time' }), Type.Null()]),
  ),
})

export const ReasonSchema = Type.Object({
  reason: Type.String({ title: '理由', minLength: 1, maxLength: 1000 }),
})

export const RevisionParams = Type.Object({
  id: Type.Integer({ title: '信息编号', minimum: 1 }),
  revisionId: Type.Integer({ title: '修订版本', minimum: 1 }),
})

export const RevisionDiffQuery = Type.Object({
  from: Type.Integer({ title: '比较起点版本', minimum: 1 }),
  to: Type.Optional(
    Type.Union([Type.Integer({ minimum: 1 }), Type.Enum(['live', 'working'] as const)], {
      title: '比较终点（版本、live 线上版本或 working 修改稿）',
    }),
  ),
})
