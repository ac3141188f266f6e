import fs from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, launchChromium, listenLocally } from '../test/browser'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../test/build-test-app'
import { makeChannel, makePortal, makeUser, systemCtx } from '../test/factories'
import { insertLetter } from '../modules/letters/letter-stats.test-helpers'
import { mailboxRepository } from '../modules/letters/mailbox.repository'

/** The 热点解答 back-office screens in Chromium: accessible, and 转为热点解答 opens the editor. */
describe.skipIf(!hasChromium)(`热点解答 back office (${TEST_DIALECT})`, () => {
  let t: TestApp
  let browser: Browser
  let base: string
  let letterId = 0
  let entryId = 0
  let user: { username: string; password: string }
  const axe = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

  beforeAll(async () => {
    t = await buildTestApp()
    const portal = await makePortal(t.core, { name: '测试县人民政府' })
    const unit = await makeChannel(t.core, portal, { name: '测试县医疗保障局' })
    const mailboxId = await mailboxRepository.insert(t.core.deps.db, {
      siteId: portal.id,
      code: 'xz-q',
      name: '县长信箱',
    })
    letterId = await insertLetter(t.core.deps.db, {
      mailboxId,
      siteId: portal.id,
      receivedAt: new Date().toISOString(),
      state: 'answered',
      unit_site_id: unit.id,
      subject: '异地就医备案怎么办',
      body: '我是王五，在外地工作，想问异地就医备案怎么办。',
      reply: '您好，可通过国家医保服务平台 App 办理备案。',
      writer_name: '王五',
    })
    entryId = (
      await t.core.questions.create(systemCtx, {
        unitSiteId: unit.id,
        question: '门诊慢特病待遇怎么申请？',
        answer: '携带病历到医保服务大厅申请鉴定。',
        topics: ['医疗保障'],
        status: 'published',
      })
    ).id
    user = await makeUser(t.core, [{ siteId: unit.id, role: 'editor' }])
    base = await listenLocally(t)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  async function signedIn(): Promise<Page> {
    const page = await browser.newPage({ bypassCSP: true, viewport: { width: 1366, height: 900 } })
    await page.goto(`${base}/admin/`)
    await page.getByLabel('用户名').fill(user.username)
    await page.getByLabel('密码').fill(user.password)
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: /工作台/ }).waitFor()
    return page
  }

  it('renders the list and the editor without WCAG 2.1 A/AA violations', async () => {
    const page = await signedIn()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    const found: Record<string, string[]> = {}
    for (const path of ['/questions', '/questions/new', `/questions/${entryId}`]) {
      await page.goto(`${base}/admin${path}`)
      await page.waitForLoadState('networkidle')
      await page.addScriptTag({ content: axe })
      const violations = await page.evaluate(async () => {
        const w = window as unknown as {
          axe: {
            run: (
              d: Document,
              o: object,
            ) => Promise<{ violations: { id: string; nodes: { html: string }[] }[] }>
          }
        }
        const r = await w.axe.run(document, {
          runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
        })
        return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)
      })
      if (violations.length) found[path] = violations
    }
    await page.goto(`${base}/admin/questions`)
    await page.getByRole('link', { name: '门诊慢特病待遇怎么申请？' }).waitFor()
    await page.close()
    expect(errors).toEqual([])
    expect(found).toEqual({})
  })

  it('turns an answered letter into a draft and opens it in the editor', async () => {
    const page = await signedIn()
    await page.goto(`${base}/admin/letters/${letterId}`)
    await page.waitForLoadState('networkidle')
    await page.getByRole('button', { name: '转为热点解答' }).click()
    await page.getByRole('heading', { name: '编辑问答' }).waitFor()
    expect(page.url()).toMatch(/\/admin\/questions\/\d+$/)
    const question = await page.getByLabel('问题', { exact: true }).inputValue()
    expect(question).toBe('异地就医备案怎么办')
    const detail = await page.getByLabel('问题说明（可选）').inputValue()
    expect(detail).not.toContain('王五')
    await page.getByRole('button', { name: '保存并发布' }).click()
    await page.getByText('已保存并发布').waitFor()
    await page.close()
    const row = await t.core.deps.db
      .selectFrom('question')
      .select(['status', 'letter_id'])
      .where('letter_id', '=', letterId)
      .executeTakeFirst()
    expect(row).toEqual({ status: 'published', letter_id: letterId })
  })
})
