import { Type, type Static } from 'typebox'
import { COLUMN_TYPES, UPDATE_CLASSES } from '../../../common/enums'

const columnFields = {
  name: Type.String({ title: '栏目名称', minLength: 1, maxLength: 200 }),
  slug: Type.String({ title: '栏目标识', minLength: 1, maxLength: 64 }),
  type: Type.Optional(Type.Enum(COLUMN_TYPES, { title: '栏目类型' })),
  updateClass: Type.Optional(Type.Enum(UPDATE_CLASSES, { title: '更新要求' })),
  parentId: Type.Optional(
    Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { title: '上级栏目' }),
  ),
  sort: Type.Optional(Type.Integer({ title: '排序', minimum: -1_000_000, maximum: 1_000_000 })),
  visible: Type.Optional(Type.Boolean({ title: '是否显示' })),
  homeBlock: Type.Optional(Type.Boolean({ title: '首页区块' })),
  description: Type.Optional(Type.String({ title: '栏目描述', maxLength: 2000 })),
  keywords: Type.Optional(Type.String({ title: '关键词', maxLength: 500 })),
  linkUrl: Type.Optional(Type.String({ title: '链接地址', maxLength: 1000 })),
  settings: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { title: '设置' })),
}

export const ColumnCreateSchema = Type.Object(columnFields)
export type ColumnCreateInput = Static<typeof ColumnCreateSchema>

export const ColumnUpdateSchema = Type.Partial(Type.Object(columnFields))
export type ColumnUpdateInput = Static<typeof ColumnUpdateSchema>

export const ColumnDeleteQuery = Type.Object({
  moveTo: Type.Optional(Type.Integer({ title: '内容转移到的栏目', minimum: 1 })),
})

export const ColumnReorderSchema = Type.Object({
  parentId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { title: '上级栏目' }),
  orderedIds: Type.Array(Type.Integer({ minimum: 1 }), { title: '栏目顺序', maxItems: 1000 }),
})
export type ColumnReorderInput = Static<typeof ColumnReorderSchema>
