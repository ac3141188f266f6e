import { Writable } from 'node:stream'
import type { Browser } from 'playwright-core'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, type BuiltApp } from '../app'
import { solveToPayload } from '../modules/captcha/captcha.test-helpers'
import { fakeIdNumber, fakeName } from '../modules/records/records.fake'
import { makeRecordsSet } from '../modules/records/records.test-helpers'
import type { RecordsSet } from '../modules/records/records.repository'
import type { Site } from '../modules/sites/site.repository'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../test/build-test-app'
import { makeChannel, makePortal, systemCtx } from '../test/factories'
import { axeViolations, hasChromium, launchChromium, listenLocally } from '../test/browser'

let t: TestApp
let logged: BuiltApp
let portal: Site
let unit: Site
let set: RecordsSet
const lines: string[] = []
let ip = 0

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()

/** The second app logs everything it would log in production, into `lines`. */
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(chunk.toString())
    done()
  },
})

async function captcha(app = t.app): Promise<string> {
  const res = await app.inject({ url: '/api/v1/captcha/challenge?form=records' })
  return solveToPayload(res.json())
}

function post(app: BuiltApp['app'], code: string, fields: Record<string, string>) {
  return app.inject({
    method: 'POST',
    url: `/records/${code}/query`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form(fields),
    remoteAddress: `10.80.0.${++ip}`,
  })
}

beforeAll(async () => {
  t = await buildTestApp({ captcha: 'altcha' })
  portal = await makePortal(t.core)
  unit = await makeChannel(t.core, portal)
  set = await makeRecordsSet(t, { kind: 'medical', people: 12, months: 2 })
  logged = await buildApp(t.config, {
    database: t.database,
    migrate: false,
    strictTemplates: true,
    logger: pino({ level: 'trace' }, sink),
  })
})
afterAll(async () => {
  await logged.app.close()
  await t.close()
})

describe(`records pages (${TEST_DIALECT})`, () => {
  it('lists the sets and shows a cacheable form with the captcha on every site', async () => {
    const index = await t.app.inject({ url: '/records/' })
    expect(index.statusCode).toBe(200)
    expect(index.body).toContain(`href="/records/${set.code}/"`)
    const page = await t.app.inject({ url: `${unit.basePath}records/${set.code}/` })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<altcha-widget')
    expect(page.body).toContain(`action="/records/${set.code}/query"`)
    expect(page.body).toContain(`name="page" value="${unit.basePath}records/${set.code}/"`)
    expect(page.body).toContain(unit.name)
    expect(page.headers['cache-control']).not.toBe('no-store')
    expect((await t.app.inject({ url: '/records/no-such-set/' })).statusCode).toBe(404)
  })

  it('answers a post in the site’s frame, masked, no-store and noindex', async () => {
    const id = fakeIdNumber(4)
    const res = await post(t.app, set.code, {
      page: `${unit.basePath}records/${set.code}/`,
      idNumber: id,
      name: fakeName(4),
      secret: 'pw4',
      altcha: await captcha(),
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.body).toContain('<meta name="robots" content="noindex, nofollow">')
    expect(res.body).toContain(`${id.slice(0, 4)}**********${id.slice(-4)}`)
    expect(res.body).not.toContain(id)
    expect(res.body).toContain(unit.name)
    expect(res.body).toContain('个人账户划入')
  })

  it('shows the form again for a missing captcha and a malformed ID number, without echoing them', async () => {
    const id = fakeIdNumber(5)
    const noCaptcha = await post(t.app, set.code, {
      page: `/records/${set.code}/`,
      idNumber: id,
      name: fakeName(5),
      secret: 'pw5',
    })
    expect(noCaptcha.statusCode).toBe(400)
    expect(noCaptcha.body).toContain('records-captcha')
    expect(noCaptcha.body).not.toContain(id)
    const bad = await post(t.app, set.code, {
      page: `/records/${set.code}/`,
      idNumber: '420602199001011230',
      name: fakeName(5),
      secret: 'pw5',
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('身份证号码不正确')
    expect(bad.body).not.toContain('420602199001011230')
  })

  it('never writes an ID number, a name or a secret to the log', async () => {
    const id = fakeIdNumber(6)
    const name = fakeName(6)
    const calls = [
      { idNumber: id, name, secret: 'pw6', captcha: await captcha(logged.app) },
      { idNumber: id, name, secret: 'wrong-secret-6', captcha: await captcha(logged.app) },
      { idNumber: `${id.slice(0, 17)}Z`, name, secret: 'pw6' },
      { idNumber: id, name, secret: 'pw6', captcha: 'not-a-captcha' },
      { idNumber: id, name: 42, secret: 'pw6' },
    ]
    const statuses = []
    for (const payload of calls) {
      const res = await logged.app.inject({
        method: 'POST',
        url: `/api/v1/records/${set.code}/query`,
        payload,
        remoteAddress: `10.81.0.${++ip}`,
      })
      statuses.push(res.statusCode)
    }
    expect(statuses).toEqual([200, 404, 400, 400, 400])
    const page = await post(logged.app, set.code, { page: '/', idNumber: id, name, secret: 'pw6' })
    expect(page.statusCode).toBe(404)
    logged.core.deps.logger.flush()
    const all = lines.join('')
    for (const secret of [id, id.slice(0, 17), name, 'pw6', 'wrong-secret-6']) {
      expect(all).not.toContain(secret)
    }
  })

  it('drops cached pages when a set is disabled', async () => {
    const url = `/records/${set.code}/`
    expect((await t.app.inject({ url })).statusCode).toBe(200)
    await t.core.records.updateSet(systemCtx, set.id, { isEnabled: false })
    expect((await t.app.inject({ url })).statusCode).toBe(404)
    expect((await t.app.inject({ url: '/records/' })).body).not.toContain(url)
    await t.core.records.updateSet(systemCtx, set.id, { isEnabled: true })
  })
})

describe.skipIf(!hasChromium)(`records pages pass axe-core WCAG 2.1 AA (${TEST_DIALECT})`, () => {
  let browser: Browser
  let base: string
  beforeAll(async () => {
    base = await listenLocally(t)
    browser = await launchChromium()
  })
  afterAll(async () => browser?.close())

  it('has no A/AA violations on the index, the form, an answer and a refusal', async () => {
    const answer = await post(t.app, set.code, {
      page: `/records/${set.code}/`,
      idNumber: fakeIdNumber(6),
      name: fakeName(6),
      secret: 'pw6',
      altcha: await captcha(),
    })
    const refusal = await post(t.app, set.code, {
      page: `/records/${set.code}/`,
      idNumber: '420602199001011230',
      name: fakeName(6),
      secret: 'pw6',
    })
    const pages: [string, string][] = [
      ['index', (await t.app.inject({ url: '/records/' })).body],
      ['form', (await t.app.inject({ url: `/records/${set.code}/` })).body],
      ['answer', answer.body],
      ['refusal', refusal.body],
    ]
    expect(answer.statusCode).toBe(200)
    for (const [name, html] of pages) {
      for (const width of [1280, 390]) {
        const p = await browser.newPage({ viewport: { width, height: 900 }, bypassCSP: true })
        await p.route(`${base}/probe`, (route) =>
          route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
        )
        await p.goto(`${base}/probe`)
        const violations = await axeViolations(p)
        await p.close()
        expect(violations, `${name} @${width}px`).toEqual([])
      }
    }
  })
})
