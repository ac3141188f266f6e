import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SharingPolicy } from '../../../common/cluster'
import type { Site } from '../sites/site.repository'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import {
  adminCall,
  makeChannel,
  makeColumn,
  makePortal,
  signInAs,
  systemCtx,
  type AdminSession,
} from '../../test/factories'

let t: TestApp
let portal: Site
let unit: Site
let other: Site
let portalAdmin: AdminSession
let portalEditor: AdminSession
let unitEditor: AdminSession
let clusterAdmin: AdminSession

const policy = (over: Partial<SharingPolicy> = {}) => ({
  submissions: 'all',
  submissionSources: [],
  submissionColumns: [],
  pushes: 'listed',
  pushSources: [unit.id],
  pushReview: false,
  ...over,
})

beforeAll(async () => {
  t = await buildTestApp()
  portal = await makePortal(t.core)
  unit = await makeChannel(t.core, portal)
  other = await makeChannel(t.core, portal)
  portalAdmin = await signInAs(t, portal.id, 'admin')
  portalEditor = await signInAs(t, portal.id, 'editor')
  unitEditor = await signInAs(t, unit.id, 'editor')
  clusterAdmin = await signInAs(t, null, 'admin')
})
afterAll(async () => t.close())

describe(`sharing policy API (${TEST_DIALECT})`, () => {
  it('shows the defaults to anyone with a role on the site, and refuses others', async () => {
    const res = await adminCall(t, portalEditor, 'GET', `/sites/${portal.id}/sharing`)
    expect(res.statusCode).toBe(200)
    expect(res.json().data).toMatchObject({
      siteId: portal.id,
      submissions: 'all',
      pushes: 'all',
      pushReview: true,
      updatedAt: null,
    })
    const channel = await adminCall(t, unitEditor, 'GET', `/sites/${unit.id}/sharing`)
    expect(channel.json().data).toMatchObject({ submissions: 'none', pushes: 'none' })
    expect((await adminCall(t, unitEditor, 'GET', `/sites/${portal.id}/sharing`)).statusCode).toBe(
      403,
    )
    expect((await adminCall(t, null, 'GET', `/sites/${portal.id}/sharing`)).statusCode).toBe(401)
    expect((await adminCall(t, clusterAdmin, 'GET', `/sites/99999/sharing`)).statusCode).toBe(404)
  })

  it('lets only the site admin or a cluster admin change it, with an audit event', async () => {
    const url = `/sites/${portal.id}/sharing`
    expect((await adminCall(t, portalEditor, 'PUT', url, policy())).statusCode).toBe(403)
    expect((await adminCall(t, unitEditor, 'PUT', url, policy())).statusCode).toBe(403)
    const res = await adminCall(t, portalAdmin, 'PUT', url, policy())
    expect(res.statusCode).toBe(200)
    expect(res.json().data).toMatchObject({
      siteId: portal.id,
      pushes: 'listed',
      pushSources: [unit.id],
      pushReview: false,
    })
    expect(res.json().data.updatedAt).toEqual(expect.any(String))
    const again = await adminCall(t, portalEditor, 'GET', url)
    expect(again.json().data.pushSources).toEqual([unit.id])
    const byCluster = await adminCall(t, clusterAdmin, 'PUT', url, policy({ pushes: 'all' }))
    expect(byCluster.json().data.pushes).toBe('all')
    const audit = await t.core.audit.list(systemCtx, { action: 'site.sharing' })
    expect(audit.rows.filter((e) => e.entityId === String(portal.id))).toHaveLength(2)
  })

  it('validates sources and columns', async () => {
    const url = `/sites/${portal.id}/sharing`
    const self = await adminCall(t, portalAdmin, 'PUT', url, policy({ pushSources: [portal.id] }))
    expect(self.statusCode).toBe(400)
    expect(self.json().error.fields.pushSources).toBeTruthy()
    const missing = await adminCall(
      t,
      portalAdmin,
      'PUT',
      url,
      policy({ submissionSources: [999999] }),
    )
    expect(missing.statusCode).toBe(400)
    const foreign = await makeColumn(t.core, unit)
    const notOurs = await adminCall(
      t,
      portalAdmin,
      'PUT',
      url,
      policy({ submissionColumns: [foreign.id] }),
    )
    expect(notOurs.statusCode).toBe(400)
    const link = await makeColumn(t.core, portal, {
      type: 'link',
      linkUrl: 'https://www.gov.cn/',
    })
    const wrongType = await adminCall(
      t,
      portalAdmin,
      'PUT',
      url,
      policy({ submissionColumns: [link.id] }),
    )
    expect(wrongType.statusCode).toBe(400)
    const bad = await adminCall(t, portalAdmin, 'PUT', url, policy({ pushes: 'maybe' as never }))
    expect(bad.statusCode).toBe(400)
  })

  it('lists the targets that accept a source, with their accepting columns', async () => {
    const news = await makeColumn(t.core, portal, { name: '要闻' })
    const page = await makeColumn(t.core, portal, { name: '简介', type: 'page' })
    await makeColumn(t.core, portal, { name: '外链', type: 'link', linkUrl: 'https://www.gov.cn/' })
    const otherCol = await makeColumn(t.core, other, { name: '其他' })
    await adminCall(t, clusterAdmin, 'PUT', `/sites/${portal.id}/sharing`, {
      ...policy({ pushes: 'all', submissionColumns: [news.id] }),
    })
    await adminCall(t, clusterAdmin, 'PUT', `/sites/${other.id}/sharing`, {
      ...policy({ pushes: 'listed', pushSources: [portal.id], submissions: 'none' }),
    })
    const pushes = await adminCall(
      t,
      unitEditor,
      'GET',
      `/sharing/targets?kind=pushes&sourceSiteId=${unit.id}`,
    )
    expect(pushes.statusCode).toBe(200)
    const data = pushes.json().data as { siteId: number; columns: { id: number }[] }[]
    expect(data.map((d) => d.siteId)).toEqual([portal.id])
    const ids = data[0]?.columns.map((c) => c.id) ?? []
    expect(ids).toContain(news.id)
    expect(ids).toContain(page.id)
    expect(ids.every((id) => id !== otherCol.id)).toBe(true)
    expect(data[0]?.columns.find((c) => c.id === news.id)).toMatchObject({ name: '要闻' })
    const subs = await adminCall(
      t,
      unitEditor,
      'GET',
      `/sharing/targets?kind=submissions&sourceSiteId=${unit.id}`,
    )
    expect(subs.json().data).toEqual([
      {
        siteId: portal.id,
        siteName: portal.name,
        columns: [{ id: news.id, name: '要闻', path: news.path }],
      },
    ])
    // The portal's editors see `other`, which takes pushes from the portal only.
    const fromPortal = await adminCall(
      t,
      portalEditor,
      'GET',
      `/sharing/targets?kind=pushes&sourceSiteId=${portal.id}`,
    )
    expect(fromPortal.json().data.map((d: { siteId: number }) => d.siteId)).toEqual([other.id])
    const notMine = await adminCall(
      t,
      unitEditor,
      'GET',
      `/sharing/targets?kind=pushes&sourceSiteId=${portal.id}`,
    )
    expect(notMine.statusCode).toBe(403)
  })
})
