import type { Browser } from 'playwright-core'
import {
  axeViolations,
  CHROMIUM,
  hasChromium,
  launchChromium,
  listenLocally,
} from '../test/browser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../test/build-test-app'
import { makeColumn, makePortal } from '../test/factories'
import { solveToPayload } from '../modules/captcha/captcha.test-helpers'
import { mailboxRepository } from '../modules/letters/mailbox.repository'

const HOST = 'www.letters-pages.gov.cn'
if (!hasChromium) {
  console.warn(`[letters.pages] 跳过无障碍检查：未找到 ${CHROMIUM}（apt-get install -y chromium）`)
}

let t: TestApp
let ip = 0

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()
const post = (url: string, fields: Record<string, string>, remoteAddress = `10.9.0.${++ip}`) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { host: HOST, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form(fields),
    remoteAddress,
  })
const solved = async () =>
  solveToPayload(
    (await t.app.inject({ url: '/api/v1/captcha/challenge?form=letter' })).json() as Parameters<
      typeof solveToPayload
    >[0],
  )
const letter = (extra: Record<string, string> = {}) => ({
  mailbox: 'xzxx',
  type: 'suggestion',
  subject: '关于增设公交站点的建议',
  body: '建议在人民路与府前街交叉口增设公交站点，方便群众出行。',
  name: '李四',
  mobile: '13912345678',
  email: '',
  public: '1',
  ...extra,
})
/** The 查询码 and 查询密码 a result page shows. */
const codesOf = (html: string) => {
  const codes = [...html.matchAll(/<code>([2-9A-Z]+)<\/code>/g)].map((m) => m[1] ?? '')
  return { queryCode: codes[0] ?? '', password: codes[1] ?? '' }
}

beforeAll(async () => {
  t = await buildTestApp()
  const portal = await makePortal(t.core, {
    hosts: [HOST],
    contact: { phone: '0399-7654321', email: '', address: '' },
  })
  await makeColumn(t.core, portal, {
    name: '领导信箱',
    slug: 'ldxx',
    type: 'letters',
    description: '欢迎来信反映问题、提出意见建议。',
  })
  await mailboxRepository.insert(t.core.deps.db, {
    siteId: portal.id,
    code: 'xzxx',
    name: '县长信箱',
    description: '向县长反映问题、提出意见建议',
  })
  await mailboxRepository.insert(t.core.deps.db, {
    siteId: portal.id,
    code: 'zfhf',
    name: '政风行风信箱',
    sort: 1,
  })
})
afterAll(async () => t.close())

