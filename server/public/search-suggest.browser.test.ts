import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Column } from '../modules/columns/column.repository'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../test/build-test-app'
import {
  axeViolations,
  CHROMIUM,
  hasChromium,
  launchChromium,
  listenLocally,
} from '../test/browser'
import { makeArticle, makeColumn, makePortal } from '../test/factories'

if (!hasChromium) {
  console.warn(`[search-suggest] 跳过：未找到 ${CHROMIUM}`)
}

/** The search box's suggestions in a real browser: an ARIA 1.2 combobox driven by the keyboard. */
describe.skipIf(!hasChromium)(`search suggestions in the browser (${TEST_DIALECT})`, () => {
  let t: TestApp
  let browser: Browser
  let base: string
  let news: Column
  const ids: number[] = []

  beforeAll(async () => {
    t = await buildTestApp()
    const portal = await makePortal(t.core)
    news = await makeColumn(t.core, portal, { name: '政务要闻', slug: 'zwyw' })
    for (let i = 1; i <= 3; i++) {
      const a = await makeArticle(t.core, portal, news, {
        title: `腊梅节第${i}场活动安排`,
        publishedAt: new Date(Date.UTC(2024, 0, i)).toISOString(),
      })
      ids.push(a.id)
    }
    await t.core.search.refresh()
    base = await listenLocally(t)
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('lists suggestions, moves with the arrows, closes with Escape and opens one with Enter', async () => {
    const page = await browser.newPage({ bypassCSP: true })
    await page.goto(`${base}/`)
    const input = page.locator('#header-search-q')
    await expect.poll(() => input.getAttribute('role')).toBe('combobox')
    expect(await input.getAttribute('aria-expanded')).toBe('false')
    await input.click()
    await input.pressSequentially('腊梅')
    const options = page.locator('[role="listbox"] [role="option"]')
    await expect.poll(() => options.count(), { timeout: 5000 }).toBe(3)
    expect(await input.getAttribute('aria-expanded')).toBe('true')
    expect(await options.first().textContent()).toContain('腊梅节第3场活动安排')
    expect(await axeViolations(page)).toEqual([])

    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    const second = await options.nth(1).getAttribute('id')
    expect(await input.getAttribute('aria-activedescendant')).toBe(second)
    expect(await options.nth(1).getAttribute('aria-selected')).toBe('true')
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('ArrowUp')
    // Wraps around to the last option.
    expect(await input.getAttribute('aria-activedescendant')).toBe(
      await options.nth(2).getAttribute('id'),
    )

    await page.keyboard.press('Escape')
    expect(await input.getAttribute('aria-expanded')).toBe('false')
    expect(await input.getAttribute('aria-activedescendant')).toBeNull()
    expect(await input.inputValue()).toBe('腊梅')

    await page.keyboard.press('ArrowDown')
    expect(await input.getAttribute('aria-expanded')).toBe('true')
    await Promise.all([page.waitForURL(/content_\d+\.html$/), page.keyboard.press('Enter')])
    expect(page.url()).toBe(`${base}/zwyw/content_${ids[2]}.html`)
    await page.close()
  })

  it('submits the form as usual with Enter when no option is highlighted', async () => {
    const page = await browser.newPage({ bypassCSP: true })
    await page.goto(`${base}/`)
    const input = page.locator('#header-search-q')
    await expect.poll(() => input.getAttribute('role')).toBe('combobox')
    await input.click()
    await input.pressSequentially('腊梅节')
    await Promise.all([page.waitForURL(/search\.html\?q=/), page.keyboard.press('Enter')])
    expect(decodeURIComponent(page.url())).toContain('search.html?q=腊梅节')
    expect(await page.locator('ol.results > li').count()).toBe(3)
    await page.close()
  })
})
