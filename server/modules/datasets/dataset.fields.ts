import {
  DATASET_FIELD_TYPE_LABELS,
  DATASET_FIELD_TYPES,
  DATASET_LIMITS,
  DATASET_RESERVED_KEYS,
  type DatasetField,
  type DatasetFieldType,
} from '../../../common/datasets'
import { invalid } from '../../errors'

/** Pure rules of 便民数据库 fields: definitions, value normalisation, derived query columns. */

const KEY_PATTERN = /^[a-z][a-z0-9_]{0,31}$/
const LABEL_MAX = 30
const OPTION_MAX = 100

/** Full-width to half-width, compatibility forms folded, lower case: what keyword search compares. */
export function normaliseText(s: string): string {
  return s.normalize('NFKC').toLowerCase()
}

export interface FieldInput {
  key: string
  label: string
  type: DatasetFieldType
  options?: string[]
  isRequired?: boolean
  isSearchable?: boolean
  isFilterable?: boolean
  isInList?: boolean
  isInDetail?: boolean
}

/** Checks a dataset's field list; throws 400 `invalid` naming the field (`fields.2.key`). */
export function cleanFields(input: FieldInput[]): DatasetField[] {
  const errors: Record<string, string> = {}
  if (input.length === 0) errors.fields = '至少需要一个字段'
  if (input.length > DATASET_LIMITS.fieldsMax) {
    errors.fields = `字段不能超过 ${DATASET_LIMITS.fieldsMax} 个`
  }
  const keys = new Set<string>()
  const labels = new Set<string>()
  const out: DatasetField[] = []
  input.forEach((f, i) => {
    const at = (name: string, message: string) => {
      errors[`fields.${i}.${name}`] ??= `第 ${i + 1} 个字段：${message}`
    }
    const key = f.key.trim()
    const label = f.label.trim()
    if (!KEY_PATTERN.test(key))
      at('key', '字段代码须为小写字母开头的 1–32 位小写字母、数字或下划线')
    else if ((DATASET_RESERVED_KEYS as readonly string[]).includes(key)) {
      at('key', `字段代码“${key}”是保留字，请换一个`)
    } else if (keys.has(key)) at('key', `字段代码“${key}”重复`)
    if (label.length === 0) at('label', '字段名称不能为空')
    else if ([...label].length > LABEL_MAX) at('label', `字段名称不能超过 ${LABEL_MAX} 个字符`)
    else if (labels.has(normaliseText(label))) at('label', `字段名称“${label}”重复`)
    // Callers outside HTTP (CLI, seed) bypass the schema: check the type here too.
    if (!(DATASET_FIELD_TYPES as readonly string[]).includes(f.type)) at('type', '字段类型无效')
    const type = f.type
    const options = type === 'choice' ? (f.options ?? []).map((o) => o.trim()).filter(Boolean) : []
    if (type === 'choice') {
      if (options.length === 0) at('options', '选项类型的字段至少需要一个选项')
      if (options.length > DATASET_LIMITS.optionsMax) {
        at('options', `选项不能超过 ${DATASET_LIMITS.optionsMax} 个`)
      }
      if (new Set(options.map(normaliseText)).size !== options.length) at('options', '选项重复')
      if (options.some((o) => [...o].length > OPTION_MAX)) {
        at('options', `每个选项不能超过 ${OPTION_MAX} 个字符`)
      }
    }
    keys.add(key)
    labels.add(normaliseText(label))
    out.push({
      key,
      label,
      type,
      options,
      isRequired: f.isRequired ?? false,
      isSearchable: f.isSearchable ?? type === 'text',
      isFilterable: f.isFilterable ?? type === 'choice',
      isInList: f.isInList ?? true,
      isInDetail: f.isInDetail ?? true,
    })
  })
  if (Object.keys(errors).length > 0) {
    throw invalid(Object.values(errors)[0] ?? '字段定义有误', errors)
  }
  return out
}

export type Normalised = { ok: true; value: string } | { ok: false; error: string }

const DATE_RE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/

function isoDate(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d))
  if (y < 1800 || y > 2200 || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null
  return t.toISOString().slice(0, 10)
}

/**
 * One phone number: 3–5-digit service numbers (110, 12345, 95598), 7–8-digit local numbers,
 * 0-prefixed numbers with area code (and optional extension), mobiles, 400/800 numbers.
 */
function isPhone(s: string): boolean {
  const cleaned = s.replace(/^\+?86[-\s]?/, '')
  if (!/^[\d\s()-]+(?:(?:转|-|ext\.?)\s*\d{1,6})?$/i.test(cleaned)) return false
  const main = cleaned.replace(/(?:转|ext\.?)\s*\d{1,6}$/i, '')
  const digits = main.replace(/\D/g, '')
  if (/^1[3-9]\d{9}$/.test(digits)) return true
  if (/^[48]00\d{7}$/.test(digits)) return true
  if (/^0\d{9,11}$/.test(digits)) return true
  if (/^0\d{9,11}\d{1,6}$/.test(digits) && /-\d{1,6}$/.test(main)) return true
  if (/^[1-9]\d{6,7}$/.test(digits)) return true
  return /^(1\d{2,4}|9\d{4})$/.test(digits)
}

