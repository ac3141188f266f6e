import { Parser } from 'htmlparser2'

/**
 * Cleans HTML pasted into the article editor, above all from Microsoft Word and WPS: headings,
 * paragraphs, bold/italic/underline, links, tables and lists survive; Office junk goes (mso-*
 * styles, `class="Mso…"`, `<o:p>`, conditional comments, VML, fonts, colours, sizes). Word's
 * lists are paragraphs with `mso-list` styles and a typed marker: they become real ul/ol.
 * String-based (htmlparser2), so it runs the same in the browser and in unit tests.
 */
export interface CleanResult {
  html: string
  /** Images that pointed at the author's disk (file://): they cannot be pasted, only uploaded. */
  droppedImages: number
}

interface El {
  type: 'el'
  name: string
  attrs: Record<string, string>
  children: Node[]
  /** Word list paragraph: its level and whether the marker was a number. */
  list?: { level: number; ordered: boolean }
}
interface Text {
  type: 'text'
  text: string
}
type Node = El | Text

const KEEP = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'strong',
  'em',
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
  'a',
  'img',
  'br',
  'hr',
  'pre',
  'code',
])
const RENAME: Record<string, string> = { b: 'strong', i: 'em', strike: 's', del: 's', ins: 'u' }
/** Dropped with everything inside them. */
const DROP = new Set(['style', 'script', 'xml', 'head', 'title', 'meta', 'link', 'o:p', 'noscript'])
const VOID = new Set(['br', 'hr', 'img'])
const BLOCK_CONTAINERS = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'ul', 'ol', '#root'])
const BLOCKS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'ul',
  'ol',
  'blockquote',
  'pre',
  'hr',
])
const ALIGNABLE = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'])
const CJK = '\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\u3000-\\u303f'
const CJK_GAP = new RegExp(`([${CJK}]) +(?=[${CJK}])`, 'g')
const ORDERED_MARKER =
  /^[(（]?([0-9]{1,3}|[a-zA-Z]{1,2}|[ivxlcdmIVXLCDM]{1,6}|[一二三四五六七八九十百零]{1,4})[.)）、．:：]$|^[(（]([0-9]{1,3}|[a-zA-Z]{1,2}|[一二三四五六七八九十]{1,3})[)）]$/

/** Cleans pasted HTML (Word, WPS, web pages) for the article editor. */
export function cleanPastedHtml(raw: string): CleanResult {
  const counter = { droppedImages: 0 }
  const root = parse(prepare(raw))
  const children = transform(root.children, '#root', counter)
  return { html: serialize(children).trim(), droppedImages: counter.droppedImages }
}

/** True when the HTML comes from Word/WPS (used to decide whether to tell the user). */
export function isOfficeHtml(html: string): boolean {
  return /urn:schemas-microsoft-com:office|class="?Mso|mso-|<o:p>|ProgId content=(Word|Excel)|kingsoft/i.test(
    html,
  )
}

/** String-level steps before parsing: the fragment only, list markers tagged, conditionals gone. */
function prepare(raw: string): string {
  let html = raw
  const fragment = /<!--StartFragment-->([\s\S]*?)<!--EndFragment-->/i.exec(html)
  if (fragment?.[1] !== undefined) html = fragment[1]
  else {
    const body = /<body[^>]*>([\s\S]*?)(<\/body>|$)/i.exec(html)
    if (body?.[1] !== undefined) html = body[1]
  }
  return (
    html
      // The typed list number/bullet of a Word list paragraph: kept aside to tell ol from ul.
      .replace(
        /<!--\[if !supportLists\]-->([\s\S]*?)<!--\[endif\]-->/gi,
        '<zq-marker>$1</zq-marker>',
      )
      .replace(/<!\[if !supportLists\]>([\s\S]*?)<!\[endif\]>/gi, '<zq-marker>$1</zq-marker>')
      // Downlevel-hidden conditional comments (VML, Office XML) with their content.
      .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, '')
      // Downlevel-revealed markers: the content between them is ordinary HTML and stays.
      .replace(/<!\[(end)?if[^\]]*\]>/gi, '')
      .replace(/<!--[\s\S]*?-->/g, '')
  )
}

