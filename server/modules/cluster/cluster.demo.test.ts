import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { makeArticle, systemCtx } from '../../test/factories'
import { seedDemo } from '../demo/seed-demo'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
  await seedDemo(t.core, { articles: 400 })
  // A small seed leaves most townships' 工作动态 empty: give one an item.
  const town = await t.core.sites.getByCode('xz-cgz')
  const news = (await t.core.columns.listBySite(systemCtx, town?.id ?? 0)).find(
    (c) => c.slug === 'gzdt',
  )
  if (town && news) await makeArticle(t.core, town, news, { title: '城关镇新近动态' })
}, 180_000)
afterAll(async () => t.close())

describe(`the demo portal's 部门动态 / 乡镇动态 (${TEST_DIALECT})`, () => {
  it('are aggregate columns over the channels’ 工作动态, holding no copies', async () => {
    const portal = await t.core.sites.getByCode('sxx')
    const columns = await t.core.columns.listBySite(systemCtx, portal?.id ?? 0)
    const bmdt = columns.find((c) => c.slug === 'bmdt')
    const xzdt = columns.find((c) => c.slug === 'xzdt')
    expect(bmdt).toMatchObject({ type: 'aggregate', homeBlock: true })
    expect(bmdt?.settings.aggregate).toMatchObject({ groupings: ['部门'], columnSlugs: ['gzdt'] })
    expect(xzdt?.settings.aggregate).toMatchObject({ groupings: ['乡镇'], columnSlugs: ['gzdt'] })
    const placed = await t.core.deps.db
      .selectFrom('placement')
      .select('id')
      .where('column_id', 'in', [bmdt?.id ?? 0, xzdt?.id ?? 0])
      .execute()
    expect(placed).toEqual([])
    // Every article stands where it was written, once.
    const linked = await t.core.deps.db
      .selectFrom('placement')
      .select('id')
      .where('kind', '!=', 'primary')
      .execute()
    expect(linked).toEqual([])
  })

  it('show the channels’ news on the portal home and on their own pages', async () => {
    const home = await t.app.inject({ url: '/', headers: { host: 'www.sxx.gov.cn' } })
    expect(home.statusCode).toBe(200)
    const block = (slug: string) => {
      const start = home.body.indexOf(`block--${slug}"`)
      expect(start, slug).toBeGreaterThan(0)
      return home.body.slice(start, home.body.indexOf('</section>', start))
    }
    expect(block('bmdt')).toMatch(/href="\/bm\/[a-z0-9]+\/gzdt\/content_\d+\.html"/)
    expect(block('xzdt')).toMatch(/href="\/xz\/[a-z0-9]+\/gzdt\/content_\d+\.html"/)
    expect(block('xzdt')).toContain('城关镇新近动态')
    expect(block('xzdt')).not.toContain('href="/bm/')
    const latest = home.body.slice(home.body.indexOf('最新信息'))
    expect(latest).toMatch(/href="\/(bm|xz)\/[a-z0-9]+\/[a-z0-9/-]+\/content_\d+\.html"/)
    const page = await t.app.inject({ url: '/xzdt/', headers: { host: 'www.sxx.gov.cn' } })
    expect(page.statusCode).toBe(200)
    expect(page.body).toMatch(/href="\/xz\/[a-z0-9]+\/gzdt\/content_\d+\.html"/)
  })
})

describe(`the demo's 信息报送 history (${TEST_DIALECT})`, () => {
  it('has adopted items on the portal with their units attributed, and others in every state', async () => {
    const rows = await t.core.deps.db
      .selectFrom('submission as s')
      .innerJoin('site as u', 'u.id', 's.source_site_id')
      .select(['s.status', 's.adopted_article_id', 'u.name'])
      .execute()
    const states = new Set(rows.map((r) => r.status))
    for (const s of ['adopted', 'pending', 'returned', 'declined']) expect(states).toContain(s)
    const adopted = rows.find((r) => r.status === 'adopted')
    const article = await t.core.deps.db
      .selectFrom('article')
      .select(['source', 'status', 'origin_article_id'])
      .where('id', '=', adopted?.adopted_article_id ?? 0)
      .executeTakeFirstOrThrow()
    expect(article).toMatchObject({ status: 'published', source: adopted?.name })
    expect(article.origin_article_id).not.toBeNull()
    const stats = await t.core.submissions.statistics(systemCtx, {})
    expect(stats.rows.some((r) => r.adopted > 0 && r.rank === 1)).toBe(true)
  })
})
