import { escapeHtml } from '../articles/rich-text'

/**
 * Snippets and highlighting. Positions are found in a folded copy of the text that keeps every
 * character where it is (full-width to half-width, lower case, one UTF-16 unit for one), so
 * the marks land on the original characters the reader sees.
 */

function fold(text: string): string {
  let out = ''
  for (const c of text) {
    const code = c.charCodeAt(0)
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0)
    else {
      const lower = c.toLowerCase()
      out += lower.length === c.length ? lower : c
    }
  }
  return out
}

/** [start, end) ranges of every term in the text, merged. */
function ranges(text: string, terms: string[]): [number, number][] {
  const folded = fold(text)
  const found: [number, number][] = []
  for (const t of terms) {
    if (!t) continue
    for (let at = folded.indexOf(t); at >= 0; at = folded.indexOf(t, at + t.length)) {
      found.push([at, at + t.length])
    }
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const merged: [number, number][] = []
  for (const r of found) {
    const last = merged[merged.length - 1]
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1])
    else merged.push([r[0], r[1]])
  }
  return merged
}

/** Escaped text with every term wrapped in <mark>. */
export function highlightText(text: string, terms: string[]): string {
  let out = ''
  let at = 0
  for (const [s, e] of ranges(text, terms)) {
    out += escapeHtml(text.slice(at, s)) + '<mark>' + escapeHtml(text.slice(s, e)) + '</mark>'
    at = e
  }
  return out + escapeHtml(text.slice(at))
}

const SNIPPET_CHARS = 120

/** About SNIPPET_CHARS characters of the body around the first match (plain text). */
export function snippetOf(body: string, terms: string[]): string {
  const text = body.replace(/\s+/g, ' ').trim()
  const first = ranges(text, terms)[0]
  const start = first ? Math.max(0, first[0] - 30) : 0
  let end = Math.min(text.length, start + SNIPPET_CHARS)
  // Never cut a surrogate pair.
  if (end < text.length && /[\ud800-\udbff]/.test(text.charAt(end - 1))) end--
  const from = start > 0 && /[\udc00-\udfff]/.test(text.charAt(start)) ? start + 1 : start
  return `${from > 0 ? '…' : ''}${text.slice(from, end)}${end < text.length ? '…' : ''}`
}

/** Runs of 7 or more digits (ID, mobile, bank card, landline numbers) and e-mail addresses masked. */
export function maskQuery(q: string): string {
  return q
    .replace(/\d{3}\d{4,}[\dxX]?/g, (m) => `${m.slice(0, 3)}${'*'.repeat(m.length - 3)}`)
    .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '***@***')
}
