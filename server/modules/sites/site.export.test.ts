import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readXlsx } from '../../plugins/xlsx'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { login, makeChannel, makePortal, makeUser } from '../../test/factories'

let lastIp = 0
const signIn = (t: TestApp, username: string, password: string) =>
  login(t, username, password, `10.31.0.${++lastIp}`)

describe(`site list export (${TEST_DIALECT})`, () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('exports every site with its footer facts as a real xlsx, narrowed by the filters', async () => {
    const portal = await makePortal(t.core)
    const channel = await makeChannel(t.core, portal, {
      responsible: [{ name: '李四', role: '内容保障', phone: '0000-1234567' }],
    })
    const admin = await makeUser(t.core, [{ siteId: null, role: 'admin' }])
    const s = await signIn(t, admin.username, admin.password)
    const res = await t.app.inject({ url: '/api/admin/sites/export.xlsx', headers: s.headers })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('spreadsheetml')
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('站点列表.xlsx'))
    const rows = await readXlsx(res.rawPayload)
    const p = rows.find((r) => r.values['站点代码'] === portal.code)
    expect(p?.values).toMatchObject({
      类型: '门户网站',
      网站标识码: '1399990001',
      ICP备案号: '测ICP备00000001号',
      状态: '正常运行',
    })
    const c = rows.find((r) => r.values['站点代码'] === channel.code)
    expect(c?.values['上级门户']).toBe(portal.name)
    expect(c?.values['专人负责']).toContain('李四')

    const only = await t.app.inject({
      url: `/api/admin/sites/export.xlsx?kind=channel&keyword=${encodeURIComponent(channel.code)}`,
      headers: s.headers,
    })
    const filtered = await readXlsx(only.rawPayload)
    expect(filtered.map((r) => r.values['站点代码'])).toEqual([channel.code])
  })

  it('refuses strangers (401) and editors (403); a site admin gets only its own sites', async () => {
    const portal = await makePortal(t.core)
    const other = await makePortal(t.core)
    expect((await t.app.inject({ url: '/api/admin/sites/export.xlsx' })).statusCode).toBe(401)
    const editor = await makeUser(t.core, [{ siteId: portal.id, role: 'editor' }])
    const e = await signIn(t, editor.username, editor.password)
    const refused = await t.app.inject({ url: '/api/admin/sites/export.xlsx', headers: e.headers })
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error.message).toMatch(/权限/)
    const siteAdmin = await makeUser(t.core, [{ siteId: portal.id, role: 'admin' }])
    const a = await signIn(t, siteAdmin.username, siteAdmin.password)
    const res = await t.app.inject({ url: '/api/admin/sites/export.xlsx', headers: a.headers })
    expect(res.statusCode).toBe(200)
    const codes = (await readXlsx(res.rawPayload)).map((r) => r.values['站点代码'])
    expect(codes).toEqual([portal.code])
    expect(codes).not.toContain(other.code)
  })
})
