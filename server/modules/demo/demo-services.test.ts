import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { makeChannel, makePortal, systemCtx } from '../../test/factories'
import { seedDemoServices } from './demo-services'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(async () => t.close())

describe(`demo service items (${TEST_DIALECT})`, () => {
  it('fills the units with mostly complete guides and a few the check report flags', async () => {
    const portal = await makePortal(t.core)
    const siteIds = new Map<string, number>()
    for (const slug of ['mzj', 'rsj', 'gaj', 'xzsp', 'cl', 'scjg', 'ybj']) {
      const site = await makeChannel(t.core, portal, {
        code: `bm-${slug}`,
        basePath: `/bm/${slug}/`,
      })
      siteIds.set(site.code, site.id)
    }
    const n = await seedDemoServices(t.core, siteIds)
    expect(n).toBeGreaterThanOrEqual(25)
    const all = await t.core.services.list(systemCtx, { pageSize: 200 })
    expect(all.total).toBe(n)
    const incomplete = all.data.filter((s) => s.missingElements.length > 0)
    expect(incomplete.length).toBeGreaterThan(0)
    expect(incomplete.length).toBeLessThan(n / 4)
    const report = (await t.core.serviceChecks.runNow(systemCtx)).report!
    expect(report.missing.length).toBe(incomplete.length)
    expect(report.forms.failed.map((f) => f.problem)).toContain('missing_file')
    expect(report.forms.rate).toBeGreaterThan(0.9)
    expect(report.overlaps.map((g) => g.items[0]?.name)).toContain('残疾人证挂失补办')
  })
})
