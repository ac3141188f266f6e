import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { makeChannel, makeColumn, makePortal, systemCtx } from '../../test/factories'
import { mailboxRepository } from '../letters/mailbox.repository'
import { insertLetter } from '../letters/letter-stats.test-helpers'
import { seedDemoQuestions } from './demo-questions'

let t: TestApp
let count = 0
let ids: Map<string, number>

beforeAll(async () => {
  t = await buildTestApp()
  const portal = await makePortal(t.core)
  await makeColumn(t.core, portal, { name: '互动交流', slug: 'hdjl' })
  ids = new Map([['sxx', portal.id]])
  for (const unit of ['rsj', 'ybj', 'gjj']) {
    ids.set(`bm-${unit}`, (await makeChannel(t.core, portal, { code: `bm-${unit}` })).id)
  }
  const mailboxId = await mailboxRepository.insert(t.core.deps.db, {
    siteId: portal.id,
    code: 'demo-q-box',
    name: '县长信箱',
  })
  await insertLetter(t.core.deps.db, {
    mailboxId,
    siteId: portal.id,
    receivedAt: new Date().toISOString(),
    state: 'closed',
    unit_site_id: ids.get('bm-ybj') ?? null,
    subject: '新生儿医保参保需要哪些材料',
    body: '孩子上个月出生，想办理医保。',
    reply: '您好！请携带户口簿到便民服务中心办理。',
  })
  count = await seedDemoQuestions(t.core, ids)
})
afterAll(async () => t.close())

describe(`demo 热点解答 (${TEST_DIALECT})`, () => {
  it('publishes entries of the units it knows, one made from a closed letter', async () => {
    const listed = await t.core.questions.list(systemCtx, { pageSize: 100 })
    expect(listed.total).toBe(count)
    expect(count).toBeGreaterThan(8)
    expect(listed.data.every((q) => q.status === 'published')).toBe(true)
    expect(listed.data.filter((q) => q.letterId !== null)).toHaveLength(1)
    expect(listed.data.some((q) => q.isHot)).toBe(true)
  })

  it('puts a 热点解答 column under the portal’s 互动交流 and on the answering channels', async () => {
    const res = await t.app.inject({ url: '/hdjl/rdjd/' })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('住房公积金贷款最高可以贷多少？')
    const rsj = await t.core.columns.listBySite(systemCtx, ids.get('bm-rsj') ?? 0)
    expect(rsj.some((c) => c.type === 'faq')).toBe(true)
  })
})
