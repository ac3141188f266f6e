import { Parser } from 'htmlparser2'
import sanitize from 'sanitize-html'

const OPTIONS: sanitize.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'blockquote',
    'ul',
    'ol',
    'li',
    'table',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'caption',
    'colgroup',
    'col',
    'a',
    'img',
    'figure',
    'figcaption',
    'span',
    'div',
    'hr',
    'pre',
    'code',
    'video',
    'audio',
    'source',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    td: ['colspan', 'rowspan', 'style'],
    th: ['colspan', 'rowspan', 'scope', 'style'],
    col: ['span', 'width'],
    p: ['style'],
    div: ['style'],
    span: ['style'],
    h1: ['style'],
    h2: ['style'],
    h3: ['style'],
    h4: ['style'],
    h5: ['style'],
    h6: ['style'],
    video: ['src', 'controls', 'width', 'height', 'poster'],
    audio: ['src', 'controls'],
    source: ['src', 'type'],
    ol: ['start', 'type'],
  },
  // Only alignment and indentation survive: pasted Word styles are junk on a public page.
  allowedStyles: {
    '*': {
      'text-align': [/^(left|right|center|justify)$/],
      'text-indent': [/^\d+(\.\d+)?(em|px)$/],
    },
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => {
      const out: Record<string, string> = { ...attribs }
      if (out.target === '_blank') out.rel = 'noopener noreferrer'
      else delete out.target
      return { tagName, attribs: out }
    },
  },
  exclusiveFilter: (frame) =>
    frame.tag === 'span' &&
    !frame.text.trim() &&
    !frame.mediaChildren.length &&
    Object.keys(frame.attribs).length === 0,
}

/** Sanitises rich text on save: scripts, event handlers, styles and unknown tags are removed. */
export function sanitizeRichText(html: string): string {
  return sanitize(html, OPTIONS).trim()
}

/** Tags that break text into lines (`htmlToText`; the content checks place findings by it). */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'p',
  'div',
  'br',
  'li',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'blockquote',
  'pre',
  'hr',
  'td',
  'th',
])

/** Plain text of (sanitised) HTML for search, summaries and checks; blocks become line breaks. */
export function htmlToText(html: string): string {
  const parts: string[] = []
  const parser = new Parser(
    {
      ontext: (t) => parts.push(t),
      onopentag: (name) => {
        if (BLOCK_TAGS.has(name)) parts.push('\n')
      },
      onclosetag: (name) => {
        if (BLOCK_TAGS.has(name)) parts.push('\n')
      },
    },
    { decodeEntities: true },
  )
  parser.write(html)
  parser.end()
  return parts
    .join('')
    .replace(/[ \t\f\r\u00a0\u3000]+/g, (m) => (m.includes('\u3000') ? '\u3000' : ' '))
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n')
}

/** Plain text to HTML paragraphs (imports with `body` instead of `html`). */
export function textToHtml(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${escapeHtml(l)}</p>`)
    .join('\n')
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  )
}

/** First `max` characters of text, cut at a sentence end where one is near. */
export function summarise(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max)
  const end = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('；'))
  return end > max * 0.6 ? cut.slice(0, end + 1) : `${cut}…`
}

/** `/files/<sha256>` references in a body: images the media library must know are in use. */
export function fileRefs(html: string): string[] {
  const out = new Set<string>()
  for (const m of html.matchAll(/\/files\/([0-9a-f]{64})/g)) if (m[1]) out.add(m[1])
  return [...out]
}
