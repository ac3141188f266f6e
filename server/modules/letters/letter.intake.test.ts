import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../test/build-test-app'
import { makePortal, systemCtx } from '../../test/factories'
import { solveToPayload } from '../captcha/captcha.test-helpers'
import { mailboxRepository } from './mailbox.repository'

let t: TestApp
let portalCode = ''

const letter = (extra: Record<string, unknown> = {}) => ({
  mailbox: 'xzxx',
  type: 'consult',
  subject: '关于小区供暖时间的咨询',
  body: '请问今年城区集中供暖从哪天开始？',
  name: '张三',
  mobile: '138 1234 5678',
  public: true,
  ...extra,
})
let ip = 0
const post = (payload: object, remoteAddress = `10.7.0.${++ip}`) =>
  t.app.inject({ method: 'POST', url: '/api/v1/letters', payload, remoteAddress })
const solved = async () =>
  solveToPayload(
    (await t.app.inject({ url: '/api/v1/captcha/challenge' })).json() as Parameters<
      typeof solveToPayload
    >[0],
  )

beforeAll(async () => {
  t = await buildTestApp()
  const portal = await makePortal(t.core)
  portalCode = portal.code
  await mailboxRepository.insert(t.core.deps.db, {
    siteId: portal.id,
    code: 'xzxx',
    name: '县长信箱',
  })
  const closed = await makePortal(t.core, { isDefault: false })
  await mailboxRepository.insert(t.core.deps.db, {
    siteId: closed.id,
    code: 'gone',
    name: '旧信箱',
  })
  await t.core.sites.setStatus(systemCtx, closed.id, { status: 'closed', notice: '已整合' })
})
afterAll(async () => t.close())

describe('writing and checking a letter', () => {
  it('lists the mailboxes of open sites', async () => {
    const res = await t.app.inject({ url: `/api/v1/mailboxes?site=${portalCode}` })
    expect(res.json().data).toEqual([
      { code: 'xzxx', name: '县长信箱', description: '', siteCode: portalCode },
    ])
    const all = await t.app.inject({ url: '/api/v1/mailboxes' })
    expect(all.json().data.map((m: { code: string }) => m.code)).toEqual(['xzxx'])
  })

  it('stores the letter before answering with a 查询码 and password, then shows its state', async () => {
    const res = await post(letter({ captcha: await solved() }))
    expect(res.statusCode).toBe(201)
    const { queryCode, password } = res.json().data as { queryCode: string; password: string }
    expect(queryCode).toMatch(/^[2-9A-Z]{10}$/)
    expect(password).toMatch(/^[2-9A-Z]{8}$/)
    const row = await t.core.deps.db
      .selectFrom('letter')
      .selectAll()
      .where('query_code', '=', queryCode)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ state: 'submitted', writer_mobile: '13812345678', wants_public: 1 })
    expect(row.password_hash).not.toContain(password)

    const check = await t.app.inject({
      url: `/api/v1/letters/${queryCode.toLowerCase()}?password=${password}`,
    })
    expect(check.statusCode).toBe(200)
    expect(check.headers['cache-control']).toBe('no-store')
    expect(check.json().data).toMatchObject({
      queryCode,
      mailbox: '县长信箱',
      state: 'submitted',
      stateLabel: '已提交，等待受理',
      reply: null,
    })
    // The writer's personal data is not part of the answer.
    expect(check.body).not.toContain('13812345678')
    expect(check.body).not.toContain('张三')
    const wrong = await t.app.inject({ url: `/api/v1/letters/${queryCode}?password=WRONGPW2` })
    const unknown = await t.app.inject({ url: `/api/v1/letters/ABCDEFGHJK?password=${password}` })
    expect([wrong.statusCode, unknown.statusCode]).toEqual([404, 404])
    expect(wrong.json().error.message).toBe(unknown.json().error.message)
  })

  it('refuses a replayed captcha and merges the same letter sent twice within a minute', async () => {
    const captcha = await solved()
    expect((await post(letter({ subject: '第一封', captcha }))).statusCode).toBe(201)
    const replay = await post(letter({ subject: '第二封', captcha }))
    expect(replay.statusCode).toBe(400)
    expect(replay.json().error.code).toBe('captcha_replayed')
    const twice = await post(letter({ subject: '第一封', captcha: await solved() }))
    expect(twice.statusCode).toBe(409)
    expect(twice.json().error.code).toBe('duplicate_letter')
    expect(twice.json().error.message).toContain('请勿重复提交')
  })

  it('answers bad input with Chinese field errors and writes nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.core.deps.db
            .selectFrom('letter')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const before = await count()
    const cases: [Record<string, unknown>, string][] = [
      [{ body: '   ' }, 'body'],
      [{ body: '长'.repeat(5001) }, 'body'],
      [{ mobile: '12345' }, 'mobile'],
      [{ subject: '' }, 'subject'],
      [{ email: 'not-an-email' }, 'email'],
    ]
    for (const [extra, field] of cases) {
      const res = await post(letter({ ...extra, captcha: await solved() }))
      expect(res.statusCode, field).toBe(400)
      expect(res.json().error.fields[field]).toMatch(/[\u4e00-\u9fa5]/)
    }
    expect((await post(letter({ type: 'rant' }))).statusCode).toBe(400)
    expect((await post(letter({ captcha: undefined }))).json().error.code).toBe('captcha_required')
    expect((await post(letter({ mailbox: 'nope', captcha: await solved() }))).statusCode).toBe(404)
    expect((await post(letter({ mailbox: 'gone', captcha: await solved() }))).statusCode).toBe(409)
    expect(await count()).toBe(before)
  })

  it('limits how many letters one address may send', async () => {
    const codes: number[] = []
    for (let i = 0; i < 11; i++) {
      const res = await post(letter({ subject: `限流${i}`, captcha: await solved() }), '10.8.0.1')
      codes.push(res.statusCode)
    }
    expect(codes.slice(0, 10).every((c) => c === 201)).toBe(true)
    expect(codes[10]).toBe(429)
  })
})
