import { AhoCorasick, longestNonOverlapping } from './aho-corasick'

export interface WrongWord {
  /** The wrong form. */
  term: string
  /** The correct form. */
  replacement: string
}

export interface WrongHit {
  start: number
  end: number
  entry: WrongWord
}

/** A 文号's issuer code is an abbreviation, not words: 冀政办发〔2016〕29号, 冀科成市规〔2022〕. */
const DOC_NO_AFTER = /^[\u4e00-\u9fff]{0,3}[〔[［(（][\d０-９]{4}[〕\]］)）]/

/** The longest dictionary word considered when testing word boundaries. */
const MAX_WORD = 4

/**
 * Wrong-word matching that stays quiet on correct text:
 * - the correct form at the same place (the wrong form may be part of the right one);
 * - a dictionary word straddling the match's edge means the match runs across two words
 *   (国家|重大 holds 家重, 书记|要 holds 记要, 个人|材料 holds 人材), so it is not that word;
 * - inside a 文号's issuer code (冀政办发〔2016〕).
 */
export class WrongWordMatcher {
  private readonly automaton: AhoCorasick
  private readonly entries: WrongWord[]

  constructor(
    entries: readonly WrongWord[],
    private readonly words: ReadonlySet<string>,
  ) {
    this.entries = entries.filter((e) => e.term.length >= 2 && e.term !== e.replacement)
    this.automaton = new AhoCorasick(this.entries.map((e) => e.term))
  }

  get size(): number {
    return this.entries.length
  }

  find(text: string): WrongHit[] {
    const raw = this.automaton.findAll(text).map((m) => ({
      start: m.start,
      end: m.end,
      entry: this.entries[m.index] as WrongWord,
    }))
    return longestNonOverlapping(raw).filter(
      (h) =>
        !this.correctHere(text, h) &&
        !this.straddled(text, h.start, h.end) &&
        !DOC_NO_AFTER.test(text.slice(h.end, h.end + 10)),
    )
  }

  private correctHere(text: string, { start, entry }: WrongHit): boolean {
    const { term, replacement } = entry
    for (let k = replacement.indexOf(term); k >= 0; k = replacement.indexOf(term, k + 1)) {
      if (start - k >= 0 && text.startsWith(replacement, start - k)) return true
    }
    return false
  }

  /** Is a dictionary word crossing the start or the end of `[start, end)`? */
  private straddled(text: string, start: number, end: number): boolean {
    if (this.words.size === 0) return false
    for (let s = Math.max(0, start - MAX_WORD + 1); s < start; s++) {
      for (let e = start + 1; e < end && e - s <= MAX_WORD; e++) {
        if (this.words.has(text.slice(s, e))) return true
      }
    }
    for (let s = start + 1; s < end; s++) {
      for (let e = end + 1; e <= text.length && e - s <= MAX_WORD; e++) {
        if (this.words.has(text.slice(s, e))) return true
      }
    }
    return false
  }
}

/** Parses pycorrector's confusion list: `wrong<TAB or space>right[<TAB>frequency]`. */
export function parseConfusionList(source: string): WrongWord[] {
  const out: WrongWord[] = []
  for (const line of source.split('\n')) {
    const t = line.trim()
    if (!t || t.startsWith('#')) continue
    const [term, replacement] = t.split(/\s+/)
    if (term && replacement && term !== replacement) out.push({ term, replacement })
  }
  return out
}
