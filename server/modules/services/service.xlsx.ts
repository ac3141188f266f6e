import ExcelJS from 'exceljs'
import {
  SERVICE_AUDIENCE_LABELS,
  SERVICE_AUDIENCES,
  SERVICE_KIND_LABELS,
  SERVICE_KINDS,
  findServiceTheme,
  serviceThemeByCode,
  serviceThemeLabel,
  type ServiceAudience,
  type ServiceKind,
} from '../../../common/services'
import type { XlsxColumn } from '../../plugins/xlsx'
import type { ServiceDetail } from './service.presenter'
import type { MaterialInput, ServiceInput } from './service.schema'

/** The spreadsheet form of a service item: the same columns for export and import. */

export const COLUMNS = {
  code: '事项编码',
  name: '事项名称',
  unit: '实施主体',
  kind: '事项类型',
  audience: '服务对象',
  themes: '主题',
  basis: '设定依据',
  conditions: '申请条件',
  materials: '办理材料',
  location: '办理地点',
  hours: '办理时间',
  phone: '联系电话',
  process: '办理流程',
  fee: '收费标准',
  feeBasis: '收费依据',
  legalLimit: '法定办结时限',
  promisedLimit: '承诺办结时限',
  onlineUrl: '在线办理',
  faq: '常见问题',
} as const
export const REQUIRED_COLUMNS = [COLUMNS.name, COLUMNS.unit]
export const FREE = '不收费'
const SEP = '｜'

export const exportColumns: XlsxColumn<ServiceDetail>[] = [
  { header: COLUMNS.code, width: 22, value: (s) => s.code },
  { header: COLUMNS.name, width: 40, value: (s) => s.name },
  { header: COLUMNS.unit, width: 24, value: (s) => s.unitName },
  { header: COLUMNS.kind, value: (s) => SERVICE_KIND_LABELS[s.kind as ServiceKind] ?? s.kind },
  {
    header: COLUMNS.audience,
    value: (s) => SERVICE_AUDIENCE_LABELS[s.audience as ServiceAudience] ?? s.audience,
  },
  {
    header: COLUMNS.themes,
    width: 24,
    value: (s) =>
      s.themes
        .map((t) => serviceThemeByCode.get(t))
        .filter((t) => t !== undefined)
        .map(serviceThemeLabel)
        .join('、'),
  },
  { header: COLUMNS.basis, width: 40, value: (s) => s.basis },
  { header: COLUMNS.conditions, width: 40, value: (s) => s.conditions },
  {
    header: COLUMNS.materials,
    width: 50,
    value: (s) =>
      s.materials
        .map((m) =>
          [m.name, m.template?.url ?? '', m.sample?.url ?? ''].join(SEP).replace(/｜+$/, ''),
        )
        .join('\n'),
  },
  { header: COLUMNS.location, width: 30, value: (s) => s.location },
  { header: COLUMNS.hours, width: 30, value: (s) => s.hours },
  { header: COLUMNS.phone, value: (s) => s.phone },
  { header: COLUMNS.process, width: 40, value: (s) => s.process },
  { header: COLUMNS.fee, value: (s) => (s.feeFree ? FREE : s.feeStandard) },
  { header: COLUMNS.feeBasis, width: 30, value: (s) => s.feeBasis },
  { header: COLUMNS.legalLimit, value: (s) => s.legalLimit },
  { header: COLUMNS.promisedLimit, value: (s) => s.promisedLimit },
  { header: COLUMNS.onlineUrl, width: 30, value: (s) => s.onlineUrl },
  {
    header: COLUMNS.faq,
    width: 40,
    value: (s) => s.faq.map((f) => `${f.question}${SEP}${f.answer}`).join('\n'),
  },
]

export interface SheetRow {
  rowNumber: number
  values: Record<string, string>
}

export interface Sheet {
  headers: string[]
  rows: SheetRow[]
  /** Rows touched by merged cells (a merge hides data in every cell but its first). */
  mergedRows: number[]
  rowCount: number
}

