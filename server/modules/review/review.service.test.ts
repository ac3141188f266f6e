import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Column } from '../columns/column.repository'
import type { Site } from '../sites/site.repository'
import type { RequestContext } from '../users/actor'
import { buildTestApp, type TestApp } from '../../test/build-test-app'
import {
  makeArticle,
  makeColumn,
  makePortal,
  makeUser,
  systemCtx,
  userCtx,
} from '../../test/factories'

let t: TestApp
let portal: Site
let news: Column
let open: Column
let editor: RequestContext
let editor2: RequestContext
let reviewer: RequestContext
let leader: RequestContext
let siteAdmin: RequestContext

const draft = (ctx: RequestContext, title: string, extra: Record<string, unknown> = {}) =>
  t.core.articles.create(ctx, {
    siteId: portal.id,
    columnIds: [news.id],
    title,
    bodyHtml: '<p>本县召开专题会议，部署今冬明春水利建设工作。</p>',
    ...extra,
  })

const page = async (url: string) => t.app.inject({ method: 'GET', url })

beforeAll(async () => {
  t = await buildTestApp()
  portal = await makePortal(t.core)
  news = await makeColumn(t.core, portal, { name: '政务要闻', slug: 'zwyw' })
  open = await makeColumn(t.core, portal, { name: '便民提示', slug: 'bmts' })
  const ids = await Promise.all([
    makeUser(t.core, [{ siteId: portal.id, role: 'editor' }]),
    makeUser(t.core, [{ siteId: portal.id, role: 'editor' }]),
    makeUser(t.core, [{ siteId: portal.id, role: 'reviewer' }]),
    makeUser(t.core, [{ siteId: portal.id, role: 'editor' }]),
    makeUser(t.core, [{ siteId: portal.id, role: 'admin' }]),
  ])
  const ctxs = await Promise.all(ids.map((u) => userCtx(t.core, u.id)))
  ;[editor, editor2, reviewer, leader, siteAdmin] = ctxs as [
    RequestContext,
    RequestContext,
    RequestContext,
    RequestContext,
    RequestContext,
  ]
  // 编辑 → 科室审核 (reviewer role) → 领导终审 (a named person).
  await t.core.workflows.put(systemCtx, portal.id, null, [
    { name: '科室审核', role: 'reviewer', userIds: [] },
    { name: '领导终审', role: null, userIds: [leader.actor.id as number] },
  ])
  // 便民提示 needs no review.
  await t.core.workflows.put(systemCtx, portal.id, open.id, [])
})
afterAll(async () => t.close())

