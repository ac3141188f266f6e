import { randomBytes } from 'node:crypto'
import { deflateRawSync } from 'node:zlib'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Finding } from '../../../common/checks'
import { readXlsx } from '../../plugins/xlsx'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import {
  login,
  makeArticle,
  makeColumn,
  makePortal,
  makeUser,
  systemCtx,
} from '../../test/factories'
import { docxText } from './attachment-text'
import { seedLexicon } from './check.seed'
import { lexiconRepository, SETTING_SEEDED } from './lexicon.repository'

let lastIp = 0
const signIn = (t: TestApp, username: string, password: string) =>
  login(t, username, password, `10.45.0.${++lastIp}`)

/** A multipart/form-data body with one `file` part. */
function multipart(bytes: Buffer, name = 'lexicon.xlsx') {
  const boundary = `----zqtest${randomBytes(8).toString('hex')}`
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
          'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  }
}

async function xlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('词库')
  ws.addRow(['词库', '词语', '正确写法/职务', '说明'])
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** A minimal .docx (one deflated ZIP entry) holding the given paragraphs. */
function docx(paragraphs: string[]): Buffer {
  const xml = Buffer.from(
    `<?xml version="1.0"?><w:document><w:body>${paragraphs
      .map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`)
      .join('')}</w:body></w:document>`,
  )
  const name = Buffer.from('word/document.xml')
  const data = deflateRawSync(xml)
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0)
  local.writeUInt16LE(20, 4)
  local.writeUInt16LE(8, 8)
  local.writeUInt32LE(data.length, 18)
  local.writeUInt32LE(xml.length, 22)
  local.writeUInt16LE(name.length, 26)
  const central = Buffer.alloc(46)
  central.writeUInt32LE(0x02014b50, 0)
  central.writeUInt16LE(20, 6)
  central.writeUInt16LE(8, 10)
  central.writeUInt32LE(data.length, 20)
  central.writeUInt32LE(xml.length, 24)
  central.writeUInt16LE(name.length, 28)
  central.writeUInt32LE(0, 42)
  const cdOffset = local.length + name.length + data.length
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(1, 8)
  end.writeUInt16LE(1, 10)
  end.writeUInt32LE(central.length + name.length, 12)
  end.writeUInt32LE(cdOffset, 16)
  return Buffer.concat([local, name, data, central, name, end])
}

describe(`content checks service (${TEST_DIALECT})`, () => {
  let t: TestApp
  let root: { headers: Record<string, string> }
  beforeAll(async () => {
    t = await buildTestApp()
    const admin = await makeUser(t.core, [{ siteId: null, role: 'admin' }])
    root = await signIn(t, admin.username, admin.password)
  })
  afterAll(async () => {
    await t.close()
  })

  const run = (headers: Record<string, string>, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/admin/checks/run', headers, payload })

  it('seeds the bundled word lists once', async () => {
    const first = await seedLexicon(t.core)
    expect(first).toBeGreaterThan(1200)
    expect(await seedLexicon(t.core)).toBe(0)
    expect(await lexiconRepository.getSetting(t.core.deps.db, SETTING_SEEDED)).toBeTruthy()
    const wrong = await lexiconRepository.findByTerm(t.core.deps.db, 'wrong', '撤消')
    expect(wrong?.replacement).toBe('撤销')
    // Entries that are correct usage in government documents are not seeded.
    expect(await lexiconRepository.findByTerm(t.core.deps.db, 'wrong', '标识')).toBeUndefined()
    expect(
      await lexiconRepository.findByTerm(t.core.deps.db, 'ad_domain', 'union.jd.com'),
    ).toBeTruthy()
  })

  it('runs the checks for staff of the site and refuses others', async () => {
    const portal = await makePortal(t.core)
    const other = await makePortal(t.core, { isDefault: false })
    const editor = await makeUser(t.core, [{ siteId: portal.id, role: 'editor' }])
    const h = (await signIn(t, editor.username, editor.password)).headers
    const payload = {
      siteId: portal.id,
      title: '关于撤消某项目的通知',
      bodyHtml: '<p>联系人：13812345678</p>',
      publishedAt: '2020-01-01',
    }
    const res = await run(h, payload)
    expect(res.statusCode).toBe(200)
    const findings = (res.json() as { data: Finding[] }).data
    expect(findings.map((f) => [f.rule, f.field, f.excerpt])).toEqual([
      ['wrong_word', 'title', '撤消'],
      ['mobile', 'body', '13812345678'],
      ['backdated', 'publishedAt', '2020-01-01'],
    ])
    expect((await run(h, { ...payload, siteId: other.id })).statusCode).toBe(403)
    expect((await run(h, { ...payload, siteId: 999999 })).statusCode).toBe(404)
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/admin/checks/run', payload })).statusCode,
    ).toBe(401)
    expect((await run(h, { siteId: portal.id })).statusCode).toBe(400)
  })

  it('applies the cluster severities, which only cluster admins change', async () => {
    const portal = await makePortal(t.core)
    const siteAdmin = await makeUser(t.core, [{ siteId: portal.id, role: 'admin' }])
    const sh = (await signIn(t, siteAdmin.username, siteAdmin.password)).headers
    const rules = await t.app.inject({ url: '/api/admin/checks/rules', headers: sh })
    expect(rules.statusCode).toBe(200)
    const list = (rules.json() as { data: { rule: string; severity: string; label: string }[] })
      .data
    expect(list.find((r) => r.rule === 'mobile')).toMatchObject({
      severity: 'blocking',
      label: '手机号码',
    })
    const put = (headers: Record<string, string>, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PUT', url: '/api/admin/checks/rules', headers, payload })
    expect((await put(sh, { rules: { mobile: 'warning' } })).statusCode).toBe(403)
    expect((await put(root.headers, { rules: { mobile: 'never' } })).statusCode).toBe(400)
    expect((await put(root.headers, { rules: { nosuchrule: 'off' } })).statusCode).toBe(400)

    const body = { siteId: portal.id, title: '通知', bodyHtml: '<p>电话 13812345678</p>' }
    const ok = await put(root.headers, { rules: { mobile: 'warning', wrong_word: 'off' } })
    expect(ok.statusCode).toBe(200)
    let fs = (await run(sh, body)).json().data as Finding[]
    expect(fs.map((f) => [f.rule, f.severity])).toEqual([['mobile', 'warning']])
    await put(root.headers, { rules: { mobile: 'off' } })
    fs = (await run(sh, body)).json().data as Finding[]
    expect(fs).toEqual([])
    await put(root.headers, { rules: { mobile: 'blocking', wrong_word: 'warning' } })
    fs = (await run(sh, body)).json().data as Finding[]
    expect(fs.map((f) => [f.rule, f.severity])).toEqual([['mobile', 'blocking']])
    const audit = await t.core.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'checks.rules')
      .execute()
    expect(audit).toHaveLength(3)
  })

  it('adds, finds, changes and removes word-list entries, refusing duplicates and non-admins', async () => {
    const portal = await makePortal(t.core)
    const siteAdmin = await makeUser(t.core, [{ siteId: portal.id, role: 'admin' }])
    const sh = (await signIn(t, siteAdmin.username, siteAdmin.password)).headers
    const post = (headers: Record<string, string>, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/admin/lexicon', headers, payload })

    const created = await post(root.headers, {
      kind: 'protected',
      term: ' 赵立新 ',
      replacement: '县委书记',
    })
    expect(created.statusCode).toBe(201)
    const entry = (created.json() as { data: { id: number; term: string; kindLabel: string } }).data
    expect(entry).toMatchObject({ term: '赵立新', kindLabel: '领导姓名' })

    const dup = await post(root.headers, { kind: 'protected', term: '赵立新' })
    expect(dup.statusCode).toBe(409)
    expect(dup.json().error.message).toContain('已有「赵立新」')
    expect((await post(root.headers, { kind: 'protected', term: 'Zhao' })).statusCode).toBe(400)
    expect((await post(root.headers, { kind: 'wrong', term: '按装' })).statusCode).toBe(400)
    expect((await post(sh, { kind: 'sensitive', term: '某词' })).statusCode).toBe(403)
    const ad = await post(root.headers, { kind: 'ad_domain', term: 'https://WWW.Shop-Ads.com/x' })
    expect(ad.json().data.term).toBe('shop-ads.com')

    // The new name takes effect at once (the config is recompiled on the change event).
    const check = await run(root.headers, {
      siteId: portal.id,
      title: '县委书记赵立信调研',
      bodyHtml: '<p>详见 <a href="https://m.shop-ads.com/p">链接</a></p>',
    })
    expect((check.json().data as Finding[]).map((f) => [f.rule, f.excerpt])).toEqual([
      ['protected_name', '赵立信'],
      ['ad_link', '链接'],
    ])

    const list = await t.app.inject({
      url: '/api/admin/lexicon?kind=protected&q=立新&page=1&pageSize=10',
      headers: sh,
    })
    expect(list.statusCode).toBe(200)
    expect(list.json()).toMatchObject({ total: 1, page: 1, pageSize: 10 })

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/lexicon/${entry.id}`,
      headers: root.headers,
      payload: { replacement: '县委书记/县长' },
    })
    expect(patched.statusCode).toBe(200)
    expect(patched.json().data.replacement).toBe('县委书记/县长')
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/admin/lexicon/${entry.id}`,
          headers: sh,
          payload: { note: 'x' },
        })
      ).statusCode,
    ).toBe(403)
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/admin/lexicon/${entry.id}`,
      headers: root.headers,
    })
    expect(del.statusCode).toBe(200)
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/admin/lexicon/${entry.id}`,
          headers: root.headers,
        })
      ).statusCode,
    ).toBe(404)
    const actions = (
      await t.core.deps.db
        .selectFrom('audit_event')
        .select('action')
        .where('entity', '=', 'lexicon')
        .where('entity_id', '=', String(entry.id))
        .orderBy('id')
        .execute()
    ).map((r) => r.action)
    expect(actions).toEqual(['lexicon.create', 'lexicon.update', 'lexicon.delete'])
  })

  it('imports and exports the word lists as Excel, all rows or none', async () => {
    const bad = multipart(
      await xlsx([
        ['错别字', '按装', '安装', ''],
        ['无此词库', 'x', '', ''],
      ]),
    )
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/admin/lexicon/import',
      headers: { ...root.headers, 'content-type': bad.contentType },
      payload: bad.payload,
    })
    expect(refused.statusCode).toBe(400)
    expect(Object.values(refused.json().error.fields as Record<string, string>)).toEqual([
      expect.stringContaining('第 3 行'),
    ])
    expect(await lexiconRepository.findByTerm(t.core.deps.db, 'wrong', '按装')).toBeUndefined()

    const good = multipart(
      await xlsx([
        ['错别字', '按装', '安装', '测试'],
        ['敏感词', '测试敏感词', '', ''],
        ['领导姓名', '钱卫东', '县长', ''],
      ]),
    )
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/admin/lexicon/import',
      headers: { ...root.headers, 'content-type': good.contentType },
      payload: good.payload,
    })
    expect(imported.statusCode).toBe(200)
    expect(imported.json().data).toEqual({ created: 3, updated: 0, unchanged: 0 })
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/admin/lexicon/import',
      headers: { ...root.headers, 'content-type': good.contentType },
      payload: good.payload,
    })
    expect(again.json().data).toEqual({ created: 0, updated: 0, unchanged: 3 })

    const exported = await t.app.inject({
      url: '/api/admin/lexicon/export.xlsx?kind=protected',
      headers: root.headers,
    })
    expect(exported.statusCode).toBe(200)
    const rows = await readXlsx(exported.rawPayload)
    expect(rows.map((r) => r.values['词语'])).toContain('钱卫东')
    expect(rows.every((r) => r.values['词库'] === '领导姓名')).toBe(true)
  })

  it('finds broken internal links and images against the database', async () => {
    const portal = await makePortal(t.core, {
      hosts: [`www.${randomBytes(3).toString('hex')}.gov.cn`],
    })
    const column = await makeColumn(t.core, portal)
    const live = await makeArticle(t.core, portal, column)
    const draft = await makeArticle(t.core, portal, column, { publish: false })
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    )
    const file = await t.core.files.upload(systemCtx, {
      siteId: portal.id,
      name: '图.png',
      bytes: png,
    })
    const host = portal.hosts[0] ?? ''
    const missingSha = 'b'.repeat(64)
    const body = [
      `<p><a href="/${column.path}/content_${live.id}.html">已发布</a></p>`,
      `<p><a href="/${column.path}/content_${draft.id}.html">草稿</a></p>`,
      `<p><a href="/${column.path}/content_99999999.html">不存在</a></p>`,
      `<p><a href="http://${host}/nosuchcolumn/">错栏目</a></p>`,
      `<p><a href="http://${host}/${column.path}/">栏目</a></p>`,
      `<p><a href="content_${live.id}.html">相对</a></p>`,
      `<p><a href="https://www.example.com/x">外部</a></p>`,
      `<p><img src="/files/${file.sha256}.png" alt="图"></p>`,
      `<p><img src="/files/${missingSha}.png" alt="丢失"></p>`,
    ].join('')
    const res = await run(root.headers, { siteId: portal.id, title: '链接测试', bodyHtml: body })
    const fs = res.json().data as Finding[]
    expect(fs.map((f) => [f.rule, f.excerpt])).toEqual([
      ['broken_link', '草稿'],
      ['broken_link', '不存在'],
      ['broken_link', '错栏目'],
      ['broken_image', `/files/${missingSha}.png`],
    ])
    expect(fs.map((f) => f.message)).toEqual([
      expect.stringContaining('未发布'),
      expect.stringContaining('信息不存在'),
      expect.stringContaining('栏目不存在'),
      expect.stringContaining('文件不存在'),
    ])
    // A link to the article being checked is fine even while it is a draft.
    const self = await run(root.headers, {
      siteId: portal.id,
      title: '自身',
      bodyHtml: `<p><a href="/${column.path}/content_${draft.id}.html">本文</a></p>`,
      articleId: draft.id,
    })
    expect(self.json().data).toEqual([])
  })

  it('checks attachment names and the text of txt and docx attachments', async () => {
    const portal = await makePortal(t.core)
    const txt = await t.core.files.upload(systemCtx, {
      siteId: portal.id,
      name: 'a.txt',
      bytes: Buffer.from('会议安排\n秘密★1年\n联系人 13912345678\n'),
    })
    const doc = await t.core.files.upload(systemCtx, {
      siteId: portal.id,
      name: 'b.docx',
      bytes: docx(['第一段', '内部资料 注意保存']),
    })
    expect(docxText(docx(['甲', '乙&amp;丙']))).toBe('甲\n乙&丙')
    const res = await run(root.headers, {
      siteId: portal.id,
      title: '附件测试',
      bodyHtml: '<p>正文</p>',
      attachments: [
        { fileId: txt.id, name: '机密-会议安排.txt' },
        { fileId: doc.id, name: '通知.docx' },
      ],
    })
    const fs = res.json().data as Finding[]
    expect(fs.map((f) => [f.rule, f.attachment, f.excerpt, f.offset])).toEqual([
      ['secrecy', '机密-会议安排.txt', '机密', 0],
      ['secrecy', '机密-会议安排.txt', '秘密★1年', 5],
      ['mobile', '机密-会议安排.txt', '13912345678', 15],
      ['secrecy', '通知.docx', '内部资料', 4],
    ])
  })

  it('sweeps the published articles of a site in batches', async () => {
    const portal = await makePortal(t.core)
    const column = await makeColumn(t.core, portal)
    const clean = await makeArticle(t.core, portal, column, { bodyHtml: '<p>正常内容。</p>' })
    const flagged = await makeArticle(t.core, portal, column, {
      bodyHtml: '<p>予以撤消。</p><p><img src="/x.png"></p>',
    })
    await makeArticle(t.core, portal, column, { bodyHtml: '<p>撤消</p>', publish: false })
    const progress: [number, number][] = []
    const results = await t.core.checks.sweepSite(portal.code, (d, n) => progress.push([d, n]))
    expect(results.map((r) => r.articleId)).toEqual([flagged.id])
    expect(results[0]?.url).toBe(`/sites/${portal.code}/${column.path}/content_${flagged.id}.html`)
    // /x.png is served by nothing on the site: broken, and without alt text.
    expect(results[0]?.findings.map((f) => f.rule)).toEqual([
      'wrong_word',
      'broken_image',
      'image_alt',
    ])
    expect(progress.at(-1)).toEqual([2, 2])
    expect(clean.id).toBeGreaterThan(0)
    await expect(t.core.checks.sweepSite('nosuchsite')).rejects.toThrow('不存在')
  })
})
