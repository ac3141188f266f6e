import { Type, type Static } from 'typebox'
import {
  SERVICE_AUDIENCES,
  SERVICE_ELEMENTS,
  SERVICE_KINDS,
  SERVICE_LIMITS as L,
} from '../../../common/services'

// Lengths are checked again by the service with Chinese messages; the schemas bound sizes.

const Str = (title: string, maxLength: number = L.textMax) => Type.String({ title, maxLength })
const FileId = Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])

export const MaterialSchema = Type.Object({
  name: Str('材料名称', L.nameMax),
  required: Type.Optional(Type.Boolean({ title: '是否必需' })),
  copies: Type.Optional(Str('份数及形式', L.shortMax)),
  notes: Type.Optional(Str('说明', 2000)),
  templateFileId: Type.Optional({ ...FileId, title: '空白表格（已上传文件）' }),
  templateUrl: Type.Optional(Str('空白表格链接', L.urlMax)),
  templateType: Type.Optional(Str('空白表格类型（docx、pdf …）', 16)),
  sampleFileId: Type.Optional({ ...FileId, title: '示例样表（已上传文件）' }),
  sampleUrl: Type.Optional(Str('示例样表链接', L.urlMax)),
  sampleType: Type.Optional(Str('示例样表类型', 16)),
})
export type MaterialInput = Static<typeof MaterialSchema>

const FaqSchema = Type.Object({
  question: Str('问题', 1000),
  answer: Str('解答', 5000),
})

export const ServiceInputSchema = Type.Object({
  code: Type.Optional(Str('事项编码（留空自动生成）', L.codeMax)),
  name: Str('事项名称', L.nameMax * 2),
  unitSiteId: Type.Integer({ title: '实施主体（单位站点）', minimum: 1 }),
  kind: Type.Enum(SERVICE_KINDS, { title: '事项类型' }),
  audience: Type.Enum(SERVICE_AUDIENCES, { title: '服务对象' }),
  themes: Type.Optional(Type.Array(Str('主题', 16), { title: '主题', maxItems: 20 })),
  basis: Type.Optional(Str('设定依据')),
  conditions: Type.Optional(Str('申请条件')),
  location: Type.Optional(Str('办理地点')),
  hours: Type.Optional(Str('办理时间')),
  phone: Type.Optional(Str('联系电话', L.shortMax)),
  process: Type.Optional(Str('办理流程')),
  feeFree: Type.Optional(Type.Boolean({ title: '不收费' })),
  feeStandard: Type.Optional(Str('收费标准')),
  feeBasis: Type.Optional(Str('收费依据')),
  legalLimit: Type.Optional(Str('法定办结时限', L.shortMax)),
  promisedLimit: Type.Optional(Str('承诺办结时限', L.shortMax)),
  onlineUrl: Type.Optional(Str('在线办理链接', L.urlMax)),
  faq: Type.Optional(Type.Array(FaqSchema, { title: '常见问题', maxItems: L.faqMax })),
  materials: Type.Optional(
    Type.Array(MaterialSchema, { title: '办理材料', maxItems: L.materialsMax }),
  ),
  enabled: Type.Optional(Type.Boolean({ title: '对外公开' })),
  sort: Type.Optional(Type.Integer({ title: '排序', minimum: -100000, maximum: 100000 })),
})
export type ServiceInput = Static<typeof ServiceInputSchema>

export const ServiceListQuery = Type.Object({
  siteId: Type.Optional(Type.Integer({ title: '实施主体站点', minimum: 1 })),
  audience: Type.Optional(Type.Enum(SERVICE_AUDIENCES, { title: '服务对象' })),
  theme: Type.Optional(Str('主题', 16)),
  kind: Type.Optional(Type.Enum(SERVICE_KINDS, { title: '事项类型' })),
  q: Type.Optional(Str('关键词', 100)),
  incomplete: Type.Optional(Type.Boolean({ title: '只看要素不全' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
})
export type ServiceListQueryInput = Static<typeof ServiceListQuery>

export const IdParams = Type.Object({ id: Type.Integer({ title: '事项', minimum: 1 }) })

const FormView = Type.Object({
  fileId: Type.Union([Type.Integer(), Type.Null()]),
  url: Type.String({ title: '下载地址' }),
  type: Type.String({ title: '声明类型' }),
  fileName: Type.String(),
})
const MaterialView = Type.Object({
  name: Type.String(),
  required: Type.Boolean(),
  copies: Type.String(),
  notes: Type.String(),
  template: Type.Union([FormView, Type.Null()]),
  sample: Type.Union([FormView, Type.Null()]),
})

export const ServiceSummarySchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  unitSiteId: Type.Integer(),
  unitName: Type.String(),
  kind: Type.String(),
  audience: Type.String(),
  themes: Type.Array(Type.String()),
  missingElements: Type.Array(Type.Enum(SERVICE_ELEMENTS)),
  enabled: Type.Boolean(),
  updatedAt: Type.String(),
})
export const ServiceDetailSchema = Type.Object({
  ...ServiceSummarySchema.properties,
  basis: Type.String(),
  conditions: Type.String(),
  location: Type.String(),
  hours: Type.String(),
  phone: Type.String(),
  process: Type.String(),
  feeFree: Type.Boolean(),
  feeStandard: Type.String(),
  feeBasis: Type.String(),
  legalLimit: Type.String(),
  promisedLimit: Type.String(),
  onlineUrl: Type.String(),
  faq: Type.Array(FaqSchema),
  materials: Type.Array(MaterialView),
  sort: Type.Integer(),
})
export const ServiceListResponse = Type.Object({
  data: Type.Array(ServiceSummarySchema),
  total: Type.Integer(),
})
export const ServiceResponse = Type.Object({ data: ServiceDetailSchema })
