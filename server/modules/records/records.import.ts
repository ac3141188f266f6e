import {
  RECORDS_FIELDS,
  RECORDS_LIMITS,
  type RecordsField,
  type RecordsKind,
  type RecordsSecondFactor,
} from '../../../common/records'
import { AppError } from '../../errors'
import { isValidName, normaliseName, validIdNumber, type RecordsKeys } from './records.keys'
import type { RecordsSheet } from './records.file'

/** One person of a version, ready to store: no ID number, no plain second factor. */
export interface PreparedPerson {
  idHash: string
  name: string
  secretHash: string
  /** Field values in the kind's field order, newest month first. */
  rows: string[][]
}

export interface PreparedVersion {
  people: PreparedPerson[]
  lines: number
  /** Rows skipped without harm (entirely empty), e.g. `第 5 行：空行，已跳过`. */
  warnings: string[]
}

export interface ImportShape {
  kind: RecordsKind
  secondFactor: RecordsSecondFactor
  mobileDigits: number
}

const ID_HEADERS = ['身份证号', '身份证号码', '公民身份号码', '证件号码']
const NAME_HEADERS = ['姓名']
const SECRET_HEADERS: Record<RecordsSecondFactor, string[]> = {
  password: ['查询密码', '密码'],
  mobile: ['手机号', '手机号码', '预留手机号', '联系电话'],
}
const MONTH_ALIASES = ['年月', '月份', '缴费月份', '所属期']
/** Columns a department's export often has that we neither need nor refuse. */
const IGNORED = new Set(['序号', '备注'])
const MOBILE_RE = /^1[3-9]\d{9}$/
const PASSWORD_RE = /^[\x21-\x7e]+$/

/** The expected header of a kind, in order (the template the admin page offers). */
export function templateHeader(shape: ImportShape): string[] {
  return [
    '身份证号',
    '姓名',
    SECRET_HEADERS[shape.secondFactor][0] as string,
    ...RECORDS_FIELDS[shape.kind].map((f) => f.label),
  ]
}

const clean = (h: string) => h.replace(/\s+/g, '').replace(/[（(].*?[）)]$/, '')

function findColumn(header: string[], names: string[]): number {
  return header.findIndex((h) => names.includes(clean(h)))
}

/** `2026-01`, `2026/1`, `202601`, `2026年1月`, `2026-01-15` → `2026-01`; null if not a month. */
export function parseMonth(raw: string): string | null {
  const s = raw.trim()
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*月)?(?:[-/.]\d{1,2}日?)?$/.exec(s)
  m ??= /^(\d{4})(\d{2})$/.exec(s)
  if (!m) {
    const d = /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{4}/.test(s) ? new Date(s) : null
    if (!d || Number.isNaN(d.getTime())) return null
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
  }
  const year = Number(m[1])
  const month = Number(m[2])
  if (year < 1950 || year > 2100 || month < 1 || month > 12) return null
  return `${year}-${String(month).padStart(2, '0')}`
}

/** `1,234.5`, `¥1234.50`, `1234.5元` → `1234.50`; null if not an amount. */
export function parseMoney(raw: string): string | null {
  const s = raw.replace(/[,，\s¥￥]/g, '').replace(/元$/, '')
  if (!/^-?\d{1,12}(?:\.\d{1,2})?$/.test(s)) return null
  return Number(s).toFixed(2)
}

function parseField(f: RecordsField, raw: string): string | null {
  return f.type === 'month' ? parseMonth(raw) : parseMoney(raw)
}

class Problems {
  readonly byRow = new Map<number, string[]>()
  count = 0
  add(row: number, message: string) {
    this.count++
    const list = this.byRow.get(row) ?? []
    list.push(message)
    this.byRow.set(row, list)
  }
  toError(): AppError {
    const rows = [...this.byRow.entries()].sort(([a], [b]) => a - b)
    const shown = rows.slice(0, RECORDS_LIMITS.errorsShown)
    const fields: Record<string, string> = {}
    for (const [row, list] of shown) {
      fields[row === 0 ? 'columns' : `rows.${row}`] =
        row === 0 ? list.join('；') : `第 ${row} 行：${list.join('；')}`
    }
    const more = rows.length > shown.length ? `，仅列出前 ${shown.length} 行` : ''
    return new AppError(
      400,
      'records_import_invalid',
      `文件有 ${this.count} 处错误${more}，未导入任何数据，请修改后重新上传`,
      fields,
    )
  }
}

/**
 * Checks every row of an export and turns it into the people of a new version, or throws one
 * `records_import_invalid` error listing what is wrong, row by row: nothing is stored unless
 * the whole file is right.
 */
