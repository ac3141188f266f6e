import { Type, type Static } from 'typebox'
import { DATASET_FIELD_TYPES, DATASET_LIMITS } from '../../../common/datasets'

// Sizes are bounded here; the services check again with their own Chinese messages.

export const FieldSchema = Type.Object({
  key: Type.String({ title: '字段代码', maxLength: 64 }),
  label: Type.String({ title: '字段名称', maxLength: 100 }),
  type: Type.Enum(DATASET_FIELD_TYPES, { title: '字段类型' }),
  options: Type.Optional(
    Type.Array(Type.String({ maxLength: 200 }), { title: '选项', maxItems: 200 }),
  ),
  isRequired: Type.Optional(Type.Boolean({ title: '必填' })),
  isSearchable: Type.Optional(Type.Boolean({ title: '可按关键词查询' })),
  isFilterable: Type.Optional(Type.Boolean({ title: '可筛选' })),
  isInList: Type.Optional(Type.Boolean({ title: '列表中显示' })),
  isInDetail: Type.Optional(Type.Boolean({ title: '详情中显示' })),
})

const DatasetFields = {
  code: Type.String({ title: '数据库代码', maxLength: 64 }),
  name: Type.String({ title: '名称', maxLength: 200 }),
  description: Type.Optional(Type.String({ title: '说明', maxLength: 2000 })),
  ownerUnit: Type.Optional(Type.String({ title: '维护单位', maxLength: 200 })),
  fields: Type.Array(FieldSchema, { title: '字段', maxItems: 100 }),
  orderField: Type.Optional(Type.String({ title: '排序字段', maxLength: 64 })),
  orderDesc: Type.Optional(Type.Boolean({ title: '倒序' })),
  sort: Type.Optional(Type.Integer({ title: '排序', minimum: -100000, maximum: 100000 })),
  isPublic: Type.Optional(Type.Boolean({ title: '公开' })),
}

export const DatasetCreateSchema = Type.Object({
  siteId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
    title: '所属站点（空为全站群共用）',
  }),
  ...DatasetFields,
})
export type DatasetCreateInput = Static<typeof DatasetCreateSchema>
export const DatasetUpdateSchema = Type.Object(DatasetFields)
export type DatasetUpdateInput = Static<typeof DatasetUpdateSchema>

export const DatasetListQuery = Type.Object({
  siteId: Type.Optional(Type.Integer({ title: '站点', minimum: 1 })),
})
export const IdParams = Type.Object({ id: Type.Integer({ title: '数据库', minimum: 1 }) })
export const RowParams = Type.Object({
  id: Type.Integer({ title: '数据库', minimum: 1 }),
  rowId: Type.Integer({ title: '数据行', minimum: 1 }),
})
export const ImportQuery = Type.Object({
  mode: Type.Optional(
    Type.Enum(['replace', 'append'], { title: '导入方式：replace 替换全部，append 追加' }),
  ),
})

const Value = Type.Union([Type.String({ maxLength: 4000 }), Type.Number(), Type.Null()])
export const RowBodySchema = Type.Object({
  values: Type.Record(Type.String(), Value, { title: '各字段的值（按字段代码）' }),
})
export type RowBodyInput = Static<typeof RowBodySchema>

/** `q`, `page`, `pageSize` and, open-ended, one parameter per filterable field. */
export const RowListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ title: '关键词', maxLength: 200 })),
    page: Type.Optional(Type.Integer({ title: '页码', minimum: 1, maximum: 100000, default: 1 })),
    pageSize: Type.Optional(
      Type.Integer({
        title: '每页条数',
        minimum: 1,
        maximum: DATASET_LIMITS.pageSizeMax,
        default: 20,
      }),
    ),
  },
  {
    additionalProperties: Type.String({ maxLength: 200 }),
    description:
      '另可按可筛选字段过滤：`<字段代码>=值`；数字和日期字段用 `<字段代码>_from`、`<字段代码>_to`',
  },
)

const FieldView = Type.Object({
  key: Type.String(),
  label: Type.String(),
  type: Type.String(),
  options: Type.Array(Type.String()),
  isRequired: Type.Boolean(),
  isSearchable: Type.Boolean(),
  isFilterable: Type.Boolean(),
  isInList: Type.Boolean(),
  isInDetail: Type.Boolean(),
})

export const DatasetViewSchema = Type.Object({
  id: Type.Integer(),
  siteId: Type.Union([Type.Integer(), Type.Null()]),
  siteName: Type.String(),
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  ownerUnit: Type.String(),
  fields: Type.Array(FieldView),
  orderField: Type.String(),
  orderDesc: Type.Boolean(),
  sort: Type.Integer(),
  isPublic: Type.Boolean(),
  rowCount: Type.Integer(),
  updatedAt: Type.String(),
  canDefine: Type.Boolean(),
  canEditRows: Type.Boolean(),
})
export const DatasetResponse = Type.Object({ data: DatasetViewSchema })
export const DatasetListResponse = Type.Object({ data: Type.Array(DatasetViewSchema) })

const RowView = Type.Object({
  id: Type.Integer(),
  values: Type.Record(Type.String(), Type.String()),
  updatedAt: Type.String(),
})
export const RowResponse = Type.Object({ data: RowView })
export const RowListResponse = Type.Object({ data: Type.Array(RowView), total: Type.Integer() })
export const ImportResponse = Type.Object({
  data: Type.Object({ imported: Type.Integer(), skipped: Type.Integer(), total: Type.Integer() }),
})

// Public API (/api/v1): only the fields a dataset shows, never the hidden ones.
const PublicField = Type.Object({
  key: Type.String(),
  label: Type.String(),
  type: Type.String(),
  options: Type.Array(Type.String()),
  isSearchable: Type.Boolean(),
  isFilterable: Type.Boolean(),
  isInList: Type.Boolean(),
})
export const PublicDatasetSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  ownerUnit: Type.String(),
  siteCode: Type.Union([Type.String(), Type.Null()]),
  rowCount: Type.Integer(),
  updatedAt: Type.String(),
  fields: Type.Array(PublicField),
})
export const PublicDatasetListQuery = Type.Object({
  site: Type.Optional(Type.String({ title: '站点代码：只列该站点可用的数据库', maxLength: 64 })),
})
export const PublicDatasetListResponse = Type.Object({ data: Type.Array(PublicDatasetSchema) })
export const PublicCodeParams = Type.Object({
  code: Type.String({ title: '数据库代码', minLength: 1, maxLength: 64 }),
})
export const PublicRowsResponse = Type.Object({
  data: Type.Array(
    Type.Object({ id: Type.Integer(), values: Type.Record(Type.String(), Type.String()) }),
  ),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
})