describe('review workflow', () => {
  it('takes a new article through two levels to publication', async () => {
    const a = await draft(editor, '两级审核的信息')
    expect(a.status).toBe('draft')
    expect(a.workflow.levels).toHaveLength(2)
    expect(a.can.publish).toBe(false)
    await t.core.reviews.submit(editor, a.id)
    let v = await t.core.articles.view(editor, a.id)
    expect(v.status).toBe('pending')
    expect(v.review).toMatchObject({ level: 1, levelCount: 2, levelName: '科室审核' })
    expect((await page(`/zwyw/content_${a.id}.html`)).statusCode).toBe(404)

    // Only the holders of the current level see it; never the submitter.
    const inbox = async (ctx: RequestContext) =>
      (await t.core.reviews.inbox(ctx, {})).rows.map((r) => r.articleId)
    expect(await inbox(reviewer)).toContain(a.id)
    expect(await inbox(leader)).not.toContain(a.id)
    expect(await inbox(editor)).not.toContain(a.id)
    const reviewId = v.review?.id as number
    await expect(t.core.reviews.approve(leader, reviewId)).rejects.toMatchObject({ status: 403 })
    await expect(t.core.reviews.approve(editor, reviewId)).rejects.toMatchObject({ status: 403 })

    await t.core.reviews.approve(reviewer, reviewId, '同意')
    v = await t.core.articles.view(editor, a.id)
    expect(v.status).toBe('pending')
    expect(v.review).toMatchObject({ level: 2, levelName: '领导终审' })
    expect(await inbox(leader)).toContain(a.id)
    expect(await inbox(reviewer)).not.toContain(a.id)

    await t.core.reviews.approve(leader, reviewId)
    v = await t.core.articles.view(editor, a.id)
    expect(v.status).toBe('published')
    expect(v.review).toBeNull()
    expect((await page(`/zwyw/content_${a.id}.html`)).statusCode).toBe(200)

    const [review] = await t.core.reviews.listForArticle(editor, a.id)
    expect(review?.state).toBe('approved')
    expect(review?.steps.map((s) => s.decision)).toEqual(['submit', 'approve', 'approve'])
    const audit = await t.core.audit.list(systemCtx, { entity: 'article', entityId: String(a.id) })
    const actions = audit.rows.map((e) => e.action)
    expect(actions).toEqual(
      expect.arrayContaining([
        'article.create',
        'article.submit',
        'review.approve',
        'article.publish',
      ]),
    )
    // The author hears that it passed.
    const notes = await t.core.notifications.list(editor, {})
    expect(notes.rows.some((n) => n.kind === 'review.approved' && n.entity_id === a.id)).toBe(true)
  })

  it('refuses direct publishing where review is required, and allows it where not', async () => {
    const a = await draft(editor, '想直接发布')
    await expect(t.core.articles.publish(editor, a.id)).rejects.toMatchObject({
      status: 409,
      code: 'review_required',
    })
    const b = await t.core.articles.create(editor, {
      siteId: portal.id,
      columnIds: [open.id],
      title: '无需审核的便民提示',
      bodyHtml: '<p>明日停水。</p>',
    })
    expect(b.workflow.source).toBe('column')
    expect(b.can.publish).toBe(true)
    await t.core.articles.publish(editor, b.id)
    expect((await t.core.articles.get(editor, b.id)).status).toBe('published')
  })

  it('create with publish submits for review under a workflow', async () => {
    const a = await draft(editor, '保存并提交', { publish: true })
    expect(a.status).toBe('pending')
    expect(a.review?.level).toBe(1)
  })

  it('returns to the author with a reason, who is notified', async () => {
    const a = await draft(editor, '将被退回的信息')
    await t.core.reviews.submit(editor, a.id)
    const reviewId = (await t.core.articles.view(editor, a.id)).review?.id as number
    await expect(t.core.reviews.returnToAuthor(reviewer, reviewId, '  ')).rejects.toMatchObject({
      status: 400,
    })
    await t.core.reviews.returnToAuthor(reviewer, reviewId, '标题需写明会议名称')
    const v = await t.core.articles.view(editor, a.id)
    expect(v.status).toBe('draft')
    expect(v.review).toBeNull()
    const notes = await t.core.notifications.list(editor, { unread: true })
    const returned = notes.rows.find((n) => n.kind === 'review.returned' && n.entity_id === a.id)
    expect(returned?.body).toContain('标题需写明会议名称')
    // A returned review can't be decided again.
    await expect(t.core.reviews.approve(reviewer, reviewId)).rejects.toMatchObject({ status: 409 })
  })

  it('lets the submitter withdraw, but not another editor; locks editing while in review', async () => {
    const a = await draft(editor, '撤回测试')
    await t.core.reviews.submit(editor, a.id)
    await expect(t.core.articles.update(editor, a.id, { title: '改标题' })).rejects.toMatchObject({
      status: 423,
    })
    await expect(t.core.reviews.withdrawArticle(editor2, a.id)).rejects.toMatchObject({
      status: 403,
    })
    await t.core.reviews.withdrawArticle(editor, a.id)
    const v = await t.core.articles.view(editor, a.id)
    expect(v.status).toBe('draft')
    await t.core.articles.update(editor, a.id, { title: '撤回后可修改' })
    expect((await t.core.articles.get(editor, a.id)).title).toBe('撤回后可修改')
  })

  it('keeps the live version up while a working copy is reviewed, then applies it', async () => {
    const a = await makeArticle(t.core, portal, news, { title: '线上版本标题' })
    await t.core.articles.update(editor, a.id, {
      title: '修改稿标题',
      bodyHtml: '<p>本县召开专题会议，部署今冬明春水利建设和森林防火工作。</p>',
    })
    let v = await t.core.articles.view(editor, a.id)
    expect(v.title).toBe('线上版本标题')
    expect(v.workingCopy?.title).toBe('修改稿标题')
    expect(v.can.submit).toBe(true)
    const live = await page(`/zwyw/content_${a.id}.html`)
    expect(live.body).toContain('线上版本标题')
    expect(live.body).not.toContain('修改稿标题')

    // A second save edits the same working copy.
    await t.core.articles.update(editor, a.id, { subtitle: '副标题' })
    v = await t.core.articles.view(editor, a.id)
    expect(v.workingCopy).toMatchObject({ title: '修改稿标题', subtitle: '副标题' })

    await t.core.reviews.submit(editor, a.id)
    const reviewId = (await t.core.articles.view(editor, a.id)).review?.id as number
    const detail = await t.core.reviews.get(reviewer, reviewId)
    expect(detail.kind).toBe('revision')
    expect(detail.canAct).toBe(true)
    expect(detail.diff?.fields.find((f) => f.field === 'title')).toMatchObject({
      from: '线上版本标题',
      to: '修改稿标题',
    })
    expect(detail.diff?.body.some((o) => o.op === 'insert' && o.text.includes('森林防火'))).toBe(
      true,
    )
    await t.core.reviews.approve(reviewer, reviewId)
    expect((await page(`/zwyw/content_${a.id}.html`)).body).toContain('线上版本标题')
    await t.core.reviews.approve(leader, reviewId)
    v = await t.core.articles.view(editor, a.id)
    expect(v.title).toBe('修改稿标题')
    expect(v.workingCopy).toBeNull()
    expect(v.status).toBe('published')
    expect((await page(`/zwyw/content_${a.id}.html`)).body).toContain('修改稿标题')

    // Full history: the original, two working copies, the applied version.
    const revs = await t.core.articleHistory.revisions(editor, a.id)
    expect(revs.map((r) => r.action)).toEqual(['apply', 'working', 'working', 'create'])
    const first = revs[revs.length - 1]?.id as number
    const diff = await t.core.articleHistory.diff(editor, a.id, first, 'live')
    expect(diff.fields.map((f) => f.label)).toEqual(expect.arrayContaining(['标题', '副标题']))
  })

  it('restores an old revision as a new working copy of a live article', async () => {
    const a = await makeArticle(t.core, portal, news, { title: '原始标题' })
    await t.core.articles.update(editor, a.id, { title: '第二版' })
    const revs = await t.core.articleHistory.revisions(editor, a.id)
    const original = revs.find((r) => r.snapshot.title === '原始标题')
    expect(original).toBeDefined()
    const v = await t.core.articleHistory.restore(editor, a.id, original?.id as number)
    expect(v.title).toBe('原始标题')
    expect(v.workingCopy?.title).toBe('原始标题')
    // On a draft, restoring changes the draft itself.
    const d = await draft(editor, '草稿一')
    await t.core.articles.update(editor, d.id, { title: '草稿二' })
    const first = (await t.core.articleHistory.revisions(editor, d.id)).find(
      (r) => r.snapshot.title === '草稿一',
    )
    const restored = await t.core.articleHistory.restore(editor, d.id, first?.id as number)
    expect(restored.title).toBe('草稿一')
    expect(restored.workingCopy).toBeNull()
  })

  it('lets only a site admin publish in an emergency, marked until reviewed afterwards', async () => {
    const a = await draft(editor, '紧急通知：暴雨预警')
    await expect(
      t.core.reviews.emergencyPublish(editor, a.id, '暴雨预警需立即发布'),
    ).rejects.toMatchObject({ status: 403 })
    await expect(t.core.reviews.emergencyPublish(siteAdmin, a.id, '')).rejects.toMatchObject({
      status: 400,
    })
    await t.core.reviews.emergencyPublish(siteAdmin, a.id, '暴雨预警需立即发布')
    let v = await t.core.articles.view(editor, a.id)
    expect(v.status).toBe('published')
    expect(v.unreviewed).toBe(true)
    expect(v.review?.emergency).toBe(true)
    expect((await page(`/zwyw/content_${a.id}.html`)).statusCode).toBe(200)
    const reviewId = v.review?.id as number
    await expect(t.core.reviews.withdraw(siteAdmin, reviewId)).rejects.toMatchObject({
      status: 409,
    })
    const notes = await t.core.notifications.list(reviewer, {})
    expect(notes.rows.some((n) => n.kind === 'article.emergency' && n.entity_id === reviewId)).toBe(
      true,
    )
    await t.core.reviews.approve(reviewer, reviewId)
    await t.core.reviews.approve(leader, reviewId)
    v = await t.core.articles.view(editor, a.id)
    expect(v.unreviewed).toBe(false)
    expect(v.review).toBeNull()
    const audit = await t.core.audit.list(systemCtx, { entity: 'article', entityId: String(a.id) })
    const emergency = audit.rows.find((e) => e.action === 'article.emergency_publish')
    expect(JSON.stringify(emergency?.diff)).toContain('暴雨预警需立即发布')
  })

  it('applies column workflows to their subtree and lets a column override the site', async () => {
    const parent = await makeColumn(t.core, portal, { name: '政策文件', slug: 'zcwj' })
    const child = await makeColumn(t.core, portal, {
      name: '县政府文件',
      slug: 'xzfwj',
      parentId: parent.id,
    })
    await t.core.workflows.put(systemCtx, portal.id, parent.id, [
      { name: '法制审核', role: 'admin', userIds: [] },
    ])
    const eff = await t.core.workflows.effectiveForColumn(editor, child.id)
    expect(eff).toMatchObject({ source: 'ancestor' })
    expect(eff.levels.map((l) => l.name)).toEqual(['法制审核'])
    expect((await t.core.workflows.effectiveForColumn(editor, news.id)).source).toBe('site')
    // Site admins hold `admin` levels.
    const a = await t.core.articles.create(editor, {
      siteId: portal.id,
      columnIds: [child.id],
      title: '关于印发某办法的通知',
      bodyHtml: '<p>现印发给你们。</p>',
      publish: true,
    })
    expect(a.status).toBe('pending')
    expect((await t.core.reviews.inbox(siteAdmin, {})).rows.map((r) => r.articleId)).toContain(a.id)
    expect((await t.core.reviews.inbox(reviewer, {})).rows.map((r) => r.articleId)).not.toContain(
      a.id,
    )
  })

  it('never lets people decide on their own submission, except the platform administrator', async () => {
    const a = await draft(siteAdmin, '站点管理员自己写的信息', { columnIds: [news.id] })
    await t.core.workflows.put(systemCtx, portal.id, null, [
      { name: '网站办审核', role: 'admin', userIds: [] },
    ])
    try {
      await t.core.reviews.submit(siteAdmin, a.id)
      const reviewId = (await t.core.articles.view(siteAdmin, a.id)).review?.id as number
      await expect(t.core.reviews.approve(siteAdmin, reviewId)).rejects.toMatchObject({
        status: 403,
      })
      expect((await t.core.reviews.inbox(siteAdmin, {})).rows.map((r) => r.reviewId)).not.toContain(
        reviewId,
      )
      await t.core.reviews.withdraw(siteAdmin, reviewId)
      const platform = await userCtx(
        t.core,
        (await makeUser(t.core, [{ siteId: null, role: 'admin' }])).id,
      )
      const b = await draft(platform, '平台管理员自己写的信息')
      await t.core.reviews.submit(platform, b.id)
      const own = (await t.core.articles.view(platform, b.id)).review?.id as number
      await t.core.reviews.approve(platform, own)
      expect((await t.core.articles.get(platform, b.id)).status).toBe('published')
    } finally {
      await t.core.workflows.put(systemCtx, portal.id, null, [
        { name: '科室审核', role: 'reviewer', userIds: [] },
        { name: '领导终审', role: null, userIds: [leader.actor.id as number] },
      ])
    }
  })

  it('validates workflows: at most five levels, holders must serve the site', async () => {
    const six = Array.from({ length: 6 }, (_, i) => ({
      name: `第${i + 1}级`,
      role: 'reviewer' as const,
      userIds: [],
    }))
    await expect(t.core.workflows.put(systemCtx, portal.id, null, six)).rejects.toMatchObject({
      status: 400,
    })
    await expect(
      t.core.workflows.put(systemCtx, portal.id, null, [{ name: '空', role: null, userIds: [] }]),
    ).rejects.toMatchObject({ status: 400 })
    const outsider = await makeUser(t.core, [])
    await expect(
      t.core.workflows.put(systemCtx, portal.id, null, [
        { name: '外人', role: null, userIds: [outsider.id] },
      ]),
    ).rejects.toMatchObject({ status: 400 })
    await expect(t.core.workflows.put(editor, portal.id, news.id, [])).rejects.toMatchObject({
      status: 403,
    })
  })
})