export function prepareVersion(
  sheet: RecordsSheet,
  shape: ImportShape,
  keys: RecordsKeys,
  today = new Date(),
): PreparedVersion {
  const problems = new Problems()
  const fields = RECORDS_FIELDS[shape.kind]
  const header = sheet.header
  const idCol = findColumn(header, ID_HEADERS)
  const nameCol = findColumn(header, NAME_HEADERS)
  const secretCol = findColumn(header, SECRET_HEADERS[shape.secondFactor])
  const fieldCols = fields.map((f) =>
    findColumn(header, f.type === 'month' ? [f.label, ...MONTH_ALIASES] : [f.label]),
  )
  const expected = templateHeader(shape)
  const missing = [idCol, nameCol, secretCol, ...fieldCols]
    .map((c, i) => (c < 0 ? expected[i] : null))
    .filter((x): x is string => x !== null)
  const used = new Set([idCol, nameCol, secretCol, ...fieldCols])
  const unknown = header.filter((h, i) => h && !used.has(i) && !IGNORED.has(clean(h)))
  if (missing.length > 0 || unknown.length > 0) {
    const parts = []
    if (missing.length > 0) parts.push(`缺少列：${missing.join('、')}`)
    if (unknown.length > 0) parts.push(`无法识别的列：${unknown.join('、')}`)
    parts.push(`第 1 行应为：${expected.join('、')}`)
    problems.add(0, parts.join('；'))
    throw problems.toError()
  }
  for (const m of sheet.merged) {
    problems.add(m.rowNumber, `含合并单元格 ${m.range}，请取消合并并在每行填写完整后重新导出`)
  }

  const warnings: string[] = []
  const people = new Map<string, PreparedPerson & { firstRow: number; rowNumbers: number[] }>()
  let lines = 0
  const digits = shape.mobileDigits
  for (const { rowNumber, cells } of sheet.rows) {
    if (cells.every((c) => c === '')) {
      warnings.push(`第 ${rowNumber} 行：空行，已跳过`)
      continue
    }
    lines++
    const at = (c: number) => cells[c] ?? ''
    const rawId = at(idCol)
    const id = rawId ? validIdNumber(rawId, today) : null
    if (!rawId) problems.add(rowNumber, '身份证号为空')
    else if (!id) problems.add(rowNumber, '身份证号无效（校验位或出生日期不正确）')
    const name = normaliseName(at(nameCol))
    if (!name) problems.add(rowNumber, '姓名为空')
    else if (!isValidName(name, RECORDS_LIMITS.nameMax)) problems.add(rowNumber, '姓名含无效字符')
    const rawSecret = at(secretCol).replace(/\s+/g, '')
    let secret: string | null = null
    if (shape.secondFactor === 'mobile') {
      if (MOBILE_RE.test(rawSecret)) secret = rawSecret.slice(-digits)
      else problems.add(rowNumber, rawSecret ? '手机号格式不正确' : '手机号为空')
    } else if (rawSecret && rawSecret.length <= RECORDS_LIMITS.passwordMax) {
      if (PASSWORD_RE.test(rawSecret)) secret = rawSecret
      else problems.add(rowNumber, '查询密码只能包含字母、数字和符号')
    } else {
      problems.add(rowNumber, rawSecret ? '查询密码过长' : '查询密码为空')
    }
    const values: string[] = []
    fields.forEach((f, i) => {
      const raw = at(fieldCols[i] as number)
      const v = raw ? parseField(f, raw) : null
      if (v === null)
        problems.add(rowNumber, raw ? `${f.label}“${raw}”格式不正确` : `${f.label}为空`)
      values.push(v ?? '')
    })
    if (!id || !name || secret === null || problems.byRow.has(rowNumber)) continue
    const idHash = keys.idHash(id)
    const month = values[0] as string
    const secretHash = keys.secretHash(idHash, secret)
    const person = people.get(idHash)
    if (!person) {
      people.set(idHash, {
        idHash,
        name,
        secretHash,
        rows: [values],
        firstRow: rowNumber,
        rowNumbers: [rowNumber],
      })
      continue
    }
    const dup = person.rows.findIndex((r) => r[0] === month)
    if (dup >= 0) {
      problems.add(
        rowNumber,
        `与第 ${person.rowNumbers[dup] ?? 0} 行重复（同一身份证号、同一年月）`,
      )
    } else if (person.name !== name) {
      problems.add(rowNumber, `同一身份证号的姓名与第 ${person.firstRow} 行不一致`)
    } else if (person.secretHash !== secretHash) {
      const what = shape.secondFactor === 'mobile' ? '手机号' : '查询密码'
      problems.add(rowNumber, `同一身份证号的${what}与第 ${person.firstRow} 行不一致`)
    } else {
      person.rows.push(values)
      person.rowNumbers.push(rowNumber)
    }
  }
  if (problems.count > 0) throw problems.toError()
  if (people.size === 0) {
    throw new AppError(400, 'records_import_empty', '文件中没有数据行', { file: '没有数据行' })
  }
  const out: PreparedPerson[] = []
  for (const p of people.values()) {
    if (p.rows.length > 1) p.rows.sort((a, b) => ((b[0] ?? '') < (a[0] ?? '') ? -1 : 1))
    out.push({ idHash: p.idHash, name: p.name, secretHash: p.secretHash, rows: p.rows })
  }
  // In index order: the (version, id_hash) key then grows at its end instead of at random.
  out.sort((a, b) => (a.idHash < b.idHash ? -1 : a.idHash > b.idHash ? 1 : 0))
  return { people: out, lines, warnings }
}
