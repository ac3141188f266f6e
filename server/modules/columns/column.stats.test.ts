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
import { deadlineOf } from './column.stats'

let lastIp = 0
const DAY = 86_400_000

describe(`column statistics (${TEST_DIALECT})`, () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('counts items and the last publication per column for a site editor', async () => {
    const portal = await makePortal(t.core)
    const news = await makeColumn(t.core, portal, { updateClass: 'news' })
    const empty = await makeColumn(t.core, portal, { updateClass: 'plan' })
    const page = await makeColumn(t.core, portal, { type: 'page', updateClass: 'asNeeded' })
    await makeArticle(t.core, portal, news)
    const last = await makeArticle(t.core, portal, news)
    await makeArticle(t.core, portal, news, { publish: false })
    const editor = await makeUser(t.core, [{ siteId: portal.id, role: 'editor' }])
    const s = await login(t, editor.username, editor.password, `10.7.0.${++lastIp}`)
    const res = await t.app.inject({
      url: `/api/admin/sites/${portal.id}/columns/stats`,
      headers: s.headers,
    })
    expect(res.statusCode, res.body).toBe(200)
    const rows = res.json().data as {
      columnId: number
      articles: number
      published: number
      lastPublishedAt: string | null
      deadline: string
      deadlineDays: number | null
    }[]
    const byId = new Map(rows.map((r) => [r.columnId, r]))
    expect(byId.get(news.id)).toMatchObject({
      articles: 3,
      published: 2,
      lastPublishedAt: last.publishedAt,
      deadline: 'ok',
      deadlineDays: 14,
    })
    expect(byId.get(empty.id)).toMatchObject({
      articles: 0,
      published: 0,
      lastPublishedAt: null,
      deadlineDays: 365,
    })
    expect(byId.get(page.id)).toMatchObject({ deadline: 'none', deadlineDays: null })
  })

  it('flags columns close to or past their deadline by update class', () => {
    const now = Date.parse('2026-06-30T00:00:00Z')
    const col = (updateClass: 'news' | 'notice' | 'plan' | 'asNeeded') => ({
      type: 'list',
      updateClass,
      createdAt: '2020-01-01T00:00:00Z',
    })
    const ago = (days: number) => new Date(now - days * DAY).toISOString()
    expect(deadlineOf(col('news'), ago(5), now).deadline).toBe('ok')
    expect(deadlineOf(col('news'), ago(12), now).deadline).toBe('soon')
    expect(deadlineOf(col('news'), ago(15), now)).toMatchObject({
      deadline: 'overdue',
      daysLeft: -1,
    })
    expect(deadlineOf(col('notice'), ago(160), now).deadline).toBe('soon')
    expect(deadlineOf(col('notice'), ago(190), now).deadline).toBe('overdue')
    expect(deadlineOf(col('plan'), ago(200), now).deadline).toBe('ok')
    expect(deadlineOf(col('plan'), ago(366), now).deadline).toBe('overdue')
    expect(deadlineOf(col('asNeeded'), ago(3000), now).deadline).toBe('none')
    // Never updated: measured from the column's creation.
    expect(deadlineOf(col('news'), null, now).deadline).toBe('overdue')
  })

  it('answers 401 without a session, 403 to a stranger and 404 for a missing site', async () => {
    const portal = await makePortal(t.core)
    const other = await makePortal(t.core, { isDefault: false })
    const anonymous = await t.app.inject({ url: `/api/admin/sites/${portal.id}/columns/stats` })
    expect(anonymous.statusCode).toBe(401)
    const stranger = await makeUser(t.core, [{ siteId: other.id, role: 'admin' }])
    const s = await login(t, stranger.username, stranger.password, `10.7.0.${++lastIp}`)
    const refused = await t.app.inject({
      url: `/api/admin/sites/${portal.id}/columns/stats`,
      headers: s.headers,
    })
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error.code).toBe('forbidden')
    const root = await makeUser(t.core, [{ siteId: null, role: 'admin' }])
    const r = await login(t, root.username, root.password, `10.7.0.${++lastIp}`)
    const missing = await t.app.inject({
      url: '/api/admin/sites/999999/columns/stats',
      headers: r.headers,
    })
    expect(missing.statusCode).toBe(404)
    const bad = await t.app.inject({
      url: '/api/admin/sites/abc/columns/stats',
      headers: r.headers,
    })
    expect(bad.statusCode).toBe(400)
    expect(systemCtx.actor.isClusterAdmin).toBe(true)
  })
})
