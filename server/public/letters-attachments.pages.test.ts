import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../test/build-test-app'
import { letterFiles, openLetterFile } from '../modules/letters/letter.attachments'
import { letterWorld, type LetterWorld } from './letters.test-helpers'

const HOST = 'www.letters-files.gov.cn'
const MB = 1024 * 1024
let t: TestApp
let w: LetterWorld
let ip = 0
let n = 0

interface Upload {
  name: string
  bytes: Buffer
  type?: string
}

const JPEG = (size = 2048) =>
  Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]),
    randomBytes(size),
  ])
const PDF = () =>
  Buffer.concat([Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), randomBytes(512)])
/** A Windows executable (MZ header) pretending to be a photo. */
const EXE = () => {
  const b = Buffer.alloc(1024)
  b.write('MZ', 0)
  b.writeUInt32LE(0x80, 0x3c)
  b.write('PE\0\0', 0x80, 'latin1')
  return b
}

function multipart(fields: Record<string, string>, files: Upload[]) {
  const boundary = `----zq${randomBytes(8).toString('hex')}`
  const parts: Buffer[] = []
  for (const [k, v] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    )
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    )
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` }
}

const letter = (extra: Record<string, string> = {}) => {
  n++
  return {
    mailbox: w.code,
    type: 'help',
    subject: `附件测试${n}`,
    body: `请帮助处理小区门口的积水问题，照片见附件。${n}`,
    name: '赵附件',
    mobile: `1371234${String(1000 + n).padStart(4, '0')}`,
    email: '',
    ...extra,
  }
}

const send = (fields: Record<string, string>, files: Upload[]) => {
  const { payload, type } = multipart(fields, files)
  return t.app.inject({
    method: 'POST',
    url: '/ldxx/submit',
    headers: { host: HOST, 'content-type': type },
    payload,
    remoteAddress: `10.30.0.${++ip}`,
  })
}
const lettersWith = async (subject: string) =>
  t.core.deps.db.selectFrom('letter').select('id').where('subject', '=', subject).execute()
const fileRows = async (name: string) =>
  t.core.deps.db.selectFrom('file').select(['id', 'sha256']).where('name', '=', name).execute()

beforeAll(async () => {
  t = await buildTestApp({ captcha: 'off' })
  w = await letterWorld(t, HOST, 'xzxx-files')
})
afterAll(async () => t.close())

describe(`letter attachments (${TEST_DIALECT})`, () => {
  it('offers a multipart form with an accessible file input', async () => {
    const res = await t.app.inject({ url: '/ldxx/', headers: { host: HOST } })
    expect(res.body).toContain('enctype="multipart/form-data"')
    expect(res.body).toMatch(
      /<label for="letter-attachments">附件（选填）<\/label>[\s\S]*<input type="file" id="letter-attachments" name="attachments" multiple accept="\.jpg,\.jpeg,\.png,\.pdf,\.doc,\.docx,\.xls,\.xlsx" aria-describedby="letter-attachments-hint"/,
    )
  })

  it('stores checked attachments with the letter, never served publicly', async () => {
    const photo = JPEG()
    const fields = letter()
    const res = await send(fields, [
      { name: '积水照片.jpg', bytes: photo, type: 'image/jpeg' },
      { name: '说明.pdf', bytes: PDF() },
      { name: '', bytes: Buffer.alloc(0) },
    ])
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.body).toContain('含 2 个附件')
    const [row] = await lettersWith(fields.subject)
    const files = await letterFiles(t.core.deps.db, row?.id ?? 0)
    expect(files).toEqual([
      { id: expect.any(Number), name: '积水照片.jpg', size: photo.length, mime: 'image/jpeg' },
      {
        id: expect.any(Number),
        name: '说明.pdf',
        size: expect.any(Number),
        mime: 'application/pdf',
      },
    ])
    const roles = await t.core.deps.db
      .selectFrom('letter_file')
      .select('role')
      .where('letter_id', '=', row?.id ?? 0)
      .execute()
    expect(roles.map((r) => r.role)).toEqual(['writer', 'writer'])

    const opened = await openLetterFile(t.core.deps, row?.id ?? 0, files[0]?.id ?? 0)
    const chunks: Buffer[] = []
    for await (const c of opened.stream) chunks.push(c as Buffer)
    expect(Buffer.concat(chunks).equals(photo)).toBe(true)
    expect(opened).toMatchObject({ mime: 'image/jpeg', name: '积水照片.jpg' })
    // Another letter's id does not open it.
    await expect(
      openLetterFile(t.core.deps, (row?.id ?? 0) + 999, files[0]?.id ?? 0),
    ).rejects.toMatchObject({
      status: 404,
    })

    const [stored] = await fileRows('积水照片.jpg')
    const pub = await t.app.inject({ url: `/files/${stored?.sha256}.jpg`, headers: { host: HOST } })
    expect(pub.statusCode).toBe(404)
  })

  it('refuses a disguised file by its content, with a Chinese message and the input kept', async () => {
    const fields = letter({ subject: '伪装附件' })
    const res = await send(fields, [{ name: 'photo.jpg', bytes: EXE(), type: 'image/jpeg' }])
    expect(res.statusCode).toBe(415)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.body).toMatch(
      /role="alert"[\s\S]*附件“photo.jpg”的文件内容不是允许的类型或与扩展名不符/,
    )
    expect(res.body).toContain('href="#letter-attachments"')
    expect(res.body).toContain('value="伪装附件"')
    expect(res.body).toContain('附件需要重新选择')
    expect(await lettersWith('伪装附件')).toEqual([])
    expect(await fileRows('photo.jpg')).toEqual([])

    // A real type under another type's name is refused too.
    const renamed = await send(letter({ subject: '改名附件' }), [
      { name: 'scan.docx', bytes: PDF() },
    ])
    expect(renamed.statusCode).toBe(415)
    expect(renamed.body).toContain('附件“scan.docx”的文件内容不是允许的类型或与扩展名不符')
  })

  it('refuses oversized, too large in total and too many attachments', async () => {
    const big = await send(letter({ subject: '超大附件' }), [
      { name: 'big.jpg', bytes: JPEG(10 * MB) },
    ])
    expect(big.statusCode).toBe(413)
    expect(big.body).toMatch(/role="alert"[\s\S]*附件“big.jpg”超过 10 MB/)
    expect(big.body).toContain('value="超大附件"')
    expect(await lettersWith('超大附件')).toEqual([])

    const total = await send(
      letter({ subject: '合计超限' }),
      [1, 2, 3].map((i) => ({ name: `p${i}.jpg`, bytes: JPEG(7 * MB) })),
    )
    expect(total.statusCode).toBe(413)
    expect(total.body).toContain('附件合计超过 20 MB')

    const four = await send(
      letter({ subject: '四个附件' }),
      [1, 2, 3, 4].map((i) => ({ name: `q${i}.jpg`, bytes: JPEG() })),
    )
    expect(four.statusCode).toBe(400)
    expect(four.body).toContain('最多上传 3 个附件')
    expect(await lettersWith('四个附件')).toEqual([])
  })

  it('leaves no rows and removes new blobs when the letter itself is refused', async () => {
    const fields = letter({ subject: '重复来信附件' })
    expect((await send(fields, [{ name: 'first.jpg', bytes: JPEG() }])).statusCode).toBe(200)
    const second = JPEG()
    const twice = await send(fields, [{ name: 'second.jpg', bytes: second }])
    expect(twice.statusCode).toBe(409)
    expect(twice.body).toContain('请勿重复提交')
    expect(await fileRows('second.jpg')).toEqual([])
    const { createHash } = await import('node:crypto')
    expect(t.core.deps.files.exists(createHash('sha256').update(second).digest('hex'))).toBe(false)
  })

  it('keeps the JSON API JSON-only', async () => {
    const { payload, type } = multipart(letter(), [{ name: 'a.jpg', bytes: JPEG() }])
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/letters',
      headers: { 'content-type': type },
      payload,
    })
    expect(res.statusCode).toBe(415)
  })
})
