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
import { makeArticle, makeChannel, makeColumn, makePortal } from '../test/factories'

if (!hasChromium) {
  console.warn(
    `[accessibility] 跳过：未找到 ${CHROMIUM}（apt-get install -y chromium 后可运行；CI 会安装）`,
  )
}

/** WCAG 2.1 AA checked by axe-core in Debian's Chromium on real rendered pages. */
describe.skipIf(!hasChromium)(`public pages pass axe-core WCAG 2.1 AA (${TEST_DIALECT})`, () => {
  let t: TestApp
  let browser: Browser
  let base: string
  const urls: Record<string, string> = {}

  beforeAll(async () => {
    t = await buildTestApp()
    const portal = await makePortal(t.core, {
      contact: { phone: '0399-1234567', email: 'a@b.gov.cn', address: '府前街1号' },
    })
    await makeChannel(t.core, portal)
    const news = await makeColumn(t.core, portal, {
      name: '政务要闻',
      slug: 'zwyw',
      homeBlock: true,
    })
    const notices = await makeColumn(t.core, portal, {
      name: '通知公告',
      slug: 'tzgg',
      homeBlock: true,
      updateClass: 'notice',
    })
    let last = null
    for (let i = 0; i < 25; i++) {
      last = await makeArticle(t.core, portal, i % 2 ? news : notices, {
        title: `关于做好第${i}批惠民项目公示工作的通知`,
        bodyHtml:
          '<p>各乡镇人民政府，县直各部门：</p><h3>一、工作要求</h3><table><thead><tr><th>项目</th><th>金额</th></tr></thead><tbody><tr><td>道路</td><td>12万元</td></tr></tbody></table>',
        disclosure: {
          indexNo: '139999001/2026-00001',
          docNo: '示政办发〔2026〕1号',
          issuer: '示例县人民政府办公室',
          writtenAt: '2026-01-05',
          subjectCategory: '综合政务',
          validity: '有效',
        },
      })
    }
    await t.core.search.refresh()
    base = await listenLocally(t)
    urls.home = '/'
    urls.column = '/tzgg/'
    urls.article = `/${last && last.placements[0]?.columnId === news.id ? 'zwyw' : 'tzgg'}/content_${last?.id}.html`
    urls.sitemap = '/sitemap.html'
    urls.notFound = '/no-such-column/'
    urls.search = '/search.html?q=惠民'
    urls.searchFiltered = `/search.html?q=${encodeURIComponent('惠民 通知')}&scope=site&site=${portal.code}&type=article&column=${notices.id}&from=2020-01-01&to=2099-12-31&sort=date&page=2&extra=<x>`
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  for (const name of [
    'home',
    'column',
    'article',
    'sitemap',
    'notFound',
    'search',
    'searchFiltered',
  ]) {
    it(`${name} page has no WCAG 2.1 A/AA violations at desktop and phone widths`, async () => {
      for (const width of [1280, 390]) {
        const page = await browser.newPage({ viewport: { width, height: 900 }, bypassCSP: true })
        await page.goto(`${base}${urls[name]}`)
        const violations = await axeViolations(page)
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth > window.innerWidth + 1,
        )
        await page.close()
        expect(violations, `${name} @${width}px`).toEqual([])
        expect(overflow, `${name} @${width}px scrolls sideways`).toBe(false)
      }
    })
  }

  it('the skip link and main navigation work from the keyboard', async () => {
    const page = await browser.newPage()
    await page.goto(`${base}/`)
    await page.keyboard.press('Tab')
    const first = await page.evaluate(() => document.activeElement?.textContent?.trim())
    expect(first).toBe('跳到主要内容')
    await page.keyboard.press('Enter')
    const hash = await page.evaluate(() => location.hash)
    expect(hash).toBe('#main')
    await page.close()
  })
})
