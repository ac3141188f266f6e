import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../../common/permissions'
import { demoCoverPng } from '../demo/cover-image'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { login, makeColumn, makePortal, makeUser, systemCtx } from '../../test/factories'

// Sign-in is rate limited per address: each sign-in of this file comes from its own.
let lastIp = 0

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
)
const EXE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(126),
  Buffer.from('PE\0\0'),
  Buffer.alloc(200),
])
const HTML = Buffer.from(
  '<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>',
)

/** A multipart/form-data body as a browser sends it: fields first, then the file part. */
function multipart(
  fields: [string, string][],
  file?: { name: string; type: string; bytes: Buffer },
) {
  const boundary = `----zqtest${randomBytes(8).toString('hex')}`
  const chunks: Buffer[] = []
  for (const [name, value] of fields) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    )
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
          `Content-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    )
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return {
    payload: Buffer.concat(chunks),
    contentType: `multipart/form-data; boundary=${boundary}`,
  }
}

function filesOnDisk(dataDir: string): string[] {
  const root = path.join(dataDir, 'files')
  if (!fs.existsSync(root)) return []
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) =>
    /[0-9a-f]{64}$/.test(f),
  )
}

async function signedIn(t: TestApp, grants: { siteId: number | null; role: Role }[]) {
  const user = await makeUser(t.core, grants)
  const s = await login(t, user.username, user.password, `10.5.0.${++lastIp}`)
  const upload = (
    siteId: number | string | null,
    file?: { name: string; type?: string; bytes: Buffer },
  ) => {
    const body = multipart(
      siteId === null ? [] : [['siteId', String(siteId)]],
      file ? { type: 'application/octet-stream', ...file } : undefined,
    )
    return t.app.inject({
      method: 'POST',
      url: '/api/admin/files',
      headers: { ...s.headers, 'content-type': body.contentType },
      payload: body.payload,
    })
  }
  return { user, s, upload }
}

describe(`file uploads (${TEST_DIALECT})`, () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('stores a real PNG by its content and serves the same bytes back as image/png', async () => {
    const portal = await makePortal(t.core)
    const editor = await signedIn(t, [{ siteId: portal.id, role: 'editor' }])
    const png = demoCoverPng(1)
    const res = await editor.upload(portal.id, {
      name: '县城风貌.png',
      type: 'image/png',
      bytes: png,
    })
    expect(res.statusCode, res.body).toBe(201)
    const data = res.json().data
    expect(data).toEqual({
      id: expect.any(Number),
      url: `/files/${sha256(png)}.png`,
      name: '县城风貌.png',
      size: png.length,
      mime: 'image/png',
      sha256: sha256(png),
    })
    const served = await t.app.inject({ url: data.url })
    expect(served.statusCode).toBe(200)
    expect(served.headers['content-type']).toBe('image/png')
    expect(served.headers['x-content-type-options']).toBe('nosniff')
    expect(served.rawPayload.equals(png)).toBe(true)
    const audit = await t.core.audit.list(systemCtx, { entity: 'file', entityId: String(data.id) })
    expect(audit.rows.map((e) => e.action)).toEqual(['file.upload'])
    expect(audit.rows[0]?.siteId).toBe(portal.id)
  })

  it('keeps one row and one copy for the same bytes uploaded twice', async () => {
    const portal = await makePortal(t.core)
    const editor = await signedIn(t, [{ siteId: portal.id, role: 'editor' }])
    const png = demoCoverPng(2, 120, 80)
    const first = await editor.upload(portal.id, { name: 'a.png', bytes: png })
    const second = await editor.upload(portal.id, { name: 'b.png', bytes: png })
    expect(first.statusCode).toBe(201)
    expect(second.statusCode).toBe(201)
    expect(second.json().data.id).toBe(first.json().data.id)
    expect(second.json().data.sha256).toBe(first.json().data.sha256)
    const rows = await t.database.db
      .selectFrom('file')
      .select('id')
      .where('sha256', '=', sha256(png))
      .execute()
    expect(rows).toHaveLength(1)
    expect(filesOnDisk(t.dataDir).filter((f) => f.endsWith(sha256(png)))).toHaveLength(1)
  })

  it('refuses executables, disguised HTML and files whose name lies about their content (415)', async () => {
    const portal = await makePortal(t.core)
    const editor = await signedIn(t, [{ siteId: portal.id, role: 'editor' }])
    const before = filesOnDisk(t.dataDir).length
    const cases = [
      { name: 'setup.exe', bytes: EXE, message: /不允许上传/ },
      { name: '通知.pdf', bytes: EXE, message: /不允许上传/ },
      { name: '公告.pdf', bytes: HTML, message: /无法识别文件类型/ },
      { name: 'page.html', bytes: HTML, message: /无法识别文件类型/ },
      { name: '图片.pdf', bytes: demoCoverPng(3, 32, 20), message: /与扩展名（pdf）不符/ },
    ]
    for (const c of cases) {
      const res = await editor.upload(portal.id, { name: c.name, bytes: c.bytes })
      expect(res.statusCode, c.name).toBe(415)
      expect(res.json().error.code).toBe('unsupported_type')
      expect(res.json().error.message).toMatch(c.message)
      const rows = await t.database.db
        .selectFrom('file')
        .select('id')
        .where('sha256', '=', sha256(c.bytes))
        .execute()
      expect(rows, c.name).toEqual([])
    }
    expect(filesOnDisk(t.dataDir)).toHaveLength(before)
  })

  it('answers an empty file, a missing site and a missing file with 400', async () => {
    const portal = await makePortal(t.core)
    const editor = await signedIn(t, [{ siteId: portal.id, role: 'editor' }])
    const empty = await editor.upload(portal.id, { name: 'empty.pdf', bytes: Buffer.alloc(0) })
    expect(empty.statusCode).toBe(400)
    expect(empty.json().error).toMatchObject({ code: 'invalid', message: '文件为空' })
    const noSite = await editor.upload(null, { name: 'a.pdf', bytes: PDF })
    expect(noSite.statusCode).toBe(400)
    expect(noSite.json().error.fields.siteId).toBeTruthy()
    const noFile = await editor.upload(portal.id)
    expect(noFile.statusCode).toBe(400)
    expect(noFile.json().error.fields.file).toBeTruthy()
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/admin/files',
      headers: editor.s.headers,
      payload: { siteId: portal.id },
    })
    expect(json.statusCode).toBe(400)
    expect(json.json().error.message).toContain('multipart/form-data')
  })

  it('lets only users with a role on the site upload to it', async () => {
    const portal = await makePortal(t.core)
    const other = await makePortal(t.core)
    const stranger = await signedIn(t, [{ siteId: other.id, role: 'admin' }])
    const pdf = Buffer.concat([PDF, randomBytes(16)])
    const res = await stranger.upload(portal.id, { name: '文件.pdf', bytes: pdf })
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('forbidden')
    expect(
      await t.database.db
        .selectFrom('file')
        .select('id')
        .where('sha256', '=', sha256(pdf))
        .execute(),
    ).toEqual([])
    const body = multipart([['siteId', String(portal.id)]], {
      name: 'x.pdf',
      type: 'application/pdf',
      bytes: pdf,
    })
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/admin/files',
      headers: { 'content-type': body.contentType },
      payload: body.payload,
    })
    expect(anonymous.statusCode).toBe(401)
    const root = await signedIn(t, [{ siteId: null, role: 'admin' }])
    expect((await root.upload(portal.id, { name: '文件.pdf', bytes: pdf })).statusCode).toBe(201)
  })

  it('keeps only a safe display name', async () => {
    const portal = await makePortal(t.core)
    const editor = await signedIn(t, [{ siteId: portal.id, role: 'editor' }])
    const res = await editor.upload(portal.id, {
      name: '..\\..\\etc\\通<知>.pdf',
      bytes: Buffer.concat([PDF, randomBytes(8)]),
    })
    expect(res.statusCode).toBe(201)
    expect(res.json().data.name).toBe('通知.pdf')
  })

  it('accepts only an image as an article cover; any allowed file as an attachment', async () => {
    const portal = await makePortal(t.core)
    const column = await makeColumn(t.core, portal)
    const editor = await signedIn(t, [{ siteId: portal.id, role: 'editor' }])
    const pdf = (
      await editor.upload(portal.id, {
        name: '附件.pdf',
        bytes: Buffer.concat([PDF, randomBytes(8)]),
      })
    ).json().data
    const png = (
      await editor.upload(portal.id, { name: '封面.png', bytes: demoCoverPng(4, 48, 30) })
    ).json().data
    const create = (extra: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/admin/articles',
        headers: editor.s.headers,
        payload: {
          siteId: portal.id,
          columnIds: [column.id],
          title: '带封面的信息',
          bodyHtml: '<p>正文</p>',
          ...extra,
        },
      })
    const refused = await create({ coverFileId: pdf.id })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().error.fields.coverFileId).toContain('图片')
    expect(
      await t.database.db
        .selectFrom('article')
        .select('id')
        .where('title', '=', '带封面的信息')
        .execute(),
    ).toEqual([])

    const ok = await create({
      coverFileId: png.id,
      attachments: [{ fileId: pdf.id, name: '实施方案.pdf' }],
    })
    expect(ok.statusCode).toBe(201)
    const files = ok.json().data.files as {
      fileId: number
      role: string
      name: string
      url: string
    }[]
    expect(files).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          fileId: pdf.id,
          role: 'attachment',
          name: '实施方案.pdf',
          url: pdf.url,
        }),
        expect.objectContaining({ fileId: png.id, role: 'cover', url: png.url }),
      ]),
    )
    const id = ok.json().data.id as number
    const swap = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/articles/${id}`,
      headers: editor.s.headers,
      payload: { coverFileId: pdf.id },
    })
    expect(swap.statusCode).toBe(400)
    expect((await t.core.articles.get(systemCtx, id)).coverFileId).toBe(png.id)
  })
})

