import { Type, type Static } from 'typebox'
import { CHECK_RULES, LEXICON_KINDS, RULE_SEVERITIES, type CheckRule } from '../../../common/checks'
import { LIMITS } from '../../../common/limits'

export const RunChecksSchema = Type.Object({
  siteId: Type.Integer({ title: '站点', minimum: 1 }),
  title: Type.String({ title: '标题', maxLength: LIMITS.titleMax }),
  bodyHtml: Type.String({ title: '正文', maxLength: LIMITS.bodyMaxChars }),
  attachments: Type.Optional(
    Type.Array(
      Type.Object({
        fileId: Type.Integer({ title: '文件', minimum: 1 }),
        name: Type.String({ title: '附件名称', maxLength: 300 }),
      }),
      { title: '附件', maxItems: 100 },
    ),
  ),
  publishedAt: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  backdateReason: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  articleId: Type.Optional(Type.Integer({ title: '信息', minimum: 1 })),
})
export type RunChecksInput = Static<typeof RunChecksSchema>

const Severity = Type.Enum(RULE_SEVERITIES, { title: '级别' })

export const RulesSchema = Type.Object({
  rules: Type.Partial(
    Type.Object(
      Object.fromEntries(CHECK_RULES.map((r) => [r, Severity])) as Record<
        CheckRule,
        typeof Severity
      >,
      {
        title: '各规则的级别',
        additionalProperties: false,
      },
    ),
  ),
})
export type RulesInput = Static<typeof RulesSchema>

const Kind = Type.Enum(LEXICON_KINDS, { title: '词库' })

export const LexiconListQuery = Type.Object({
  kind: Type.Optional(Kind),
  q: Type.Optional(Type.String({ title: '关键词', maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageSizeMax, default: 20 })),
})
export type LexiconListInput = Static<typeof LexiconListQuery>

export const LexiconExportQuery = Type.Object({ kind: Type.Optional(Kind) })

export const LexiconCreateSchema = Type.Object({
  kind: Kind,
  term: Type.String({ title: '词语', minLength: 1, maxLength: 100 }),
  replacement: Type.Optional(Type.String({ title: '正确写法/职务', maxLength: 200 })),
  note: Type.Optional(Type.String({ title: '说明', maxLength: 200 })),
})
export type LexiconCreateInput = Static<typeof LexiconCreateSchema>

export const LexiconUpdateSchema = Type.Object({
  term: Type.Optional(Type.String({ title: '词语', minLength: 1, maxLength: 100 })),
  replacement: Type.Optional(Type.String({ title: '正确写法/职务', maxLength: 200 })),
  note: Type.Optional(Type.String({ title: '说明', maxLength: 200 })),
})
export type LexiconUpdateInput = Static<typeof LexiconUpdateSchema>

export const LexiconIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) })
