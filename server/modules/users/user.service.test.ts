import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { login, makePortal, makeUser, systemCtx } from '../../test/factories'
import { generatePassword, passwordProblem } from './password'

// Sign-in is rate limited per address: each sign-in of this file comes from its own.
let lastIp = 0
const signIn = (t: TestApp, username: string, password: string) =>
  login(t, username, password, `10.2.0.${++lastIp}`)

const newName = () => `n${randomBytes(4).toString('hex')}`

type GrantJson = { siteId: number | null; role: string }
const sorted = (grants: GrantJson[]) =>
  [...grants].sort((a, b) => `${a.siteId}:${a.role}`.localeCompare(`${b.siteId}:${b.role}`))

describe(`users (${TEST_DIALECT})`, () => {
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

  it('lets a cluster admin create a user with a generated password, shown once and to be changed', async () => {
    const portal = await makePortal(t.core)
    const username = newName()
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: root.headers,
      payload: {
        username,
        displayName: '张三',
        unit: '县政府办',
        grants: [{ siteId: portal.id, role: 'editor' }],
      },
    })
    expect(res.statusCode).toBe(201)
    const created = res.json().data
    expect(created).toMatchObject({
      username,
      displayName: '张三',
      unit: '县政府办',
      status: 'active',
      mustChangePassword: true,
      grants: [{ siteId: portal.id, role: 'editor' }],
    })
    expect(created.generatedPassword).toMatch(/^[A-Za-z0-9]{16}$/)

    const again = await t.app.inject({
      url: `/api/admin/users/${created.id}`,
      headers: root.headers,
    })
    expect(again.statusCode).toBe(200)
    expect(again.json().data).not.toHaveProperty('generatedPassword')
    expect(again.body).not.toContain(created.generatedPassword)

    const s = await signIn(t, username, created.generatedPassword)
    const me = await t.app.inject({ url: '/api/admin/session', headers: s.headers })
    expect(me.json().data).toMatchObject({
      mustChangePassword: true,
      grants: [{ siteId: portal.id, role: 'editor' }],
    })

    const audit = await t.core.audit.list(systemCtx, {
      entity: 'user',
      entityId: String(created.id),
    })
    expect(audit.rows.map((e) => e.action)).toContain('user.create')
    expect(JSON.stringify(audit.rows)).not.toContain(created.generatedPassword)
  })

  it('generates passwords that always pass the password rule', async () => {
    // One random draw in twelve lacks a digit; creation must never fail on its own password.
    for (let i = 0; i < 300; i++) {
      const password = generatePassword()
      expect(passwordProblem(password), password).toBeNull()
    }
    for (let i = 0; i < 30; i++) {
      const { generatedPassword } = await t.core.users.create(systemCtx, {
        username: newName(),
        displayName: '批量',
        grants: [],
      })
      expect(generatedPassword).toMatch(/^[A-Za-z0-9]{16}$/)
    }
  })

  it('keeps a chosen initial password, but only a strong one', async () => {
    const username = newName()
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: root.headers,
      payload: { username, displayName: '李四', password: 'short' },
    })
    expect(weak.statusCode).toBe(400)
    expect(weak.json().error.fields.password).toBe('密码至少 8 位')
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: root.headers,
      payload: { username, displayName: '李四', password: 'Chosen-pass-1' },
    })
    expect(ok.statusCode).toBe(201)
    expect(ok.json().data).toMatchObject({ generatedPassword: null, mustChangePassword: false })
    await signIn(t, username, 'Chosen-pass-1')
  })

  it('answers a duplicate username with 409 and creates nothing', async () => {
    const existing = await makeUser(t.core, [])
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: root.headers,
      payload: { username: existing.username, displayName: '重名' },
    })
    expect(res.statusCode).toBe(409)
    expect(res.json().error).toMatchObject({
      code: 'conflict',
      fields: { username: '用户名已存在' },
    })
    const rows = await t.database.db
      .selectFrom('app_user')
      .select('display_name')
      .where('username', '=', existing.username)
      .execute()
    expect(rows).toEqual([{ display_name: `用户${existing.username}` }])
  })

  it('lets a site admin create users only with roles on its own sites', async () => {
    const own = await makePortal(t.core)
    const foreign = await makePortal(t.core)
    const siteAdmin = await makeUser(t.core, [{ siteId: own.id, role: 'admin' }])
    const s = await signIn(t, siteAdmin.username, siteAdmin.password)
    const create = (username: string, grants: { siteId: number | null; role: string }[]) =>
      t.app.inject({
        method: 'POST',
        url: '/api/admin/users',
        headers: s.headers,
        payload: { username, displayName: '编辑', grants },
      })

    const ok = await create(newName(), [{ siteId: own.id, role: 'editor' }])
    expect(ok.statusCode).toBe(201)
    expect(ok.json().data.grants).toEqual([{ siteId: own.id, role: 'editor' }])

    const refused: [string, { siteId: number | null; role: string }[]][] = [
      [newName(), [{ siteId: foreign.id, role: 'editor' }]],
      [
        newName(),
        [
          { siteId: own.id, role: 'editor' },
          { siteId: foreign.id, role: 'editor' },
        ],
      ],
      [newName(), [{ siteId: null, role: 'admin' }]],
      [newName(), [{ siteId: null, role: 'editor' }]],
    ]
    for (const [username, grants] of refused) {
      const res = await create(username, grants)
      expect(res.statusCode, JSON.stringify(grants)).toBe(403)
      expect(res.json().error).toEqual({
        code: 'forbidden',
        message: '您只能在自己管理的站点中分配角色',
      })
      expect(
        await t.database.db
          .selectFrom('app_user')
          .select('id')
          .where('username', '=', username)
          .execute(),
      ).toEqual([])
    }
    const none = await create(newName(), [])
    expect(none.statusCode).toBe(400)
    expect(none.json().error.fields.grants).toBeTruthy()
  })

  it('keeps the grants a site admin cannot see when it sets a user’s grants', async () => {
    const own = await makePortal(t.core)
    const foreign = await makePortal(t.core)
    const siteAdmin = await makeUser(t.core, [{ siteId: own.id, role: 'admin' }])
    const target = await makeUser(t.core, [
      { siteId: own.id, role: 'editor' },
      { siteId: foreign.id, role: 'editor' },
    ])
    const s = await signIn(t, siteAdmin.username, siteAdmin.password)
    const put = (grants: GrantJson[]) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/admin/users/${target.id}/grants`,
        headers: s.headers,
        payload: { grants },
      })

    const promoted = await put([{ siteId: own.id, role: 'admin' }])
    expect(promoted.statusCode).toBe(200)
    expect(sorted(promoted.json().data.grants)).toEqual(
      sorted([
        { siteId: own.id, role: 'admin' },
        { siteId: foreign.id, role: 'editor' },
      ]),
    )
    const removed = await put([])
    expect(removed.statusCode).toBe(200)
    expect(removed.json().data.grants).toEqual([{ siteId: foreign.id, role: 'editor' }])

    // Out of reach: the other site, and cluster-wide roles.
    expect((await put([{ siteId: foreign.id, role: 'admin' }])).statusCode).toBe(404)
    await t.core.users.setGrants(systemCtx, target.id, [
      { siteId: own.id, role: 'editor' },
      { siteId: foreign.id, role: 'editor' },
    ])
    expect((await put([{ siteId: foreign.id, role: 'admin' }])).statusCode).toBe(403)
    expect((await put([{ siteId: null, role: 'admin' }])).statusCode).toBe(403)
    const after = await t.core.users.get(systemCtx, target.id)
    expect(sorted(after.grants.map(({ siteId, role }) => ({ siteId, role })))).toEqual(
      sorted([
        { siteId: own.id, role: 'editor' },
        { siteId: foreign.id, role: 'editor' },
      ]),
    )
    const audit = await t.core.audit.list(systemCtx, {
      entity: 'user',
      entityId: String(target.id),
      action: 'user.grants',
    })
    expect(audit.total).toBe(3)

    // A cluster admin replaces every grant.
    const all = await t.app.inject({
      method: 'PUT',
      url: `/api/admin/users/${target.id}/grants`,
      headers: root.headers,
      payload: { grants: [{ siteId: null, role: 'admin' }] },
    })
    expect(all.json().data.grants).toEqual([{ siteId: null, role: 'admin' }])
  })

  it('resets a password: the new one works, must be changed, and old sessions end', async () => {
    const portal = await makePortal(t.core)
    const user = await makeUser(t.core, [{ siteId: portal.id, role: 'editor' }])
    const old = await signIn(t, user.username, user.password)
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/admin/users/${user.id}/reset-password`,
      headers: root.headers,
    })
    expect(res.statusCode).toBe(200)
    const password = res.json().data.password as string
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/)
    expect(password).not.toBe(user.password)

    expect(
      (await t.app.inject({ url: '/api/admin/articles', headers: old.headers })).statusCode,
    ).toBe(401)
    await expect(signIn(t, user.username, user.password)).rejects.toThrow(/401/)
    const s = await signIn(t, user.username, password)
    const me = await t.app.inject({ url: '/api/admin/session', headers: s.headers })
    expect(me.json().data.mustChangePassword).toBe(true)
    const audit = await t.core.audit.list(systemCtx, {
      entity: 'user',
      entityId: String(user.id),
      action: 'user.reset_password',
    })
    expect(audit.total).toBe(1)
    expect(JSON.stringify(audit.rows)).not.toContain(password)
  })

  it('a reset unlocks a locked account', async () => {
    const user = await makeUser(t.core, [])
    for (let i = 0; i < 5; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/admin/session',
        payload: { username: user.username, password: 'Wrong-pass1' },
        remoteAddress: '10.2.1.1',
      })
    }
    const listed = await t.app.inject({ url: `/api/admin/users/${user.id}`, headers: root.headers })
    expect(listed.json().data.locked).toBe(true)
    const { password } = (
      await t.app.inject({
        method: 'POST',
        url: `/api/admin/users/${user.id}/reset-password`,
        headers: root.headers,
      })
    ).json().data
    await signIn(t, user.username, password)
  })

  it('lets a site admin reset only the users wholly within its sites', async () => {
    const own = await makePortal(t.core)
    const foreign = await makePortal(t.core)
    const siteAdmin = await makeUser(t.core, [{ siteId: own.id, role: 'admin' }])
    const s = await signIn(t, siteAdmin.username, siteAdmin.password)
    const editor = await makeUser(t.core, [{ siteId: own.id, role: 'editor' }])
    const shared = await makeUser(t.core, [
      { siteId: own.id, role: 'editor' },
      { siteId: foreign.id, role: 'editor' },
    ])
    const clusterAdmin = await makeUser(t.core, [
      { siteId: null, role: 'admin' },
      { siteId: own.id, role: 'editor' },
    ])
    const outsider = await makeUser(t.core, [{ siteId: foreign.id, role: 'editor' }])
    const reset = (id: number) =>
      t.app.inject({
        method: 'POST',
        url: `/api/admin/users/${id}/reset-password`,
        headers: s.headers,
      })
    expect((await reset(editor.id)).statusCode).toBe(200)
    expect((await reset(shared.id)).statusCode).toBe(403)
    expect((await reset(clusterAdmin.id)).statusCode).toBe(403)
    expect((await reset(outsider.id)).statusCode).toBe(404)
    // The refused ones still sign in with their passwords.
    await signIn(t, clusterAdmin.username, clusterAdmin.password)
    await signIn(t, shared.username, shared.password)
  })

  it('scopes the user list to the sites a site admin manages; editors may not list users', async () => {
    const own = await makePortal(t.core)
    const foreign = await makePortal(t.core)
    const siteAdmin = await makeUser(t.core, [{ siteId: own.id, role: 'admin' }])
    const mine = await makeUser(t.core, [{ siteId: own.id, role: 'editor' }])
    const theirs = await makeUser(t.core, [{ siteId: foreign.id, role: 'editor' }])
    const s = await signIn(t, siteAdmin.username, siteAdmin.password)
    const res = await t.app.inject({ url: '/api/admin/users?pageSize=100', headers: s.headers })
    expect(res.statusCode).toBe(200)
    const ids = (res.json().data as { id: number }[]).map((u) => u.id)
    expect(ids).toEqual(expect.arrayContaining([siteAdmin.id, mine.id]))
    expect(ids).not.toContain(theirs.id)
    expect(res.json().total).toBe(ids.length)
    expect(
      (await t.app.inject({ url: `/api/admin/users/${theirs.id}`, headers: s.headers })).statusCode,
    ).toBe(404)
    const filtered = await t.app.inject({
      url: `/api/admin/users?siteId=${foreign.id}`,
      headers: s.headers,
    })
    expect(filtered.json()).toMatchObject({ data: [], total: 0 })

    const all = await t.app.inject({
      url: `/api/admin/users?siteId=${foreign.id}`,
      headers: root.headers,
    })
    expect((all.json().data as { id: number }[]).map((u) => u.id)).toEqual([theirs.id])

    const e = await signIn(t, mine.username, mine.password)
    expect((await t.app.inject({ url: '/api/admin/users', headers: e.headers })).statusCode).toBe(
      403,
    )
    // Everyone may read their own account.
    const self = await t.app.inject({ url: `/api/admin/users/${mine.id}`, headers: e.headers })
    expect(self.statusCode).toBe(200)
  })

  it('lets a site admin disable its own users but not itself or users shared with other sites', async () => {
    const own = await makePortal(t.core)
    const foreign = await makePortal(t.core)
    const siteAdmin = await makeUser(t.core, [{ siteId: own.id, role: 'admin' }])
    const editor = await makeUser(t.core, [{ siteId: own.id, role: 'editor' }])
    const shared = await makeUser(t.core, [
      { siteId: own.id, role: 'editor' },
      { siteId: foreign.id, role: 'editor' },
    ])
    const s = await signIn(t, siteAdmin.username, siteAdmin.password)
    const patch = (id: number, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PATCH', url: `/api/admin/users/${id}`, headers: s.headers, payload })
    const disabled = await patch(editor.id, { status: 'disabled' })
    expect(disabled.statusCode).toBe(200)
    expect(disabled.json().data.status).toBe('disabled')
    expect((await patch(shared.id, { status: 'disabled' })).statusCode).toBe(403)
    const self = await patch(siteAdmin.id, { status: 'disabled' })
    expect(self.statusCode).toBe(400)
    expect(self.json().error.fields.status).toBe('不能停用自己的账号')
    expect((await t.core.users.get(systemCtx, shared.id)).status).toBe('active')
    expect((await t.core.users.get(systemCtx, siteAdmin.id)).status).toBe('active')
  })

  it('never lets the password hash leave the server', async () => {
    const portal = await makePortal(t.core)
    const user = await makeUser(t.core, [{ siteId: portal.id, role: 'editor' }])
    const hash = (
      await t.database.db
        .selectFrom('app_user')
        .select('password_hash')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow()
    ).password_hash
    expect(hash).toMatch(/^scrypt\$/)
    const loginRes = await t.app.inject({
      method: 'POST',
      url: '/api/admin/session',
      payload: { username: user.username, password: user.password },
      remoteAddress: '10.2.2.1',
    })
    const own = await signIn(t, user.username, user.password)
    const bodies = [
      loginRes.body,
      (await t.app.inject({ url: '/api/admin/users?pageSize=100', headers: root.headers })).body,
      (await t.app.inject({ url: `/api/admin/users/${user.id}`, headers: root.headers })).body,
      (await t.app.inject({ url: `/api/admin/users/${user.id}`, headers: own.headers })).body,
      (await t.app.inject({ url: '/api/admin/session', headers: own.headers })).body,
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/admin/users/${user.id}`,
          headers: root.headers,
          payload: { unit: '财政局' },
        })
      ).body,
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/admin/users/${user.id}/grants`,
          headers: root.headers,
          payload: { grants: [{ siteId: portal.id, role: 'admin' }] },
        })
      ).body,
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/admin/users',
          headers: root.headers,
          payload: { username: newName(), displayName: '王五' },
        })
      ).body,
      (await t.app.inject({ url: '/api/admin/audit?pageSize=100', headers: root.headers })).body,
    ]
    for (const body of bodies) {
      expect(body).not.toContain(hash)
      expect(body).not.toMatch(/scrypt\$|password_?hash/i)
      expect(body).not.toContain(user.password)
    }
    expect(bodies[1]).toContain(user.username)
  })
})
