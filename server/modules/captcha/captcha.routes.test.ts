import vm from 'node:vm'
import zlib from 'node:zlib'
import type { Challenge } from 'altcha-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { solveToPayload } from './captcha.test-helpers'

describe(`captcha routes (${TEST_DIALECT})`, () => {
  let t: TestApp

  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('GET /api/v1/captcha/challenge answers a fresh, uncached challenge the server then accepts', async () => {
    const res = await t.app.inject({ url: '/api/v1/captcha/challenge' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['content-type']).toContain('application/json')
    const body = res.json<Challenge>()
    // The widget reads the challenge itself, not a `data` envelope.
    expect(Object.keys(body).sort()).toEqual(['parameters', 'signature'])
    expect(body.parameters).toMatchObject({ algorithm: 'PBKDF2/SHA-256', keyLength: 32 })
    expect(body.parameters.keySignature).toMatch(/^[0-9a-f]{64}$/)
    // Serialisation kept every signed parameter: the solved payload verifies.
    await expect(t.core.captcha.verify(await solveToPayload(body))).resolves.toBeUndefined()
    const again = await t.app.inject({ url: '/api/v1/captcha/challenge' })
    expect(again.json<Challenge>().signature).not.toBe(body.signature)
  })

  it('binds a challenge to ?form= and refuses a malformed form name', async () => {
    const res = await t.app.inject({ url: '/api/v1/captcha/challenge?form=letter' })
    const body = res.json<Challenge>()
    expect(body.parameters.data).toEqual({ form: 'letter' })
    const payload = await solveToPayload(body)
    await expect(t.core.captcha.verify(payload, { formId: 'letter' })).resolves.toBeUndefined()
    const bad = await t.app.inject({ url: '/api/v1/captcha/challenge?form=../x' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('invalid')
  })

  it('is documented in the OpenAPI description', async () => {
    const res = await t.app.inject({ url: '/api/docs/json' })
    const doc = res.json<{ paths: Record<string, { get?: { tags?: string[] } }> }>()
    expect(doc.paths['/api/v1/captcha/challenge']?.get?.tags).toEqual(['公开接口'])
  })

  it('serves the widget script from this origin, cached for a year, as valid JavaScript', async () => {
    const view = t.core.captcha.view('letter')
    expect(view).toMatchObject({
      enabled: true,
      challengeUrl: '/api/v1/captcha/challenge?form=letter',
      fieldName: 'altcha',
    })
    expect(view.scriptUrl).toMatch(/^\/assets\/altcha\/altcha\.js\?v=[0-9a-f]{16}$/)
    const res = await t.app.inject({ url: view.scriptUrl })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    const js = res.body
    expect(js).toContain('altcha-widget')
    expect(js).toContain('我不是机器人')
    // The worker comes from this origin (the pages' CSP forbids blob: workers).
    expect(js).toContain('new Worker(workerUrl)')
    const workerUrl = /"(\/assets\/altcha\/pbkdf2\.js\?v=[0-9a-f]{16})"/.exec(js)?.[1] ?? ''
    expect(workerUrl).not.toBe('')
    expect(() => new vm.Script(js)).not.toThrow()

    const gz = await t.app.inject({ url: view.scriptUrl, headers: { 'accept-encoding': 'gzip' } })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(zlib.gunzipSync(gz.rawPayload).toString('utf8')).toBe(js)
    const br = await t.app.inject({
      url: view.scriptUrl,
      headers: { 'accept-encoding': 'gzip, br' },
    })
    expect(br.headers['content-encoding']).toBe('br')
    expect(zlib.brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(js)

    const etag = res.headers.etag
    const cached = await t.app.inject({
      url: view.scriptUrl,
      headers: { 'if-none-match': String(etag) },
    })
    expect(cached.statusCode).toBe(304)

    const w = await t.app.inject({ url: workerUrl })
    expect(w.statusCode).toBe(200)
    expect(w.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(() => new vm.Script(w.body)).not.toThrow()
  })

  it('serves the widget styles as CSS and nothing else under /assets/altcha/', async () => {
    const css = await t.app.inject({ url: t.core.captcha.view().styleUrl })
    expect(css.statusCode).toBe(200)
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8')
    expect(css.body).toContain('.altcha')
    for (const url of ['/assets/altcha/package.json', '/assets/altcha/..%2Fpackage.json']) {
      const res = await t.app.inject({ url })
      expect(res.statusCode, url).toBe(404)
    }
  })
})
