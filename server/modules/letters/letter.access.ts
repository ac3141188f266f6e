import type { Actor } from '../users/actor'

/** A letter as the access rules see it: the mailbox's site and the unit it is assigned to. */
export interface LetterScope {
  siteId: number
  unitSiteId: number | null
}

/** The screening desk (受理台) of a mailbox: its site's admins, and cluster admins. */
export function isDesk(actor: Actor, siteId: number): boolean {
  return actor.isClusterAdmin || actor.grants.some((g) => g.siteId === siteId && g.role === 'admin')
}

/** The handlers of a unit: the admins and editors of the unit's site, and cluster admins. */
export function isHandler(actor: Actor, unitSiteId: number | null): boolean {
  if (actor.isClusterAdmin) return true
  if (unitSiteId === null) return false
  return actor.grants.some(
    (g) => g.siteId === unitSiteId && (g.role === 'admin' || g.role === 'editor'),
  )
}

/** Who may see a letter at all — and its writer's personal data (the same people). */
export function maySee(actor: Actor, l: LetterScope): boolean {
  return isDesk(actor, l.siteId) || isHandler(actor, l.unitSiteId)
}

/** The sites whose mailboxes the actor screens, and the units the actor handles for. */
export function letterScopes(actor: Actor): { desk: number[]; units: number[] } | 'all' {
  if (actor.isClusterAdmin) return 'all'
  const desk = new Set<number>()
  const units = new Set<number>()
  for (const g of actor.grants) {
    if (g.role === 'admin') desk.add(g.siteId)
    if (g.role === 'admin' || g.role === 'editor') units.add(g.siteId)
  }
  return { desk: [...desk], units: [...units] }
}

/** `张*`, `欧阳**`: the family name and as many stars as the rest. */
export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length === 0) return ''
  if (chars.length === 1) return '*'
  const keep = chars.length >= 4 ? 2 : 1
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep)
}

/** `138****5678` */
export function maskMobile(mobile: string): string {
  return mobile.length >= 7 ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : '****'
}

/** `a***@qq.com` */
export function maskEmail(email: string): string {
  const at = email.indexOf('@')
  if (at <= 0) return email ? '***' : ''
  return `${email[0]}***${email.slice(at)}`
}

const MOBILE_IN_TEXT = /(?<!\d)1[3-9]\d{9}(?!\d)/g
const LANDLINE_IN_TEXT = /(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/g
const ID_IN_TEXT =
  /(?<![\dA-Za-z])[1-8]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])/g
/** House numbers, buildings, units and rooms: `12号`, `3栋`, `2单元`, `501室`, `5组`. */
const HOUSE_IN_TEXT = /\d+(?=(?:号楼|号院|栋|幢|单元|室|号|组|弄))/g
const EMAIL_IN_TEXT = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g

/**
 * A text made fit for publication: the writer's name, mobile and email, any mobile, landline,
 * ID number or email address, and house, building and room numbers are masked. Staff redact
 * further by hand before publishing.
 */
export function redactForPublication(
  text: string,
  writer: { name: string; mobile: string; email: string },
): string {
  let out = text
  const name = writer.name.trim()
  if (name.length >= 2) out = out.split(name).join(maskName(name))
  if (writer.mobile) out = out.split(writer.mobile).join(maskMobile(writer.mobile))
  if (writer.email) out = out.split(writer.email).join(maskEmail(writer.email))
  return out
    .replace(ID_IN_TEXT, (m) => `${m.slice(0, 6)}********${m.slice(-4, -1)}*`)
    .replace(MOBILE_IN_TEXT, maskMobile)
    .replace(LANDLINE_IN_TEXT, (m) => `${m.slice(0, 4)}****${m.slice(-4)}`)
    .replace(EMAIL_IN_TEXT, maskEmail)
    .replace(HOUSE_IN_TEXT, (m) => '*'.repeat(Math.min(m.length, 4)))
}
