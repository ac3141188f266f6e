import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { makeArticle, makeChannel, makeColumn, makePortal, systemCtx } from '../../test/factories'
import type { Site } from '../sites/site.repository'
import { loadWorld, portalLatestLeaves } from './aggregate'
import { aggregateRepository } from './aggregate.repository'

const DAY = 86_400_000
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString()

// The portal's 最新信息 over many channels is read with one scan of the cluster's newest
// placements instead of one per site: it must list exactly what the per-site reading lists.
describe(`the cluster-wide latest list over many sites (${TEST_DIALECT})`, () => {
  let t: TestApp
  let portal: Site
  beforeAll(async () => {
    t = await buildTestApp()
    portal = await makePortal(t.core)
    for (let i = 0; i < 18; i++) {
      const ch = await makeChannel(t.core, portal)
      const news = await makeColumn(t.core, ch, { slug: 'gzdt', name: '工作动态' })
      const hidden = await makeColumn(t.core, ch, { slug: 'nb', name: '内部', visible: false })
      await makeArticle(t.core, ch, news, { title: `频道${i}动态`, publishedAt: daysAgo(i + 1) })
      // Newer, but in a hidden column: never listed.
      await makeArticle(t.core, ch, hidden, { title: `频道${i}内部`, publishedAt: daysAgo(0.5) })
    }
    // A closed channel's items are not listed either.
    const closed = await makeChannel(t.core, portal)
    const col = await makeColumn(t.core, closed, { slug: 'gzdt', name: '工作动态' })
    await makeArticle(t.core, closed, col, { title: '关停频道动态', publishedAt: daysAgo(0.2) })
    await t.core.sites.setStatus(systemCtx, closed.id, { status: 'closed', notice: '已关停' })
  }, 120_000)
  afterAll(async () => t.close())

  it('lists the same items, in the same order, as reading each site', async () => {
    const { leaves } = portalLatestLeaves(await loadWorld(t.core.deps.db), portal)
    expect(leaves.length).toBeGreaterThanOrEqual(16)
    const page = { offset: 0, limit: 10 }
    const wide = await aggregateRepository.latest(t.core.deps.db, leaves, page)
    const perSite = (
      await Promise.all(leaves.map((l) => aggregateRepository.latest(t.core.deps.db, [l], page)))
    )
      .flat()
      .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : -1))
      .slice(0, 10)
    expect(wide.map((i) => i.title)).toEqual(perSite.map((i) => i.title))
    expect(wide.map((i) => i.title).slice(0, 3)).toEqual(['频道0动态', '频道1动态', '频道2动态'])
    expect(wide.some((i) => /内部|关停/.test(i.title))).toBe(false)
    const second = await aggregateRepository.latest(t.core.deps.db, leaves, {
      offset: 10,
      limit: 10,
    })
    expect(second.map((i) => i.title)).toEqual(
      Array.from({ length: 8 }, (_, k) => `频道${k + 10}动态`),
    )
  })
})
