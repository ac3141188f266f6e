import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatDate } from '../../../common/time'
import type { AppError } from '../../errors'
import { buildTestApp, type TestApp } from '../../test/build-test-app'
import { makeChannel, makeColumn, makePortal } from '../../test/factories'
import type { Column } from '../columns/column.repository'
import type { Site } from '../sites/site.repository'
import { sharingRepository } from './sharing.repository'
import { person, type Person } from './submission.test-helpers'
import { rankRows } from './submission.statistics'

let t: TestApp
let admin: Person
let portal: Site
let home: Column
let news: Column
const units: Record<'x' | 'y' | 'z' | 'w' | 'v', { site: Site; col: Column }> = {} as never

async function offer(from: { site: Site; col: Column }, to: Column): Promise<number> {
  const a = await t.core.articles.create(admin.ctx, {
    siteId: from.site.id,
    columnIds: [from.col.id],
    title: `报送${from.site.name}`,
    bodyHtml: '<p>工作情况。</p>',
  })
  const [s] = await t.core.submissions.submit(admin.ctx, {
    articleId: a.id,
    targetColumnIds: [to.id],
  })
  if (!s) throw new Error('no submission')
  return s.id
}
const adopt = (id: number) => t.core.submissions.adopt(admin.ctx, id, { mode: 'draft' })

beforeAll(async () => {
  t = await buildTestApp()
  admin = await person(t, null, 'admin')
  portal = await makePortal(t.core)
  home = await makeColumn(t.core, portal, { name: '要闻', homeBlock: true })
  news = await makeColumn(t.core, portal, { name: '部门动态' })
  for (const k of ['x', 'y', 'z', 'w', 'v'] as const) {
    const site = await makeChannel(t.core, portal, { name: `单位${k.toUpperCase()}` })
    units[k] = { site, col: await makeColumn(t.core, site) }
  }
  const { x, y, z, w } = units
  // X: 3 counted (home adoption, list adoption, declined) and one withdrawn.
  await adopt(await offer(x, home))
  await adopt(await offer(x, news))
  await t.core.submissions.decline(admin.ctx, await offer(x, news), '不予采用')
  await t.core.submissions.withdraw(admin.ctx, await offer(x, news))
  // Y and W: 2 submitted, 2 adopted; Y has one more from last year.
  for (const u of [y, w]) for (let i = 0; i < 2; i++) await adopt(await offer(u, news))
  const old = await offer(y, news)
  const lastYear = `${Number(formatDate(new Date()).slice(0, 4)) - 1}-06-01T02:00:00.000Z`
  await t.core.deps.db
    .updateTable('submission')
    .set({ submitted_at: lastYear })
    .where('id', '=', old)
    .execute()
  // Z: 5 submitted, 1 adopted.
  await adopt(await offer(z, news))
  for (let i = 0; i < 4; i++) await offer(z, news)
  // The portal is no channel, but it counts once it submits (to X, which takes submissions).
  const policy = await sharingRepository.get(t.core.deps.db, x.site.id)
  if (!policy) throw new Error('no policy')
  await sharingRepository.put(t.core.deps.db, { ...policy, submissions: 'all' }, null)
  await offer({ site: portal, col: news }, x.col)
})
afterAll(async () => t.close())

