import type { Severity } from '../../../common/checks'

/** A secrecy marking found in a text. */
export interface SecrecyHit {
  start: number
  end: number
  /** Markings are blocking; a 内部… phrase inside a sentence may be prose, so only a warning. */
  level: Severity
  message: string
}

/** Where the text comes from: a title or file name is one line whose start is significant. */
export type SecrecyMode = 'title' | 'body' | 'name'

const LEVEL = '(?:绝密|机密|秘密)'
const TERM = '(?:\\d{1,2}|[一二三四五六七八九十]{1,3})[ \\u3000]*(?:个月|年)|长期'
const SP = '[ \\u3000]*'

/** 秘密★1年, 机密★, 绝密★长期, 内部★: the GB/T 9704 marking of a classified document. */
const STAR = new RegExp(`(?:${LEVEL}|内部)${SP}[★☆]${SP}(?:${TERM})?`, 'g')
/** 密级：秘密 */
const LABELLED = new RegExp(`密${SP}级${SP}[:：]${SP}(?:${LEVEL}|内部)`, 'g')
/** （秘密）【机密】〔内部〕 */
const BRACKETED = new RegExp(`[（(【\\[〔［「]${SP}(?:${LEVEL}|内部)${SP}[）)】\\]〕］」]`, 'g')
/**
 * A level word opening a line and followed by nothing, a space or a period of secrecy: the
 * marking printed at the top left of a page. 绝密级国家秘密… (a regulation's prose) is not one.
 */
const LINE_START = new RegExp(`^(?:${LEVEL}|内部)(?=${SP}$|[ \\u3000]|${SP}(?:${TERM}))`, 'gm')
/** 内部资料 and the like: a marking at a line start or standing alone after 仅供/限; otherwise maybe prose. */
const INTERNAL = /内部(?:资料|文件|材料|使用|传阅|刊物|发行|参考)/g
const INTERNAL_RESTRICT = /(?:仅供|仅限|只供|限于|限|供|注意)[ \u3000]*$/
/** 国家秘密、商业秘密、工作秘密、保守秘密…: prose about secrets, not a marking. */
const PROSE_BEFORE =
  /(?:国家|商业|工作|技术|个人|保守|泄露|泄漏|涉及|知悉|属于|窃取|刺探|收买|保密|军事|经营|核心|重要|一般|涉密)$/
const PROSE_AFTER = /^(?:级|等级|事项|的|和|、|或|及|与|，|。|；)/

const describe = (marking: string) =>
  `发现涉密标志「${marking}」：涉密信息严禁在政府网站公开（保密审查）`
const describeInternal = (marking: string) =>
  `发现「${marking}」字样，可能是不宜公开的内部资料标志，请确认该信息可以公开`

/** Secrecy markings in a title, body text or file name, longest first where they overlap. */
export function findSecrecy(text: string, mode: SecrecyMode): SecrecyHit[] {
  const hits: SecrecyHit[] = []
  const add = (start: number, end: number, level: Severity, message: string) =>
    hits.push({ start, end, level, message })
  for (const re of [STAR, LABELLED, BRACKETED]) {
    for (const m of text.matchAll(re)) {
      add(m.index, m.index + m[0].length, 'blocking', describe(m[0].trim()))
    }
  }
  for (const m of text.matchAll(LINE_START)) {
    // A title or file name is a single line: only its very start counts.
    if (mode !== 'body' && m.index !== 0) continue
    add(m.index, m.index + m[0].length, 'blocking', describe(m[0]))
  }
  for (const m of text.matchAll(INTERNAL)) {
    const end = m.index + m[0].length
    // 内部资料性出版物, 内部使用的车辆: a term or an attribute in a sentence, not a marking.
    if (/^[性的]/.test(text.slice(end, end + 1))) continue
    const atStart = m.index === 0 || (mode === 'body' && text[m.index - 1] === '\n')
    const restricted = INTERNAL_RESTRICT.test(text.slice(Math.max(0, m.index - 4), m.index))
    const alone = /^(?:$|\n|[ \u3000])/.test(text.slice(end, end + 1))
    const strong = atStart || (restricted && alone)
    add(
      m.index,
      end,
      strong ? 'blocking' : 'warning',
      strong ? describe(m[0]) : describeInternal(m[0]),
    )
  }
  if (mode === 'name') {
    // In a file name any level word outside prose about secrets is a marking.
    for (const m of text.matchAll(new RegExp(LEVEL, 'g'))) {
      const before = text.slice(Math.max(0, m.index - 2), m.index)
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 2)
      if (PROSE_BEFORE.test(before) || PROSE_AFTER.test(after)) continue
      add(m.index, m.index + m[0].length, 'blocking', describe(m[0]))
    }
  }
  return dropContained(hits)
}

/** Where hits overlap, keep the one starting first, the longer one (blocking on a tie). */
function dropContained(hits: SecrecyHit[]): SecrecyHit[] {
  const sorted = hits.sort(
    (a, b) =>
      a.start - b.start ||
      b.end - a.end ||
      (a.level === b.level ? 0 : a.level === 'blocking' ? -1 : 1),
  )
  const kept: SecrecyHit[] = []
  for (const h of sorted) {
    const last = kept[kept.length - 1]
    if (last && h.start < last.end) continue
    kept.push(h)
  }
  return kept
}
