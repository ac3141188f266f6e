/**
 * The template engine behind the demo content: seeded picks, {SLOT} filling, Chinese numerals
 * and the few HTML shapes an article body uses (p, h3, ul, table with th).
 */
import type { DemoColumn, DemoSite } from './demo-county'
import { DEPARTMENTS, TOWNSHIPS, personName, type DeptSpec, type TownSpec } from './demo-units'
import { GENERAL_WORKS, INDUSTRIES, ROADS, SALUTATIONS } from './demo-words'

export type Rng = () => number

/** Who publishes an article: the county government, a department or a township. */
export interface Publisher {
  kind: 'county' | 'dept' | 'town'
  local: string
  short: string
  official: string
  docPrefix: string
  unitNo: string
  dept: DeptSpec | null
  town: TownSpec | null
}

/** Everything one article is written from; fixed slots keep an article coherent. */
export interface Scene {
  r: Rng
  site: DemoSite
  column: DemoColumn
  columnNames: string[]
  pub: Publisher
  domain: DeptSpec
  town: TownSpec
  /** Publication time shifted to China time (read with getUTC*). */
  cn: Date
  slots: Record<string, string>
}

/** A title plus a deferred body, so a repeated title can be redrawn before the body is built. */
export interface Draft {
  title: string
  subtitle?: string
  body: () => string[]
  docNo?: string
  issuer?: string
  validity?: '有效' | '失效' | '废止'
}

export function pick<V>(r: Rng, items: readonly V[]): V {
  return items[Math.floor(r() * items.length)] as V
}

export function int(r: Rng, min: number, max: number): number {
  return min + Math.floor(r() * (max - min + 1))
}

/** `count` distinct items (fewer if the bank is smaller), kept in bank order. */
export function some<V>(r: Rng, items: readonly V[], count: number): V[] {
  const k = Math.min(count, items.length)
  const idx = items.map((_, i) => i)
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(r() * (idx.length - i))
    const held = idx[i] as number
    idx[i] = idx[j] as number
    idx[j] = held
  }
  return idx
    .slice(0, k)
    .sort((a, b) => a - b)
    .map((i) => items[i] as V)
}

const DIGITS = '零一二三四五六七八九'

/** 1 → 一, 12 → 十二, 35 → 三十五 (for 0–99). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS.charAt(n)
  const tens = Math.floor(n / 10)
  const ones = n % 10
  return `${tens === 1 ? '' : DIGITS.charAt(tens)}十${ones === 0 ? '' : DIGITS.charAt(ones)}`
}

/** How county texts name a department in short: '县发改局', '团县委'. */
export function deptShort(d: DeptSpec): string {
  return d.short.startsWith('团') || d.short.includes('县') ? d.short : `县${d.short}`
}

const SLOT = /\{([A-Za-z0-9]+)\}/g
const compiled = new Map<string, string[]>()

/** Fills a {SLOT} template: fixed slots come from the scene, lower-case ones are drawn now. */
export function fill(template: string, sc: Scene): string {
  let parts = compiled.get(template)
  if (!parts) {
    // split() with one capture group alternates literal text and slot names.
    parts = template.split(SLOT)
    compiled.set(template, parts)
  }
  let out = parts[0] ?? ''
  for (let i = 1; i < parts.length; i += 2) {
    out += slot(sc, parts[i] ?? '') + (parts[i + 1] ?? '')
  }
  return out
}

function slot(sc: Scene, name: string): string {
  const fixed = sc.slots[name]
  if (fixed !== undefined) return fixed
  const r = sc.r
  switch (name) {
    case 'w':
      return pick(r, GENERAL_WORKS)
    case 't':
      return pick(r, TOWNSHIPS).name
    case 'v':
      return pick(r, pick(r, TOWNSHIPS).villages).name
    case 'h':
      return deptShort(pick(r, DEPARTMENTS))
    case 'p':
      return personName(r)
    case 'n':
      return String(int(r, 2, 9))
    case 'N':
      return String(int(r, 10, 99))
    case 'K':
      return String(int(r, 100, 999))
    case 'KK':
      return String(int(r, 1000, 9999))
    case 'K0':
      return String(int(r, 10, 99) * 10)
    case 'KK0':
      return String(int(r, 10, 99) * 100)
    case 'X':
      return (1.1 + r() * 8.8).toFixed(1)
    case 'P':
      return (85 + r() * 14.9).toFixed(1)
    case 'c':
      return chineseNumber(int(r, 1, 10))
    case 'i':
      return pick(r, INDUSTRIES)
    case 'r':
      return pick(r, ROADS)
    case 'tel':
      return `0399-62${int(r, 10000, 99999)}`
    default:
      throw new Error(`demo template slot {${name}} is unknown`)
  }
}

