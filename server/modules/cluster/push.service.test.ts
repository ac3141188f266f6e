import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Push } from '../../../common/cluster'
import type { ChangeEvent } from '../../events'
import { fireUnpublish } from '../articles/article.schedule'
import type { Column } from '../columns/column.repository'
import type { Site } from '../sites/site.repository'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { makeArticle, makeChannel, makeColumn, makePortal, systemCtx } from '../../test/factories'
import { nowIso } from '../../db/dialect'
import { ORIGIN_WITHDRAWN_REASON } from './push.effects'
import { fetchPage, notificationsOf, person, type Person } from './push.test-helpers'

const HOST = 'www.push-service.gov.cn'

let t: TestApp
let portal: Site
let src: Site
let town: Site
let srcCol: Column
let portalNews: Column
let townCol: Column
let srcEditor: Person
let portalEditor: Person
let townEditor: Person

const page = (url: string) => fetchPage(t, HOST, url)
const townUrl = (path: string) => `${town.basePath}${path}`
const one = (rows: Push[]) => rows[0] as Push
const article = (id: number) => t.core.articles.get(systemCtx, id)

beforeAll(async () => {
  t = await buildTestApp()
  portal = await makePortal(t.core, { name: '副本测试县', hosts: [HOST] })
  src = await makeChannel(t.core, portal, { name: '副本测试县教育局' })
  town = await makeChannel(t.core, portal, { name: '副本测试县东关镇' })
  srcCol = await makeColumn(t.core, src, { name: '教育动态', slug: 'jydt' })
  portalNews = await makeColumn(t.core, portal, { name: '部门动态', slug: 'bmdt' })
  townCol = await makeColumn(t.core, town, { name: '镇务动态', slug: 'zwdt' })
  await t.core.sharing.put(systemCtx, town.id, {
    submissions: 'none',
    submissionSources: [],
    submissionColumns: [],
    pushes: 'listed',
    pushSources: [src.id],
    pushReview: false,
  })
  srcEditor = await person(t, src.id, 'editor')
  portalEditor = await person(t, portal.id, 'editor')
  townEditor = await person(t, town.id, 'editor')
})
afterAll(async () => t.close())

