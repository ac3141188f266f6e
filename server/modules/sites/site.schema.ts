import { Type, type Static } from 'typebox'
import { SITE_KINDS, SITE_STATUSES } from '../../../common/enums'

const str = (title: string, max: number, min = 0) =>
  Type.String({ title, maxLength: max, minLength: min })

export const ContactSchema = Type.Object({
  phone: Type.Optional(str('联系电话', 100)),
  email: Type.Optional(str('联系邮箱', 200)),
  address: Type.Optional(str('联系地址', 300)),
})

export const ResponsibleSchema = Type.Object({
  name: str('负责人姓名', 50, 1),
  role: str('职责', 100),
  phone: str('负责人电话', 50),
  email: Type.Optional(str('负责人邮箱', 200)),
})

const siteFields = {
  name: str('网站名称', 200, 1),
  shortName: Type.Optional(str('简称', 100)),
  basePath: Type.Optional(str('访问路径', 200)),
  hosts: Type.Optional(Type.Array(str('绑定域名', 255, 1), { title: '绑定域名', maxItems: 20 })),
  grouping: Type.Optional(str('分组', 32)),
  isDefault: Type.Optional(Type.Boolean({ title: '默认门户' })),
  siteIdCode: Type.Optional(str('网站标识码', 32)),
  sponsor: Type.Optional(str('主办单位', 200)),
  organizer: Type.Optional(str('承办单位', 200)),
  icp: Type.Optional(str('ICP备案号', 100)),
  psb: Type.Optional(str('公安机关备案号', 100)),
  contact: Type.Optional(ContactSchema),
  responsible: Type.Optional(Type.Array(ResponsibleSchema, { title: '专人负责', maxItems: 20 })),
  description: Type.Optional(str('网站描述', 2000)),
  keywords: Type.Optional(str('关键词', 500)),
  theme: Type.Optional(str('主题', 64, 1)),
  sort: Type.Optional(Type.Integer({ title: '排序', minimum: -1_000_000, maximum: 1_000_000 })),
}

export const SiteCreateSchema = Type.Object({
  code: str('站点代码', 64, 2),
  kind: Type.Enum(SITE_KINDS, { title: '站点类型' }),
  parentCode: Type.Optional(str('上级门户', 64)),
  ...siteFields,
})
export type SiteCreateInput = Static<typeof SiteCreateSchema>

export const SiteUpdateSchema = Type.Partial(Type.Object(siteFields))
export type SiteUpdateInput = Static<typeof SiteUpdateSchema>

export const SiteStatusSchema = Type.Object({
  status: Type.Enum(SITE_STATUSES, { title: '状态' }),
  notice: Type.Optional(str('关停公告', 5000)),
})
export type SiteStatusInput = Static<typeof SiteStatusSchema>

export const SiteIdParams = Type.Object({ id: Type.Integer({ title: '站点编号', minimum: 1 }) })
export const SiteCodeParams = Type.Object({ code: str('站点代码', 64, 1) })
