import type { Column } from '../columns/column.repository'
import type { Site } from '../sites/site.repository'
import type { RequestContext } from '../users/actor'
import type { TestApp } from '../../test/build-test-app'
import {
  makeChannel,
  makeColumn,
  makePortal,
  makeUser,
  systemCtx,
  userCtx,
} from '../../test/factories'

/** A user with one role on a site, as a service-call context. */
export interface Person {
  id: number
  username: string
  password: string
  ctx: RequestContext
}

export async function person(
  t: TestApp,
  siteId: number | null,
  role: 'admin' | 'editor' | 'reviewer',
): Promise<Person> {
  const u = await makeUser(t.core, [{ siteId, role }])
  return { ...u, ctx: await userCtx(t.core, u.id) }
}

/**
 * The cluster a submission test needs: a portal that takes submissions from everyone (the
 * default), its 要闻 column shown on the home page and a plain list column; two department
 * channels (A submits; B takes none by default); people on each.
 */
export async function makeWorld(t: TestApp) {
  const core = t.core
  const portal: Site = await makePortal(core)
  const home: Column = await makeColumn(core, portal, { name: '要闻', homeBlock: true })
  const news: Column = await makeColumn(core, portal, { name: '部门动态' })
  const unitA: Site = await makeChannel(core, portal)
  const unitB: Site = await makeChannel(core, portal)
  const colA: Column = await makeColumn(core, unitA, { name: '工作动态' })
  const colB: Column = await makeColumn(core, unitB, { name: '工作动态' })
  return {
    portal,
    home,
    news,
    unitA,
    unitB,
    colA,
    colB,
    editorA: await person(t, unitA.id, 'editor'),
    reviewerA: await person(t, unitA.id, 'reviewer'),
    editorB: await person(t, unitB.id, 'editor'),
    portalEditor: await person(t, portal.id, 'editor'),
    portalAdmin: await person(t, portal.id, 'admin'),
    portalReviewer: await person(t, portal.id, 'reviewer'),
    clusterAdmin: await person(t, null, 'admin'),
  }
}
export type World = Awaited<ReturnType<typeof makeWorld>>

/** A draft of unit A written by its editor. */
export async function draftOf(t: TestApp, w: World, title: string, extra = {}): Promise<number> {
  const a = await t.core.articles.create(w.editorA.ctx, {
    siteId: w.unitA.id,
    columnIds: [w.colA.id],
    title,
    bodyHtml: '<p>本单位开展安全生产检查，排查隐患12处，已全部整改。</p>',
    ...extra,
  })
  return a.id
}

export { systemCtx }
