import { createHash, randomBytes } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { LIMITS } from '../../../common/limits'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { makeColumn, makePortal, makeUser, systemCtx } from '../../test/factories'

// Every sign-in comes from its own address: the login route is rate limited per IP.
let lastIp = 0
const nextIp = () => `10.1.${Math.floor(++lastIp / 250)}.${(lastIp % 250) + 1}`

type Session = { cookie: string; csrf: string; headers: Record<string, string> }

async function signIn(t: TestApp, username: string, password: string, ip = nextIp()) {
  return t.app.inject({
    method: 'POST',
    url: '/api/admin/session',
    payload: { username, password },
    remoteAddress: ip,
  })
}

async function session(t: TestApp, username: string, password: string): Promise<Session> {
  const res = await signIn(t, username, password)
  expect(res.statusCode).toBe(200)
  const cookie = setCookieOf(res.headers['set-cookie']).split(';')[0] ?? ''
  const csrf = (res.json() as { data: { csrfToken: string } }).data.csrfToken
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } }
}

function setCookieOf(header: string | string[] | undefined): string {
  return (Array.isArray(header) ? header[0] : header) ?? ''
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe(`sign-in and sessions (${TEST_DIALECT})`, () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.close()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('signs in with the right password and sets an HttpOnly SameSite session cookie', async () => {
    const user = await makeUser(t.core, [])
    const res = await signIn(t, user.username, user.password)
    expect(res.statusCode).toBe(200)
    const raw = setCookieOf(res.headers['set-cookie'])
    expect(raw).toMatch(/^zq_session=[A-Za-z0-9_-]{20,};/)
    expect(raw).toMatch(/;\s*HttpOnly/i)
    expect(raw).toMatch(/;\s*SameSite=Lax/i)
    expect(raw).toMatch(/;\s*Path=\//i)
    expect(raw).not.toMatch(/;\s*Secure/i)
    const body = res.json()
    expect(body.data.user.username).toBe(user.username)
    expect(body.data.csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/)
    // The cookie works for later calls, and only a hash of the token is stored.
    const token = raw.split(';')[0]?.split('=')[1] ?? ''
    const me = await t.app.inject({
      url: '/api/admin/session',
      headers: { cookie: `zq_session=${token}` },
    })
    expect(me.json().data.user.id).toBe(user.id)
    const rows = await t.database.db
      .selectFrom('session')
      .select('id')
      .where('user_id', '=', user.id)
      .execute()
    expect(rows.map((r) => r.id)).toEqual([createHash('sha256').update(token).digest('hex')])
  })

  it('answers a wrong password with 401 bad_credentials and a Chinese message', async () => {
    const user = await makeUser(t.core, [])
    const res = await signIn(t, user.username, 'Wrong-pass1')
    expect(res.statusCode).toBe(401)
    expect(res.headers['set-cookie']).toBeUndefined()
    const { error } = res.json()
    expect(error.code).toBe('bad_credentials')
    expect(error.message).toMatch(/^用户名或密码错误/)
  })

  it('answers an unknown username with the same 401 as a wrong password', async () => {
    const res = await signIn(t, 'nobody-here', 'Whatever1')
    expect(res.statusCode).toBe(401)
    const { error } = res.json()
    expect(error.code).toBe('bad_credentials')
    expect(error.message).toMatch(/^用户名或密码错误/)
    const audit = await t.core.audit.list(systemCtx, { actor: 'nobody-here' })
    expect(audit.rows.map((e) => e.action)).toEqual(['auth.login_failed'])
  })

  it(`locks the account after ${LIMITS.maxLoginFailures} failures, even against the right password`, async () => {
    const user = await makeUser(t.core, [])
    for (let i = 1; i < LIMITS.maxLoginFailures; i++) {
      const res = await signIn(t, user.username, `Wrong-pass${i}`)
      expect(res.statusCode).toBe(401)
      expect(res.json().error.message).toContain(`连续错误 ${LIMITS.maxLoginFailures} 次将锁定`)
    }
    const last = await signIn(t, user.username, 'Wrong-pass9')
    expect(last.statusCode).toBe(423)
    expect(last.json().error).toMatchObject({
      code: 'locked',
      message: expect.stringContaining('锁定'),
    })

    const right = await signIn(t, user.username, user.password)
    expect(right.statusCode).toBe(423)
    expect(right.headers['set-cookie']).toBeUndefined()
    const { error } = right.json()
    expect(error.code).toBe('locked')
    expect(error.message).toMatch(/账号已锁定.*分钟/)
    const audit = await t.core.audit.list(systemCtx, { entity: 'user', entityId: String(user.id) })
    expect(audit.rows.map((e) => e.action)).toContain('auth.locked')

    // The lock lasts LIMITS.lockMinutes; afterwards the right password works again.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + (LIMITS.lockMinutes + 1) * 60_000)
    const later = await signIn(t, user.username, user.password)
    expect(later.statusCode).toBe(200)
  })

  it('resets the failure count after a successful sign-in', async () => {
    const user = await makeUser(t.core, [])
    for (let i = 1; i < LIMITS.maxLoginFailures; i++) {
      expect((await signIn(t, user.username, 'Wrong-pass1')).statusCode).toBe(401)
    }
    expect((await signIn(t, user.username, user.password)).statusCode).toBe(200)
    for (let i = 1; i < LIMITS.maxLoginFailures; i++) {
      expect((await signIn(t, user.username, 'Wrong-pass1')).statusCode).toBe(401)
    }
    expect((await signIn(t, user.username, user.password)).statusCode).toBe(200)
  })

  it('refuses a disabled user with 403 and ends the sessions it had', async () => {
    const user = await makeUser(t.core, [])
    const s = await session(t, user.username, user.password)
    expect(
      (await t.app.inject({ url: '/api/admin/articles', headers: s.headers })).statusCode,
    ).toBe(200)
    await t.core.users.update(systemCtx, user.id, { status: 'disabled' })

    const res = await signIn(t, user.username, user.password)
    expect(res.statusCode).toBe(403)
    expect(res.json().error).toMatchObject({
      code: 'account_disabled',
      message: expect.stringContaining('停用'),
    })
    expect(
      (await t.app.inject({ url: '/api/admin/articles', headers: s.headers })).statusCode,
    ).toBe(401)
  })

  it('requires a session for every admin API, answering 401 in Chinese', async () => {
    const portal = await makePortal(t.core)
    const column = await makeColumn(t.core, portal)
    const calls: { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string }[] = [
      { method: 'GET', url: '/api/admin/sites' },
      { method: 'GET', url: `/api/admin/sites/${portal.id}/columns` },
      { method: 'GET', url: '/api/admin/articles' },
      { method: 'GET', url: '/api/admin/users' },
      { method: 'GET', url: '/api/admin/audit' },
      { method: 'POST', url: `/api/admin/sites/${portal.id}/columns` },
      { method: 'PATCH', url: `/api/admin/columns/${column.id}` },
      { method: 'DELETE', url: `/api/admin/columns/${column.id}` },
      { method: 'POST', url: '/api/admin/me/password' },
    ]
    for (const call of calls) {
      for (const cookie of [undefined, 'zq_session=forged-token-value']) {
        const res = await t.app.inject({ ...call, headers: cookie ? { cookie } : {}, payload: {} })
        expect(res.statusCode, `${call.method} ${call.url}`).toBe(401)
        expect(res.json().error).toEqual({
          code: 'unauthorized',
          message: '登录已失效，请重新登录',
        })
      }
    }
    expect(await t.core.columns.get(systemCtx, column.id)).toMatchObject({ id: column.id })
    // Reading who is signed in is open: it says nobody.
    const me = await t.app.inject({ url: '/api/admin/session' })
    expect(me.statusCode).toBe(200)
    expect(me.json()).toEqual({ data: null })
  })

  it('rejects writes without the session CSRF token (403 csrf) and accepts them with it', async () => {
    const portal = await makePortal(t.core)
    const admin = await makeUser(t.core, [{ siteId: portal.id, role: 'admin' }])
    const other = await makeUser(t.core, [{ siteId: portal.id, role: 'admin' }])
    const s = await session(t, admin.username, admin.password)
    const s2 = await session(t, other.username, other.password)
    const cookieOnly = { cookie: s.cookie }
    const badTokens = [
      cookieOnly,
      { ...cookieOnly, 'x-csrf-token': 'wrong' },
      { ...cookieOnly, 'x-csrf-token': s2.csrf },
    ]

    for (const headers of badTokens) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/admin/sites/${portal.id}/columns`,
        headers,
        payload: { name: '不应创建', slug: 'csrf-no' },
      })
      expect(res.statusCode).toBe(403)
      expect(res.json().error).toEqual({ code: 'csrf', message: '页面已过期，请刷新后重试' })
    }
    const columns = await t.core.columns.listBySite(systemCtx, portal.id)
    expect(columns.map((c) => c.slug)).not.toContain('csrf-no')

    const created = await t.app.inject({
      method: 'POST',
      url: `/api/admin/sites/${portal.id}/columns`,
      headers: s.headers,
      payload: { name: '新栏目', slug: 'csrf-yes' },
    })
    expect(created.statusCode).toBe(201)
    const id = created.json().data.id as number

    for (const headers of badTokens) {
      const patch = await t.app.inject({
        method: 'PATCH',
        url: `/api/admin/columns/${id}`,
        headers,
        payload: { name: '改名' },
      })
      expect(patch.statusCode).toBe(403)
      expect(patch.json().error.code).toBe('csrf')
      const del = await t.app.inject({ method: 'DELETE', url: `/api/admin/columns/${id}`, headers })
      expect(del.statusCode).toBe(403)
      expect(del.json().error.code).toBe('csrf')
    }
    expect((await t.core.columns.get(systemCtx, id)).name).toBe('新栏目')

    // Reads need no token.
    expect(
      (await t.app.inject({ url: `/api/admin/columns/${id}`, headers: cookieOnly })).statusCode,
    ).toBe(200)
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/columns/${id}`,
      headers: s.headers,
      payload: { name: '改名' },
    })
    expect(patch.statusCode).toBe(200)
    expect(patch.json().data.name).toBe('改名')
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/admin/columns/${id}`,
      headers: s.headers,
    })
    expect(del.statusCode).toBe(200)
    await expect(t.core.columns.get(systemCtx, id)).rejects.toMatchObject({ status: 404 })
  })

  it('ends the session on logout and clears the cookie', async () => {
    const user = await makeUser(t.core, [])
    const s = await session(t, user.username, user.password)
    const other = await session(t, user.username, user.password)
    const res = await t.app.inject({
      method: 'DELETE',
      url: '/api/admin/session',
      headers: s.headers,
    })
    expect(res.statusCode).toBe(200)
    const cleared = setCookieOf(res.headers['set-cookie'])
    expect(cleared).toMatch(/^zq_session=;/)
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/i)

    expect(
      (await t.app.inject({ url: '/api/admin/articles', headers: s.headers })).statusCode,
    ).toBe(401)
    expect((await t.app.inject({ url: '/api/admin/session', headers: s.headers })).json()).toEqual({
      data: null,
    })
    // Only that session ends: the user's other browser stays signed in.
    expect(
      (await t.app.inject({ url: '/api/admin/articles', headers: other.headers })).statusCode,
    ).toBe(200)
    const audit = await t.core.audit.list(systemCtx, {
      entity: 'user',
      entityId: String(user.id),
      action: 'auth.logout',
    })
    expect(audit.total).toBe(1)
  })

  it('changes the password: checks the old one and the strength of the new one', async () => {
    const user = await makeUser(t.core, [])
    const s = await session(t, user.username, user.password)
    const change = (payload: { oldPassword: string; newPassword: string }) =>
      t.app.inject({ method: 'POST', url: '/api/admin/me/password', headers: s.headers, payload })

    const wrongOld = await change({ oldPassword: 'Not-the-old1', newPassword: 'Brand-new-2024' })
    expect(wrongOld.statusCode).toBe(400)
    expect(wrongOld.json().error).toMatchObject({
      code: 'invalid',
      fields: { oldPassword: '原密码不正确' },
    })

    for (const weak of ['abc123', 'onlyletters', '1234567890']) {
      const res = await change({ oldPassword: user.password, newPassword: weak })
      expect(res.statusCode, weak).toBe(400)
      expect(res.json().error.fields.newPassword).toMatch(/密码/)
    }
    const same = await change({ oldPassword: user.password, newPassword: user.password })
    expect(same.statusCode).toBe(400)
    expect(same.json().error.fields.newPassword).toContain('相同')

    // Nothing changed: the old password still signs in.
    expect((await signIn(t, user.username, user.password)).statusCode).toBe(200)
  })

  it('a changed password ends the other sessions of the user but keeps the current one', async () => {
    const user = await makeUser(t.core, [])
    const current = await session(t, user.username, user.password)
    const elsewhere = await session(t, user.username, user.password)
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/me/password',
      headers: current.headers,
      payload: { oldPassword: user.password, newPassword: 'Brand-new-2024' },
    })
    expect(res.statusCode).toBe(200)
    expect(
      (await t.app.inject({ url: '/api/admin/articles', headers: current.headers })).statusCode,
    ).toBe(200)
    expect(
      (await t.app.inject({ url: '/api/admin/articles', headers: elsewhere.headers })).statusCode,
    ).toBe(401)
    expect((await signIn(t, user.username, user.password)).statusCode).toBe(401)
    expect((await signIn(t, user.username, 'Brand-new-2024')).statusCode).toBe(200)
    const audit = await t.core.audit.list(systemCtx, { entity: 'user', entityId: String(user.id) })
    expect(audit.rows.map((e) => e.action)).toContain('user.change_password')
  })

  it('clears "must change password" once the user has changed it', async () => {
    const { user, generatedPassword } = await t.core.users.create(systemCtx, {
      username: `gen${randomBytes(3).toString('hex')}`,
      displayName: '新用户',
      grants: [],
    })
    const s = await session(t, user.username, generatedPassword ?? '')
    expect(
      (await t.app.inject({ url: '/api/admin/session', headers: s.headers })).json().data
        .mustChangePassword,
    ).toBe(true)
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/me/password',
      headers: s.headers,
      payload: { oldPassword: generatedPassword ?? '', newPassword: 'Chosen-by-me-1' },
    })
    expect(res.statusCode).toBe(200)
    expect(
      (await t.app.inject({ url: '/api/admin/session', headers: s.headers })).json().data
        .mustChangePassword,
    ).toBe(false)
  })

  it('rate limits sign-in attempts from one address with a Chinese 429', async () => {
    const ip = '10.99.0.1'
    const statuses: number[] = []
    for (let i = 0; i < 21; i++)
      statuses.push((await signIn(t, 'nobody-at-all', 'Whatever1', ip)).statusCode)
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true)
    const res = await signIn(t, 'nobody-at-all', 'Whatever1', ip)
    expect(res.statusCode).toBe(429)
    expect(res.json().error).toEqual({ code: 'rate_limited', message: '操作过于频繁，请稍后再试' })
    // Other addresses are not affected.
    const user = await makeUser(t.core, [])
    expect((await signIn(t, user.username, user.password)).statusCode).toBe(200)
  })
})

describe(`session expiry (${TEST_DIALECT})`, () => {
  const ttl = 3000
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ sessionTtlMs: ttl })
  })
  afterAll(async () => {
    await t.close()
  })

  it('ends an idle session after the TTL', async () => {
    const user = await makeUser(t.core, [])
    const s = await session(t, user.username, user.password)
    expect(
      (await t.app.inject({ url: '/api/admin/articles', headers: s.headers })).statusCode,
    ).toBe(200)
    await sleep(ttl + 300)
    const res = await t.app.inject({ url: '/api/admin/articles', headers: s.headers })
    expect(res.statusCode).toBe(401)
    expect(res.json().error.code).toBe('unauthorized')
    // The expired row is gone, not merely ignored.
    const rows = await t.database.db
      .selectFrom('session')
      .select('id')
      .where('user_id', '=', user.id)
      .execute()
    expect(rows).toEqual([])
  })

  it('keeps an active session alive past its first TTL and renews the cookie with it', async () => {
    const user = await makeUser(t.core, [])
    const s = await session(t, user.username, user.password)
    await sleep(ttl * 0.6)
    const first = await t.app.inject({ url: '/api/admin/articles', headers: s.headers })
    expect(first.statusCode).toBe(200)
    // The browser must keep the cookie as long as the server keeps the session.
    expect(setCookieOf(first.headers['set-cookie'])).toMatch(
      /^zq_session=[^;]+;.*Max-Age=[123]\b.*HttpOnly/i,
    )
    await sleep(ttl * 0.6)
    expect(
      (await t.app.inject({ url: '/api/admin/articles', headers: s.headers })).statusCode,
    ).toBe(200)
    await sleep(ttl + 300)
    expect(
      (await t.app.inject({ url: '/api/admin/articles', headers: s.headers })).statusCode,
    ).toBe(401)
  })
})
