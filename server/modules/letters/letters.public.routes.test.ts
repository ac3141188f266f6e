import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import {
  actOn,
  answerLetter,
  letterWorld,
  publishLetter,
  writeLetter,
  type LetterWorld,
} from '../../public/letters.test-helpers'

let t: TestApp
let w: LetterWorld
let ip = 0

const call = (method: 'GET' | 'POST', url: string, payload?: object, remoteAddress?: string) =>
  t.app.inject({
    method,
    url,
    ...(payload ? { payload } : {}),
    remoteAddress: remoteAddress ?? `10.40.0.${++ip}`,
  })
const PERSONAL = ['王秘密', '13800138000', 'secret.writer', '原始标题', '原始答复']

beforeAll(async () => {
  t = await buildTestApp({ captcha: 'off' })
  w = await letterWorld(t, 'www.letters-api.gov.cn', 'xzxx-api')
})
afterAll(async () => t.close())

describe(`writer actions in /api/v1 (${TEST_DIALECT})`, () => {
  it('rates an answered letter and answers with its new status', async () => {
    const l = await writeLetter(t, w)
    await answerLetter(t, w, l.letterId)
    const status = await call('GET', `/api/v1/letters/${l.queryCode}?password=${l.password}`)
    expect(status.json().data).toMatchObject({
      state: 'answered',
      publicNote: null,
      ratingUntil: expect.any(String),
      reply: expect.stringContaining('已责令施工单位'),
    })

    const url = `/api/v1/letters/${l.queryCode}/rating`
    const wrong = await call('POST', url, { password: 'WRONGPW2', rating: 'satisfied' })
    expect(wrong.statusCode).toBe(404)
    expect(wrong.json()).toEqual({
      error: { code: 'not_found', message: '查询码或查询密码不正确' },
    })
    const bad = await call('POST', url, { password: l.password, rating: 'great' })
    expect(bad.statusCode).toBe(400)

    const res = await call('POST', url, {
      password: l.password,
      rating: 'basically',
      comment: '还可以',
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.json().data).toMatchObject({
      queryCode: l.queryCode,
      state: 'closed',
      rating: 'basically',
      ratingUntil: null,
    })
    const again = await call('POST', url, { password: l.password, rating: 'satisfied' })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('not_ratable')
  })

  it('takes a supplement when asked, then refuses another', async () => {
    const l = await writeLetter(t, w)
    await actOn(t)(w.desk, l.letterId, 'request_info', { message: '请补充具体时间。' })
    const status = await call('GET', `/api/v1/letters/${l.queryCode}?password=${l.password}`)
    expect(status.json().data).toMatchObject({
      state: 'needs_info',
      publicNote: '请补充具体时间。',
    })
    const url = `/api/v1/letters/${l.queryCode}/supplement`
    const short = await call('POST', url, { password: l.password, text: '无' })
    expect(short.statusCode).toBe(400)
    expect(short.json().error.message).toBe('请填写补充的内容')
    const res = await call('POST', url, { password: l.password, text: '每天晚上十点以后。' })
    expect(res.statusCode).toBe(200)
    expect(res.json().data).toMatchObject({ state: 'submitted', publicNote: null })
    const twice = await call('POST', url, { password: l.password, text: '每天晚上十点以后。' })
    expect(twice.statusCode).toBe(409)
  })

  it('withdraws before assignment only; a wrong password reads like the GET', async () => {
    const l = await writeLetter(t, w)
    const url = `/api/v1/letters/${l.queryCode}/withdraw`
    const wrong = await call('POST', url, { password: 'WRONGPW2' })
    expect(wrong.statusCode).toBe(404)
    expect(wrong.json().error.message).toBe('查询码或查询密码不正确')
    const res = await call('POST', url, { password: l.password })
    expect(res.statusCode).toBe(200)
    expect(res.json().data).toMatchObject({ state: 'withdrawn', stateLabel: '已撤回' })
    const again = await call('POST', url, { password: l.password })
    expect(again.statusCode).toBe(409)
    expect(await call('POST', url, {})).toMatchObject({ statusCode: 400 })
  })

  it('limits the actions per address like the check', async () => {
    const addr = '10.41.0.1'
    const codes: number[] = []
    for (let i = 0; i < 21; i++) {
      codes.push(
        (await call('POST', '/api/v1/letters/ABCDEFGHJK/withdraw', { password: 'X' }, addr))
          .statusCode,
      )
    }
    expect(codes.slice(0, 20).every((c) => c === 404)).toBe(true)
    expect(codes[20]).toBe(429)
  })
})

describe(`published letters in /api/v1 (${TEST_DIALECT})`, () => {
  it('lists and shows published letters with the redacted copies only', async () => {
    const shown = await writeLetter(t, w)
    await answerLetter(t, w, shown.letterId)
    await publishLetter(t, w, shown.letterId, 'API')
    const kept = await writeLetter(t, w)
    await answerLetter(t, w, kept.letterId)

    const list = await call('GET', `/api/v1/mailboxes/${w.code}/letters`)
    expect(list.statusCode).toBe(200)
    const body = list.json()
    expect(body).toMatchObject({ total: 1, page: 1, pageSize: 20 })
    expect(body.data).toEqual([
      {
        id: shown.letterId,
        subject: '公开标题API',
        type: 'complaint',
        typeLabel: '投诉',
        mailbox: '县长信箱',
        receivedAt: expect.any(String),
        repliedAt: expect.any(String),
        publishedAt: expect.any(String),
        unitName: '测试县住房和城乡建设局',
      },
    ])
    const detail = await call('GET', `/api/v1/published-letters/${shown.letterId}`)
    expect(detail.statusCode).toBe(200)
    expect(detail.json().data).toMatchObject({
      body: '公开来信内容API：幸福路夜间施工噪音扰民。',
      reply: '公开答复内容API：已责令施工单位夜间停工。',
    })
    for (const p of PERSONAL) {
      expect(list.body).not.toContain(p)
      expect(detail.body).not.toContain(p)
    }

    expect((await call('GET', `/api/v1/published-letters/${kept.letterId}`)).statusCode).toBe(404)
    expect((await call('GET', '/api/v1/published-letters/999999')).statusCode).toBe(404)
    expect((await call('GET', '/api/v1/published-letters/abc')).statusCode).toBe(400)
    expect((await call('GET', '/api/v1/mailboxes/no-such/letters')).statusCode).toBe(404)
    expect((await call('GET', `/api/v1/mailboxes/${w.code}/letters?page=2`)).json()).toMatchObject({
      data: [],
      total: 1,
      page: 2,
    })
  })

  it('documents the new endpoints in OpenAPI', async () => {
    const spec = (await call('GET', '/api/docs/json')).json() as { paths: Record<string, unknown> }
    for (const p of [
      '/api/v1/letters/{queryCode}/rating',
      '/api/v1/letters/{queryCode}/supplement',
      '/api/v1/letters/{queryCode}/withdraw',
      '/api/v1/mailboxes/{code}/letters',
      '/api/v1/published-letters/{id}',
    ]) {
      expect(spec.paths[p], p).toBeDefined()
    }
  })
})
