import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import path from 'node:path'
import { PROJECT_ROOT } from '../../paths'
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
import { jobRepository } from '../jobs/job.repository'

const BIN = path.join(PROJECT_ROOT, 'bin', 'zhanqun.js')

let t: TestApp
let portal: Site
let news: Column
let editor: RequestContext

const page = (url: string) => t.app.inject({ method: 'GET', url })
const inAMinute = () => new Date(Date.now() + 60_000).toISOString()

/** Pretends the clock moved on: the article's pending jobs become due. */
async function makeDue(articleId: number): Promise<void> {
  await t.core.deps.db
    .updateTable('job')
    .set({ run_at: new Date(Date.now() - 1000).toISOString() })
    .where('ref', 'like', `article:${articleId}:%`)
    .where('done_at', 'is', null)
    .execute()
}

const auditCount = async (articleId: number, action: string) =>
  (
    await t.core.audit.list(systemCtx, {
      entity: 'article',
      entityId: String(articleId),
      pageSize: 100,
    })
  ).rows.filter((e) => e.action === action).length

beforeAll(async () => {
  t = await buildTestApp()
  portal = await makePortal(t.core)
  news = await makeColumn(t.core, portal, { name: '通知公告', slug: 'tzgg' })
  const u = await makeUser(t.core, [{ siteId: portal.id, role: 'editor' }])
  editor = await userCtx(t.core, u.id)
})
afterAll(async () => t.close())

