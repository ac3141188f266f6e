import { readXlsx } from '../../plugins/xlsx'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import {
  login,
  makeArticle,
  makeColumn,
  makePortal,
  makeUser,
  systemCtx,
} from '../../test/factories'

describe(`dashboard and statistics (${TEST_DIALECT})`, () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('shows my drafts, recent items, visits, updates per column and columns falling due', async () => {
    const portal = await makePortal(t.core)
    const news = await makeColumn(t.core, portal, { name: '工作动态', updateClass: 'news' })
    const stale = await makeColumn(t.core, portal, { name: '久未更新', updateClass: 'news' })
    const old = new Date(Date.now() - 20 * 86400_000).toISOString()
    await makeArticle(t.core, portal, stale, { title: '二十天前的动态', publishedAt: old })
    const editor = await makeUser(t.core, [{ siteId: portal.id, role: 'editor' }])
    const ctx = {
      actor: await t.core.auth.actorOf(await t.core.users.get(systemCtx, editor.id)),
      ip: '',
    }
    await t.core.articles.create(ctx, {
      siteId: portal.id,
      columnIds: [news.id],
      title: '我的草稿',
      bodyHtml: '<p>x</p>',
    })
    await makeArticle(t.core, portal, news, { title: '今天的动态' })
    const s = await login(t, editor.username, editor.password)
    await t.app.inject({ url: '/' })
    const res = await t.app.inject({
      url: `/api/admin/dashboard?siteId=${portal.id}`,
      headers: s.headers,
    })
    expect(res.statusCode).toBe(200)
    const d = res.json().data
    expect(d.drafts.map((x: { title: string }) => x.title)).toEqual(['我的草稿'])
    expect(d.recent[0].title).toBe('今天的动态')
    expect(d.visits).toHaveLength(30)
    expect(d.visits.at(-1).count).toBeGreaterThanOrEqual(1)
    expect(d.updatesPerColumn.find((c: { name: string }) => c.name === '工作动态').count).toBe(1)
    const due = d.dueColumns.find((c: { name: string }) => c.name === '久未更新')
    expect(due.daysLeft).toBeLessThan(0)
    expect(d.dueColumns.some((c: { name: string }) => c.name === '工作动态')).toBe(false)
  })

  it('refuses a site the user holds no role on', async () => {
    const a = await makePortal(t.core)
    const b = await makePortal(t.core)
    const editor = await makeUser(t.core, [{ siteId: a.id, role: 'editor' }])
    const s = await login(t, editor.username, editor.password)
    const res = await t.app.inject({
      url: `/api/admin/dashboard?siteId=${b.id}`,
      headers: s.headers,
    })
    expect(res.statusCode).toBe(403)
  })

  it('counts visits and 发稿量 per site over a period and exports them as xlsx', async () => {
    const portal = await makePortal(t.core)
    const col = await makeColumn(t.core, portal)
    await makeArticle(t.core, portal, col)
    await makeArticle(t.core, portal, col)
    const admin = await makeUser(t.core, [{ siteId: null, role: 'admin' }])
    const s = await login(t, admin.username, admin.password)
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const res = await t.app.inject({
      url: `/api/admin/stats/overview?from=2000-01-01&to=${today}`,
      headers: s.headers,
    })
    const row = res.json().data.find((r: { siteId: number }) => r.siteId === portal.id)
    expect(row.published).toBe(2)
    const xlsx = await t.app.inject({
      url: `/api/admin/stats/overview.xlsx?from=2000-01-01&to=${today}`,
      headers: s.headers,
    })
    expect(xlsx.headers['content-type']).toContain('spreadsheetml')
    const rows = await readXlsx(xlsx.rawPayload)
    expect(rows.find((r) => r.values['站点代码'] === portal.code)?.values['发稿量']).toBe('2')
    const bad = await t.app.inject({
      url: `/api/admin/stats/overview?from=2026-02-01&to=2026-01-01`,
      headers: s.headers,
    })
    expect(bad.statusCode).toBe(400)
  })
})
