/** A leader's name that must never be misspelt, with the titles it appears with. */
export interface ProtectedName {
  name: string
  titles: string[]
}

export interface NameHit {
  start: number
  end: number
  name: string
  /** Why the window is taken for a misspelling of `name`. */
  reason: 'similar' | 'title'
  title?: string
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/

/** Splits a note such as 县委书记/县长 into titles. */
export function splitTitles(note: string): string[] {
  return note
    .split(/[/／、,，;；|\s]+/)
    .map((t) => t.trim())
    .filter((t) => t.length >= 2)
}

/**
 * Near misses of protected names: a window of the same length that differs in exactly one
 * character, where that character sounds or looks like the right one (same_pinyin,
 * same_stroke; names of three or four characters), or where the window stands right next to
 * the person's title (县长王建图, 李墙总理).
 * Exact names, and windows that are another protected name, are fine.
 */
export class NameMatcher {
  private readonly names: ProtectedName[]
  private readonly exact: Set<string>

  constructor(
    names: readonly ProtectedName[],
    private readonly similar: ReadonlyMap<string, string>,
  ) {
    this.names = names.filter((n) => n.name.length >= 2 && n.name.length <= 4)
    this.exact = new Set(this.names.map((n) => n.name))
  }

  get size(): number {
    return this.names.length
  }

  find(text: string): NameHit[] {
    const hits: NameHit[] = []
    for (const { name, titles } of this.names) {
      const len = name.length
      const c0 = name[0]
      const c1 = name[1]
      for (let i = 0; i + len <= text.length; i++) {
        // At most one character differs, so one of the first two must match.
        if (text[i] !== c0 && text[i + 1] !== c1) continue
        let diff = -1
        let ok = true
        for (let j = 0; j < len; j++) {
          if (text[i + j] === name[j]) continue
          if (diff >= 0) {
            ok = false
            break
          }
          diff = j
        }
        if (!ok || diff < 0) continue
        const found = text[i + diff] as string
        if (!CJK.test(found)) continue
        const window = text.slice(i, i + len)
        if (this.exact.has(window)) continue
        // Two-character windows sound like everyday words and other people's names (力强 for
        // 李强, 张维 for 张伟): only next to the person's title do they count.
        if (len > 2 && this.isSimilar(name[diff] as string, found)) {
          hits.push({ start: i, end: i + len, name, reason: 'similar' })
          continue
        }
        const title = titleNextTo(text, i, i + len, titles)
        if (title) hits.push({ start: i, end: i + len, name, reason: 'title', title })
      }
    }
    return hits.sort((a, b) => a.start - b.start)
  }

  private isSimilar(right: string, found: string): boolean {
    return Boolean(this.similar.get(right)?.includes(found))
  }
}

/** Characters that may follow or precede a name in a sentence (县长李强出席, 和李强同志). */
const AROUND_NAME = new Set([
  ...'出席主持讲话指出强调表示参加调研在和与及、的同志等为是对向到说要就',
])

/**
 * The title written right before (县长王建国) or right after (王建国县长) a window. A
 * two-character window must also end where a name ends: in 李克强总理 the window 克强 is the
 * tail of another person's name, not 李强 misspelt.
 */
function titleNextTo(text: string, start: number, end: number, titles: string[]): string | null {
  const bounded = (i: number) => {
    const c = text[i]
    return c === undefined || !CJK.test(c) || AROUND_NAME.has(c)
  }
  const short = end - start <= 2
  for (const t of titles) {
    const tStart = start - t.length
    // 副县长 is another person's title, not 县长.
    const before = tStart >= 0 && text.startsWith(t, tStart) && text[tStart - 1] !== '副'
    if (before && (!short || bounded(end))) return t
    if (text.startsWith(t, end) && (!short || bounded(start - 1))) return t
  }
  return null
}

/**
 * Homophones and look-alikes from pycorrector's same_pinyin.txt (same sound, any tone: pinyin
 * input ignores tones) and same_stroke.txt (similar shape), as a symmetric map.
 */
export function buildSimilarMap(samePinyin: string, sameStroke: string): Map<string, string> {
  const sets = new Map<string, Set<string>>()
  const link = (a: string, b: string) => {
    if (a === b) return
    let s = sets.get(a)
    if (!s) sets.set(a, (s = new Set()))
    s.add(b)
  }
  for (const line of samePinyin.split('\n')) {
    if (!line || line.startsWith('#')) continue
    const [ch, same = '', other = ''] = line.split('\t')
    if (!ch || ch.length !== 1) continue
    for (const c of same + other) {
      link(ch, c)
      link(c, ch)
    }
  }
  for (const line of sameStroke.split('\n')) {
    if (!line || line.startsWith('#')) continue
    const group = line.split('\t').filter((c) => c.length === 1)
    for (const a of group) for (const b of group) link(a, b)
  }
  return new Map([...sets].map(([k, v]) => [k, [...v].join('')]))
}
