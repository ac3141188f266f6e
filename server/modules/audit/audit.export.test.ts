import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readXlsx } from '../../plugins/xlsx'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { login, makeChannel, makeColumn, makePortal, makeUser } from '../../test/factories'
import { recordAudit } from './audit.repository'
import { AUDIT_EXPORT_MAX } from './audit.export'

let lastIp = 0
const signIn = (t: TestApp, username: string, password: string) =>
  login(t, username, password, `10.33.0.${++lastIp}`)

describe(`audit log export (${TEST_DIALECT})`, () => {
  let t: TestApp
  let root: { headers: Record<string, string> }
  let rootName: string
  beforeAll(async () => {
    t = await buildTestApp()
    const admin = await makeUser(t.core, [{ siteId: null, role: 'admin' }])
    rootName = admin.username
    root = await signIn(t, admin.username, admin.password)
  })
  afterAll(async () => {
    await t.close()
  })

  it('exports events with Chinese action labels, site names and the diff, filtered like the list', async () => {
    const portal = await makePortal(t.core)
    await makeColumn(t.core, portal, { name: '政务要闻' })
    const res = await t.app.inject({
      url: `/api/admin/audit/export.xlsx?siteId=${portal.id}&action=column.`,
      headers: root.headers,
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('操作日志.xlsx'))
    const rows = await readXlsx(res.rawPayload)
    expect(rows).toHaveLength(1)
    expect(rows[0]?.values).toMatchObject({
      操作: '新建栏目',
      操作代码: 'column.create',
      对象类型: '栏目',
      站点: portal.name,
      操作人: 'test',
    })
    expect(rows[0]?.values['时间']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    expect(rows[0]?.values['详情']).toContain('政务要闻')

    const logins = await t.app.inject({
      url: `/api/admin/audit/export.xlsx?actor=${rootName}&action=auth.login`,
      headers: root.headers,
    })
    const loginRows = await readXlsx(logins.rawPayload)
    expect(loginRows.length).toBeGreaterThanOrEqual(1)
    expect(loginRows.every((r) => r.values['操作'] === '登录')).toBe(true)
    const future = await t.app.inject({
      url: '/api/admin/audit/export.xlsx?from=2999-01-01',
      headers: root.headers,
    })
    expect(await readXlsx(future.rawPayload)).toEqual([])
  })

  it(`stops at ${AUDIT_EXPORT_MAX} rows, newest first`, async () => {
    const portal = await makePortal(t.core)
    const ctx = {
      actor: { id: null, username: 'bulk', displayName: '', isClusterAdmin: true, grants: [] },
      ip: '',
    }
    await t.core.deps.db.transaction().execute(async (trx) => {
      for (let i = 0; i < AUDIT_EXPORT_MAX + 5; i += 1000) {
        const n = Math.min(1000, AUDIT_EXPORT_MAX + 5 - i)
        await trx
          .insertInto('audit_event')
          .values(
            Array.from({ length: n }, (_, k) => ({
              at: new Date(Date.UTC(2024, 0, 1) + (i + k) * 1000).toISOString(),
              actor_id: null,
              actor_name: 'bulk',
              ip: '',
              action: 'article.update',
              entity: 'article',
              entity_id: String(i + k),
              site_id: portal.id,
              diff: '{}',
            })),
          )
          .execute()
      }
      await recordAudit(trx, ctx, {
        action: 'article.publish',
        entity: 'article',
        siteId: portal.id,
      })
    })
    const res = await t.app.inject({
      url: `/api/admin/audit/export.xlsx?siteId=${portal.id}`,
      headers: root.headers,
    })
    expect(res.statusCode).toBe(200)
    const rows = await readXlsx(res.rawPayload)
    expect(rows).toHaveLength(AUDIT_EXPORT_MAX)
    expect(rows[0]?.values['操作']).toBe('发布信息')
  })

  it('refuses strangers (401) and editors (403); a site admin sees only its sites', async () => {
    const portal = await makePortal(t.core)
    const channel = await makeChannel(t.core, portal)
    expect((await t.app.inject({ url: '/api/admin/audit/export.xlsx' })).statusCode).toBe(401)
    const editor = await makeUser(t.core, [{ siteId: portal.id, role: 'editor' }])
    const e = await signIn(t, editor.username, editor.password)
    const refused = await t.app.inject({ url: '/api/admin/audit/export.xlsx', headers: e.headers })
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error.message).toMatch(/权限/)
    const siteAdmin = await makeUser(t.core, [{ siteId: channel.id, role: 'admin' }])
    const a = await signIn(t, siteAdmin.username, siteAdmin.password)
    const res = await t.app.inject({ url: '/api/admin/audit/export.xlsx', headers: a.headers })
    expect(res.statusCode).toBe(200)
    const sites = new Set((await readXlsx(res.rawPayload)).map((r) => r.values['站点']))
    expect([...sites]).toEqual([channel.name])
  })

  it('rejects a malformed date with a Chinese message', async () => {
    const res = await t.app.inject({
      url: '/api/admin/audit/export.xlsx?from=yesterday',
      headers: root.headers,
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.message).toContain('开始日期')
  })
})
