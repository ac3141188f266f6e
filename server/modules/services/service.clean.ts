import { createHash } from 'node:crypto'
import {
  SERVICE_FORM_TYPES,
  SERVICE_LIMITS as L,
  serviceThemeByCode,
} from '../../../common/services'
import { invalid } from '../../errors'
import { missingElements } from './service.elements'
import type { ServiceMaterial, ServiceValues } from './service.repository'
import type { MaterialInput, ServiceInput } from './service.schema'

/** Checks and trims what staff entered or imported; errors name the field in Chinese. */

export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

/** A code for an item entered without one: stable for the same unit, name and occurrence. */
export function generatedCode(unitCode: string, name: string, occurrence = 0): string {
  const h = createHash('sha256').update(`${unitCode}\u0000${name}\u0000${occurrence}`).digest('hex')
  return `SX${h.slice(0, 14).toUpperCase()}`
}

const len = (s: string) => [...s].length

/** Field problems of one item: `{ field: message }`, empty when it is fine. */
export type FieldErrors = Record<string, string>

function cleanUrl(
  raw: string | undefined,
  field: string,
  label: string,
  errors: FieldErrors,
): string {
  const url = (raw ?? '').trim()
  if (!url) return ''
  if (url.startsWith('/files/')) return url
  try {
    const u = new URL(url)
    if (u.protocol === 'http:' || u.protocol === 'https:') return url
  } catch {
    // fall through to the message
  }
  errors[field] = `${label}须为 http:// 或 https:// 开头的网址`
  return url
}

/** The declared type of a form: given, or the extension of its URL. */
export function formType(declared: string | undefined, url: string): string {
  const d = (declared ?? '').trim().toLowerCase().replace(/^\./, '')
  if (d) return d
  const ext = /\.([a-z0-9]{2,5})(?:$|[?#])/i.exec(url.split('?')[0] ?? '')?.[1]?.toLowerCase()
  return ext && (SERVICE_FORM_TYPES as readonly string[]).includes(ext) ? ext : ''
}

function cleanMaterial(m: MaterialInput, i: number, errors: FieldErrors): ServiceMaterial {
  const n = i + 1
  const name = m.name.trim()
  if (!name) errors[`materials.${i}.name`] = `第 ${n} 项材料的名称不能为空`
  else if (len(name) > L.nameMax) errors[`materials.${i}.name`] = `第 ${n} 项材料的名称过长`
  const templateUrl = cleanUrl(
    m.templateUrl,
    `materials.${i}.templateUrl`,
    `第 ${n} 项材料的空白表格链接`,
    errors,
  )
  const sampleUrl = cleanUrl(
    m.sampleUrl,
    `materials.${i}.sampleUrl`,
    `第 ${n} 项材料的样表链接`,
    errors,
  )
  const templateType = formType(m.templateType, templateUrl)
  const sampleType = formType(m.sampleType, sampleUrl)
  for (const [t, f] of [
    [templateType, 'templateType'],
    [sampleType, 'sampleType'],
  ] as const) {
    if (t && !(SERVICE_FORM_TYPES as readonly string[]).includes(t))
      errors[`materials.${i}.${f}`] =
        `第 ${n} 项材料的表格类型“${t}”不支持（可用：${SERVICE_FORM_TYPES.join('、')}）`
  }
  return {
    name,
    required: m.required ?? true,
    copies: (m.copies ?? '').trim(),
    notes: (m.notes ?? '').trim(),
    templateFileId: m.templateFileId ?? null,
    templateUrl: m.templateFileId ? '' : templateUrl,
    templateType,
    sampleFileId: m.sampleFileId ?? null,
    sampleUrl: m.sampleFileId ? '' : sampleUrl,
    sampleType,
  }
}

/**
 * The values to store for an item, or the field errors. `unitCode` generates a code when none
 * is given; `occurrence` tells apart equal names of one unit in an import.
 */
export function cleanService(
  input: ServiceInput,
  unitCode: string,
  occurrence = 0,
): { values: ServiceValues; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const name = input.name.replace(/\s+/g, ' ').trim()
  if (!name) errors.name = '事项名称不能为空'
  else if (len(name) > L.nameMax) errors.name = `事项名称不能超过 ${L.nameMax} 个字符`
  const code = (input.code ?? '').trim() || generatedCode(unitCode, name, occurrence)
  if (!CODE_PATTERN.test(code))
    errors.code = '事项编码须为 1–64 位字母、数字、点、下划线或连字符，且以字母或数字开头'
  const themes = [...new Set((input.themes ?? []).map((t) => t.trim()).filter(Boolean))]
  const unknown = themes.filter((t) => !serviceThemeByCode.has(t))
  if (unknown.length > 0) errors.themes = `未知的主题：${unknown.join('、')}`
  const text = (v: string | undefined) => (v ?? '').trim()
  const phone = text(input.phone)
  if (len(phone) > L.shortMax) errors.phone = '联系电话过长'
  const onlineUrl = cleanUrl(input.onlineUrl, 'onlineUrl', '在线办理链接', errors)
  const materials = (input.materials ?? []).map((m, i) => cleanMaterial(m, i, errors))
  const faq = (input.faq ?? [])
    .map((f) => ({ question: f.question.trim(), answer: f.answer.trim() }))
    .filter((f) => f.question || f.answer)
  faq.forEach((f, i) => {
    if (!f.question || !f.answer) errors[`faq.${i}`] = `第 ${i + 1} 个常见问题须同时填写问题和解答`
  })
  const feeFree = input.feeFree ?? false
  const partial = {
    name,
    basis: text(input.basis),
    conditions: text(input.conditions),
    location: text(input.location),
    hours: text(input.hours),
    phone,
    process: text(input.process),
  }
  const values: ServiceValues = {
    code,
    unitSiteId: input.unitSiteId,
    kind: input.kind,
    audience: input.audience,
    ...partial,
    feeFree,
    feeStandard: feeFree ? '' : text(input.feeStandard),
    feeBasis: feeFree ? '' : text(input.feeBasis),
    legalLimit: text(input.legalLimit),
    promisedLimit: text(input.promisedLimit),
    onlineUrl,
    faq,
    missing: missingElements({ ...partial, materialCount: materials.length }),
    enabled: input.enabled ?? true,
    sort: input.sort ?? 0,
    themes,
    materials,
  }
  return { values, errors }
}

/** Throws 400 `invalid` with every field message when the item has problems. */
export function assertClean(errors: FieldErrors): void {
  const first = Object.values(errors)[0]
  if (first) throw invalid(first, errors)
}
