import type { FastifyRequest } from 'fastify'
import { LETTER_ATTACHMENT_LIMITS, type LetterUpload } from '../modules/letters/letter.attachments'
import type { Fields } from './letters-common.pages'

/**
 * The write form as multipart/form-data: its text fields and up to a few files, read into
 * memory with bounds (busboy cuts each file at the per-file limit and marks it truncated, so
 * a refusal can name the file). Sizes and types are judged by `checkAttachments`.
 */

/** The form's file input name. */
export const ATTACHMENT_FIELD = 'attachments'

/** Files beyond this many are drained unread; the count check refuses the letter. */
const KEEP_FILES = LETTER_ATTACHMENT_LIMITS.count
/** Beyond this many file parts the request is refused outright (413). */
const MAX_FILE_PARTS = 10

export const MULTIPART_LIMITS = {
  fileSize: LETTER_ATTACHMENT_LIMITS.fileBytes,
  files: MAX_FILE_PARTS,
  fields: 30,
  fieldSize: 64 * 1024,
  parts: 50,
}

const uploadsOf = new WeakMap<FastifyRequest, LetterUpload[]>()

/** The files a multipart request carried (empty for urlencoded posts). */
export function requestUploads(request: FastifyRequest): LetterUpload[] {
  return uploadsOf.get(request) ?? []
}

/** Reads a multipart body: the fields become `request.body`, the files are kept aside. */
export async function readMultipartForm(request: FastifyRequest): Promise<void> {
  const fields: Fields = {}
  const uploads: LetterUpload[] = []
  try {
    for await (const part of request.parts({ limits: MULTIPART_LIMITS })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value
        continue
      }
      const isWanted = part.fieldname === ATTACHMENT_FIELD && uploads.length < KEEP_FILES
      if (!isWanted) {
        part.file.resume()
        await new Promise((resolve) => part.file.once('end', resolve).once('error', resolve))
        if (part.fieldname === ATTACHMENT_FIELD && part.filename) {
          uploads.push({ name: part.filename, bytes: Buffer.alloc(0) })
        }
        continue
      }
      const chunks: Buffer[] = []
      for await (const chunk of part.file) chunks.push(chunk as Buffer)
      // An empty file input posts a part with no name and no bytes: not an attachment.
      if (!part.filename && chunks.length === 0) continue
      uploads.push({
        name: part.filename,
        bytes: Buffer.concat(chunks),
        truncated: part.file.truncated,
      })
    }
  } catch (err) {
    const status = (err as { statusCode?: number }).statusCode
    if (status && status < 500) throw err
    // A malformed body is the client's fault: a 400 page, not a 500.
    throw Object.assign(new Error('malformed multipart body'), { statusCode: 400 })
  }
  request.body = fields
  uploadsOf.set(request, uploads)
}