describe(`copy pushes (${TEST_DIALECT})`, () => {
  it('an accepted copy is an independent article recording its origin and source', async () => {
    const a = await makeArticle(t.core, src, srcCol, {
      title: '教育局召开开学工作会议',
      bodyHtml: '<p>会议部署了秋季开学工作。</p>',
    })
    const p = one(
      await t.core.pushes.create(srcEditor.ctx, a.id, { columnIds: [portalNews.id], kind: 'copy' }),
    )
    expect(p.state).toBe('pending')
    const accepted = await t.core.pushes.accept(portalEditor.ctx, p.id)
    expect(accepted).toMatchObject({ state: 'accepted', decidedBy: portalEditor.id })
    const copyId = accepted.copyArticleId as number
    expect(copyId).toBeGreaterThan(0)
    expect(copyId).not.toBe(a.id)
    const copy = await article(copyId)
    expect(copy).toMatchObject({
      siteId: portal.id,
      status: 'published',
      title: '教育局召开开学工作会议',
      source: src.name,
      createdBy: portalEditor.id,
    })
    const origin = await t.core.deps.db
      .selectFrom('article')
      .select(['origin_article_id', 'origin_site_id'])
      .where('id', '=', copyId)
      .executeTakeFirstOrThrow()
    expect(origin).toEqual({ origin_article_id: a.id, origin_site_id: src.id })
    expect(copy.placements.map((x) => [x.columnId, x.kind])).toEqual([[portalNews.id, 'primary']])
    expect((await page(`/bmdt/content_${copyId}.html`)).body).toContain('会议部署了秋季开学工作。')
    // Later edits of the source do not reach the copy.
    await t.core.articles.update(srcEditor.ctx, a.id, { title: '教育局召开开学工作会议（更正）' })
    expect((await article(copyId)).title).toBe('教育局召开开学工作会议')
    expect((await page(`/bmdt/content_${copyId}.html`)).body).not.toContain('更正')
    // The source's own attribution is kept when it has one.
    const b = await makeArticle(t.core, src, srcCol, { source: '市教育局' })
    const pb = one(
      await t.core.pushes.create(srcEditor.ctx, b.id, { columnIds: [portalNews.id], kind: 'copy' }),
    )
    const copyB = (await t.core.pushes.accept(portalEditor.ctx, pb.id)).copyArticleId as number
    expect((await article(copyB)).source).toBe('市教育局')
  })

  it('goes through the target’s own review workflow when accepted there', async () => {
    const reviewed = await makeColumn(t.core, portal, { name: '审核栏目', slug: 'shlm' })
    await t.core.workflows.put(systemCtx, portal.id, reviewed.id, [
      { name: '终审', role: 'admin', userIds: [] },
    ])
    const a = await makeArticle(t.core, src, srcCol, { title: '须经门户审核的副本' })
    const p = one(
      await t.core.pushes.create(srcEditor.ctx, a.id, { columnIds: [reviewed.id], kind: 'copy' }),
    )
    const accepted = await t.core.pushes.accept(portalEditor.ctx, p.id)
    const copy = await article(accepted.copyArticleId as number)
    expect(copy.status).toBe('pending')
    expect(copy.reviewId).not.toBeNull()
    expect((await page('/shlm/')).body).not.toContain('须经门户审核的副本')
  })

  it('is published at once where the target does not review pushes', async () => {
    const a = await makeArticle(t.core, src, srcCol, { title: '直接发布到镇上的副本' })
    const p = one(
      await t.core.pushes.create(srcEditor.ctx, a.id, { columnIds: [townCol.id], kind: 'copy' }),
    )
    expect(p).toMatchObject({ state: 'accepted', decidedBy: null, pushedBy: srcEditor.id })
    const copy = await article(p.copyArticleId as number)
    expect(copy).toMatchObject({ siteId: town.id, status: 'published', source: src.name })
    expect((await page(townUrl('zwdt/'))).body).toContain('直接发布到镇上的副本')
    expect((await notificationsOf(t, townEditor.id, 'push.received'))[0]?.title).toContain(
      '直接发布到镇上的副本',
    )
  })

  it('withdrawing an accepted copy takes the copy down with a notice', async () => {
    const a = await makeArticle(t.core, src, srcCol, { title: '将被撤回的副本' })
    const p = one(
      await t.core.pushes.create(srcEditor.ctx, a.id, { columnIds: [townCol.id], kind: 'copy' }),
    )
    const url = townUrl(`zwdt/content_${p.copyArticleId}.html`)
    expect((await page(url)).status).toBe(200)
    expect((await page(url)).cached).toBe(true)
    const w = await t.core.pushes.withdraw(srcEditor.ctx, p.id)
    expect(w.state).toBe('withdrawn')
    const gone = await page(url)
    expect(gone.status).toBe(410)
    expect(gone.body).toContain(ORIGIN_WITHDRAWN_REASON)
    expect((await article(p.copyArticleId as number)).unpublishKind).toBe('withdrawn')
    expect((await notificationsOf(t, townEditor.id, 'push.withdrawn'))[0]).toMatchObject({
      entity: 'article',
      entity_id: p.copyArticleId,
    })
  })
})