describe(`信箱 pages (${TEST_DIALECT})`, () => {
  it('renders the mailbox page with the write form, the captcha and the check form', async () => {
    const res = await t.app.inject({ url: '/ldxx/', headers: { host: HOST } })
    expect(res.statusCode).toBe(200)
    const html = res.body
    expect(html).toContain('一般在 5 个工作日内答复，复杂问题不超过 15 个工作日')
    expect(html).toContain('向县长反映问题、提出意见建议')
    expect(html).toContain('<form class="form" method="post" action="/ldxx/submit"')
    expect(html).toContain('<option value="zfhf">政风行风信箱</option>')
    expect(html).toMatch(/<fieldset[^>]*>\s*<legend>来信类型/)
    expect(html).toContain('<label for="letter-subject">标题')
    expect(html).toContain('maxlength="5000"')
    expect(html).toContain('电子邮箱（选填）')
    expect(html).toContain('姓名、手机号码和电子邮箱在任何情况下都不会公开')
    expect(html).toContain('<altcha-widget challenge="/api/v1/captcha/challenge?form=letter"')
    expect(html).toContain('action="/ldxx/check"')
    expect(html).not.toContain('role="alert"')
  })

  it('stores a posted letter and shows its 查询码 and 查询密码 once, never cached', async () => {
    const res = await post('/ldxx/submit', letter({ mailbox: 'zfhf', altcha: await solved() }))
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.body).toContain('来信已收到')
    expect(res.body).toContain('查询密码只在本页显示这一次')
    expect(res.body).toContain('href="/ldxx/#letter-check"')
    const { queryCode, password } = codesOf(res.body)
    expect(queryCode).toMatch(/^[2-9A-Z]{10}$/)
    expect(password).toMatch(/^[2-9A-Z]{8}$/)
    const row = await t.core.deps.db
      .selectFrom('letter as l')
      .innerJoin('mailbox as m', 'm.id', 'l.mailbox_id')
      .select(['l.state', 'l.writer_name', 'l.wants_public', 'm.code'])
      .where('l.query_code', '=', queryCode)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ state: 'submitted', writer_name: '李四', wants_public: 1 })
    expect(row.code).toBe('zfhf')

    const check = await post('/ldxx/check', { queryCode: queryCode.toLowerCase(), password })
    expect(check.statusCode).toBe(200)
    expect(check.headers['cache-control']).toBe('no-store')
    expect(check.body).toContain('已提交，等待受理')
    expect(check.body).toContain('政风行风信箱')
    expect(check.body).toContain('尚未交办')
    expect(check.body).not.toContain('13912345678')

    // The result pages are never served from the page cache.
    expect(t.cache.get(`${HOST}/ldxx/submit`)).toBeUndefined()
    expect(t.cache.get(`${HOST}/ldxx/check`)).toBeUndefined()
  })

  it('shows an answered letter with its reply', async () => {
    const res = await post('/ldxx/submit', letter({ subject: '答复测试', altcha: await solved() }))
    const { queryCode, password } = codesOf(res.body)
    const at = new Date().toISOString()
    await t.core.deps.db
      .updateTable('letter')
      .set({ state: 'answered', reply: '您好，已安排实地查看。\n感谢来信。', replied_at: at })
      .where('query_code', '=', queryCode)
      .execute()
    const check = await post('/ldxx/check', { queryCode, password })
    expect(check.body).toContain('已答复')
    expect(check.body).toContain('您好，已安排实地查看。')
  })

  it('gives the same message for a wrong password and an unknown 查询码', async () => {
    const res = await post('/ldxx/submit', letter({ subject: '查询测试', altcha: await solved() }))
    const { queryCode, password } = codesOf(res.body)
    const wrong = await post('/ldxx/check', { queryCode, password: 'WRONGPW2' })
    const unknown = await post('/ldxx/check', { queryCode: 'ABCDEFGHJK', password })
    for (const r of [wrong, unknown]) {
      expect(r.statusCode).toBe(404)
      expect(r.headers['cache-control']).toBe('no-store')
      expect(r.body).toMatch(/role="alert"[\s\S]*查询码或查询密码不正确/)
    }
    expect(wrong.body).not.toContain('WRONGPW2')
    const empty = await post('/ldxx/check', { queryCode: '', password: '' })
    expect(empty.statusCode).toBe(400)
    expect(empty.body).toContain('<a href="#check-code">请填写查询码</a>')
  })

  it('re-renders refused input with a summary, field messages and every typed value', async () => {
    const res = await post(
      '/ldxx/submit',
      letter({
        subject: '<b>标题</b>',
        body: '短',
        mobile: '12345',
        email: 'not-mail',
        altcha: await solved(),
      }),
    )
    expect(res.statusCode).toBe(400)
    expect(res.headers['cache-control']).toBe('no-store')
    const html = res.body
    expect(html).toMatch(/<div class="form-errors" role="alert"/)
    expect(html).toContain('<a href="#letter-body">请填写来信内容（至少 5 个字）</a>')
    expect(html).toContain('<a href="#letter-mobile">请填写 11 位手机号码</a>')
    expect(html).toContain('<a href="#letter-email">电子邮箱格式不正确</a>')
    expect(html).toMatch(
      /id="letter-mobile"[^>]*value="12345"[^>]*aria-describedby="letter-mobile-hint letter-mobile-error"[^>]*aria-invalid="true"/,
    )
    // What was typed comes back, escaped.
    expect(html).toContain('value="&lt;b&gt;标题&lt;/b&gt;"')
    expect(html).toMatch(/<textarea id="letter-body"[^>]*>短<\/textarea>/)
    expect(html).toContain('value="李四"')
    expect(html).toContain('value="not-mail"')
    expect(html).toMatch(/id="letter-public"[^>]*checked/)
    expect(html).toMatch(/id="letter-type-suggestion"[^>]*checked/)
    expect(html).not.toContain('<b>标题</b>')
  })

  it('asks for the captcha and refuses a second identical letter, keeping the input', async () => {
    const noCaptcha = await post('/ldxx/submit', letter({ subject: '缺验证' }))
    expect(noCaptcha.statusCode).toBe(400)
    expect(noCaptcha.body).toContain('<a href="#letter-captcha">请完成人机验证</a>')
    expect(noCaptcha.body).toContain('value="缺验证"')

    const first = await post('/ldxx/submit', letter({ subject: '重复', altcha: await solved() }))
    expect(first.statusCode).toBe(200)
    const twice = await post('/ldxx/submit', letter({ subject: '重复', altcha: await solved() }))
    expect(twice.statusCode).toBe(409)
    expect(twice.body).toMatch(/role="alert"[\s\S]*请勿重复提交/)
    expect(twice.body).toContain('value="重复"')
  })

  it('limits posts per address with a friendly page that keeps the input', async () => {
    const codes: number[] = []
    let last = ''
    for (let i = 0; i < 11; i++) {
      const res = await post('/ldxx/submit', letter({ subject: `限流${i}` }), '10.10.0.1')
      codes.push(res.statusCode)
      last = res.body
    }
    expect(codes.slice(0, 10).every((c) => c === 400)).toBe(true)
    expect(codes[10]).toBe(429)
    expect(last).toMatch(/role="alert"[\s\S]*提交过于频繁/)
    expect(last).toContain('value="限流10"')
    // Checking has its own counter.
    expect(
      (await post('/ldxx/check', { queryCode: 'X', password: 'Y' }, '10.10.0.1')).statusCode,
    ).toBe(404)
  })

  it('answers other posts and other bodies with themed errors', async () => {
    expect((await post('/no-such/submit', letter())).statusCode).toBe(404)
    const json = await t.app.inject({
      method: 'POST',
      url: '/ldxx/submit',
      headers: { host: HOST, 'content-type': 'application/json' },
      payload: JSON.stringify(letter()),
    })
    expect(json.statusCode).toBe(415)
    expect(json.body).toContain('请通过本站页面上的表单提交')
    const big = await post('/ldxx/submit', letter({ body: '长'.repeat(30_000) }))
    expect(big.statusCode).toBe(413)
    expect(big.headers['cache-control']).toBe('no-store')
  })
})

