import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  axeViolations,
  CHROMIUM,
  hasChromium,
  launchChromium,
  listenLocally,
} from '../../test/browser'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { makeChannel, makePortal, makeUser, systemCtx } from '../../test/factories'
import { completeInput } from './service.test-helpers'

if (!hasChromium) console.warn(`[services admin] 跳过浏览器测试：未找到 ${CHROMIUM}`)

describe.skipIf(!hasChromium)(`办事事项 back-office screens (${TEST_DIALECT})`, () => {
  let t: TestApp
  let browser: Browser
  let base: string
  beforeAll(async () => {
    t = await buildTestApp()
    const portal = await makePortal(t.core)
    const unit = await makeChannel(t.core, portal)
    await t.core.services.create(systemCtx, completeInput(unit.id, { name: '结婚登记' }))
    await t.core.services.create(systemCtx, {
      name: '临时救助',
      unitSiteId: unit.id,
      kind: 'other',
      audience: 'person',
    })
    await t.core.serviceChecks.runNow(systemCtx)
    base = await listenLocally(t)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('lists, edits and checks items without WCAG 2.1 A/AA violations or page errors', async () => {
    const user = await makeUser(t.core, [{ siteId: null, role: 'admin' }])
    const page = await browser.newPage({ bypassCSP: true, viewport: { width: 1366, height: 900 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${base}/admin/`)
    await page.getByLabel('用户名').fill(user.username)
    await page.getByLabel('密码').fill(user.password)
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: /工作台/ }).waitFor()

    await page.goto(`${base}/admin/services`)
    await page.getByRole('cell', { name: '结婚登记', exact: true }).first().waitFor()
    expect(await page.getByText('缺 7 项').count()).toBe(1)
    expect(await axeViolations(page)).toEqual([])

    await page.getByRole('button', { name: '编辑结婚登记' }).click()
    await page.getByLabel('设定依据').waitFor()
    expect(await page.getByLabel('设定依据').inputValue()).toContain('婚姻登记条例')

    await page.goto(`${base}/admin/services/checks`)
    await page.getByText('要素不全（1）').waitFor()
    expect(await axeViolations(page)).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})
