import { Type, type Static } from 'typebox'
import { SUBMISSION_STATUSES } from '../../../common/cluster'
import { LIMITS } from '../../../common/limits'

const day = (title: string) =>
  Type.Optional(Type.String({ title, pattern: '^\\d{4}-\\d{2}-\\d{2}$' }))

export const SubmissionIdParams = Type.Object({
  id: Type.Integer({ title: '报送编号', minimum: 1 }),
})

export const SubmitSchema = Type.Object({
  articleId: Type.Integer({ title: '报送的信息', minimum: 1 }),
  targetColumnIds: Type.Array(Type.Integer({ minimum: 1 }), {
    title: '报送到的栏目',
    minItems: 1,
    maxItems: 10,
  }),
  note: Type.Optional(Type.String({ title: '报送说明', maxLength: 500 })),
})
export type SubmitInput = Static<typeof SubmitSchema>

const filters = {
  box: Type.Optional(
    Type.Enum(['outbox', 'inbox'] as const, {
      title: '发件箱（本单位报送的）或收件箱（报送给本站的）',
      default: 'outbox',
    }),
  ),
  siteId: Type.Optional(
    Type.Integer({ title: '站点（发件箱为报送单位，收件箱为接收站点）', minimum: 1 }),
  ),
  status: Type.Optional(Type.Enum(SUBMISSION_STATUSES, { title: '状态' })),
  q: Type.Optional(Type.String({ title: '标题包含', maxLength: 200 })),
  from: day('报送开始日期'),
  to: day('报送结束日期'),
}
export const SubmissionFilterQuery = Type.Object(filters)
export const SubmissionListQuery = Type.Object({
  ...filters,
  page: Type.Optional(Type.Integer({ title: '页码', minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(
    Type.Integer({ title: '每页条数', minimum: 1, maximum: LIMITS.pageSizeMax, default: 20 }),
  ),
})
export type SubmissionListInput = Static<typeof SubmissionListQuery>

const opt = (title: string, max: number) => Type.Optional(Type.String({ title, maxLength: max }))

export const AdoptSchema = Type.Object({
  columnId: Type.Optional(Type.Integer({ title: '采用到的栏目（默认为报送的栏目）', minimum: 1 })),
  title: Type.Optional(Type.String({ title: '标题', minLength: 1, maxLength: LIMITS.titleMax })),
  subtitle: opt('副标题', 500),
  summary: opt('摘要', 2000),
  bodyHtml: Type.Optional(Type.String({ title: '正文', maxLength: LIMITS.bodyMaxChars })),
  source: opt('来源（默认为报送单位）', 200),
  mode: Type.Enum(['publish', 'draft'] as const, {
    title: 'publish：提交发布（按本站审核流程）；draft：存为草稿',
  }),
})
export type AdoptInput = Static<typeof AdoptSchema>

export const ReasonSchema = Type.Object({
  reason: Type.String({ title: '理由', minLength: 1, maxLength: 500 }),
})

export const ResubmitSchema = Type.Object({
  note: Type.Optional(Type.String({ title: '报送说明', maxLength: 500 })),
})

export const StatisticsQuery = Type.Object({
  from: day('统计开始日期（默认为本年 1 月 1 日）'),
  to: day('统计结束日期（默认为今天）'),
  targetSiteId: Type.Optional(Type.Integer({ title: '接收站点（默认全部）', minimum: 1 })),
})
export type StatisticsInput = Static<typeof StatisticsQuery>

const points = (title: string) => Type.Number({ title, minimum: 0, maximum: 100 })
export const ScoringSchema = Type.Object({
  perSubmitted: points('每报送 1 条得分'),
  perAdopted: points('每采用 1 条得分'),
  perAdoptedHome: points('每条被首页栏目采用另加分'),
})

// ---- Responses (the contract in common/cluster.ts; anything else is never sent) ----

const nullableInt = Type.Union([Type.Integer(), Type.Null()])
const nullableString = Type.Union([Type.String(), Type.Null()])

export const SubmissionSchema = Type.Object({
  id: Type.Integer(),
  sourceSiteId: Type.Integer(),
  sourceSiteName: Type.String(),
  sourceArticleId: nullableInt,
  targetSiteId: Type.Integer(),
  targetSiteName: Type.String(),
  targetColumnId: nullableInt,
  targetColumnName: Type.String(),
  title: Type.String(),
  note: Type.String(),
  status: Type.Enum(SUBMISSION_STATUSES),
  reason: Type.String(),
  rounds: Type.Integer(),
  adoptedArticleId: nullableInt,
  adoptedHome: Type.Boolean(),
  submittedBy: nullableInt,
  submittedByName: Type.String(),
  submittedAt: Type.String(),
  decidedBy: nullableInt,
  decidedByName: Type.String(),
  decidedAt: nullableString,
})

export const SubmissionResponse = Type.Object({ data: SubmissionSchema })
export const SubmissionsResponse = Type.Object({ data: Type.Array(SubmissionSchema) })
export const SubmissionPageResponse = Type.Object({
  data: Type.Array(SubmissionSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
})
export const SubmissionDetailResponse = Type.Object({
  data: Type.Intersect([
    SubmissionSchema,
    Type.Object({
      article: Type.Union([
        Type.Object({
          title: Type.String(),
          subtitle: Type.String(),
          source: Type.String(),
          author: Type.String(),
          summary: Type.String(),
          bodyHtml: Type.String(),
          keywords: Type.String(),
          attachments: Type.Array(Type.Object({ name: Type.String(), url: Type.String() })),
        }),
        Type.Null(),
      ]),
    }),
  ]),
})
export const AdoptResponse = Type.Object({ data: SubmissionSchema, articleId: Type.Integer() })
export const ScoringResponse = Type.Object({ data: ScoringSchema })
export const StatisticsResponse = Type.Object({
  data: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      siteId: Type.Integer(),
      siteName: Type.String(),
      submitted: Type.Integer(),
      adopted: Type.Integer(),
      rate: Type.Number({ description: '采用率（0–1）' }),
      adoptedHome: Type.Integer(),
      score: Type.Number(),
    }),
  ),
  from: Type.String(),
  to: Type.String(),
  scoring: ScoringSchema,
})
