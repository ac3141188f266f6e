/** 办事事项 (service items): kinds, audiences, themes and the eight key elements. */

export const SERVICE_KINDS = ['licence', 'public_service', 'confirmation', 'other'] as const
export type ServiceKind = (typeof SERVICE_KINDS)[number]
export const SERVICE_KIND_LABELS: Record<ServiceKind, string> = {
  licence: '行政许可',
  public_service: '非审批类公共服务',
  confirmation: '行政确认',
  other: '其他',
}

export const SERVICE_AUDIENCES = ['person', 'legal', 'both'] as const
export type ServiceAudience = (typeof SERVICE_AUDIENCES)[number]
export const SERVICE_AUDIENCE_LABELS: Record<ServiceAudience, string> = {
  person: '个人',
  legal: '法人',
  both: '个人和法人',
}

/**
 * Themes of the national government service platform (国家政务服务平台): life events for
 * people (个人办事) and business stages for companies (法人办事). Codes are stable URL slugs.
 */
const PERSON_THEMES = [
  '生育收养', '户籍办理', '民族宗教', '教育科研', '入伍服役', '就业创业', '设立变更',
  '准营准办', '抵押质押', '职业资格', '行政缴费', '婚姻登记', '优待抚恤', '规划建设',
  '住房保障', '社会保障', '证件办理', '交通出行', '旅游观光', '出境入境', '消费维权',
  '公共安全', '司法公证', '知识产权', '环保绿化', '文化体育', '公用事业', '医疗卫生',
  '离职退休', '死亡殡葬', '其他',
] // prettier-ignore
const LEGAL_THEMES = [
  '设立变更', '准营准办', '资质认证', '年检年审', '税收财务', '人力资源', '社会保障',
  '投资审批', '融资信贷', '抵押质押', '商务贸易', '招标拍卖', '海关口岸', '涉外服务',
  '农林牧渔', '国土和规划建设', '交通运输', '环保绿化', '应对气候变化', '水务气象',
  '医疗卫生', '科技创新', '文体教育', '知识产权', '民族宗教', '质量技术', '检验检疫',
  '安全生产', '公安消防', '司法公证', '公用事业', '法人注销', '档案文物', '其他',
] // prettier-ignore

export interface ServiceTheme {
  code: string
  name: string
  audience: 'person' | 'legal'
}

const pad = (n: number) => String(n + 1).padStart(2, '0')
export const SERVICE_THEMES: readonly ServiceTheme[] = [
  ...PERSON_THEMES.map((name, i) => ({ code: `p${pad(i)}`, name, audience: 'person' as const })),
  ...LEGAL_THEMES.map((name, i) => ({ code: `l${pad(i)}`, name, audience: 'legal' as const })),
]
export const SERVICE_THEME_CODES = SERVICE_THEMES.map((t) => t.code)
export const serviceThemeByCode = new Map(SERVICE_THEMES.map((t) => [t.code, t]))

/** A theme from its code or its label (个人:生育收养 / 法人:设立变更 / 生育收养). */
export function findServiceTheme(text: string): ServiceTheme | undefined {
  const s = text.trim()
  const byCode = serviceThemeByCode.get(s)
  if (byCode) return byCode
  const m = /^(个人|法人)[:：](.+)$/.exec(s)
  const audience = m ? (m[1] === '个人' ? 'person' : 'legal') : null
  const name = (m ? m[2] : s)?.trim()
  return SERVICE_THEMES.find((t) => t.name === name && (!audience || t.audience === audience))
}

/** How a theme is written in lists and spreadsheets: `个人:生育收养`. */
export const serviceThemeLabel = (t: ServiceTheme): string =>
  `${t.audience === 'person' ? '个人' : '法人'}:${t.name}`

/**
 * The eight key elements of a service guide; inspections deduct 2 points for each one missing
 * (2015 census table, at most −16).
 */
export const SERVICE_ELEMENTS = [
  'name',
  'basis',
  'conditions',
  'materials',
  'location',
  'hours',
  'phone',
  'process',
] as const
export type ServiceElement = (typeof SERVICE_ELEMENTS)[number]
export const SERVICE_ELEMENT_LABELS: Record<ServiceElement, string> = {
  name: '事项名称',
  basis: '设定依据',
  conditions: '申请条件',
  materials: '办理材料',
  location: '办理地点',
  hours: '办理时间',
  phone: '联系电话',
  process: '办理流程',
}
export const SERVICE_ELEMENT_DEDUCTION = 2

/** Declared file types a form may have (blank template or filled sample). */
export const SERVICE_FORM_TYPES = ['doc', 'docx', 'xls', 'xlsx', 'pdf', 'wps', 'et', 'ofd'] as const

export const SERVICE_LIMITS = {
  codeMax: 64,
  nameMax: 300,
  textMax: 20_000,
  shortMax: 200,
  urlMax: 1000,
  materialsMax: 100,
  faqMax: 50,
  importRowsMax: 5000,
} as const

/** The 检查 report of the service catalogue (`GET /api/admin/services/checks/:id`). */
export interface ServiceCheckReport {
  generatedAt: string
  items: number
  missing: {
    id: number
    code: string
    name: string
    unitName: string
    missing: string[]
    deduction: number
  }[]
  forms: {
    total: number
    ok: number
    /** Share of forms that download, 0–1 (1 when there are none). */
    rate: number
    failed: {
      itemId: number
      code: string
      itemName: string
      unitName: string
      material: string
      role: 'template' | 'sample'
      url: string
      problem: string
      message: string
    }[]
  }
  overlaps: {
    reasons: string[]
    similarity: number
    items: { id: number; code: string; name: string; unitName: string }[]
  }[]
}