export const p = (text: string) => `<p>${text}</p>`
export const h3 = (text: string) => `<h3>${text}</h3>`
export const ul = (items: readonly string[]) =>
  `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`

export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const th = head.map((h) => `<th>${h}</th>`).join('')
  const tr = rows.map((row) => `<tr>${row.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')
  return `<table><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table>`
}

/** '2023年5月17日' for the scene's (China) date, minus `daysBefore`. */
export function chineseDate(sc: Scene, daysBefore = 0): string {
  const d = new Date(sc.cn.getTime() - daysBefore * 86_400_000)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

export const COUNTY_PUB: Publisher = {
  kind: 'county',
  local: '县人民政府',
  short: '县政府',
  official: '示例县人民政府',
  docPrefix: '示政',
  unitNo: '001',
  dept: null,
  town: null,
}

const DEPT_PUBS = new Map<string, Publisher>(
  DEPARTMENTS.map((d, i) => [
    d.slug,
    {
      kind: 'dept',
      local: d.local,
      short: deptShort(d),
      official: d.name,
      docPrefix: d.doc,
      unitNo: String(i + 2).padStart(3, '0'),
      dept: d,
      town: null,
    },
  ]),
)

/** The township publishers, numbered after the departments. */
export const TOWN_PUBS: readonly Publisher[] = TOWNSHIPS.map((t, i) => ({
  kind: 'town',
  local: t.name,
  short: t.name,
  official: `${t.name}人民政府`,
  docPrefix: `${t.name.slice(0, -1)}政`,
  unitNo: String(DEPARTMENTS.length + 2 + i).padStart(3, '0'),
  dept: null,
  town: t,
}))

export function deptBySlug(slug: string): DeptSpec {
  const found = DEPARTMENTS.find((d) => d.slug === slug)
  if (!found) throw new Error(`demo department ${slug} is missing`)
  return found
}

export function deptPub(d: DeptSpec): Publisher {
  return DEPT_PUBS.get(d.slug) ?? COUNTY_PUB
}

/** Issuer and date lines closing a document; the date is the 成文日期 (WD days back). */
export function signature(sc: Scene, issuer: string): string[] {
  return [p(issuer), p(chineseDate(sc, Number(sc.slots.WD ?? 0)))]
}

export function salutation(sc: Scene): string {
  return pick(sc.r, SALUTATIONS[sc.pub.kind])
}

/** A 文号 such as 示政办发〔2023〕12号 or 示发改函〔2021〕3号. */
export function docNo(sc: Scene, prefix: string): string {
  return `${prefix}${pick(sc.r, ['发', '发', '发', '函'])}〔${sc.slots.Y}〕${int(sc.r, 1, 120)}号`
}

/** Makes the scene speak as another unit (e.g. the county for 公报, a department for 预算). */
export function speakAs(sc: Scene, pub: Scene['pub']): void {
  sc.pub = pub
  sc.slots.U = pub.local
  sc.slots.S = pub.short
}

/** One template from a bank, filled for the scene. */
export const fillOne = (sc: Scene, bank: readonly string[]): string => fill(pick(sc.r, bank), sc)

/** `n` distinct templates from a bank, filled for the scene. */
export const fillSome = (sc: Scene, bank: readonly string[], n: number): string[] =>
  some(sc.r, bank, n).map((t) => fill(t, sc))

/** The closing contact line of a notice or document. */
export const contactLine = (sc: Scene): string => p(fill('联系人：{p}，联系电话：{tel}。', sc))
