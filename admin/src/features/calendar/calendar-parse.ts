import type { DayKind, OverrideEntry } from './calendar-api'

/** A line of pasted text that cannot be saved, and why. */
export interface NoticeProblem {
  line: number
  message: string
}

export interface ParsedNotice {
  entries: OverrideEntry[]
  /** The 1-based line each entry came from (server errors `days.<i>` map back to lines). */
  lines: number[]
  problems: NoticeProblem[]
}

const NAME_MAX = 100
const RANGE_MAX = 31
const DATE = String.raw`(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})`
const LINE = new RegExp(String.raw`^${DATE}(?:\s*(?:~|～|至|—)\s*${DATE})?\s+(休|班)(?:\s+(.*))?$`)
const KINDS: Record<string, DayKind> = { 休: 'holiday', 班: 'workday' }
const DAY_MS = 86_400_000

/** `YYYY-MM-DD` if the parts make a real date, else null. */
function realDay(y: string, m: string, d: string): string | null {
  const t = Date.UTC(Number(y), Number(m) - 1, Number(d))
  const date = new Date(t)
  if (date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null
  return date.toISOString().slice(0, 10)
}

/**
 * Reads the State Council notice as pasted for one year: one `YYYY-MM-DD 休|班 名称` per line
 * (`休` a holiday, `班` a make-up working day; a range `2027-10-01~2027-10-07 休 国庆节` is also
 * accepted). Blank lines and lines starting with `#` are skipped.
 */
export function parseNotice(text: string, year: number): ParsedNotice {
  const entries: OverrideEntry[] = []
  const lines: number[] = []
  const problems: NoticeProblem[] = []
  const seen = new Map<string, number>()
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1
    const s = raw.replace(/\u3000/g, ' ').trim()
    if (!s || s.startsWith('#')) return
    const m = LINE.exec(s)
    if (!m) {
      problems.push({ line, message: `第 ${line} 行格式有误，应为“${year}-01-01 休 元旦”` })
      return
    }
    const [, y1 = '', m1 = '', d1 = '', y2, m2, d2, kindText = '', rawName = ''] = m
    const first = realDay(y1, m1, d1)
    const last = y2 && m2 && d2 ? realDay(y2, m2, d2) : first
    if (!first || !last) {
      problems.push({ line, message: `第 ${line} 行的日期不存在` })
      return
    }
    if (last < first) {
      problems.push({ line, message: `第 ${line} 行的结束日期早于开始日期` })
      return
    }
    const span = (Date.parse(last) - Date.parse(first)) / DAY_MS + 1
    if (span > RANGE_MAX) {
      problems.push({ line, message: `第 ${line} 行的日期范围超过 ${RANGE_MAX} 天` })
      return
    }
    const name = rawName.trim()
    if (name.length > NAME_MAX) {
      problems.push({ line, message: `第 ${line} 行的名称超过 ${NAME_MAX} 个字符` })
      return
    }
    for (let k = 0; k < span; k++) {
      const day = new Date(Date.parse(first) + k * DAY_MS).toISOString().slice(0, 10)
      if (Number(day.slice(0, 4)) !== year) {
        problems.push({ line, message: `第 ${line} 行的 ${day} 不在 ${year} 年` })
        return
      }
      const before = seen.get(day)
      if (before !== undefined) {
        problems.push({ line, message: `第 ${line} 行的 ${day} 与第 ${before} 行重复` })
        return
      }
      seen.set(day, line)
      entries.push({ day, kind: KINDS[kindText] ?? 'holiday', name })
      lines.push(line)
    }
  })
  return { entries, lines, problems }
}

/** The year's overrides as text for the bulk entry box, one day a line. */
export function formatNotice(entries: OverrideEntry[]): string {
  return entries
    .map((e) => `${e.day} ${e.kind === 'workday' ? '班' : '休'} ${e.name}`.trim())
    .join('\n')
}
