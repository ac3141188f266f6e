import { Type } from 'typebox'
import { MAX_REVIEW_LEVELS } from '../../../common/enums'

export const LevelSchema = Type.Object({
  name: Type.String({ title: '级别名称', maxLength: 50 }),
  role: Type.Union([Type.Enum(['admin', 'reviewer'] as const), Type.Null()], {
    title: '审核角色',
  }),
  userIds: Type.Array(Type.Integer({ minimum: 1 }), { title: '指定审核人', maxItems: 50 }),
})

export const WorkflowPutSchema = Type.Object({
  columnId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
    title: '栏目（空为全站默认）',
  }),
  levels: Type.Array(LevelSchema, { title: '审核级别', maxItems: MAX_REVIEW_LEVELS }),
})

export const SiteIdParams = Type.Object({ siteId: Type.Integer({ title: '站点', minimum: 1 }) })
export const SiteWorkflowParams = Type.Object({
  siteId: Type.Integer({ title: '站点', minimum: 1 }),
  id: Type.Integer({ title: '流程', minimum: 1 }),
})
export const IdParams = Type.Object({ id: Type.Integer({ title: '编号', minimum: 1 }) })

export const InboxFilter = {
  siteId: Type.Optional(Type.Integer({ title: '站点', minimum: 1 })),
}
export const InboxQuery = Type.Object({
  ...InboxFilter,
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
})

export const CommentSchema = Type.Object({
  comment: Type.Optional(Type.String({ title: '审核意见', maxLength: 2000 })),
})
export const ReturnSchema = Type.Object({
  reason: Type.String({ title: '退回原因', minLength: 1, maxLength: 2000 }),
})
