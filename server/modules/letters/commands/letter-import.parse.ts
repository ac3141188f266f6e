import { createHash } from 'node:crypto'
import { LETTER_LIMITS, LETTER_TYPE_LABELS, LETTER_TYPES } from '../../../../common/letters'
import type { LetterType } from '../../../../common/letters'
import { parseChinaDate } from '../../../../common/time'

/**
 * Imports take past letters as they were written: longer than the web form allows (real letters
 * run to pages), but capped so one runaway line cannot fill the database.
 */
export const LETTER_IMPORT_LIMITS = {
  subjectMax: 200,
  bodyMax: 20_000,
  replyMax: 50_000,
  nameMax: LETTER_LIMITS.nameMax,
  mobileMax: 20,
  categoryMax: 200,
  externalIdMax: 100,
} as const

/** One valid line of a letters export, ready to be written. */
export interface ImportedLetter {
  externalId: string
  type: LetterType
  subject: string
  body: string
  writerName: string
  writerMobile: string
  /** The writer's id in the old system, when the export has one: keeps dedupe hashes apart. */
  writerKey: string
  category: string
  receivedAt: string
  reply: string
  repliedAt: string | null
}

const TYPE_BY_LABEL = new Map<string, LetterType>(
  LETTER_TYPES.flatMap((t) => [
    [t, t],
    [LETTER_TYPE_LABELS[t], t],
  ]),
)

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined

function dateField(
  r: Record<string, unknown>,
  keys: string[],
  label: string,
  now: number,
): { value: string | null } | string {
  const key = keys.find((k) => r[k] !== undefined && r[k] !== null && r[k] !== '')
  if (key === undefined) return { value: null }
  const raw = str(r[key])
  if (raw === undefined) return `${label}（${key}）应为字符串`
  const iso = parseChinaDate(raw)
  if (!iso) return `${label}格式无法识别（${key}）：${raw.slice(0, 40)}`
  if (new Date(iso).getTime() > now + 86_400_000) return `${label}晚于今天（${key}）：${raw}`
  return { value: iso }
}

/**
 * Validates one JSONL line of a county's letters export; returns the letter or the reason it is
 * rejected. Accepts `id`/`externalId`, `posted_at`/`receivedAt`, `replied_at`/`repliedAt`.
 */
export function parseLetterLine(line: string, now = Date.now()): ImportedLetter | string {
  let raw: unknown
  try {
    raw = JSON.parse(line)
  } catch {
    return '不是有效的 JSON'
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return '每行应为一个 JSON 对象'
  const r = raw as Record<string, unknown>
  const L = LETTER_IMPORT_LIMITS

  const subject = typeof r.subject === 'string' ? r.subject.trim() : ''
  if (!subject) return '缺少标题（subject）'
  if (subject.length > L.subjectMax) return `标题超过 ${L.subjectMax} 个字符`
  const body = typeof r.body === 'string' ? r.body.trim() : ''
  if (!body) return '缺少来信内容（body）'
  if (body.length > L.bodyMax) return `来信内容超过 ${L.bodyMax} 个字符（${body.length} 字）`
  if (r.reply !== undefined && r.reply !== null && typeof r.reply !== 'string')
    return '答复（reply）应为字符串'
  const reply = typeof r.reply === 'string' ? r.reply.trim() : ''
  if (reply.length > L.replyMax) return `答复超过 ${L.replyMax} 个字符（${reply.length} 字）`

  const received = dateField(r, ['posted_at', 'receivedAt'], '来信日期', now)
  if (typeof received === 'string') return received
  if (!received.value) return '缺少来信日期（posted_at 或 receivedAt）'
  const replied = dateField(r, ['replied_at', 'repliedAt'], '答复日期', now)
  if (typeof replied === 'string') return replied
  // An answered letter without its date would break every on-time statistic.
  if (reply && !replied.value) return '有答复但缺少答复日期（replied_at 或 repliedAt）'

  let type: LetterType = 'other'
  if (r.type !== undefined && r.type !== null && r.type !== '') {
    const t = TYPE_BY_LABEL.get(String(r.type).trim())
    if (!t) return `来信类型无法识别：${String(r.type).slice(0, 20)}`
    type = t
  }

  const user = str(r.user)?.trim() ?? ''
  const writerName = (str(r.name)?.trim() || user).slice(0, 200)
  if (writerName.length > L.nameMax) return `姓名超过 ${L.nameMax} 个字符`
  const writerMobile = (str(r.mobile) ?? '').replace(/[\s-]/g, '')
  if (writerMobile && !/^\+?\d{5,19}$/.test(writerMobile))
    return `电话号码格式不正确：${writerMobile.slice(0, 30)}`
  if (r.category !== undefined && r.category !== null && typeof r.category !== 'string')
    return '分类（category）应为字符串'
  const category = typeof r.category === 'string' ? r.category.trim() : ''
  if (category.length > L.categoryMax) return `分类超过 ${L.categoryMax} 个字符`

  const idField = r.externalId ?? r.id
  let externalId: string
  if (idField === undefined || idField === null || idField === '') {
    // No id: the letter's own content keeps a re-import idempotent.
    externalId = `sha256:${createHash('sha256').update(`${received.value}\n${subject}\n${body}`).digest('hex')}`
  } else {
    const s = str(idField)?.trim()
    if (!s) return '编号（id 或 externalId）应为字符串或数字'
    externalId =
      s.length > L.externalIdMax ? `sha256:${createHash('sha256').update(s).digest('hex')}` : s
  }

  return {
    externalId,
    type,
    subject,
    body,
    writerName,
    writerMobile,
    writerKey: user,
    category,
    receivedAt: received.value,
    reply,
    repliedAt: reply ? replied.value : null,
  }
}
