import { Type } from 'typebox'
import { RECORDS_KINDS, RECORDS_OUTCOMES, RECORDS_SECOND_FACTORS } from '../../../common/records'

/** Request and response schemas of the records endpoints (public and admin). */

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])

export const SetCodeParams = Type.Object({
  setCode: Type.String({ title: '查询项目代码', minLength: 1, maxLength: 64 }),
})

export const PublicSetSchema = Type.Object({
  code: Type.String({ title: '代码' }),
  name: Type.String({ title: '名称' }),
  kind: Type.String({ title: '类型：pension 养老金、medical 医保、housing_fund 住房公积金' }),
  kindLabel: Type.String({ title: '类型名称' }),
  unitName: Type.String({ title: '责任单位' }),
  secondFactor: Type.String({ title: '第二验证方式：password 查询密码、mobile 预留手机号后几位' }),
  secondFactorLabel: Type.String({ title: '第二验证方式说明' }),
  mobileDigits: Type.Union([Type.Integer(), Type.Null()], { title: '手机号位数' }),
  description: Type.String({ title: '说明' }),
})

export const PublicSetListSchema = Type.Object({ data: Type.Array(PublicSetSchema) })

export const QueryBody = Type.Object({
  idNumber: Type.String({ title: '身份证号码', minLength: 1, maxLength: 40 }),
  name: Type.String({ title: '姓名', minLength: 1, maxLength: 100 }),
  secret: Type.String({ title: '查询密码或手机号后几位', minLength: 1, maxLength: 64 }),
  captcha: Type.Optional(Type.String({ title: '人机验证（ALTCHA 结果）', maxLength: 10_000 })),
})

export const AnswerSchema = Type.Object({
  data: Type.Object({
    set: PublicSetSchema,
    idNumber: Type.String({ title: '身份证号码（已遮盖，如 4206**********1234）' }),
    name: Type.String({ title: '姓名（已遮盖）' }),
    asOf: Nullable(Type.String({ title: '数据更新时间' })),
    fields: Type.Array(
      Type.Object({ key: Type.String(), label: Type.String(), type: Type.String() }),
      { title: '列' },
    ),
    rows: Type.Array(Type.Record(Type.String(), Type.String()), { title: '本人的记录，新的在前' }),
  }),
})

export const SetIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }) })
export const VersionParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }),
  versionId: Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }),
})

export const SetCreateBody = Type.Object({
  code: Type.String({ title: '代码', minLength: 2, maxLength: 64 }),
  name: Type.String({ title: '名称', minLength: 1, maxLength: 100 }),
  kind: Type.Enum(RECORDS_KINDS, { title: '类型' }),
  siteId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { title: '责任单位站点' }),
  unitName: Type.String({ title: '责任单位', maxLength: 100 }),
  secondFactor: Type.Enum(RECORDS_SECOND_FACTORS, { title: '第二验证方式' }),
  mobileDigits: Type.Optional(Type.Integer({ title: '手机号位数', minimum: 4, maximum: 6 })),
  description: Type.Optional(Type.String({ title: '说明', maxLength: 1000 })),
  sort: Type.Optional(Type.Integer({ title: '排序', minimum: 0, maximum: 100000 })),
})

export const SetUpdateBody = Type.Partial(
  Type.Object({
    name: Type.String({ title: '名称', minLength: 1, maxLength: 100 }),
    siteId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { title: '责任单位站点' }),
    unitName: Type.String({ title: '责任单位', maxLength: 100 }),
    secondFactor: Type.Enum(RECORDS_SECOND_FACTORS, { title: '第二验证方式' }),
    mobileDigits: Type.Integer({ title: '手机号位数', minimum: 4, maximum: 6 }),
    description: Type.String({ title: '说明', maxLength: 1000 }),
    sort: Type.Integer({ title: '排序', minimum: 0, maximum: 100000 }),
    isEnabled: Type.Boolean({ title: '启用' }),
  }),
)

export const QueryListQuery = Type.Object({
  setId: Type.Optional(Type.Integer({ title: '查询项目', minimum: 1 })),
  idNumber: Type.Optional(
    Type.String({ title: '按身份证号查找（服务器计算其哈希）', maxLength: 40 }),
  ),
  outcome: Type.Optional(Type.Enum(RECORDS_OUTCOMES, { title: '结果' })),
  from: Type.Optional(Type.String({ title: '起始日期', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  to: Type.Optional(Type.String({ title: '截止日期', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  page: Type.Optional(Type.Integer({ title: '页码', minimum: 1, maximum: 100000 })),
  pageSize: Type.Optional(Type.Integer({ title: '每页条数', minimum: 1, maximum: 100 })),
})
