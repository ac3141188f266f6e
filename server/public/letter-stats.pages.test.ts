import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertLetter } from '../modules/letters/letter-stats.test-helpers'
import { mailboxRepository } from '../modules/letters/mailbox.repository'
import type { Site } from '../modules/sites/site.repository'
import { axeViolations, hasChromium, launchChromium, listenLocally } from '../test/browser'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../test/build-test-app'
import { makeColumn, makeChannel, makePortal } from '../test/factories'
import { withoutSuggestScript } from '../test/suggest-script'

const HOST = 'www.letter-stats.gov.cn'
const DAY = 86_400_000

let t: TestApp
let portal: Site
let xzxx = 0
let zfhf = 0
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString()
const page = (url: string) => t.app.inject({ url, headers: { host: HOST } })

beforeAll(async () => {
  t = await buildTestApp()
  portal = await makePortal(t.core, { hosts: [HOST] })
  await makeColumn(t.core, portal, { name: '领导信箱', slug: 'ldxx', type: 'letters' })
  await makeColumn(t.core, portal, { name: '新闻', slug: 'news' })
  const db = t.core.deps.db
  xzxx = await mailboxRepository.insert(db, { siteId: portal.id, code: 'xzxx', name: '县长信箱' })
  zfhf = await mailboxRepository.insert(db, {
    siteId: portal.id,
    code: 'zfhf',
    name: '政风行风信箱',
    sort: 1,
  })
  await mailboxRepository.insert(db, {
    siteId: portal.id,
    code: 'unused',
    name: '停用的信箱',
    enabled: false,
  })
  const channel = await makeChannel(t.core, portal)
  await mailboxRepository.insert(db, { siteId: channel.id, code: 'jzxx', name: '局长信箱' })
  const P = { siteId: portal.id }
  const answered = (days: number, onTime: 0 | 1, rating: string) => ({
    state: 'answered',
    accepted_at: ago(20),
    replied_at: ago(5),
    reply_days: days,
    on_time: onTime,
    rating,
  })
  const writer = { writer_name: '王秘密', writer_mobile: '13912340000' }
  await insertLetter(db, {
    ...P,
    ...writer,
    mailboxId: xzxx,
    receivedAt: ago(30),
    ...answered(4, 1, 'satisfied'),
  })
  await insertLetter(db, {
    ...P,
    ...writer,
    mailboxId: xzxx,
    receivedAt: ago(40),
    ...answered(7, 0, 'unsatisfied'),
  })
  await insertLetter(db, {
    ...P,
    ...writer,
    mailboxId: xzxx,
    receivedAt: ago(800),
    ...answered(12, 1, 'basically'),
  })
  await insertLetter(db, { ...P, ...writer, mailboxId: zfhf, receivedAt: ago(3) })
  await insertLetter(db, {
    ...P,
    ...writer,
    mailboxId: zfhf,
    receivedAt: ago(3),
    state: 'withdrawn',
  })
})
afterAll(async () => t.close())

const recentXzxx = {
  received: 2,
  accepted: 2,
  answered: 2,
  onTimeRate: 0.5,
  avgDays: 5.5,
  satisfactionRate: 0.5,
  rated: 2,
}
const allXzxx = {
  received: 3,
  accepted: 3,
  answered: 3,
  onTimeRate: 0.6667,
  avgDays: 7.7,
  satisfactionRate: 0.6667,
  rated: 3,
}
const zfhfFigures = {
  received: 1,
  accepted: 0,
  answered: 0,
  onTimeRate: null,
  avgDays: null,
  satisfactionRate: null,
  rated: 0,
}