describe(`the source going away (${TEST_DIALECT})`, () => {
  /** A source with a linked placement on the portal, a copy in the town and a pending push. */
  async function spread(title: string) {
    const a = await makeArticle(t.core, src, srcCol, { title })
    const linked = one(
      await t.core.pushes.create(srcEditor.ctx, a.id, {
        columnIds: [portalNews.id],
        kind: 'linked',
      }),
    )
    await t.core.pushes.accept(portalEditor.ctx, linked.id)
    const copy = one(
      await t.core.pushes.create(srcEditor.ctx, a.id, { columnIds: [townCol.id], kind: 'copy' }),
    )
    const other = await makeColumn(t.core, portal)
    const pending = one(
      await t.core.pushes.create(srcEditor.ctx, a.id, { columnIds: [other.id], kind: 'linked' }),
    )
    const urls = {
      linked: `/bmdt/content_${a.id}.html`,
      copy: townUrl(`zwdt/content_${copy.copyArticleId}.html`),
    }
    for (const u of [urls.linked, urls.copy, '/bmdt/', townUrl('zwdt/')]) {
      expect((await page(u)).body, u).toContain(title)
      expect((await page(u)).cached, u).toBe(true)
    }
    return { a, linked, copy, pending, urls }
  }

  it('edits invalidate the cache tags of every placement (tagsFor)', async () => {
    const a = await makeArticle(t.core, src, srcCol)
    await t.core.pushes.accept(
      portalEditor.ctx,
      one(
        await t.core.pushes.create(srcEditor.ctx, a.id, {
          columnIds: [portalNews.id],
          kind: 'linked',
        }),
      ).id,
    )
    const events: ChangeEvent[] = []
    const off = t.core.deps.bus.subscribe((e) => events.push(e))
    await t.core.articles.update(srcEditor.ctx, a.id, { title: '标签测试' })
    await t.core.articles.unpublish(srcEditor.ctx, a.id)
    await t.core.articles.publish(srcEditor.ctx, a.id)
    off()
    for (const action of ['article.update', 'article.unpublish', 'article.publish']) {
      const e = events.find((x) => x.action === action)
      expect(e?.tags, action).toEqual(
        expect.arrayContaining([
          `column:${portalNews.id}`,
          `latest:${portal.id}`,
          `article:${a.id}`,
        ]),
      )
    }
  })

  it('unpublishing withdraws linked placements and copies everywhere, and tells the targets', async () => {
    const { a, copy, pending, urls } = await spread('将被撤销的源信息')
    await t.core.articles.unpublish(srcEditor.ctx, a.id, { reason: '信息有误' })
    const linked = await page(urls.linked)
    expect(linked.status).toBe(410)
    expect(linked.body).toContain('信息有误')
    const copied = await page(urls.copy)
    expect(copied.status).toBe(410)
    expect(copied.body).toContain(ORIGIN_WITHDRAWN_REASON)
    expect((await page('/bmdt/')).body).not.toContain('将被撤销的源信息')
    expect((await page(townUrl('zwdt/'))).body).not.toContain('将被撤销的源信息')
    expect((await article(copy.copyArticleId as number)).status).toBe('unpublished')
    const p = await t.core.pushes.listForArticle(systemCtx, a.id)
    expect(p.find((x) => x.id === pending.id)?.state).toBe('withdrawn')
    for (const who of [portalEditor, townEditor]) {
      const n = await notificationsOf(t, who.id, 'push.withdrawn')
      expect(n[0]?.title).toContain('将被撤销的源信息')
      expect(n[0]?.body).toContain('已同步撤下')
    }
    const audit = await t.core.audit.list(systemCtx, {
      action: 'push.origin_unpublished',
      entityId: String(a.id),
    })
    expect(audit.total).toBe(1)
    // Published again: the linked placement shows it again; the copy stays down.
    await t.core.articles.publish(srcEditor.ctx, a.id)
    expect((await page(urls.linked)).status).toBe(200)
    expect((await page(urls.copy)).status).toBe(410)
  })

  it('the scheduled take-down withdraws the copies too', async () => {
    const { a, urls } = await spread('到期下线的源信息')
    const tags = await t.core.deps.db.transaction().execute((trx) => fireUnpublish(trx, a.id))
    t.core.deps.bus.publish({ action: 'article.scheduled_unpublish', tags })
    expect((await page(urls.copy)).status).toBe(410)
    expect((await page(urls.linked)).status).toBe(410)
  })

  it('deleting the source handles every placement, push and pending submission', async () => {
    const { a, linked, copy, pending, urls } = await spread('将被删除的源信息')
    const now = nowIso()
    const sub = await t.core.deps.db
      .insertInto('submission')
      .values({
        source_site_id: src.id,
        source_article_id: a.id,
        target_site_id: portal.id,
        target_column_id: portalNews.id,
        title: '将被删除的源信息',
        submitted_by: srcEditor.id,
        submitted_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await t.core.articles.remove(systemCtx, a.id)
    expect((await page(urls.linked)).status).toBe(404)
    expect((await page('/bmdt/')).body).not.toContain('将被删除的源信息')
    expect((await page(urls.copy)).status).toBe(410)
    expect((await page(townUrl('zwdt/'))).body).not.toContain('将被删除的源信息')
    const states = await t.core.deps.db
      .selectFrom('push')
      .select(['id', 'state', 'reason', 'article_id'])
      .where('id', 'in', [linked.id, copy.id, pending.id])
      .orderBy('id')
      .execute()
    expect(states.map((s) => [s.id, s.state, s.article_id])).toEqual([
      [linked.id, 'withdrawn', null],
      [copy.id, 'accepted', null],
      [pending.id, 'withdrawn', null],
    ])
    const s = await t.core.deps.db
      .selectFrom('submission')
      .select(['status', 'reason'])
      .where('id', '=', sub.id)
      .executeTakeFirstOrThrow()
    expect(s).toEqual({ status: 'withdrawn', reason: '原信息已删除' })
    const n = await notificationsOf(t, portalEditor.id, 'push.withdrawn')
    expect(n[0]?.title).toContain('已删除')
    const audit = await t.core.audit.list(systemCtx, {
      action: 'push.origin_deleted',
      entityId: String(a.id),
    })
    expect(audit.total).toBe(1)
  })
})
