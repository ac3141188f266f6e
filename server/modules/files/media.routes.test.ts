import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../../common/permissions'
import { demoCoverPng } from '../demo/cover-image'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { login, makeColumn, makePortal, makeUser, systemCtx } from '../../test/factories'

let lastIp = 0
let seed = 100
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')
const pdf = () =>
  Buffer.concat([
    Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n'),
    randomBytes(12),
    Buffer.from('\n%%EOF\n'),
  ])

function multipart(siteId: number, name: string, bytes: Buffer) {
  const boundary = `----zqmedia${randomBytes(8).toString('hex')}`
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="siteId"\r\n\r\n${siteId}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` }
}

async function signedIn(t: TestApp, grants: { siteId: number | null; role: Role }[]) {
  const user = await makeUser(t.core, grants)
  const s = await login(t, user.username, user.password, `10.8.0.${++lastIp}`)
  const upload = async (siteId: number, name: string, bytes: Buffer) => {
    const body = multipart(siteId, name, bytes)
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/files',
      headers: { ...s.headers, 'content-type': body.contentType },
      payload: body.payload,
    })
    expect(res.statusCode, res.body).toBe(201)
    return res.json().data as { id: number; url: string; name: string; sha256: string }
  }
  const get = (url: string) => t.app.inject({ url, headers: s.headers })
  const del = (url: string) => t.app.inject({ method: 'DELETE', url, headers: s.headers })
  return { user, s, upload, get, del }
}

describe(`media library (${TEST_DIALECT})`, () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('lists the files of a site newest first, with usage, filters and pages', async () => {
    const portal = await makePortal(t.core)
    const other = await makePortal(t.core, { isDefault: false })
    const column = await makeColumn(t.core, portal)
    const editor = await signedIn(t, [
      { siteId: portal.id, role: 'editor' },
      { siteId: other.id, role: 'editor' },
    ])
    const photo = await editor.upload(portal.id, '县城全景.png', demoCoverPng(++seed, 64, 40))
    const doc = await editor.upload(portal.id, '实施方案.pdf', pdf())
    const third = await editor.upload(portal.id, '会议现场.png', demoCoverPng(++seed, 64, 40))
    await editor.upload(other.id, '别的站点.pdf', pdf())
    const article = await t.app.inject({
      method: 'POST',
      url: '/api/admin/articles',
      headers: editor.s.headers,
      payload: {
        siteId: portal.id,
        columnIds: [column.id],
        title: '县城新貌',
        bodyHtml: `<p>正文</p><p><img src="${third.url}" alt="现场"></p>`,
        coverFileId: photo.id,
      },
    })
    expect(article.statusCode, article.body).toBe(201)

    const all = await editor.get(`/api/admin/sites/${portal.id}/media`)
    expect(all.statusCode, all.body).toBe(200)
    const body = all.json()
    expect(body.total).toBe(3)
    expect(body.data.map((f: { id: number }) => f.id)).toEqual([third.id, doc.id, photo.id])
    expect(body.data[0]).toMatchObject({
      name: '会议现场.png',
      url: third.url,
      mime: 'image/png',
      isImage: true,
      usage: 1,
    })
    expect(body.data[1]).toMatchObject({ name: '实施方案.pdf', isImage: false, usage: 0 })

    const images = (await editor.get(`/api/admin/sites/${portal.id}/media?type=image`)).json()
    expect(images.data.map((f: { id: number }) => f.id)).toEqual([third.id, photo.id])
    const docs = (await editor.get(`/api/admin/sites/${portal.id}/media?type=document`)).json()
    expect(docs.data.map((f: { id: number }) => f.id)).toEqual([doc.id])
    const named = await editor.get(
      `/api/admin/sites/${portal.id}/media?keyword=${encodeURIComponent('全景')}`,
    )
    expect(named.json().data.map((f: { id: number }) => f.id)).toEqual([photo.id])
    const paged = (await editor.get(`/api/admin/sites/${portal.id}/media?page=2&pageSize=2`)).json()
    expect(paged).toMatchObject({ total: 3, page: 2, pageSize: 2 })
    expect(paged.data.map((f: { id: number }) => f.id)).toEqual([photo.id])

    const usage = await editor.get(`/api/admin/media/${photo.id}/usage`)
    expect(usage.statusCode).toBe(200)
    expect(usage.json().data).toEqual({
      uses: [
        {
          articleId: article.json().data.id,
          title: '县城新貌',
          status: 'draft',
          siteId: portal.id,
          roles: ['cover'],
          roleLabels: ['封面'],
        },
      ],
      hiddenCount: 0,
    })
  })

  it('refuses deleting a file in use with 409 naming the article; the file still downloads', async () => {
    const portal = await makePortal(t.core)
    const column = await makeColumn(t.core, portal)
    const admin = await signedIn(t, [{ siteId: portal.id, role: 'admin' }])
    const file = await admin.upload(portal.id, '附件.pdf', pdf())
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/admin/articles',
      headers: admin.s.headers,
      payload: {
        siteId: portal.id,
        columnIds: [column.id],
        title: '关于印发实施方案的通知',
        bodyHtml: '<p>见附件</p>',
        attachments: [{ fileId: file.id, name: '实施方案.pdf' }],
      },
    })
    expect(created.statusCode, created.body).toBe(201)
    const res = await admin.del(`/api/admin/media/${file.id}`)
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('conflict')
    expect(res.json().error.message).toContain('《关于印发实施方案的通知》（附件）')
    const served = await t.app.inject({ url: file.url })
    expect(served.statusCode).toBe(200)
    const audit = await t.core.audit.list(systemCtx, { entity: 'file', entityId: String(file.id) })
    expect(audit.rows.map((e) => e.action)).toEqual(['file.upload'])
  })

  it('deletes an unused file, its audit event and its bytes', async () => {
    const portal = await makePortal(t.core)
    const admin = await signedIn(t, [{ siteId: portal.id, role: 'admin' }])
    const bytes = pdf()
    const file = await admin.upload(portal.id, '作废.pdf', bytes)
    const path = t.core.deps.files.pathOf(sha256(bytes))
    expect(fs.existsSync(path)).toBe(true)
    const res = await admin.del(`/api/admin/media/${file.id}`)
    expect(res.statusCode, res.body).toBe(200)
    expect(fs.existsSync(path)).toBe(false)
    expect((await t.app.inject({ url: file.url })).statusCode).toBe(404)
    const audit = await t.core.audit.list(systemCtx, { entity: 'file', entityId: String(file.id) })
    expect(audit.rows.map((e) => e.action).sort()).toEqual(['file.delete', 'file.upload'])
    expect((await admin.del(`/api/admin/media/${file.id}`)).statusCode).toBe(404)
    expect((await admin.get(`/api/admin/media/${file.id}/usage`)).statusCode).toBe(404)
  })

  it('keeps the bytes on disk while another row still points at the same content', async () => {
    const portal = await makePortal(t.core)
    const admin = await signedIn(t, [{ siteId: portal.id, role: 'admin' }])
    const bytes = pdf()
    const file = await admin.upload(portal.id, '共享.pdf', bytes)
    const sha = sha256(bytes)
    // A second row over the same content, as a row imported under another name would be.
    const hasUnique = await t.database.db
      .insertInto('file')
      .values({
        sha256: sha,
        size: bytes.length,
        mime: 'application/pdf',
        ext: 'pdf',
        name: '副本.pdf',
        site_id: portal.id,
        created_by: null,
        created_at: new Date().toISOString(),
      })
      .execute()
      .then(
        () => false,
        () => true,
      )
    const res = await admin.del(`/api/admin/media/${file.id}`)
    expect(res.statusCode).toBe(200)
    // sha256 is unique today: then the only row is gone and so are the bytes.
    expect(fs.existsSync(t.core.deps.files.pathOf(sha))).toBe(!hasUnique)
  })

  it('answers 401 without a session, 403 to strangers and to editors deleting others’ files', async () => {
    const portal = await makePortal(t.core)
    const other = await makePortal(t.core, { isDefault: false })
    const admin = await signedIn(t, [{ siteId: portal.id, role: 'admin' }])
    const file = await admin.upload(portal.id, '管理员上传.pdf', pdf())
    expect((await t.app.inject({ url: `/api/admin/sites/${portal.id}/media` })).statusCode).toBe(
      401,
    )
    expect((await t.app.inject({ url: `/api/admin/media/${file.id}/usage` })).statusCode).toBe(401)
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/admin/media/${file.id}` })).statusCode,
    ).toBe(401)

    const stranger = await signedIn(t, [{ siteId: other.id, role: 'admin' }])
    expect((await stranger.get(`/api/admin/sites/${portal.id}/media`)).statusCode).toBe(403)
    expect((await stranger.get(`/api/admin/media/${file.id}/usage`)).statusCode).toBe(403)
    expect((await stranger.del(`/api/admin/media/${file.id}`)).statusCode).toBe(403)

    const editor = await signedIn(t, [{ siteId: portal.id, role: 'editor' }])
    expect((await editor.get(`/api/admin/media/${file.id}/usage`)).statusCode).toBe(200)
    const refused = await editor.del(`/api/admin/media/${file.id}`)
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error.message).toContain('站点管理员或上传者')
    const own = await editor.upload(portal.id, '编辑上传.pdf', pdf())
    expect((await editor.del(`/api/admin/media/${own.id}`)).statusCode).toBe(200)
    expect((await t.app.inject({ url: file.url })).statusCode).toBe(200)
  })

  it('answers 400 for bad filters and 404 for a missing site', async () => {
    const portal = await makePortal(t.core)
    const root = await signedIn(t, [{ siteId: null, role: 'admin' }])
    expect((await root.get(`/api/admin/sites/${portal.id}/media?type=exe`)).statusCode).toBe(400)
    expect((await root.get(`/api/admin/sites/${portal.id}/media?pageSize=1000`)).statusCode).toBe(
      400,
    )
    expect((await root.get(`/api/admin/sites/${portal.id}/media?page=0`)).statusCode).toBe(400)
    expect((await root.get('/api/admin/sites/999999/media')).statusCode).toBe(404)
    expect((await root.del('/api/admin/media/abc')).statusCode).toBe(400)
  })
})
