import { Type } from 'typebox'
import { LETTER_ACTIONS, LETTER_STATES, LETTER_TYPES } from '../../../common/letters'
import { LETTER_BOXES, LETTER_DUE_FILTERS } from './letter.list-query'

const DAY = '^\\d{4}-\\d{2}-\\d{2}$'

export const LetterFilter = {
  box: Type.Optional(Type.Enum([...LETTER_BOXES], { title: '收件箱', default: 'all' })),
  siteId: Type.Optional(Type.Integer({ title: '信箱所在站点', minimum: 1 })),
  mailboxId: Type.Optional(Type.Integer({ title: '信箱', minimum: 1 })),
  unitSiteId: Type.Optional(Type.Integer({ title: '承办单位', minimum: 1 })),
  state: Type.Optional(Type.Enum([...LETTER_STATES], { title: '状态' })),
  type: Type.Optional(Type.Enum([...LETTER_TYPES], { title: '类型' })),
  due: Type.Optional(
    Type.Enum([...LETTER_DUE_FILTERS], {
      title: '期限（即将到期、超期催办、严重超期督办、超 3 个月未办结）',
    }),
  ),
  q: Type.Optional(Type.String({ title: '标题或查询码', maxLength: 100 })),
  from: Type.Optional(Type.String({ title: '收信起始日', pattern: DAY })),
  to: Type.Optional(Type.String({ title: '收信截止日', pattern: DAY })),
}

export const LetterListQuery = Type.Object({
  ...LetterFilter,
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
})

export const LetterIdParams = Type.Object({ id: Type.Integer({ title: '来信', minimum: 1 }) })
export const LetterActionParams = Type.Object({
  id: Type.Integer({ title: '来信', minimum: 1 }),
  action: Type.Enum([...LETTER_ACTIONS], { title: '办理动作' }),
})
export const LetterFileParams = Type.Object({
  id: Type.Integer({ title: '来信', minimum: 1 }),
  fileId: Type.Integer({ title: '附件', minimum: 1 }),
})

/** Each action reads its own fields (see docs/LETTERS.md); validated by the service. */
export const LetterActionBody = Type.Object(
  {
    category: Type.Optional(Type.String()),
    unitSiteId: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    note: Type.Optional(Type.String()),
    reason: Type.Optional(Type.String()),
    message: Type.Optional(Type.String()),
    into: Type.Optional(Type.String()),
    reply: Type.Optional(Type.String()),
    comment: Type.Optional(Type.String()),
    days: Type.Optional(Type.Integer()),
    grant: Type.Optional(Type.Boolean()),
    subject: Type.Optional(Type.String()),
    body: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
)