describe('scheduled publishing', () => {
  it('publishes at the planned time, once', async () => {
    const a = await t.core.articles.create(editor, {
      siteId: portal.id,
      columnIds: [news.id],
      title: '定时发布的通知',
      bodyHtml: '<p>定于下周一举行。</p>',
    })
    const v = await t.core.articles.schedule(editor, a.id, { publishAt: inAMinute() })
    expect(v.status).toBe('scheduled')
    expect((await page(`/tzgg/content_${a.id}.html`)).statusCode).toBe(404)
    // Not due yet: nothing happens.
    expect(await t.core.jobs.runDue()).toBe(0)
    await makeDue(a.id)
    expect(await t.core.jobs.runDue()).toBe(1)
    expect(await t.core.jobs.runDue()).toBe(0)
    const after = await t.core.articles.get(editor, a.id)
    expect(after.status).toBe('published')
    expect(after.publishAt).toBeNull()
    // The publication date is when it really went live, never the earlier plan.
    expect(new Date(after.publishedAt as string).getTime()).toBeGreaterThan(Date.now() - 10_000)
    expect((await page(`/tzgg/content_${a.id}.html`)).statusCode).toBe(200)
    expect(await auditCount(a.id, 'article.scheduled_publish')).toBe(1)
  })

  it('takes an article down at its planned time with the notice', async () => {
    const a = await makeArticle(t.core, portal, news, { title: '将到期的公告' })
    await t.core.articles.schedule(editor, a.id, { unpublishAt: inAMinute() })
    await makeDue(a.id)
    await t.core.jobs.runDue()
    const after = await t.core.articles.get(editor, a.id)
    expect(after.status).toBe('unpublished')
    const res = await page(`/tzgg/content_${a.id}.html`)
    expect(res.statusCode).toBe(410)
    expect(res.body).toContain('该信息已到期下线')
  })

  it('rescheduling cancels the earlier job; cancelling returns a scheduled article to draft', async () => {
    const a = await t.core.articles.create(editor, {
      siteId: portal.id,
      columnIds: [news.id],
      title: '改期的通知',
      bodyHtml: '<p>改期。</p>',
    })
    await t.core.articles.schedule(editor, a.id, { publishAt: inAMinute() })
    await t.core.articles.schedule(editor, a.id, {
      publishAt: new Date(Date.now() + 3600_000).toISOString(),
    })
    const pending = await t.core.deps.db
      .selectFrom('job')
      .selectAll()
      .where('ref', '=', `article:${a.id}:publish`)
      .where('done_at', 'is', null)
      .execute()
    expect(pending).toHaveLength(1)
    const v = await t.core.articles.schedule(editor, a.id, { publishAt: null })
    expect(v.status).toBe('draft')
    expect(
      await jobRepository.pendingByRef(t.core.deps.db, `article:${a.id}:publish`),
    ).toBeUndefined()
  })

  it('refuses times in the past and a take-down before the publication', async () => {
    const a = await t.core.articles.create(editor, {
      siteId: portal.id,
      columnIds: [news.id],
      title: '时间有误',
      bodyHtml: '<p>。</p>',
    })
    await expect(
      t.core.articles.schedule(editor, a.id, { publishAt: '2020-01-01T00:00:00Z' }),
    ).rejects.toMatchObject({ status: 400 })
    await expect(
      t.core.articles.schedule(editor, a.id, {
        publishAt: new Date(Date.now() + 7200_000).toISOString(),
        unpublishAt: inAMinute(),
      }),
    ).rejects.toMatchObject({ status: 400 })
  })

  it('under a workflow, a planned time waits for approval and is then scheduled', async () => {
    const col = await makeColumn(t.core, portal, { name: '政策解读', slug: 'zcjd' })
    const reviewerUser = await makeUser(t.core, [{ siteId: portal.id, role: 'reviewer' }])
    const reviewer = await userCtx(t.core, reviewerUser.id)
    await t.core.workflows.put(systemCtx, portal.id, col.id, [
      { name: '审核', role: 'reviewer', userIds: [] },
    ])
    const a = await t.core.articles.create(editor, {
      siteId: portal.id,
      columnIds: [col.id],
      title: '待审核的定时信息',
      bodyHtml: '<p>解读。</p>',
    })
    const v = await t.core.articles.schedule(editor, a.id, { publishAt: inAMinute() })
    expect(v.status).toBe('draft')
    expect(v.publishAt).not.toBeNull()
    await t.core.reviews.submit(editor, a.id)
    const reviewId = (await t.core.articles.view(editor, a.id)).review?.id as number
    await t.core.reviews.approve(reviewer, reviewId)
    expect((await t.core.articles.get(editor, a.id)).status).toBe('scheduled')
    await makeDue(a.id)
    await t.core.jobs.runDue()
    expect((await t.core.articles.get(editor, a.id)).status).toBe('published')
  })

  it('retries a failing job and tells the people concerned when it fails for good', async () => {
    const a = await t.core.articles.create(editor, {
      siteId: portal.id,
      columnIds: [news.id],
      title: '将失败的定时任务',
      bodyHtml: '<p>。</p>',
    })
    t.core.jobs.register('test.fail', async () => {
      throw new Error('磁盘已满')
    })
    const id = await jobRepository.insert(t.core.deps.db, {
      kind: 'test.fail',
      runAt: new Date(Date.now() - 1000).toISOString(),
      payload: { articleId: a.id },
    })
    for (let i = 0; i < 3; i++) {
      await t.core.deps.db
        .updateTable('job')
        .set({ run_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', id)
        .where('done_at', 'is', null)
        .execute()
      await t.core.jobs.runDue()
    }
    const job = await t.core.deps.db
      .selectFrom('job')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(job.attempts).toBe(3)
    expect(job.done_at).not.toBeNull()
    expect(job.error).toContain('磁盘已满')
  })

  it('notifies the author when a scheduled publication fails for good', async () => {
    const a = await t.core.articles.create(editor, {
      siteId: portal.id,
      columnIds: [news.id],
      title: '发布会失败的信息',
      bodyHtml: '<p>。</p>',
    })
    await t.core.articles.schedule(editor, a.id, { publishAt: inAMinute() })
    const original = t.core.jobs.handlerFor('article.publish')
    t.core.jobs.register('article.publish', async () => {
      throw new Error('数据库只读')
    })
    try {
      for (let i = 0; i < 3; i++) {
        await makeDue(a.id)
        await t.core.jobs.runDue()
      }
    } finally {
      if (original) t.core.jobs.register('article.publish', original)
    }
    const notes = await t.core.notifications.list(editor, {})
    const failed = notes.rows.find((n) => n.kind === 'job.failed' && n.entity_id === a.id)
    expect(failed?.title).toContain('定时发布失败')
    expect(failed?.body).toContain('数据库只读')
    expect((await t.core.articles.get(editor, a.id)).status).toBe('scheduled')
  })
})

describe('several instances', () => {
  it('fires each due job once when two instances race, late jobs included', async () => {
    const ids: number[] = []
    for (let i = 0; i < 60; i++) {
      const a = await t.core.articles.create(editor, {
        siteId: portal.id,
        columnIds: [news.id],
        title: `竞争发布${i}`,
        bodyHtml: '<p>。</p>',
      })
      await t.core.articles.schedule(editor, a.id, { publishAt: inAMinute() })
      await makeDue(a.id)
      ids.push(a.id)
    }
    // Everything came due while no instance was running; two start at the same moment.
    const env = {
      ...process.env,
      DATA_DIR: t.dataDir,
      DATABASE_URL: t.config.databaseUrl ?? '',
      LOG_LEVEL: 'silent',
    }
    const run = () =>
      new Promise<string>((resolve, reject) => {
        execFile('node', [BIN, 'jobs', 'run'], { env, timeout: 60_000 }, (err, stdout, stderr) =>
          err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
        )
      })
    const outputs = await Promise.all([run(), run()])
    const counts = outputs.map((o) => Number(/(\d+)/.exec(o)?.[1] ?? -1))
    // No attempt failed (e.g. a lock conflict between the two processes), none is left over.
    const jobs = await t.core.deps.db
      .selectFrom('job')
      .select(['error', 'attempts', 'done_at'])
      .where('kind', '=', 'article.publish')
      .where(
        'ref',
        'in',
        ids.map((id) => `article:${id}:publish`),
      )
      .where('done_at', 'is not', null)
      .where((eb) => eb.or([eb('error', 'is', null), eb('error', '!=', 'cancelled')]))
      .execute()
    expect(jobs.filter((j) => j.error !== null)).toEqual([])
    expect(jobs).toHaveLength(60)
    expect(counts.reduce((x, y) => x + y, 0)).toBe(60)
    for (const id of ids) {
      expect((await t.core.articles.get(editor, id)).status).toBe('published')
      expect(await auditCount(id, 'article.scheduled_publish')).toBe(1)
    }
  })

  it('a worker that lost its claim rolls its effect back', async () => {
    const a = await t.core.articles.create(editor, {
      siteId: portal.id,
      columnIds: [news.id],
      title: '租约过期',
      bodyHtml: '<p>。</p>',
    })
    t.core.jobs.register('test.slow', async (trx, payload, job) => {
      await trx
        .updateTable('article')
        .set({ keywords: 'changed' })
        .where('id', '=', Number(payload.articleId))
        .execute()
      // Meanwhile the lease ran out and another instance claimed the job.
      await trx
        .updateTable('job')
        .set({ locked_by: 'another-instance' })
        .where('id', '=', job.id)
        .execute()
    })
    const id = await jobRepository.insert(t.core.deps.db, {
      kind: 'test.slow',
      runAt: new Date(Date.now() - 1000).toISOString(),
      payload: { articleId: a.id },
    })
    expect(await t.core.jobs.runDue(1)).toBe(0)
    const job = await t.core.deps.db
      .selectFrom('job')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(job.done_at).toBeNull()
    expect((await t.core.articles.get(editor, a.id)).keywords).toBe('')
  })
})
