import { inflateRawSync } from 'node:zlib'
import { htmlToText } from '../articles/rich-text'

/** Attachments larger than this are checked by name only. */
export const ATTACHMENT_TEXT_MAX_BYTES = 20 * 1024 * 1024
/** Text beyond this is not checked (a 200-page report is not an article). */
const TEXT_MAX_CHARS = 500_000

/** File types whose text is checked; PDF, DOC, WPS, XLS(X) and images are checked by name only. */
export const EXTRACTABLE_EXTS = ['txt', 'csv', 'html', 'htm', 'docx'] as const

/** The text of an attachment, or null when its type is not extractable. */
export function extractAttachmentText(bytes: Buffer, ext: string): string | null {
  const e = ext.toLowerCase()
  let text: string | null = null
  if (e === 'txt' || e === 'csv') text = decodeText(bytes)
  else if (e === 'html' || e === 'htm') text = htmlToText(decodeText(bytes))
  // A .wps saved by WPS Office in Word 2007 format is a .docx inside.
  else if (e === 'docx' || (e === 'wps' && bytes.subarray(0, 2).toString() === 'PK'))
    text = docxText(bytes)
  return text === null ? null : text.slice(0, TEXT_MAX_CHARS)
}

/** UTF-8, or GB 18030 (what Chinese Windows saves) when UTF-8 does not decode. */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '')
  } catch {
    try {
      return new TextDecoder('gb18030').decode(bytes)
    } catch {
      return bytes.toString('utf8')
    }
  }
}

/** Paragraphs of a .docx: the `<w:t>` runs of word/document.xml, one line per `<w:p>`. */
export function docxText(bytes: Buffer): string | null {
  const xml = zipEntry(bytes, 'word/document.xml')
  if (xml === null) return null
  const lines: string[] = []
  for (const para of xml.toString('utf8').split(/<\/w:p>/)) {
    let line = ''
    for (const m of para.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)) {
      if (m[0] === '<w:tab/>') line += '\t'
      else if (m[0] === '<w:br/>') line += '\n'
      else line += decodeXml(m[1] ?? '')
    }
    const t = line.trim()
    if (t) lines.push(t)
  }
  return lines.join('\n')
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, n: string) => {
    const k = n.toLowerCase()
    if (k === 'lt') return '<'
    if (k === 'gt') return '>'
    if (k === 'amp') return '&'
    if (k === 'quot') return '"'
    if (k === 'apos') return "'"
    const code = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10)
    return Number.isFinite(code) ? String.fromCodePoint(code) : ''
  })
}

/**
 * One entry of a ZIP archive (stored or deflated), found through the central directory.
 * Enough for Office Open XML; no dependency needed.
 */
export function zipEntry(zip: Buffer, name: string): Buffer | null {
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  const min = Math.max(0, zip.length - 0xffff - 22)
  let eocd = -1
  for (let i = zip.length - 22; i >= min; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return null
  const count = zip.readUInt16LE(eocd + 10)
  let p = zip.readUInt32LE(eocd + 16)
  for (let n = 0; n < count && p + 46 <= zip.length; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) return null
    const method = zip.readUInt16LE(p + 10)
    const compressed = zip.readUInt32LE(p + 20)
    const nameLen = zip.readUInt16LE(p + 28)
    const extraLen = zip.readUInt16LE(p + 30)
    const commentLen = zip.readUInt16LE(p + 32)
    const local = zip.readUInt32LE(p + 42)
    const entryName = zip.toString('utf8', p + 46, p + 46 + nameLen)
    if (entryName === name) {
      if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) return null
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
      const data = zip.subarray(start, start + compressed)
      try {
        if (method === 0) return Buffer.from(data)
        if (method === 8) return inflateRawSync(data, { maxOutputLength: 64 * 1024 * 1024 })
      } catch {
        return null
      }
      return null
    }
    p += 46 + nameLen + extraLen + commentLen
  }
  return null
}
