import fs from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser } from 'playwright-core'
import { CHROMIUM, hasChromium, launchChromium, listenLocally } from '../test/browser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../test/build-test-app'
import { makeArticle, makeChannel, makeColumn, makePortal, makeUser } from '../test/factories'
import { LetterIntakeService } from '../modules/letters/letter.intake'
import { mailboxRepository } from '../modules/letters/mailbox.repository'

if (!hasChromium)
  console.warn(`[admin-app] 跳过浏览器测试：未找到 ${CHROMIUM}（CI 会安装 chromium）`)

describe(`back office is served at /admin/ (${TEST_DIALECT})`, () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('serves the app shell for any /admin path and long-cached hashed assets', async () => {
    const index = await t.app.inject({ url: '/admin/' })
    expect(index.statusCode).toBe(200)
    expect(index.body).toContain('<div id="root">')
    const deep = await t.app.inject({ url: '/admin/articles/42' })
    expect(deep.body).toBe(index.body)
    const asset = /\/admin\/(assets\/[^"]+\.js)/.exec(index.body)?.[1]
    expect(asset).toBeTruthy()
    const js = await t.app.inject({ url: `/admin/${asset}` })
    expect(js.statusCode).toBe(200)
    expect(js.headers['cache-control']).toContain('immutable')
    const traversal = await t.app.inject({ url: '/admin/..%2F..%2Fpackage.json' })
    expect(traversal.body).not.toContain('"name": "zhanqun"')
    expect((await t.app.inject({ url: '/admin' })).statusCode).toBe(302)
  })
})

describe.skipIf(!hasChromium)(`back office in Chromium (${TEST_DIALECT})`, () => {
  let t: TestApp
  let browser: Browser
  let base: string
  let letterId = 0
  const axe = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

  beforeAll(async () => {
    t = await buildTestApp()
    const portal = await makePortal(t.core, { name: '测试县人民政府' })
    await makeChannel(t.core, portal, { name: '测试县教育局' })
    const col = await makeColumn(t.core, portal, { name: '工作动态' })
    await makeArticle(t.core, portal, col, { title: '最近发布的一条动态' })
    await mailboxRepository.insert(t.core.deps.db, {
      siteId: portal.id,
      code: 'xz',
      name: '县长信箱',
    })
    const intake = new LetterIntakeService(t.core.deps, { verify: async () => {} }, t.core.calendar)
    letterId = (
      await intake.submit({
        mailbox: 'xz',
        type: 'consult',
        subject: '咨询居住证办理',
        body: '请问办理居住证需要什么材料？',
        name: '张三',
        mobile: '13800001234',
      })
    ).letterId
    base = await listenLocally(t)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('signs in with the keyboard, shows Chinese errors, and lands on the dashboard', async () => {
    const user = await makeUser(t.core, [{ siteId: null, role: 'admin' }])
    const page = await browser.newPage({ bypassCSP: true })
    await page.goto(`${base}/admin/`)
    await page.getByLabel('用户名').fill(user.username)
    await page.getByLabel('密码').fill('wrong-password-1')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('用户名或密码错误')
    await page.getByLabel('密码').fill(user.password)
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: /工作台/ }).waitFor()
    expect(await page.getByText('最近发布的一条动态').count()).toBeGreaterThan(0)
    await page.addScriptTag({ content: axe })
    const violations = await page.evaluate(async () => {
      const w = window as unknown as {
        axe: { run: (d: Document, o: object) => Promise<{ violations: { id: string }[] }> }
      }
      const r = await w.axe.run(document, {
        runOnly: ['wcag2a', 'wcag2aa'],
        rules: { 'color-contrast': { enabled: false } },
      })
      return r.violations.map((v) => v.id)
    })
    expect(violations).toEqual([])
    await page.close()
  })

  it('every back-office screen renders without WCAG 2.1 A/AA violations', async () => {
    const user = await makeUser(t.core, [{ siteId: null, role: 'admin' }])
    const page = await browser.newPage({ bypassCSP: true, viewport: { width: 1366, height: 900 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${base}/admin/`)
    await page.getByLabel('用户名').fill(user.username)
    await page.getByLabel('密码').fill(user.password)
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: /工作台/ }).waitFor()
    const screens = [
      '/articles',
      '/articles/new',
      '/columns',
      '/media',
      '/templates',
      '/stats',
      '/sites',
      '/users',
      '/audit',
      '/reviews',
      '/workflow',
      '/notifications',
      '/checks',
      '/calendar',
      '/letters',
      `/letters/${letterId}`,
      '/letters/statistics',
      '/mailboxes',
      '/services',
      '/services/checks',
      '/datasets',
      '/records',
      '/records/queries',
      '/questions',
      '/questions/new',
      '/search',
      '/password',
    ]
    const found: Record<string, string[]> = {}
    for (const path of screens) {
      await page.goto(`${base}/admin${path}`)
      await page.waitForLoadState('networkidle')
      await page.waitForTimeout(300)
      await page.addScriptTag({ content: axe })
      const violations = await page.evaluate(async () => {
        const w = window as unknown as {
          axe: {
            run: (
              d: Document,
              o: object,
            ) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>
          }
        }
        const r = await w.axe.run(document, {
          runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
        })
        return r.violations.map(
          (v) =>
            `${v.id}: ${v.nodes
              .slice(0, 3)
              .map((n) => n.target.join(' '))
              .join(' | ')}`,
        )
      })
      if (violations.length) found[path] = violations
    }
    await page.close()
    expect(errors).toEqual([])
    expect(found).toEqual({})
  }, 240_000)

  it('an editor writes an article in the rich-text editor, publishes it, and it is on the public site', async () => {
    const site = (
      await t.core.sites.list({
        actor: { id: null, username: 't', displayName: '', isClusterAdmin: true, grants: [] },
        ip: '',
      })
    )[0]
    if (!site) throw new Error('no site')
    const editor = await makeUser(t.core, [{ siteId: site.id, role: 'editor' }])
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
    await page.goto(`${base}/admin/`)
    await page.getByLabel('用户名').fill(editor.username)
    await page.getByLabel('密码').fill(editor.password)
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: /工作台/ }).waitFor()
    await page.goto(`${base}/admin/articles/new`)
    const title = `浏览器端到端发布测试${Date.now()}`
    await page.getByLabel('标题', { exact: true }).fill(title)
    await page.getByLabel('主栏目').click()
    await page.getByTitle('工作动态').first().click()
    const body = page.locator('.ProseMirror').first()
    await body.click()
    await page.keyboard.type('这是通过管理后台编辑器录入的正文。')
    await page.getByRole('button', { name: /^(send )?发布$/ }).click()
    await page.getByText('已发布').first().waitFor()
    const list = await t.app.inject({ url: `/api/v1/articles?site=${site.code}&pageSize=50` })
    const found = (list.json().data as { title: string; url: string }[]).find(
      (a) => a.title === title,
    )
    expect(found).toBeTruthy()
    const pub = await t.app.inject({ url: found?.url ?? '/' })
    expect(pub.statusCode).toBe(200)
    expect(pub.body).toContain('这是通过管理后台编辑器录入的正文。')
    await page.close()
  })

  it('a user with a generated password must change it before anything else', async () => {
    const { user, generatedPassword } = await t.core.users.create(
      {
        actor: { id: null, username: 't', displayName: '', isClusterAdmin: true, grants: [] },
        ip: '',
      },
      {
        username: `new${Date.now()}`,
        displayName: '新用户',
        grants: [{ siteId: null, role: 'admin' }],
      },
    )
    const page = await browser.newPage()
    await page.goto(`${base}/admin/`)
    await page.getByLabel('用户名').fill(user.username)
    await page.getByLabel('密码').fill(generatedPassword ?? '')
    await page.keyboard.press('Enter')
    await page.getByText('首次登录请修改密码').waitFor()
    await page.getByLabel('原密码').fill(generatedPassword ?? '')
    await page.getByLabel('新密码', { exact: true }).fill('NewPassw0rd')
    await page.getByLabel('确认新密码').fill('NewPassw0rd')
    await page.getByRole('button', { name: '保存新密码' }).click()
    await page.getByRole('heading', { name: /工作台/ }).waitFor()
    await page.close()
  })
})
