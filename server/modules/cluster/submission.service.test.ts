import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppError } from '../../errors'
import { buildTestApp, type TestApp } from '../../test/build-test-app'
import { makeChannel, makeColumn } from '../../test/factories'
import { sharingRepository } from './sharing.repository'
import { draftOf, makeWorld, person, systemCtx, type World } from './submission.test-helpers'

let t: TestApp
let w: World

beforeAll(async () => {
  t = await buildTestApp()
  w = await makeWorld(t)
})
afterAll(async () => t.close())

async function status(p: Promise<unknown>): Promise<number> {
  try {
    await p
    return 200
  } catch (e) {
    return (e as AppError).status ?? 500
  }
}

async function notes(userId: number, kind: string) {
  return t.core.deps.db
    .selectFrom('notification')
    .selectAll()
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .orderBy('id', 'desc')
    .execute()
}

describe('submitting', () => {
  it('creates one submission per target column and notifies the target editors', async () => {
    const articleId = await draftOf(t, w, '安全生产检查情况')
    const subs = await t.core.submissions.submit(w.editorA.ctx, {
      articleId,
      targetColumnIds: [w.home.id, w.news.id, w.home.id],
      note: '请审阅',
    })
    expect(subs).toHaveLength(2)
    expect(subs[0]).toMatchObject({
      sourceSiteId: w.unitA.id,
      sourceSiteName: w.unitA.name,
      sourceArticleId: articleId,
      targetSiteId: w.portal.id,
      targetColumnId: w.home.id,
      targetColumnName: '要闻',
      title: '安全生产检查情况',
      note: '请审阅',
      status: 'pending',
      rounds: 1,
      submittedBy: w.editorA.id,
      adoptedArticleId: null,
    })
    const first = subs[0]?.id ?? 0
    for (const u of [w.portalEditor, w.portalAdmin]) {
      const got = await notes(u.id, 'submission.received')
      expect(got.some((n) => n.entity === 'submission' && n.entity_id === first)).toBe(true)
    }
    expect(await notes(w.portalReviewer.id, 'submission.received')).toHaveLength(0)
    expect(await notes(w.editorB.id, 'submission.received')).toHaveLength(0)
    // One pending submission per article and column.
    const again = t.core.submissions.submit(w.editorA.ctx, {
      articleId,
      targetColumnIds: [w.news.id],
    })
    expect(await status(again)).toBe(409)
  })

  it('refuses people without write access to the source article', async () => {
    const articleId = await draftOf(t, w, '审核人员不能报送')
    const input = { articleId, targetColumnIds: [w.news.id] }
    expect(await status(t.core.submissions.submit(w.reviewerA.ctx, input))).toBe(403)
    expect(await status(t.core.submissions.submit(w.editorB.ctx, input))).toBe(403)
    expect(await status(t.core.submissions.submit(w.portalEditor.ctx, input))).toBe(403)
    expect(
      await status(t.core.submissions.submit(w.editorA.ctx, { ...input, articleId: 999999 })),
    ).toBe(404)
  })

  it('follows the target site’s sharing policy and column list', async () => {
    const articleId = await draftOf(t, w, '按接收规则报送')
    const to = (columnId: number) =>
      status(t.core.submissions.submit(w.editorA.ctx, { articleId, targetColumnIds: [columnId] }))
    // A channel takes no submissions by default.
    expect(await to(w.colB.id)).toBe(403)
    const policy = await sharingRepository.get(t.core.deps.db, w.unitB.id)
    if (!policy) throw new Error('no policy')
    await sharingRepository.put(
      t.core.deps.db,
      { ...policy, submissions: 'listed', submissionSources: [w.portal.id] },
      null,
    )
    expect(await to(w.colB.id)).toBe(403)
    const otherB = await makeColumn(t.core, w.unitB, { name: '信息公开' })
    await sharingRepository.put(
      t.core.deps.db,
      {
        ...policy,
        submissions: 'listed',
        submissionSources: [w.unitA.id],
        submissionColumns: [otherB.id],
      },
      null,
    )
    expect(await to(w.colB.id)).toBe(403)
    expect(await to(otherB.id)).toBe(200)
    // Its own site, a column that holds no articles, a column that does not exist.
    expect(await to(w.colA.id)).toBe(400)
    const link = await makeColumn(t.core, w.portal, {
      name: '外链',
      type: 'link',
      linkUrl: 'https://www.gov.cn/',
    })
    expect(await to(link.id)).toBe(400)
    expect(await to(999999)).toBe(400)
    // A closed site takes nothing.
    const closed = await makeChannel(t.core, w.portal)
    const closedCol = await makeColumn(t.core, closed)
    await sharingRepository.put(
      t.core.deps.db,
      { ...policy, siteId: closed.id, submissions: 'all', submissionColumns: [] },
      null,
    )
    expect(await to(closedCol.id)).toBe(200)
    await t.core.sites.setStatus(systemCtx, closed.id, { status: 'closed', notice: '已关停' })
    const second = await draftOf(t, w, '关停站点不接收')
    expect(
      await status(
        t.core.submissions.submit(w.editorA.ctx, {
          articleId: second,
          targetColumnIds: [closedCol.id],
        }),
      ),
    ).toBe(403)
  })
})

