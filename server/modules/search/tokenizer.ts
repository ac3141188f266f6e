/**
 * The one Chinese tokenizer both search providers share. Text is normalised (full-width ASCII
 * to half-width, ideographic space to space, control characters to space, lower case), cut at
 * whitespace into runs, and every run yields overlapping character bigrams (for queries of two
 * or more characters, matched as a phrase of their bigrams) and unigrams (for one-character
 * queries). Every non-space character counts — Chinese, Latin, digits and punctuation — so any
 * substring a user types without spaces matches exactly where it occurs, and nowhere else.
 *
 * Tokens are encoded for engines that split on ASCII punctuation: ASCII punctuation becomes its
 * full-width form (an internal encoding only; queries are encoded the same way).
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/g

/** Folds a text the way the index sees it: half-width ASCII, one kind of space, lower case. */
export function normaliseText(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(CONTROL, ' ')
    .replace(/\s+/g, ' ')
    .toLowerCase()
}

/** One character as it appears inside a token (`c` is one code point). */
function encodeChar(c: string): string {
  const code = c.charCodeAt(0)
  if (code > 0x20 && code < 0x7f) {
    const alnum = (code >= 48 && code <= 57) || (code >= 97 && code <= 122)
    return alnum ? c : String.fromCharCode(code + 0xfee0)
  }
  return c
}

export interface Tokens {
  /** Overlapping bigrams in text order, space-separated (phrase positions matter). */
  bigrams: string
  /** Distinct characters, space-separated. */
  unigrams: string
}

/** Tokens of an already normalised text (one pass; this is the indexer's hot loop). */
export function tokenize(normalised: string): Tokens {
  const bigrams: string[] = []
  const unigrams = new Set<string>()
  let prev = ''
  for (const ch of normalised) {
    if (ch === ' ') {
      prev = ''
      continue
    }
    const c = encodeChar(ch)
    unigrams.add(c)
    if (prev) bigrams.push(prev + c)
    prev = c
  }
  return { bigrams: bigrams.join(' '), unigrams: [...unigrams].join(' ') }
}

/** A query term: one run of characters, matched as a substring. */
export interface QueryTerm {
  /** The normalised text of the term (what a brute-force scan would look for). */
  text: string
  /** One character: its unigram; otherwise its bigrams in order (a phrase). */
  tokens: string[]
  unigram: boolean
}

export const MAX_QUERY_CHARS = 100
export const MAX_QUERY_TERMS = 8

/**
 * Splits a user's query into terms (ANDed). Returns no terms for a query with nothing
 * searchable in it. Over-long queries are cut (at MAX_QUERY_CHARS characters, MAX_QUERY_TERMS terms).
 */
export function parseQuery(raw: string): QueryTerm[] {
  const normalised = normaliseText(
    Array.from(raw)
      .slice(0, MAX_QUERY_CHARS * 2)
      .join(''),
  ).trim()
  const seen = new Set<string>()
  const terms: QueryTerm[] = []
  for (const run of normalised.split(' ')) {
    const chars = Array.from(run).slice(0, MAX_QUERY_CHARS)
    if (chars.length === 0) continue
    const text = chars.join('')
    if (seen.has(text)) continue
    seen.add(text)
    const enc = chars.map(encodeChar)
    const tokens = enc.length === 1 ? [enc[0]!] : enc.slice(0, -1).map((c, i) => c + enc[i + 1]!)
    terms.push({ text, tokens, unigram: enc.length === 1 })
    if (terms.length >= MAX_QUERY_TERMS) break
  }
  return terms
}
