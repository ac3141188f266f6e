import { Writable } from 'node:stream'
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Type } from 'typebox'
import { AppError, invalid } from '../errors'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../test/build-test-app'
import { makePortal } from '../test/factories'
import { registerErrorHandler } from './error-handler'

describe(`error answers of the whole app (${TEST_DIALECT})`, () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
    // A default portal on this host: unknown paths outside /api get its HTML 404 page.
    await makePortal(t.core, { hosts: ['localhost'] })
  })
  afterAll(async () => {
    await t.close()
  })

  it('answers an invalid JSON body with 400 and a Chinese message', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/session',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "admin", "password": ',
    })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.json()).toEqual({
      error: { code: 'bad_request', message: '请求内容不是有效的 JSON' },
    })
  })

  it('answers an empty JSON body and an unsupported content type in Chinese', async () => {
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/admin/session',
      headers: { 'content-type': 'application/json' },
      payload: '',
    })
    expect(empty.statusCode).toBe(400)
    expect(empty.json()).toEqual({ error: { code: 'bad_request', message: '请求内容为空' } })
    const xml = await t.app.inject({
      method: 'POST',
      url: '/api/admin/session',
      headers: { 'content-type': 'application/xml' },
      payload: '<login/>',
    })
    expect(xml.statusCode).toBe(415)
    expect(xml.json()).toEqual({ error: { code: 'unsupported_type', message: '不支持的内容类型' } })
  })

  it('answers a schema violation with 400 and Chinese field messages', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/session',
      payload: { username: '' },
    })
    expect(res.statusCode).toBe(400)
    const { error } = res.json()
    expect(error.code).toBe('invalid')
    expect(error.message).toMatch(/^请求内容有误：/)
    expect(error.fields).toEqual({ username: '用户名不能为空', password: '密码不能为空' })
  })

  it('answers an unknown /api route with a JSON 404, whatever the method', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      for (const url of [
        '/api/nothing',
        '/api/v1/nothing',
        '/api/admin/nothing',
        '/api/v1/sites/x/y/z',
      ]) {
        const res = await t.app.inject({ method, url })
        expect(res.statusCode, `${method} ${url}`).toBe(404)
        expect(res.headers['content-type'], `${method} ${url}`).toMatch(/^application\/json/)
        expect(res.json()).toEqual({ error: { code: 'not_found', message: '接口不存在' } })
      }
    }
    // Known routes still answer, and pages outside /api keep their HTML 404.
    expect((await t.app.inject({ url: '/api/v1/sites' })).statusCode).toBe(200)
    expect((await t.app.inject({ url: '/api/admin/session' })).statusCode).toBe(200)
    expect((await t.app.inject({ url: '/api/docs/json' })).json().info.title).toContain('站群')
    const page = await t.app.inject({ url: '/no-such-page/' })
    expect(page.statusCode).toBe(404)
    expect(page.headers['content-type']).toMatch(/^text\/html/)
  })

  it('answers an oversized JSON body with 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/session',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'admin', password: 'x'.repeat(5 * 1024 * 1024) }),
    })
    expect(res.statusCode).toBe(413)
    expect(res.json()).toEqual({ error: { code: 'too_large', message: '提交的内容或文件过大' } })
  })
})

describe('error translator', () => {
  let app: FastifyInstance
  const logged: Record<string, unknown>[] = []
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean))
          logged.push(JSON.parse(line))
        done()
      },
    })
    app = Fastify({
      loggerInstance: pino({ level: 'error' }, sink) as FastifyBaseLogger,
      // As in buildApp: verbose errors carry the schema titles the messages are made of.
      ajv: { customOptions: { allErrors: true, verbose: true } },
    })
    registerErrorHandler(app)
    app.get('/boom', async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.5:5432 password=s3cret')
    })
    app.get('/boom-503', async () => {
      throw Object.assign(new Error('upstream detail'), { statusCode: 503 })
    })
    app.get('/bad-418', async () => {
      throw Object.assign(new Error('internal teapot detail'), { statusCode: 418 })
    })
    app.get('/app-error', async () => {
      throw invalid('标题不能为空', { title: '标题不能为空' })
    })
    app.get('/locked', async () => {
      throw new AppError(423, 'locked', '账号已锁定')
    })
    app.post(
      '/typed',
      { schema: { body: Type.Object({ n: Type.Integer({ title: '数量', minimum: 1 }) }) } },
      async () => ({ ok: true }),
    )
    await app.ready()
  })
  afterAll(async () => {
    await app.close()
  })

  it('answers an unexpected exception with 500 internal_error, logs it and never echoes it', async () => {
    const res = await app.inject({ url: '/boom' })
    expect(res.statusCode).toBe(500)
    expect(res.json()).toEqual({
      error: { code: 'internal_error', message: '服务器内部错误，请稍后再试' },
    })
    expect(res.body).not.toMatch(/ECONNREFUSED|s3cret|stack|Error/)
    const entry = logged.find((l) => JSON.stringify(l).includes('ECONNREFUSED'))
    expect(entry).toMatchObject({ level: 50, msg: 'unhandled error' })

    const upstream = await app.inject({ url: '/boom-503' })
    expect(upstream.statusCode).toBe(500)
    expect(upstream.json().error.code).toBe('internal_error')
    expect(upstream.body).not.toContain('upstream detail')
  })

  it('passes application errors through with their status, code, message and fields', async () => {
    const res = await app.inject({ url: '/app-error' })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({
      error: { code: 'invalid', message: '标题不能为空', fields: { title: '标题不能为空' } },
    })
    expect((await app.inject({ url: '/locked' })).json()).toEqual({
      error: { code: 'locked', message: '账号已锁定' },
    })
  })

  it('answers other client errors generically, without their internal message', async () => {
    const res = await app.inject({ url: '/bad-418' })
    expect(res.statusCode).toBe(418)
    expect(res.json()).toEqual({ error: { code: 'bad_request', message: '请求有误' } })
  })

  it('translates validation errors into Chinese field messages', async () => {
    const res = await app.inject({ method: 'POST', url: '/typed', payload: { n: 0 } })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({
      error: {
        code: 'invalid',
        message: '请求内容有误：数量不能小于 1',
        fields: { n: '数量不能小于 1' },
      },
    })
  })

  it('answers an unknown route with a JSON 404', async () => {
    const res = await app.inject({ url: '/nowhere' })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ error: { code: 'not_found', message: '接口不存在' } })
  })
})