describe(`信箱统计 page and API (${TEST_DIALECT})`, () => {
  it('shows per mailbox and for the site, over 12 months and all time, in captioned tables', async () => {
    const res = await page('/ldxx/statistics')
    expect(res.statusCode).toBe(200)
    const html = res.body
    expect(html).toContain('<h1 class="page-title" id="page-title">信箱统计</h1>')
    expect(html).toMatch(
      /<caption id="letter-stats-caption-1">近 12 个月（\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}）<\/caption>/,
    )
    expect(html).toContain('<caption id="letter-stats-caption-2">累计（开通以来）</caption>')
    expect(html).toContain('<th scope="col">按时答复率</th>')
    const rows = [
      ...html.matchAll(/<tr>\s*<th scope="row">([^<]+)<\/th>((?:\s*<td>[^<]*<\/td>)+)/g),
    ].map((m) => [m[1], ...[...(m[2] ?? '').matchAll(/<td>([^<]*)<\/td>/g)].map((c) => c[1])])
    expect(rows).toEqual([
      ['县长信箱', '2', '2', '2', '50.0%', '5.5', '50.0%', '2'],
      ['政风行风信箱', '1', '0', '0', '—', '—', '—', '0'],
      ['全站合计', '3', '2', '2', '50.0%', '5.5', '50.0%', '2'],
      ['县长信箱', '3', '3', '3', '66.7%', '7.7', '66.7%', '3'],
      ['政风行风信箱', '1', '0', '0', '—', '—', '—', '0'],
      ['全站合计', '4', '3', '3', '66.7%', '7.7', '66.7%', '3'],
    ])
    // A disabled mailbox without letters is left out; nothing of any writer is shown.
    expect(html).not.toContain('停用的信箱')
    expect(html).not.toContain('王秘密')
    expect(withoutSuggestScript(html)).not.toContain('<script')
    expect(html).toContain('<a href="/ldxx/">返回领导信箱</a>')
  })

  it('is cached until its tag is invalidated, and the mailbox page links to it', async () => {
    const before = await page('/ldxx/statistics')
    await insertLetter(t.core.deps.db, { siteId: portal.id, mailboxId: zfhf, receivedAt: ago(1) })
    expect((await page('/ldxx/statistics')).body).toBe(before.body)
    t.bus.publish({ action: 'letter.accept', tags: [`letter-stats:${portal.id}`] })
    const after = await page('/ldxx/statistics')
    expect(after.body).not.toBe(before.body)
    expect(after.body).toContain('<th scope="row">政风行风信箱</th>\n            <td>2</td>')
    const mailboxPage = await page('/ldxx/')
    expect(mailboxPage.body).toContain('<a href="/ldxx/statistics">信箱统计</a>')
  })

  it('answers 404 under a column that is not a mailbox', async () => {
    expect((await page('/news/statistics')).statusCode).toBe(404)
    expect((await page('/nope/statistics')).statusCode).toBe(404)
  })

  it('serves the same figures as JSON, by site or by mailbox', async () => {
    // The extra letter of the previous test: 政风行风信箱 now has two.
    const zfhfNow = { ...zfhfFigures, received: 2 }
    const res = await t.app.inject({ url: `/api/v1/letters/statistics?site=${portal.code}` })
    expect(res.statusCode).toBe(200)
    const data = res.json().data
    expect(data.site).toEqual({ code: portal.code, name: portal.name })
    expect(data.period.from).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(data.mailboxes).toEqual([
      { code: 'xzxx', name: '县长信箱', recent: recentXzxx, allTime: allXzxx },
      { code: 'zfhf', name: '政风行风信箱', recent: zfhfNow, allTime: zfhfNow },
    ])
    expect(data.total.allTime).toEqual({
      received: 5,
      accepted: 3,
      answered: 3,
      onTimeRate: 0.6667,
      avgDays: 7.7,
      satisfactionRate: 0.6667,
      rated: 3,
    })
    const one = await t.app.inject({ url: '/api/v1/letters/statistics?mailbox=xzxx' })
    expect(one.json().data.mailboxes.map((m: { code: string }) => m.code)).toEqual(['xzxx'])
    expect(one.json().data.total).toEqual({ recent: recentXzxx, allTime: allXzxx })
    const none = await t.app.inject({ url: '/api/v1/letters/statistics' })
    expect(none.statusCode).toBe(400)
    expect(none.json().error).toMatchObject({
      code: 'invalid',
      message: '请指定站点代码（site）或信箱代码（mailbox）',
    })
    const wrong = await t.app.inject({
      url: `/api/v1/letters/statistics?site=${portal.code}&mailbox=jzxx`,
    })
    expect(wrong.statusCode).toBe(404)
    expect((await t.app.inject({ url: '/api/v1/letters/statistics?site=nope' })).statusCode).toBe(
      404,
    )
    expect(
      (await t.app.inject({ url: '/api/v1/letters/statistics?mailbox=nope' })).statusCode,
    ).toBe(404)
    const doc = await t.app.inject({ url: '/api/docs/json' })
    expect(doc.json().paths['/api/v1/letters/statistics'].get.summary).toContain('信箱统计')
  })
})

describe.skipIf(!hasChromium)(`信箱统计 passes axe-core WCAG 2.1 AA (${TEST_DIALECT})`, () => {
  let browser: Browser
  let base: string
  beforeAll(async () => {
    base = await listenLocally(t)
    browser = await launchChromium()
  })
  afterAll(async () => browser?.close())

  it('has no A/AA violations at desktop and phone widths', async () => {
    const html = (await page('/ldxx/statistics')).body
    for (const width of [1280, 390]) {
      const p = await browser.newPage({ viewport: { width, height: 900 }, bypassCSP: true })
      await p.route(`${base}/ldxx/statistics`, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
      )
      await p.goto(`${base}/ldxx/statistics`)
      expect(await p.locator('table caption').count()).toBe(2)
      const violations = await axeViolations(p)
      const overflow = await p.evaluate(
        () => document.documentElement.scrollWidth > window.innerWidth + 1,
      )
      if (overflow) violations.push(`scrolls sideways @${width}px`)
      await p.close()
      expect(violations, `@${width}px`).toEqual([])
    }
  })
})
