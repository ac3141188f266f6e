import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Column } from '../columns/column.repository'
import type { Site } from '../sites/site.repository'
import { buildTestApp, type TestApp } from '../../test/build-test-app'
import { login, makeArticle, makeColumn, makePortal, makeUser } from '../../test/factories'

let t: TestApp
let portal: Site
let news: Column
type Session = Awaited<ReturnType<typeof login>>
let editor: Session
let reviewer: Session
let admin: Session
let ip = 0

async function signIn(role: 'editor' | 'reviewer' | 'admin'): Promise<Session> {
  const u = await makeUser(t.core, [{ siteId: portal.id, role }])
  return login(t, u.username, u.password, `10.9.0.${++ip}`)
}
const call = (
  s: Session,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  payload?: object,
) => t.app.inject({ method, url: `/api/admin${url}`, headers: s.headers, payload })

/** A valid 18-digit ID number (checksum computed), as a letter writer might paste one. */
function idNumber(): string {
  const body = '11010519491231002'
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = body.split('').reduce((acc, d, i) => acc + Number(d) * (w[i] as number), 0)
  return body + '10X98765432'[sum % 11]
}

beforeAll(async () => {
  t = await buildTestApp()
  portal = await makePortal(t.core)
  news = await makeColumn(t.core, portal, { name: '工作动态', slug: 'gzdt' })
  ;[editor, reviewer, admin] = [
    await signIn('editor'),
    await signIn('reviewer'),
    await signIn('admin'),
  ]
})
afterAll(async () => t.close())