describe('submission statistics', () => {
  it('counts per unit with a custom scoring rule and ranks ties together', async () => {
    const editor = await person(t, units.v.site.id, 'editor')
    const refused = t.core.submissions.putScoring(editor.ctx, {
      perSubmitted: 1,
      perAdopted: 3,
      perAdoptedHome: 2,
    })
    await expect(refused).rejects.toMatchObject({ status: 403 })
    expect(await t.core.submissions.scoring(editor.ctx)).toEqual({
      perSubmitted: 0.5,
      perAdopted: 2,
      perAdoptedHome: 3,
    })
    await t.core.submissions.putScoring(admin.ctx, {
      perSubmitted: 1,
      perAdopted: 3,
      perAdoptedHome: 2,
    })
    const stats = await t.core.submissions.statistics(editor.ctx, {})
    const today = formatDate(new Date())
    expect(stats.from).toBe(`${today.slice(0, 4)}-01-01`)
    expect(stats.to).toBe(today)
    expect(stats.scoring).toEqual({ perSubmitted: 1, perAdopted: 3, perAdoptedHome: 2 })
    const by = (s: Site) => stats.rows.find((r) => r.siteId === s.id)
    expect(by(units.x.site)).toMatchObject({
      rank: 1,
      submitted: 3,
      adopted: 2,
      adoptedHome: 1,
      rate: 0.6667,
      score: 11,
    })
    expect(by(units.y.site)).toMatchObject({ rank: 2, submitted: 2, adopted: 2, rate: 1, score: 8 })
    expect(by(units.w.site)).toMatchObject({ rank: 2, submitted: 2, adopted: 2, score: 8 })
    expect(by(units.z.site)).toMatchObject({
      rank: 4,
      submitted: 5,
      adopted: 1,
      rate: 0.2,
      score: 8,
    })
    expect(by(portal)).toMatchObject({ rank: 5, submitted: 1, adopted: 0, score: 1 })
    expect(by(units.v.site)).toMatchObject({ rank: 6, submitted: 0, adopted: 0, rate: 0, score: 0 })
    expect(stats.rows.map((r) => r.rank)).toEqual([1, 2, 2, 4, 5, 6])
    // W before Y: same score and adoptions, then by name.
    expect(stats.rows[1]?.siteId).toBe(units.w.site.id)
  })

  it('narrows by period and by target site', async () => {
    const year = Number(formatDate(new Date()).slice(0, 4))
    const past = await t.core.submissions.statistics(admin.ctx, {
      from: `${year - 1}-01-01`,
      to: `${year - 1}-12-31`,
    })
    expect(past.rows.find((r) => r.siteId === units.y.site.id)).toMatchObject({ submitted: 1 })
    expect(past.rows.find((r) => r.siteId === units.x.site.id)).toMatchObject({ submitted: 0 })
    const toX = await t.core.submissions.statistics(admin.ctx, { targetSiteId: units.x.site.id })
    expect(toX.rows.find((r) => r.siteId === portal.id)).toMatchObject({ rank: 1, submitted: 1 })
    expect(toX.rows.find((r) => r.siteId === units.z.site.id)).toMatchObject({ submitted: 0 })
    await expect(
      t.core.submissions.statistics(admin.ctx, { from: '2026-02-30' }),
    ).rejects.toMatchObject({ status: 400 })
    await expect(
      t.core.submissions.statistics(admin.ctx, { from: '2026-05-02', to: '2026-05-01' }),
    ).rejects.toMatchObject({ status: 400 } satisfies Partial<AppError>)
  })

  it('refuses users with no role anywhere', async () => {
    const nobody = await t.core.users.create(
      { actor: admin.ctx.actor, ip: '' },
      { username: 'nobody_stats', displayName: '无角色', password: 'Passw0rd!', grants: [] },
    )
    const ctx = { actor: await t.core.auth.actorOf(nobody.user), ip: '' }
    await expect(t.core.submissions.statistics(ctx, {})).rejects.toMatchObject({ status: 403 })
  })

  it('ranks competition-style', () => {
    const row = (siteName: string, score: number, adopted: number) => ({
      siteId: 0,
      siteName,
      submitted: 0,
      adopted,
      adoptedHome: 0,
      rate: 0,
      score,
    })
    expect(
      rankRows([row('乙', 5, 1), row('甲', 5, 1), row('丙', 9, 0), row('丁', 5, 2)]).map(
        (r) => `${r.rank}${r.siteName}`,
      ),
    ).toEqual(['1丙', '2丁', '3甲', '3乙'])
  })
})
