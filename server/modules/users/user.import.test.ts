import { randomBytes } from 'node:crypto'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readXlsx } from '../../plugins/xlsx'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { login, makeChannel, makePortal, makeUser } from '../../test/factories'
import { userRepository } from './user.repository'

// Sign-in is rate limited per address: each sign-in of this file comes from its own.
let lastIp = 0
const signIn = (t: TestApp, username: string, password: string) =>
  login(t, username, password, `10.32.0.${++lastIp}`)
const newName = () => `im${randomBytes(4).toString('hex')}`

const HEADERS = ['用户名', '姓名', '单位', '电话', '邮箱', '站点代码', '角色']

async function xlsx(headers: string[], rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('用户')
  ws.addRow(headers)
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** A multipart/form-data body with one `file` part, as a browser sends it. */
function multipart(bytes: Buffer, name = 'users.xlsx') {
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

interface ImportJson {
  data: {
    created: { row: number; username: string; password: string }[]
    failed: unknown[]
    passwordsXlsx: string
  }
}

describe(`user import and export (${TEST_DIALECT})`, () => {
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

  const upload = (headers: Record<string, string>, bytes: Buffer) => {
    const body = multipart(bytes)
    return t.app.inject({
      method: 'POST',
      url: '/api/admin/users/import',
      headers: { ...headers, 'content-type': body.contentType },
      payload: body.payload,
    })
  }

  it('imports users with generated one-time passwords, roles on several sites, and an xlsx of them', async () => {
    const portal = await makePortal(t.core)
    const channel = await makeChannel(t.core, portal)
    const [a, b] = [newName(), newName()]
    const file = await xlsx(HEADERS, [
      [
        a,
        '王五',
        '县发改局',
        '13800000000',
        'ww@example.gov.cn',
        `${portal.code}、${channel.code}`,
        '编辑',
      ],
      [b, '赵六', '', '', '', channel.code, '站点管理员'],
    ])
    const res = await upload(root.headers, file)
    expect(res.statusCode).toBe(200)
    const { data } = res.json() as ImportJson
    expect(data.failed).toEqual([])
    expect(data.created.map((c) => [c.row, c.username])).toEqual([
      [2, a],
      [3, b],
    ])
    const created = data.created[0]
    expect(created?.password).toMatch(/^[A-Za-z0-9]{16}$/)
    // The generated password works once and must be changed.
    const s = await signIn(t, a, created?.password ?? '')
    const me = await t.app.inject({ url: '/api/admin/session', headers: s.headers })
    expect(me.json().data.mustChangePassword).toBe(true)
    expect(me.json().data.grants).toEqual(
      expect.arrayContaining([
        { siteId: portal.id, role: 'editor' },
        { siteId: channel.id, role: 'editor' },
      ]),
    )
    const user = await userRepository.getByUsername(t.core.deps.db, b)
    expect(user?.displayName).toBe('赵六')
    const passwords = await readXlsx(Buffer.from(data.passwordsXlsx, 'base64'))
    expect(passwords.map((r) => [r.values['用户名'], r.values['初始密码']])).toEqual(
      data.created.map((c) => [c.username, c.password]),
    )
    const audit = await t.app.inject({
      url: '/api/admin/audit?action=user.import',
      headers: root.headers,
    })
    expect(audit.json().total).toBeGreaterThanOrEqual(1)
  })

  it('rejects a file with a missing column, in Chinese, creating nothing', async () => {
    const portal = await makePortal(t.core)
    const name = newName()
    const res = await upload(
      root.headers,
      await xlsx(['用户名', '姓名', '站点代码'], [[name, '钱七', portal.code]]),
    )
    expect(res.statusCode).toBe(400)
    const err = res.json().error
    expect(err.message).toContain('缺少必需的列：角色')
    expect(err.fields.file).toContain('角色')
    expect(await userRepository.getByUsername(t.core.deps.db, name)).toBeUndefined()
  })

  it('reports every bad row by its number (unknown site, duplicate or taken username) and leaves no user behind', async () => {
    const portal = await makePortal(t.core)
    const taken = await makeUser(t.core, [{ siteId: portal.id, role: 'editor' }])
    const [good, noSite, dup] = [newName(), newName(), newName()]
    const res = await upload(
      root.headers,
      await xlsx(HEADERS, [
        [good, '孙八', '', '', '', portal.code, '编辑'],
        [noSite, '周九', '', '', '', 'no-such-site', '编辑'],
        [dup, '吴十', '', '', '', portal.code, '编辑'],
        [dup, '郑十一', '', '', '', portal.code, '编辑'],
        [taken.username, '冯十二', '', '', '', portal.code, '编辑'],
        ['x', '', '', '', 'not-an-email', portal.code, '主任'],
      ]),
    )
    expect(res.statusCode).toBe(400)
    const err = res.json().error as { message: string; fields: Record<string, string> }
    expect(err.message).toBe('导入失败：4 行有误，未导入任何用户。请修改后重新上传。')
    expect(err.fields['rows.3']).toBe('第 3 行：站点代码「no-such-site」不存在')
    expect(err.fields['rows.5']).toBe(`第 5 行：用户名「${dup}」与第 4 行重复`)
    expect(err.fields['rows.6']).toBe(`第 6 行：用户名「${taken.username}」已存在`)
    expect(err.fields['rows.7']).toContain('第 7 行：用户名须为 3–64 个字符')
    expect(err.fields['rows.7']).toContain('姓名不能为空')
    expect(err.fields['rows.7']).toContain('邮箱「not-an-email」格式有误')
    expect(err.fields['rows.7']).toContain('角色「主任」无效')
    expect(err.fields['rows.2']).toBeUndefined()
    // All or nothing: neither the good row nor the bad ones left a user (or a grant) behind.
    for (const name of [good, noSite, dup]) {
      expect(await userRepository.getByUsername(t.core.deps.db, name)).toBeUndefined()
    }
  })

  it('rejects a file that is not an xlsx and an empty sheet, with Chinese messages', async () => {
    const junk = await upload(root.headers, Buffer.from('用户名,姓名\nabc,张三\n'))
    expect(junk.statusCode).toBe(400)
    expect(junk.json().error.message).toContain('.xlsx')
    const empty = await upload(root.headers, await xlsx(HEADERS, []))
    expect(empty.statusCode).toBe(400)
    expect(empty.json().error.message).toContain('没有用户数据')
  })

  it('lets a site admin import only onto its own sites; editors get 403 and strangers 401', async () => {
    const portal = await makePortal(t.core)
    const other = await makePortal(t.core)
    const siteAdmin = await makeUser(t.core, [{ siteId: portal.id, role: 'admin' }])
    const s = await signIn(t, siteAdmin.username, siteAdmin.password)
    const name = newName()
    const res = await upload(
      s.headers,
      await xlsx(HEADERS, [[name, '陈一', '', '', '', other.code, '编辑']]),
    )
    expect(res.statusCode).toBe(400)
    expect(res.json().error.fields['rows.2']).toContain('您不是站点')
    const ok = await upload(
      s.headers,
      await xlsx(HEADERS, [[name, '陈一', '', '', '', portal.code, '编辑']]),
    )
    expect(ok.statusCode).toBe(200)

    const editor = await makeUser(t.core, [{ siteId: portal.id, role: 'editor' }])
    const e = await signIn(t, editor.username, editor.password)
    const file = await xlsx(HEADERS, [[newName(), '陈二', '', '', '', portal.code, '编辑']])
    expect((await upload(e.headers, file)).statusCode).toBe(403)
    expect((await upload({}, file)).statusCode).toBe(401)
    for (const url of ['/api/admin/users/import-template.xlsx', '/api/admin/users/export.xlsx']) {
      expect((await t.app.inject({ url })).statusCode).toBe(401)
      expect((await t.app.inject({ url, headers: e.headers })).statusCode).toBe(403)
    }
  })

  it('serves an import template whose header row is the import format', async () => {
    const res = await t.app.inject({
      url: '/api/admin/users/import-template.xlsx',
      headers: root.headers,
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('用户导入模板.xlsx'))
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const header = (wb.worksheets[0]?.getRow(1).values as unknown[]).slice(1)
    expect(header).toEqual(HEADERS)
    expect(wb.worksheets[1]?.name).toBe('填写说明')
  })

  it('exports the users list with the same filters as the screen', async () => {
    const portal = await makePortal(t.core)
    const user = await makeUser(t.core, [{ siteId: portal.id, role: 'editor' }])
    const res = await t.app.inject({
      url: `/api/admin/users/export.xlsx?siteId=${portal.id}`,
      headers: root.headers,
    })
    expect(res.statusCode).toBe(200)
    const rows = await readXlsx(res.rawPayload)
    expect(rows).toHaveLength(1)
    expect(rows[0]?.values).toMatchObject({
      用户名: user.username,
      状态: '正常',
      角色: `${portal.name}：编辑`,
    })
  })
})
