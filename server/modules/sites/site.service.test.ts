import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { login, makeChannel, makePortal, makeUser, systemCtx } from '../../test/factories'

describe(`sites (${TEST_DIALECT})`, () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('creates a portal, a channel under its path and a standalone site with its own host', async () => {
    const portal = await makePortal(t.core)
    const channel = await makeChannel(t.core, portal)
    const standalone = await t.core.sites.create(systemCtx, {
      code: 'zt-test',
      name: '专题网站',
      kind: 'standalone',
      hosts: ['ZT.Example.gov.cn'],
    })
    expect(channel.parentId).toBe(portal.id)
    expect(channel.basePath).toMatch(/^\/bm\/c[0-9a-f]+\/$/)
    expect(standalone.hosts).toEqual(['zt.example.gov.cn'])
    const res = await t.app.inject({ url: '/api/v1/sites' })
    const codes = (res.json() as { data: { code: string; parentCode: string | null }[] }).data
    expect(codes.find((s) => s.code === channel.code)?.parentCode).toBe(portal.code)
  })

  it('rejects a channel without a portal, a bad base path and a taken host, with field messages', async () => {
    const portal = await makePortal(t.core, { hosts: ['www.taken.gov.cn'] })
    await expect(
      t.core.sites.create(systemCtx, {
        code: 'bm-x1',
        name: '某局',
        kind: 'channel',
        basePath: '/bm/x1/',
      }),
    ).rejects.toMatchObject({ status: 400, fields: { parentCode: expect.any(String) } })
    await expect(
      t.core.sites.create(systemCtx, {
        code: 'bm-x2',
        name: '某局',
        kind: 'channel',
        parentCode: portal.code,
        basePath: '/BM x/',
      }),
    ).rejects.toMatchObject({ status: 400, fields: { basePath: expect.any(String) } })
    await expect(
      t.core.sites.create(systemCtx, {
        code: 'zt-x3',
        name: '专题',
        kind: 'standalone',
        hosts: ['www.taken.gov.cn'],
      }),
    ).rejects.toMatchObject({ status: 400, fields: { hosts: expect.stringContaining('已绑定') } })
  })

  it('writes an audit event in the same transaction as the change', async () => {
    const portal = await makePortal(t.core)
    const events = await t.core.audit.list(systemCtx, {
      entity: 'site',
      entityId: String(portal.id),
    })
    expect(events.rows.map((e) => e.action)).toContain('site.create')
  })

  it('lets only cluster admins create sites over HTTP; site admins edit their own site only', async () => {
    const portal = await makePortal(t.core)
    const other = await makePortal(t.core)
    const siteAdmin = await makeUser(t.core, [{ siteId: portal.id, role: 'admin' }])
    const s = await login(t, siteAdmin.username, siteAdmin.password)
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/admin/sites',
      headers: s.headers,
      payload: { code: 'zt-no', name: '不允许', kind: 'standalone' },
    })
    expect(create.statusCode).toBe(403)
    const own = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/sites/${portal.id}`,
      headers: s.headers,
      payload: { contact: { phone: '0399-1234567' } },
    })
    expect(own.statusCode).toBe(200)
    expect(own.json().data.contact.phone).toBe('0399-1234567')
    const foreign = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/sites/${other.id}`,
      headers: s.headers,
      payload: { name: '改名' },
    })
    expect(foreign.statusCode).toBe(403)
    const structural = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/sites/${portal.id}`,
      headers: s.headers,
      payload: { hosts: ['a.gov.cn'] },
    })
    expect(structural.statusCode).toBe(403)
  })

  it('answers 400 with Chinese field messages for an invalid payload', async () => {
    const admin = await makeUser(t.core, [{ siteId: null, role: 'admin' }])
    const s = await login(t, admin.username, admin.password)
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/sites',
      headers: s.headers,
      payload: { kind: 'galaxy', name: '' },
    })
    expect(res.statusCode).toBe(400)
    const body = res.json()
    expect(body.error.code).toBe('invalid')
    expect(body.error.fields.code).toBe('站点代码不能为空')
    expect(body.error.fields.kind).toContain('站点类型')
    expect(body.error.fields.name).toBe('网站名称不能为空')
  })

  it('closing a site needs a notice, and its pages then show the notice', async () => {
    const portal = await makePortal(t.core, { hosts: ['close.test.gov.cn'] })
    await expect(
      t.core.sites.setStatus(systemCtx, portal.id, { status: 'closed' }),
    ).rejects.toMatchObject({ status: 400 })
    await t.core.sites.setStatus(systemCtx, portal.id, {
      status: 'closed',
      notice: '本网站已整合至县政府门户网站。',
    })
    const page = await t.app.inject({ url: '/', headers: { host: 'close.test.gov.cn' } })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('本网站已整合至县政府门户网站。')
  })
})