describe('review over HTTP', () => {
  it('site admins configure workflows; editors may not', async () => {
    const levels = [{ name: '科室审核', role: 'reviewer', userIds: [] }]
    expect(
      (await call(editor, 'PUT', `/sites/${portal.id}/workflows`, { columnId: null, levels }))
        .statusCode,
    ).toBe(403)
    const res = await call(admin, 'PUT', `/sites/${portal.id}/workflows`, {
      columnId: null,
      levels,
    })
    expect(res.statusCode).toBe(200)
    const list = await call(editor, 'GET', `/sites/${portal.id}/workflows`)
    expect(list.json().data).toHaveLength(1)
    const eff = await call(editor, 'GET', `/columns/${news.id}/workflow`)
    expect(eff.json().data).toMatchObject({ source: 'site' })
    const bad = await call(admin, 'PUT', `/sites/${portal.id}/workflows`, {
      columnId: null,
      levels: [{ name: 'x', role: 'boss', userIds: [] }],
    })
    expect(bad.statusCode).toBe(400)
  })

  it('blocks submission on personal data with findings, then reviews through the inbox', async () => {
    const created = await call(editor, 'POST', '/articles', {
      siteId: portal.id,
      columnIds: [news.id],
      title: '关于走访困难群众的报道',
      bodyHtml: `<p>走访对象身份证号${idNumber()}，已登记。</p>`,
    })
    expect(created.statusCode).toBe(201)
    const id = created.json().data.id as number
    // Saving a draft works and reports what the checks found.
    expect(created.json().data.findings.map((f: { rule: string }) => f.rule)).toContain('id_number')
    const blocked = await call(editor, 'POST', `/articles/${id}/submit`, {})
    expect(blocked.statusCode).toBe(422)
    const finding = blocked
      .json()
      .error.details.findings.find((f: { rule: string }) => f.rule === 'id_number')
    expect(finding).toMatchObject({ severity: 'blocking', excerpt: idNumber() })

    await call(editor, 'PATCH', `/articles/${id}`, {
      bodyHtml: '<p>走访困难群众20户，已登记。</p>',
    })
    const submitted = await call(editor, 'POST', `/articles/${id}/submit`)
    expect(submitted.statusCode).toBe(200)
    expect(submitted.json().data).toMatchObject({ status: 'pending', review: { level: 1 } })

    const inbox = await call(reviewer, 'GET', '/reviews/inbox')
    const item = inbox.json().data.find((r: { articleId: number }) => r.articleId === id)
    expect(item).toMatchObject({ levelName: '科室审核', kind: 'new', siteName: portal.name })
    const xlsx = await call(reviewer, 'GET', '/reviews/inbox/export.xlsx')
    expect(xlsx.statusCode).toBe(200)
    expect(xlsx.headers['content-type']).toContain('spreadsheetml')
    const summary = await call(reviewer, 'GET', '/notifications/summary')
    expect(summary.json().data.waitingReview).toBeGreaterThanOrEqual(1)

    const detail = await call(reviewer, 'GET', `/reviews/${item.reviewId}`)
    expect(detail.json().data).toMatchObject({ canAct: true, state: 'pending' })
    expect(detail.json().data.content.title).toBe('关于走访困难群众的报道')
    expect((await call(editor, 'POST', `/reviews/${item.reviewId}/approve`, {})).statusCode).toBe(
      403,
    )
    const noReason = await call(reviewer, 'POST', `/reviews/${item.reviewId}/return`, {})
    expect(noReason.statusCode).toBe(400)
    const ok = await call(reviewer, 'POST', `/reviews/${item.reviewId}/approve`, {
      comment: '同意发布',
    })
    expect(ok.statusCode).toBe(200)
    expect(ok.json().data.state).toBe('approved')
    expect(
      (await t.app.inject({ method: 'GET', url: `/gzdt/content_${id}.html` })).statusCode,
    ).toBe(200)

    const notes = await call(editor, 'GET', '/notifications?unread=true')
    expect(notes.json().data.some((n: { kind: string }) => n.kind === 'review.approved')).toBe(true)
    expect(
      (await call(editor, 'POST', '/notifications/read-all')).json().data.updated,
    ).toBeGreaterThan(0)
    expect((await call(editor, 'GET', '/notifications?unread=true')).json().unread).toBe(0)
  })

  it('checks a hand-written summary, and regenerates a generated one when the body changes', async () => {
    const created = await call(editor, 'POST', '/articles', {
      siteId: portal.id,
      columnIds: [news.id],
      title: '摘要检查',
      summary: '联系人王某，电话13812345678。',
      bodyHtml: '<p>正文没有问题。</p>',
    })
    const id = created.json().data.id as number
    const blocked = await call(editor, 'POST', `/articles/${id}/submit`)
    expect(blocked.statusCode).toBe(422)
    expect(blocked.json().error.details.findings).toContainEqual(
      expect.objectContaining({ rule: 'mobile', field: 'summary', excerpt: '13812345678' }),
    )
    // A generated summary follows the body: the number removed from the body leaves it too.
    const b = await call(editor, 'POST', '/articles', {
      siteId: portal.id,
      columnIds: [news.id],
      title: '自动摘要',
      bodyHtml: '<p>请联系13812345678。</p>',
    })
    const bid = b.json().data.id as number
    const generated = b.json().data.summary as string
    expect(generated).toContain('13812345678')
    const saved = await call(editor, 'PATCH', `/articles/${bid}`, {
      summary: generated,
      bodyHtml: '<p>请联系县政务服务中心。</p>',
    })
    expect(saved.json().data.summary).not.toContain('13812345678')
  })

  it('unpublishes three ways: notice with reason, redirect, removed', async () => {
    const page = (id: number) => t.app.inject({ method: 'GET', url: `/gzdt/content_${id}.html` })
    const [a, b, c] = [
      await makeArticle(t.core, portal, news, { title: '将撤回' }),
      await makeArticle(t.core, portal, news, { title: '将跳转' }),
      await makeArticle(t.core, portal, news, { title: '将删除' }),
    ]
    const r1 = await call(editor, 'POST', `/articles/${a.id}/unpublish`, {
      kind: 'withdrawn',
      reason: '数据有误，更正后重新发布',
    })
    expect(r1.json().data).toMatchObject({ status: 'unpublished', unpublishKind: 'withdrawn' })
    const p1 = await page(a.id)
    expect(p1.statusCode).toBe(410)
    expect(p1.body).toContain('数据有误，更正后重新发布')

    const bad = await call(editor, 'POST', `/articles/${b.id}/unpublish`, {
      kind: 'redirect',
      redirectUrl: 'javascript:x',
    })
    expect(bad.statusCode).toBe(400)
    await call(editor, 'POST', `/articles/${b.id}/unpublish`, {
      kind: 'redirect',
      redirectUrl: `/gzdt/content_${a.id}.html`,
    })
    const p2 = await page(b.id)
    expect(p2.statusCode).toBe(301)
    expect(p2.headers.location).toBe(`/gzdt/content_${a.id}.html`)

    await call(editor, 'POST', `/articles/${c.id}/unpublish`, {
      kind: 'removed',
      reason: '内部原因',
    })
    const p3 = await page(c.id)
    expect(p3.statusCode).toBe(410)
    expect(p3.body).not.toContain('内部原因')
    // Ids are never handed out again, so a removed item's URL never shows something else.
    const next = await makeArticle(t.core, portal, news)
    expect(next.id).toBeGreaterThan(c.id)
  })

  it('lists revisions and diffs over HTTP, and restores one', async () => {
    const a = await makeArticle(t.core, portal, news, { title: '修订甲' })
    await call(editor, 'PATCH', `/articles/${a.id}`, { title: '修订乙' })
    const revs = await call(editor, 'GET', `/articles/${a.id}/revisions`)
    expect(revs.json().data.map((r: { action: string }) => r.action)).toEqual(['working', 'create'])
    const first = revs.json().data[1].id as number
    const diff = await call(
      editor,
      'GET',
      `/articles/${a.id}/revisions/diff?from=${first}&to=working`,
    )
    expect(diff.json().data.fields).toEqual([
      { field: 'title', label: '标题', from: '修订甲', to: '修订乙' },
    ])
    const restored = await call(editor, 'POST', `/articles/${a.id}/revisions/${first}/restore`)
    expect(restored.json().data.workingCopy.title).toBe('修订甲')
    const reviews = await call(editor, 'GET', `/articles/${a.id}/reviews`)
    expect(reviews.statusCode).toBe(200)
    // Editors see the article's own audit trail (not the cluster audit log).
    const history = await call(editor, 'GET', `/articles/${a.id}/history`)
    expect(history.json().data.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['article.update_working', 'article.restore']),
    )
    expect((await call(editor, 'GET', '/audit')).statusCode).toBe(403)
  })
})
