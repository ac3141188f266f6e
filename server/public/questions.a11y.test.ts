import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, hasChromium, launchChromium, listenLocally } from '../test/browser'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../test/build-test-app'
import { makeChannel, makeColumn, makePortal, systemCtx } from '../test/factories'

/** WCAG 2.1 AA on the 热点解答 pages (list, topic, search, entry), at desktop and phone widths. */
describe.skipIf(!hasChromium)(`热点解答 pages pass axe-core (${TEST_DIALECT})`, () => {
  let t: TestApp
  let browser: Browser
  let base: string
  const urls: Record<string, string> = {}

  beforeAll(async () => {
    t = await buildTestApp()
    const portal = await makePortal(t.core)
    const unit = await makeChannel(t.core, portal, { name: '测试县医疗保障局' })
    await makeColumn(t.core, portal, { name: '热点解答', slug: 'rdjd', type: 'faq' })
    let id = 0
    for (let i = 0; i < 23; i++) {
      id = (
        await t.core.questions.create(systemCtx, {
          unitSiteId: unit.id,
          question: `第${i}个问题：异地就医需要办理备案吗？怎么办理？`,
          detail: '我在外地工作，想了解异地就医怎么报销。',
          answer: '跨省异地就医需先办理备案。\n可通过国家医保服务平台 App 办理。',
          status: 'published',
          isHot: i === 0,
          topics: ['医疗保障', '异地就医'],
          serviceCodes: ['YB-002'],
        })
      ).id
    }
    urls.list = '/rdjd/'
    urls.topic = `/rdjd/topic/${encodeURIComponent('异地就医')}/`
    urls.search = `/rdjd/search.html?q=${encodeURIComponent('备案')}`
    urls.entry = `/rdjd/question_${id}.html`
    base = await listenLocally(t)
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  for (const name of ['list', 'topic', 'search', 'entry']) {
    it(`${name} page has no WCAG 2.1 A/AA violations`, async () => {
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
})
