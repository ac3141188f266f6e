import { fileTypeFromBuffer } from 'file-type'

/** What may be uploaded, by detected content; the extension must agree with the content. */
const ALLOWED: Record<string, string[]> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'image/bmp': ['bmp'],
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx', 'wps'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx', 'et'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx', 'dps'],
  // Legacy Office and WPS documents are OLE compound files.
  'application/x-cfb': ['doc', 'xls', 'ppt', 'wps', 'et', 'dps'],
  'application/zip': ['zip', 'ofd', 'docx', 'xlsx', 'pptx'],
  'application/x-rar-compressed': ['rar'],
  'application/vnd.rar': ['rar'],
  'application/x-7z-compressed': ['7z'],
  'video/mp4': ['mp4'],
  'audio/mpeg': ['mp3'],
  'application/vnd.ms-excel': ['xls'],
  'application/msword': ['doc'],
}

const TEXT_EXTS: Record<string, string> = { txt: 'text/plain', csv: 'text/csv' }

export const IMAGE_MIMES = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/bmp',
])

export type Detected = { ok: true; mime: string; ext: string } | { ok: false; reason: string }

/** Detects a file's type from its bytes and checks it against its name's extension. */
export async function detectType(bytes: Buffer, name: string): Promise<Detected> {
  const ext = (name.split('.').pop() ?? '').toLowerCase()
  const detected = await fileTypeFromBuffer(bytes)
  if (!detected) {
    const textMime = TEXT_EXTS[ext]
    if (textMime && looksLikeText(bytes)) return { ok: true, mime: textMime, ext }
    return { ok: false, reason: '无法识别文件类型，或该类型不允许上传' }
  }
  const exts = ALLOWED[detected.mime]
  if (!exts) return { ok: false, reason: `不允许上传此类型的文件（${detected.ext}）` }
  if (ext && exts.includes(ext)) return { ok: true, mime: detected.mime, ext }
  if (!ext || ext === name.toLowerCase())
    return { ok: true, mime: detected.mime, ext: detected.ext }
  return { ok: false, reason: `文件内容（${detected.ext}）与扩展名（${ext}）不符` }
}

function looksLikeText(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 8192)
  if (sample.includes(0)) return false
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, lastCompleteUtf8(sample)))
    return true
  } catch {
    // GB18030 text (common in Chinese offices) has no NULs either; accept it.
    return true
  }
}

function lastCompleteUtf8(b: Buffer): number {
  const end = b.length
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const byte = b[end - i] ?? 0
    if ((byte & 0xc0) === 0xc0) return end - i
    if ((byte & 0x80) === 0) return end
  }
  return end
}