describe(`upload size limit (${TEST_DIALECT})`, () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ uploadMaxBytes: 1024 })
  })
  afterAll(async () => {
    await t.close()
  })

  it('answers a file over the limit with 413 and stores nothing', async () => {
    const portal = await makePortal(t.core)
    const editor = await signedIn(t, [{ siteId: portal.id, role: 'editor' }])
    const big = demoCoverPng(0, 200, 120)
    expect(big.length).toBeGreaterThan(1024)
    const res = await editor.upload(portal.id, { name: 'big.png', type: 'image/png', bytes: big })
    expect(res.statusCode).toBe(413)
    expect(res.json().error).toMatchObject({
      code: 'too_large',
      message: expect.stringMatching(/过大|上限/),
    })
    expect(await t.database.db.selectFrom('file').select('id').execute()).toEqual([])
    expect(filesOnDisk(t.dataDir)).toEqual([])

    const text = (n: number) => Buffer.from('政'.repeat(n / 3) + 'a'.repeat(n % 3))
    expect(
      (await editor.upload(portal.id, { name: 'limit.txt', bytes: text(1024) })).statusCode,
    ).toBe(201)
    expect(
      (await editor.upload(portal.id, { name: 'over.txt', bytes: text(1025) })).statusCode,
    ).toBe(413)
    const small = demoCoverPng(0, 16, 10)
    expect((await editor.upload(portal.id, { name: 'small.png', bytes: small })).statusCode).toBe(
      201,
    )
  })
})