describe('deciding', () => {
  it('adopts with edits: published at once where the target has no workflow', async () => {
    const articleId = await draftOf(t, w, '原标题', { author: '张三', keywords: '安全生产' })
    const [s] = await t.core.submissions.submit(w.editorA.ctx, {
      articleId,
      targetColumnIds: [w.home.id],
    })
    if (!s) throw new Error('no submission')
    const refused = t.core.submissions.adopt(w.portalReviewer.ctx, s.id, { mode: 'publish' })
    expect(await status(refused)).toBe(403)
    expect(await status(t.core.submissions.adopt(w.editorA.ctx, s.id, { mode: 'publish' }))).toBe(
      403,
    )
    const res = await t.core.submissions.adopt(w.portalEditor.ctx, s.id, {
      title: '改后的标题',
      mode: 'publish',
    })
    expect(res.submission).toMatchObject({
      status: 'adopted',
      adoptedArticleId: res.articleId,
      adoptedHome: true,
      decidedBy: w.portalEditor.id,
    })
    const a = await t.core.articles.get(systemCtx, res.articleId)
    expect(a).toMatchObject({
      siteId: w.portal.id,
      title: '改后的标题',
      source: w.unitA.name,
      author: '张三',
      keywords: '安全生产',
      status: 'published',
      originArticleId: articleId,
      originSiteId: w.unitA.id,
    })
    expect(a.placements.map((p) => p.columnId)).toEqual([w.home.id])
    const told = await notes(w.editorA.id, 'submission.decided')
    expect(told.some((n) => n.entity_id === s.id && n.title.includes('采用'))).toBe(true)
    // Decided once.
    expect(await status(t.core.submissions.decline(w.portalEditor.ctx, s.id, '重复处理'))).toBe(409)
    expect(
      await status(t.core.submissions.adopt(w.portalEditor.ctx, s.id, { mode: 'draft' })),
    ).toBe(409)
  })

  it('adopts into the target’s own review when it has a workflow', async () => {
    const target = await makeChannel(t.core, w.portal)
    const col = await makeColumn(t.core, target, { name: '转载' })
    await sharingRepository.put(
      t.core.deps.db,
      {
        siteId: target.id,
        submissions: 'all',
        submissionSources: [],
        submissionColumns: [],
        pushes: 'none',
        pushSources: [],
        pushReview: true,
      },
      null,
    )
    await t.core.workflows.put(systemCtx, target.id, null, [
      { name: '单位审核', role: 'admin', userIds: [] },
    ])
    const editor = await person(t, target.id, 'editor')
    const articleId = await draftOf(t, w, '待审核采用')
    const [s] = await t.core.submissions.submit(w.editorA.ctx, {
      articleId,
      targetColumnIds: [col.id],
    })
    if (!s) throw new Error('no submission')
    const res = await t.core.submissions.adopt(editor.ctx, s.id, {
      mode: 'publish',
      source: '某某局',
    })
    const a = await t.core.articles.get(systemCtx, res.articleId)
    expect(a.status).toBe('pending')
    expect(a.reviewId).not.toBeNull()
    expect(a.source).toBe('某某局')
    expect(res.submission).toMatchObject({ status: 'adopted', adoptedHome: false })
  })

  it('returns with a reason, takes a resubmission, declines and withdraws', async () => {
    const articleId = await draftOf(t, w, '初稿标题')
    const [s] = await t.core.submissions.submit(w.editorA.ctx, {
      articleId,
      targetColumnIds: [w.news.id],
    })
    if (!s) throw new Error('no submission')
    expect(await status(t.core.submissions.returnToSource(w.editorA.ctx, s.id, '不行'))).toBe(403)
    expect(await status(t.core.submissions.resubmit(w.editorA.ctx, s.id))).toBe(409)
    const returned = await t.core.submissions.returnToSource(
      w.portalAdmin.ctx,
      s.id,
      '请补充整改数据',
    )
    expect(returned).toMatchObject({ status: 'returned', reason: '请补充整改数据' })
    const told = await notes(w.editorA.id, 'submission.decided')
    expect(told.some((n) => n.entity_id === s.id && n.body.includes('请补充整改数据'))).toBe(true)
    expect(
      await status(t.core.submissions.adopt(w.portalEditor.ctx, s.id, { mode: 'draft' })),
    ).toBe(409)

    await t.core.articles.update(w.editorA.ctx, articleId, { title: '修改后的标题' })
    expect(await status(t.core.submissions.resubmit(w.reviewerA.ctx, s.id))).toBe(403)
    const again = await t.core.submissions.resubmit(w.editorA.ctx, s.id, '已补充')
    expect(again).toMatchObject({
      status: 'pending',
      rounds: 2,
      title: '修改后的标题',
      note: '已补充',
      reason: '',
      submittedAt: s.submittedAt,
    })
    const declined = await t.core.submissions.decline(w.portalEditor.ctx, s.id, '与已发信息重复')
    expect(declined).toMatchObject({ status: 'declined', decidedBy: w.portalEditor.id })
    expect(await status(t.core.submissions.withdraw(w.editorA.ctx, s.id))).toBe(409)

    const [p] = await t.core.submissions.submit(w.editorA.ctx, {
      articleId,
      targetColumnIds: [w.news.id],
    })
    if (!p) throw new Error('no submission')
    expect(await status(t.core.submissions.withdraw(w.editorB.ctx, p.id))).toBe(403)
    expect(await t.core.submissions.withdraw(w.editorA.ctx, p.id)).toMatchObject({
      status: 'withdrawn',
    })
    expect(await status(t.core.submissions.decline(w.portalEditor.ctx, p.id, '晚了'))).toBe(409)
  })

  it('keeps the submission when the source article is deleted', async () => {
    const articleId = await draftOf(t, w, '将被删除')
    const [s] = await t.core.submissions.submit(w.editorA.ctx, {
      articleId,
      targetColumnIds: [w.news.id],
    })
    if (!s) throw new Error('no submission')
    await t.core.submissions.withdraw(w.editorA.ctx, s.id)
    await t.core.articles.remove(w.editorA.ctx, articleId)
    const got = await t.core.submissions.get(w.portalEditor.ctx, s.id)
    expect(got).toMatchObject({ sourceArticleId: null, article: null, title: '将被删除' })
    expect(await status(t.core.submissions.get(w.editorB.ctx, s.id))).toBe(403)
  })
})
