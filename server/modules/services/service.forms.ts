import fs from 'node:fs'
import { fileTypeFromBuffer } from 'file-type'
import type { Executor } from '../../db/database'
import { fileRepository } from '../files/file.repository'
import type { FileStore } from '../files/file.store'

/**
 * Whether a form downloads: an uploaded file must exist in the store, be non-empty and be of
 * its declared type; a link must answer 200 within a short timeout with a non-empty body of
 * the declared type (a web page where a file should be is the classic broken form).
 */

export interface FormVerdict {
  ok: boolean
  /** Stable code of the problem: missing_file, empty, type_mismatch, http_status, timeout, network, html_page, bad_url. */
  problem: string
  message: string
  detected: string
}

const OK: FormVerdict = { ok: true, problem: '', message: '可以下载', detected: '' }
const fail = (problem: string, message: string, detected = ''): FormVerdict => ({
  ok: false,
  problem,
  message,
  detected,
})

const ZIP = ['zip', 'docx', 'xlsx', 'pptx']
const OLE = ['cfb', 'doc', 'xls', 'ppt', 'msi']
/** What a detected type may be declared as (Office files are zip or OLE containers). */
const ACCEPTS: Record<string, string[]> = {
  pdf: ['pdf'],
  docx: ['docx', 'zip'],
  xlsx: ['xlsx', 'zip'],
  ofd: ['zip'],
  doc: OLE,
  xls: OLE,
  wps: [...OLE, ...ZIP],
  et: [...OLE, ...ZIP],
}

/** The type of the first bytes of a file (`html` for a web page, '' when unknown). */
export async function sniff(head: Buffer): Promise<string> {
  const t = await fileTypeFromBuffer(head)
  if (t) return t.ext
  const text = head.subarray(0, 512).toString('utf8').trimStart().toLowerCase()
  if (text.startsWith('<!doctype html') || text.startsWith('<html') || text.startsWith('<'))
    return 'html'
  return ''
}

function judge(declared: string, detected: string): FormVerdict {
  if (detected === 'html') return fail('html_page', '返回的是网页，不是表格文件', detected)
  const accepts = ACCEPTS[declared]
  if (!declared || !accepts)
    return detected ? { ...OK, detected } : fail('type_mismatch', '无法识别文件类型')
  if (accepts.includes(detected)) return { ...OK, detected }
  return fail(
    'type_mismatch',
    `声明为 ${declared}，实际为 ${detected || '无法识别的类型'}`,
    detected,
  )
}

/** Checks an uploaded form through the file table and the content-addressed store. */
export async function verifyStoredFile(
  db: Executor,
  store: FileStore,
  ref: { fileId?: number; sha256?: string },
  declared: string,
): Promise<FormVerdict> {
  const file = ref.fileId
    ? await fileRepository.get(db, ref.fileId)
    : await fileRepository.getBySha(db, ref.sha256 ?? '')
  if (!file || !store.exists(file.sha256))
    return fail('missing_file', '文件不存在（已被删除或未上传）')
  const path = store.pathOf(file.sha256)
  const size = (await fs.promises.stat(path)).size
  if (size === 0) return fail('empty', '文件为空')
  const fh = await fs.promises.open(path, 'r')
  try {
    const head = Buffer.alloc(Math.min(size, 64 * 1024))
    await fh.read(head, 0, head.length, 0)
    return judge(declared || file.ext, await sniff(head))
  } finally {
    await fh.close()
  }
}

/** Fetches a link (GET, redirects followed) and checks its first bytes; never reads it all. */
export async function verifyUrl(
  url: string,
  declared: string,
  timeoutMs = 5000,
): Promise<FormVerdict> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return fail('bad_url', '链接格式不正确')
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return fail('bad_url', '链接须为 http 或 https')
  const signal = AbortSignal.timeout(timeoutMs)
  try {
    const res = await fetch(parsed, {
      redirect: 'follow',
      signal,
      headers: { 'user-agent': 'Zhanqun-FormCheck/1' },
    })
    if (res.status !== 200) {
      await res.body?.cancel()
      return fail('http_status', `服务器返回 ${res.status}`)
    }
    const head = await readHead(res, 64 * 1024)
    if (head.length === 0) return fail('empty', '下载到的文件为空')
    const contentType = res.headers.get('content-type') ?? ''
    const detected = await sniff(head)
    if (!detected && contentType.includes('text/html'))
      return fail('html_page', '返回的是网页，不是表格文件', 'html')
    return judge(declared, detected)
  } catch (err) {
    if (signal.aborted) return fail('timeout', `${Math.round(timeoutMs / 1000)} 秒内没有响应`)
    return fail('network', `无法连接：${(err as Error).message}`.slice(0, 200))
  }
}

async function readHead(res: Response, max: number): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0)
  const reader = res.body.getReader()
  const chunks: Buffer[] = []
  let size = 0
  try {
    while (size < max) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(Buffer.from(value))
      size += value.length
    }
  } finally {
    await reader.cancel().catch(() => undefined)
  }
  return Buffer.concat(chunks).subarray(0, max)
}