/** Reads the first sheet: headers, non-empty rows (with their row numbers) and merged rows. */
export async function readSheet(bytes: Buffer): Promise<Sheet> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  const ws = wb.worksheets[0]
  if (!ws) return { headers: [], rows: [], mergedRows: [], rowCount: 0 }
  const headers: string[] = []
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col] = String(cell.text ?? '').trim()
  })
  const rows: SheetRow[] = []
  const merged = new Set<number>()
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: Record<string, string> = {}
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      if (cell.isMerged) merged.add(rowNumber)
      const key = headers[col]
      if (key && rowNumber > 1) values[key] = String(cell.text ?? '').trim()
    })
    if (rowNumber > 1 && Object.values(values).some((v) => v !== ''))
      rows.push({ rowNumber, values })
  })
  return {
    headers: headers.filter(Boolean),
    rows,
    mergedRows: [...merged].sort((a, b) => a - b),
    rowCount: ws.actualRowCount,
  }
}

const splitList = (text: string) =>
  text
    .split(/[、,，;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean)
const splitLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean)

function kindOf(text: string): ServiceKind | null {
  if (!text) return 'other'
  return SERVICE_KINDS.find((k) => k === text || SERVICE_KIND_LABELS[k] === text) ?? null
}

function audienceOf(text: string): ServiceAudience | null {
  if (!text) return 'both'
  if (/^(个人[和、及,，/]法人|法人[和、及,，/]个人|全部)$/.test(text)) return 'both'
  return SERVICE_AUDIENCES.find((a) => a === text || SERVICE_AUDIENCE_LABELS[a] === text) ?? null
}

/**
 * One row as an item input (without the unit, resolved by the caller), or its problems.
 * `fileIdOf` maps an exported `/files/<sha>.<ext>` link back to the uploaded file.
 */
export function rowToInput(
  values: Record<string, string>,
  fileIdOf: (url: string) => number | null,
): { input: Omit<ServiceInput, 'unitSiteId'>; problems: string[] } {
  const problems: string[] = []
  const v = (k: keyof typeof COLUMNS) => values[COLUMNS[k]] ?? ''
  const kind = kindOf(v('kind'))
  if (!kind)
    problems.push(
      `事项类型“${v('kind')}”无效，应为${Object.values(SERVICE_KIND_LABELS).join('、')}`,
    )
  const audience = audienceOf(v('audience'))
  if (!audience) problems.push(`服务对象“${v('audience')}”无效，应为个人、法人或个人和法人`)
  const themes: string[] = []
  for (const t of splitList(v('themes'))) {
    const prefer = audience === 'legal' && !/[:：]/.test(t) ? `法人:${t}` : t
    const theme = findServiceTheme(prefer) ?? findServiceTheme(t)
    if (theme) themes.push(theme.code)
    else problems.push(`主题“${t}”不在国家政务服务平台主题目录中`)
  }
  const materials: MaterialInput[] = splitLines(v('materials')).map((line) => {
    const [name = '', template = '', sample = ''] = line.split(/[|｜]/).map((s) => s.trim())
    const templateFileId = template ? fileIdOf(template) : null
    const sampleFileId = sample ? fileIdOf(sample) : null
    return {
      name,
      templateFileId,
      templateUrl: templateFileId ? '' : template,
      sampleFileId,
      sampleUrl: sampleFileId ? '' : sample,
    }
  })
  const faq = splitLines(v('faq')).map((line) => {
    const [question = '', ...rest] = line.split(/[|｜]/)
    return { question: question.trim(), answer: rest.join('｜').trim() }
  })
  const fee = v('fee')
  const feeFree = /^(不收费|免费|无)$/.test(fee)
  return {
    input: {
      code: v('code'),
      name: v('name'),
      kind: kind ?? 'other',
      audience: audience ?? 'both',
      themes,
      basis: v('basis'),
      conditions: v('conditions'),
      location: v('location'),
      hours: v('hours'),
      phone: v('phone'),
      process: v('process'),
      feeFree,
      feeStandard: feeFree ? '' : fee,
      feeBasis: v('feeBasis'),
      legalLimit: v('legalLimit'),
      promisedLimit: v('promisedLimit'),
      onlineUrl: v('onlineUrl'),
      faq,
      materials,
    },
    problems,
  }
}