const CELL_EXAMPLES: Record<DatasetFieldType, string> = {
  text: '',
  number: '如 120 或 3.5',
  date: '如 2024-03-01',
  phone: '如 0826-1234567 或 13800000000',
  link: '以 http:// 或 https:// 开头',
  choice: '',
}

/** Checks and normalises one cell for a field; the empty string means "no value". */
export function normaliseValue(field: DatasetField, raw: unknown): Normalised {
  if (raw === null || raw === undefined) return { ok: true, value: '' }
  if (raw instanceof Date) {
    if (field.type === 'date') return { ok: true, value: raw.toISOString().slice(0, 10) }
    raw = raw.toISOString().slice(0, 10)
  }
  const text = String(raw).normalize('NFKC').trim()
  if (text === '') return { ok: true, value: '' }
  const want = `${DATASET_FIELD_TYPE_LABELS[field.type]}${CELL_EXAMPLES[field.type] ? `（${CELL_EXAMPLES[field.type]}）` : ''}`
  const bad = (): Normalised => ({
    ok: false,
    error: `“${field.label}”应为${want}，实为“${text.slice(0, 40)}”`,
  })
  if ([...text].length > DATASET_LIMITS.valueMaxChars) {
    return { ok: false, error: `“${field.label}”超过 ${DATASET_LIMITS.valueMaxChars} 个字符` }
  }
  switch (field.type) {
    case 'text':
      return { ok: true, value: String(raw).trim() }
    case 'number': {
      const n = Number(text.replace(/[,\s]/g, ''))
      return Number.isFinite(n) && /\d/.test(text) ? { ok: true, value: String(n) } : bad()
    }
    case 'date': {
      const m = DATE_RE.exec(text)
      const iso = m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null
      return iso ? { ok: true, value: iso } : bad()
    }
    case 'phone': {
      const parts = text.split(/\s*[,，;；、/]\s*/).filter(Boolean)
      return parts.length > 0 && parts.every(isPhone)
        ? { ok: true, value: parts.join('、') }
        : bad()
    }
    case 'link': {
      try {
        const u = new URL(text)
        return u.protocol === 'http:' || u.protocol === 'https:' ? { ok: true, value: text } : bad()
      } catch {
        return bad()
      }
    }
    case 'choice': {
      const hit = field.options.find((o) => normaliseText(o) === normaliseText(text))
      if (hit) return { ok: true, value: hit }
      return {
        ok: false,
        error: `“${field.label}”应为以下选项之一：${field.options.join('、')}，实为“${text.slice(0, 40)}”`,
      }
    }
  }
}

/** Cleans a whole row; errors are keyed by field. */
export function normaliseRow(
  fields: DatasetField[],
  raw: Record<string, unknown>,
): { data: Record<string, string>; errors: { key: string; message: string }[] } {
  const data: Record<string, string> = {}
  const errors: { key: string; message: string }[] = []
  for (const f of fields) {
    const r = normaliseValue(f, raw[f.key])
    if (!r.ok) errors.push({ key: f.key, message: r.error })
    else if (r.value === '' && f.isRequired) {
      errors.push({ key: f.key, message: `“${f.label}”不能为空` })
    } else if (r.value !== '') data[f.key] = r.value
  }
  return { data, errors }
}

/** What a row stores beside its values so keyword, filters and ordering need no JSON. */
export interface Derived {
  searchText: string
  sortKey: string
  facets: { field: string; value: string; num: number | null }[]
}

/** Numbers encoded so that text order is numeric order: shifted positive, padded digits. */
function numberKey(n: number): string {
  const shifted = Math.min(Math.max(n, -1e15), 1e15) + 1e15
  return shifted.toFixed(4).replace('.', '').padStart(21, '0')
}

/**
 * Text as hex code units: the same order (code point) under any database collation, so
 * SQLite and PostgreSQL list rows alike and the (dataset_id, sort_key) index serves it.
 */
function textKey(s: string): string {
  let out = ''
  for (const ch of normaliseText(s).slice(0, 50)) {
    for (let i = 0; i < ch.length; i++) out += ch.charCodeAt(i).toString(16).padStart(4, '0')
  }
  return out
}

export function deriveRow(
  fields: DatasetField[],
  orderField: string,
  data: Record<string, string>,
): Derived {
  const searchText = fields
    .filter((f) => f.isSearchable && data[f.key])
    .map((f) => normaliseText(data[f.key] ?? ''))
    .join('\n')
  const order = fields.find((f) => f.key === orderField)
  const raw = order ? (data[order.key] ?? '') : ''
  const sortKey =
    order?.type === 'number' && raw !== '' ? numberKey(Number(raw)) : textKey(raw).slice(0, 200)
  const facets = fields
    .filter((f) => f.isFilterable && data[f.key])
    .map((f) => {
      const value = data[f.key] ?? ''
      return {
        field: f.key,
        value: value.slice(0, 200),
        num: f.type === 'number' ? Number(value) : null,
      }
    })
  return { searchText, sortKey, facets }
}

/** Field keys as the admin may reach them in an import header: by label or by key. */
export function headerIndex(fields: DatasetField[]): Map<string, DatasetField> {
  const m = new Map<string, DatasetField>()
  for (const f of fields) {
    m.set(normaliseText(f.label).replace(/\s+/g, ''), f)
    m.set(f.key, f)
  }
  return m
}
