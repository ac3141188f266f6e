import { Parser } from 'htmlparser2'
import { BLOCK_TAGS } from '../articles/rich-text'

/** A link, image or embedded resource in a body, placed in the body's plain text. */
export interface BodyRef {
  kind: 'link' | 'image' | 'media' | 'embed'
  url: string
  /** `alt` of an image; null when the attribute is missing. */
  alt: string | null
  /** Offset and length in the plain text: a link's text; images sit at a point (length 0). */
  offset: number
  length: number
}

export interface BodyText {
  text: string
  refs: BodyRef[]
}

const MEDIA = new Set(['video', 'audio', 'source'])
const EMBED: Record<string, string> = { iframe: 'src', script: 'src', embed: 'src', object: 'data' }

/**
 * The plain text of a body exactly as `htmlToText` makes it, plus every link and image with its
 * position in that text, so a finding's offset points at what the editor sees.
 */
export function bodyText(html: string): BodyText {
  let raw = ''
  const pending: { ref: BodyRef; start: number; end: number }[] = []
  const open: { ref: BodyRef; start: number }[] = []
  const parser = new Parser(
    {
      ontext: (t) => {
        raw += t
      },
      onopentag: (name, attribs) => {
        if (BLOCK_TAGS.has(name)) raw += '\n'
        if (name === 'a' && attribs.href !== undefined) {
          open.push({
            ref: { kind: 'link', url: attribs.href.trim(), alt: null, offset: 0, length: 0 },
            start: raw.length,
          })
        } else if (name === 'img') {
          pending.push({
            ref: {
              kind: 'image',
              url: (attribs.src ?? '').trim(),
              alt: attribs.alt ?? null,
              offset: 0,
              length: 0,
            },
            start: raw.length,
            end: raw.length,
          })
        } else if (MEDIA.has(name) && attribs.src) {
          pending.push({
            ref: { kind: 'media', url: attribs.src.trim(), alt: null, offset: 0, length: 0 },
            start: raw.length,
            end: raw.length,
          })
        } else if (EMBED[name] && attribs[EMBED[name]]) {
          const url = (attribs[EMBED[name]] ?? '').trim()
          pending.push({
            ref: { kind: 'embed', url, alt: null, offset: 0, length: 0 },
            start: raw.length,
            end: raw.length,
          })
        }
      },
      onclosetag: (name) => {
        if (name === 'a') {
          const a = open.pop()
          if (a) pending.push({ ref: a.ref, start: a.start, end: raw.length })
        }
        if (BLOCK_TAGS.has(name)) raw += '\n'
      },
    },
    { decodeEntities: true },
  )
  parser.write(html)
  parser.end()
  for (const a of open) pending.push({ ref: a.ref, start: a.start, end: raw.length })

  const { text, at } = normalise(raw)
  const refs = pending.map(({ ref, start, end }) => {
    let s = at(start)
    let e = at(end)
    // A link's text may begin or end with a line break or spaces the editor can't select.
    while (s < e && /\s/.test(text[s] ?? '')) s++
    while (e > s && /\s/.test(text[e - 1] ?? '')) e--
    return { ...ref, offset: s, length: e - s }
  })
  refs.sort((a, b) => a.offset - b.offset)
  return { text, refs }
}

const SPACE = /[ \t\f\r\u00a0\u3000]/

/**
 * `htmlToText`'s whitespace rules (runs of spaces → one, lines trimmed, empty lines dropped),
 * with a map from each position of the raw text to its position in the result.
 */
function normalise(raw: string): { text: string; at: (rawPos: number) => number } {
  // Pass 1: collapse runs of spaces (a run holding an ideographic space becomes one).
  const map1 = new Int32Array(raw.length + 1)
  let s1 = ''
  for (let i = 0; i < raw.length;) {
    map1[i] = s1.length
    const c = raw[i] as string
    if (!SPACE.test(c)) {
      s1 += c
      i++
      continue
    }
    let j = i
    let ideographic = false
    while (j < raw.length && SPACE.test(raw[j] as string)) {
      if (raw[j] === '\u3000') ideographic = true
      map1[j] = s1.length
      j++
    }
    s1 += ideographic ? '\u3000' : ' '
    for (let k = i + 1; k < j; k++) map1[k] = s1.length
    i = j
  }
  map1[raw.length] = s1.length

  // Pass 2: trim each line, drop empty lines, join with '\n'.
  const map2 = new Int32Array(s1.length + 1)
  let out = ''
  let lineStart = 0
  while (lineStart <= s1.length) {
    let lineEnd = s1.indexOf('\n', lineStart)
    if (lineEnd < 0) lineEnd = s1.length
    const line = s1.slice(lineStart, lineEnd)
    const trimmed = line.trim()
    if (trimmed.length === 0) {
      for (let p = lineStart; p <= lineEnd; p++) map2[p] = out.length
    } else {
      if (out.length > 0) out += '\n'
      const base = out.length
      const lead = line.length - line.trimStart().length
      for (let p = lineStart; p <= lineEnd; p++) {
        const inLine = p - lineStart - lead
        map2[p] = base + Math.min(Math.max(inLine, 0), trimmed.length)
      }
      out += trimmed
    }
    lineStart = lineEnd + 1
  }
  return { text: out, at: (p) => map2[map1[p] ?? 0] ?? out.length }
}