describe.skipIf(!hasChromium)(`信箱 pages pass axe-core WCAG 2.1 AA (${TEST_DIALECT})`, () => {
  let browser: Browser
  let base: string

  beforeAll(async () => {
    base = await listenLocally(t)
    browser = await launchChromium()
  })
  afterAll(async () => browser?.close())

  const violationsOf = async (html: string) => {
    const found: string[] = []
    for (const width of [1280, 390]) found.push(...(await violationsAt(html, width)))
    return found
  }

  const violationsAt = async (html: string, width: number) => {
    const page = await browser.newPage({ viewport: { width, height: 900 }, bypassCSP: true })
    // The page as served to HOST, loaded under the test server's origin for its styles.
    await page.route(`${base}/ldxx/`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    )
    await page.goto(`${base}/ldxx/`)
    // The themed page itself, with the theme's styles, is what axe sees.
    expect(await page.locator('main h1.page-title').count()).toBe(1)
    expect(await page.evaluate(() => document.styleSheets.length)).toBeGreaterThan(1)
    const violations = await axeViolations(page)
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth > window.innerWidth + 1,
    )
    if (overflow) violations.push(`scrolls sideways @${width}px`)
    await page.close()
    return violations
  }

  it('the form page, a refused form and the result page have no A/AA violations', async () => {
    const formPage = await t.app.inject({ url: '/ldxx/', headers: { host: HOST } })
    expect(await violationsOf(formPage.body), 'form').toEqual([])
    const refused = await post('/ldxx/submit', letter({ body: '短', mobile: '1', altcha: '' }))
    expect(await violationsOf(refused.body), 'refused form').toEqual([])
    const result = await post('/ldxx/submit', letter({ subject: '无障碍', altcha: await solved() }))
    expect(result.statusCode).toBe(200)
    expect(await violationsOf(result.body), 'result').toEqual([])
    const { queryCode, password } = codesOf(result.body)
    const check = await post('/ldxx/check', { queryCode, password })
    expect(await violationsOf(check.body), 'check').toEqual([])
  })

  it('the writer actions, the withdrawal step and the published letters have none either', async () => {
    const res = await post(
      '/ldxx/submit',
      letter({ subject: '无障碍操作', altcha: await solved() }),
    )
    const creds = codesOf(res.body)
    const withdraw = await post('/ldxx/withdraw', creds)
    expect(withdraw.body).toContain('确认撤回来信')
    expect(await violationsOf(withdraw.body), 'withdraw step').toEqual([])
    const set = (patch: Record<string, string | number>) =>
      t.core.deps.db
        .updateTable('letter')
        .set(patch)
        .where('query_code', '=', creds.queryCode)
        .execute()
    await set({ state: 'needs_info', public_note: '请补充事发地点。' })
    const needs = await post('/ldxx/supplement', { ...creds, text: '短' })
    expect(needs.body).toContain('supplement-text')
    expect(await violationsOf(needs.body), 'supplement refused').toEqual([])
    const at = new Date().toISOString()
    await set({
      state: 'answered',
      reply: '已处理。',
      replied_at: at,
      rating_until: '2099-01-01T00:00:00.000Z',
    })
    const rate = await post('/ldxx/rate', { ...creds, comment: '未选择' })
    expect(rate.body).toContain('rate-satisfied')
    expect(await violationsOf(rate.body), 'rating refused').toEqual([])
    await set({
      published: 1,
      public_subject: '公开的无障碍来信',
      public_body: '内容',
      public_reply: '答复',
      published_at: at,
    })
    const row = await t.core.deps.db
      .selectFrom('letter')
      .select('id')
      .where('query_code', '=', creds.queryCode)
      .executeTakeFirstOrThrow()
    t.cache.clear()
    const list = await t.app.inject({ url: '/ldxx/letters/', headers: { host: HOST } })
    expect(list.body).toContain('公开的无障碍来信')
    expect(await violationsOf(list.body), 'published list').toEqual([])
    const one = await t.app.inject({ url: `/ldxx/letters/${row.id}`, headers: { host: HOST } })
    expect(one.statusCode).toBe(200)
    expect(await violationsOf(one.body), 'published letter').toEqual([])
  })
})