function parse(html: string): El {
  const root: El = { type: 'el', name: '#root', attrs: {}, children: [] }
  const stack: El[] = [root]
  const top = () => stack[stack.length - 1] ?? root
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const el: El = { type: 'el', name, attrs: attribs, children: [] }
        top().children.push(el)
        if (!VOID.has(name)) stack.push(el)
      },
      ontext(text) {
        top().children.push({ type: 'text', text })
      },
      onclosetag(name) {
        if (VOID.has(name)) return
        for (let i = stack.length - 1; i > 0; i--) {
          if (stack[i]?.name === name) {
            stack.length = i
            return
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  )
  parser.write(html)
  parser.end()
  return root
}

function styleOf(el: El): Map<string, string> {
  const out = new Map<string, string>()
  for (const decl of (el.attrs.style ?? '').split(';')) {
    const i = decl.indexOf(':')
    if (i < 0) continue
    out.set(decl.slice(0, i).trim().toLowerCase(), decl.slice(i + 1).trim())
  }
  return out
}

function textOf(nodes: Node[]): string {
  return nodes.map((n) => (n.type === 'text' ? n.text : textOf(n.children))).join('')
}

function isBlank(nodes: Node[]): boolean {
  return nodes.every((n) =>
    n.type === 'text'
      ? !n.text.replace(/[\s\u00a0\u3000]/g, '')
      : n.name !== 'img' &&
        n.name !== 'hr' &&
        n.name !== 'br' &&
        n.name !== 'table' &&
        isBlank(n.children),
  )
}

function alignOf(el: El): string | undefined {
  const a = (styleOf(el).get('text-align') ?? el.attrs.align ?? '').toLowerCase()
  return ['center', 'right', 'justify'].includes(a) ? a : undefined
}

function safeHref(href: string | undefined): string | undefined {
  const h = href?.trim()
  if (!h) return undefined
  return /^(https?:|mailto:|tel:|\/[^/])/i.test(h) ? h : undefined
}

function safeSrc(src: string | undefined): string | undefined {
  const s = src?.trim()
  if (!s) return undefined
  return /^(https?:|\/[^/]|data:image\/(png|jpe?g|gif|webp);)/i.test(s) ? s : undefined
}

/** Cleans a list of nodes inside a parent called `parent`. */
function transform(nodes: Node[], parent: string, counter: { droppedImages: number }): Node[] {
  const out: Node[] = []
  for (const n of nodes) {
    if (n.type === 'text') {
      const text = n.text.replace(/[\r\n]+/g, ' ').replace(CJK_GAP, '$1')
      if (BLOCK_CONTAINERS.has(parent) && !text.trim()) continue
      out.push({ type: 'text', text })
      continue
    }
    out.push(...transformElement(n, parent, counter))
  }
  // Indentation between block children (a td holding paragraphs) is not content.
  const hasBlock = out.some((n) => n.type === 'el' && (BLOCKS.has(n.name) || n.list))
  return groupLists(hasBlock ? out.filter((n) => n.type === 'el' || n.text.trim()) : out)
}

function transformElement(n: El, parent: string, counter: { droppedImages: number }): Node[] {
  const name = RENAME[n.name] ?? n.name
  if (DROP.has(name) || name === 'zq-marker' || /^v:/.test(name)) return []
  if (name === 'img') {
    const src = safeSrc(n.attrs.src)
    if (!src) {
      counter.droppedImages++
      return []
    }
    const alt = n.attrs.alt?.trim() ?? ''
    return [{ type: 'el', name: 'img', attrs: { src, alt }, children: [] }]
  }
  if (name === 'br' || name === 'hr') return [{ type: 'el', name, attrs: {}, children: [] }]
  // Word's title styles are paragraphs; they read as headings.
  const cls = n.attrs.class ?? ''
  const mapped =
    name === 'p' && /^MsoTitle$/i.test(cls)
      ? 'h1'
      : name === 'p' && /^MsoSubtitle$/i.test(cls)
        ? 'h2'
        : name
  const children = transform(n.children, mapped, counter)
  if (mapped === 'span' || mapped === 'font') return emphasis(n, children)
  if (mapped === 'a') {
    const href = safeHref(n.attrs.href)
    return href ? [{ type: 'el', name: 'a', attrs: { href }, children }] : children
  }
  if (!KEEP.has(mapped)) {
    // div, section, article, w:sdt, st1:* …: their content stays, the wrapper goes.
    return children
  }
  const attrs: Record<string, string> = {}
  if (ALIGNABLE.has(mapped)) {
    const align = alignOf(n)
    if (align) attrs.style = `text-align: ${align}`
  }
  if (mapped === 'td' || mapped === 'th') {
    for (const k of ['colspan', 'rowspan']) {
      const v = n.attrs[k]
      if (v && /^\d+$/.test(v) && v !== '1') attrs[k] = v
    }
  }
  if (mapped === 'ol' && n.attrs.start && /^\d+$/.test(n.attrs.start)) attrs.start = n.attrs.start
  const el: El = { type: 'el', name: mapped, attrs, children }
  if (mapped === 'p') {
    const m = /level(\d+)/i.exec(styleOf(n).get('mso-list') ?? '')
    if (m) {
      const marker = n.children.find((c): c is El => c.type === 'el' && c.name === 'zq-marker')
      const markerText = marker ? textOf(marker.children).replace(/[\s\u00a0]/g, '') : ''
      el.list = { level: Number(m[1]), ordered: ORDERED_MARKER.test(markerText) }
      return [el]
    }
    if (isBlank(children)) return []
  }
  if (/^h[1-6]$/.test(mapped) && isBlank(children)) return []
  return [el]
}

/** A span or font keeps only what it means: bold, italic, underline, strike, sub/superscript. */
function emphasis(n: El, children: Node[]): Node[] {
  const style = styleOf(n)
  let out = children
  const wrap = (name: string) => {
    out = [{ type: 'el', name, attrs: {}, children: out }]
  }
  const weight = style.get('font-weight') ?? ''
  if (weight === 'bold' || Number(weight) >= 600) wrap('strong')
  if (style.get('font-style') === 'italic') wrap('em')
  const deco = style.get('text-decoration') ?? style.get('text-underline') ?? ''
  if (/underline|single/.test(deco)) wrap('u')
  if (/line-through/.test(deco)) wrap('s')
  const va = style.get('vertical-align') ?? ''
  if (va === 'super') wrap('sup')
  if (va === 'sub') wrap('sub')
  return isBlank(children) && out !== children ? children : out
}

/** Consecutive Word list paragraphs become nested ul/ol with li > p. */
function groupLists(nodes: Node[]): Node[] {
  const out: Node[] = []
  let stack: { level: number; ordered: boolean; list: El; last: El | null }[] = []
  for (const n of nodes) {
    if (n.type === 'el' && n.list) {
      const { level, ordered } = n.list
      while (stack.length > 0 && (stack[stack.length - 1]?.level ?? 0) > level) stack.pop()
      let cur = stack[stack.length - 1]
      if (cur && cur.level === level && cur.ordered !== ordered) {
        stack.pop()
        cur = stack[stack.length - 1]
      }
      if (!cur || cur.level < level) {
        const list: El = { type: 'el', name: ordered ? 'ol' : 'ul', attrs: {}, children: [] }
        if (cur?.last) cur.last.children.push(list)
        else out.push(list)
        cur = { level, ordered, list, last: null }
        stack.push(cur)
      }
      const p: El = { type: 'el', name: 'p', attrs: n.attrs, children: trimStart(n.children) }
      const li: El = { type: 'el', name: 'li', attrs: {}, children: [p] }
      cur.list.children.push(li)
      cur.last = li
      continue
    }
    // Whitespace between list paragraphs does not end the list.
    if (n.type === 'text' && !n.text.trim() && stack.length > 0) continue
    stack = []
    out.push(n)
  }
  return out
}

function trimStart(nodes: Node[]): Node[] {
  const [first, ...rest] = nodes
  if (first?.type === 'text') {
    const text = first.text.replace(/^[\s\u00a0]+/, '')
    return text ? [{ type: 'text', text }, ...rest] : rest
  }
  return nodes
}

function escapeText(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\u00a0/g, '&nbsp;')
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
}

function serialize(nodes: Node[]): string {
  return nodes
    .map((n) => {
      if (n.type === 'text') return escapeText(n.text)
      const attrs = Object.entries(n.attrs)
        .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
        .join('')
      if (VOID.has(n.name)) return `<${n.name}${attrs}>`
      return `<${n.name}${attrs}>${serialize(n.children)}</${n.name}>`
    })
    .join('')
}
