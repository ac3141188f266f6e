import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../test/build-test-app'
import { makeArticle, makeChannel, makeColumn, makePortal, systemCtx } from '../test/factories'
import { questionsForService } from '../modules/questions'
import type { Site } from '../modules/sites/site.repository'
import { withoutSuggestScript } from '../test/suggest-script'

const HOST = 'www.questions-pages.gov.cn'
let t: TestApp
let portal: Site
let unitA: Site
let unitB: Site
let hot: number
let other: number
let draft: number
let policyId: number

const get = (url: string) => t.app.inject({ url, headers: { host: HOST } })
const put = (
  id: number,
  over: Partial<Parameters<TestApp['core']['questions']['create']>[1]> & { unitSiteId: number },
) =>
  t.core.questions.update(systemCtx, id, {
    question: '如何办理城乡居民医保参保登记？',
    answer: '携带户口簿到村（社区）办理。',
    status: 'published',
    ...over,
  })

beforeAll(async () => {
  t = await buildTestApp()
  portal = await makePortal(t.core, { hosts: [HOST] })
  unitA = await makeChannel(t.core, portal, { name: '测试县医疗保障局' })
  unitB = await makeChannel(t.core, portal, { name: '测试县住房公积金中心' })
  const hdjl = await makeColumn(t.core, portal, { name: '互动交流', slug: 'hdjl' })
  await makeColumn(t.core, portal, {
    name: '热点解答',
    slug: 'rdjd',
    type: 'faq',
    parentId: hdjl.id,
  })
  await makeColumn(t.core, unitA, { name: '热点解答', slug: 'rdjd', type: 'faq' })
  const zcwj = await makeColumn(t.core, portal, { name: '政策文件', slug: 'zcwj' })
  policyId = (await makeArticle(t.core, portal, zcwj, { title: '示例县城乡居民医保实施办法' })).id
  const now = new Date().toISOString()
  await t.core.deps.db
    .insertInto('service_item')
    .values({
      code: 'YB-001',
      name: '城乡居民医保参保登记',
      unit_site_id: unitA.id,
      kind: 'public_service',
      audience: 'person',
      created_at: now,
      updated_at: now,
    })
    .execute()
  const create = t.core.questions.create.bind(t.core.questions)
  hot = (
    await create(systemCtx, {
      unitSiteId: unitA.id,
      question: '如何办理城乡居民医保参保登记？',
      detail: '新生儿和外地户籍人员想参保。',
      answer: '携带户口簿到村（社区）办理。\n新生儿出生后 90 天内参保的，自出生之日起享受待遇。',
      status: 'published',
      isHot: true,
      topics: ['医疗保障', '参保'],
      serviceCodes: ['YB-001'],
      policyIds: [policyId],
    })
  ).id
  other = (
    await create(systemCtx, {
      unitSiteId: unitB.id,
      question: '住房公积金贷款最高额度是多少？',
      answer: '双职工缴存家庭最高 60 万元。',
      status: 'published',
      topics: ['住房公积金'],
    })
  ).id
  draft = (
    await create(systemCtx, {
      unitSiteId: unitA.id,
      question: '草稿问题不公开',
      answer: '草稿',
      topics: ['医疗保障'],
    })
  ).id
})
afterAll(async () => t.close())

describe(`热点解答 pages (${TEST_DIALECT})`, () => {
  it('shows every unit’s published entries on the portal, hot first, with topics and search', async () => {
    const res = await get('/hdjl/rdjd/')
    expect(res.statusCode).toBe(200)
    const html = res.body
    expect(html).toContain('<h1 class="page-title">热点解答</h1>')
    expect(html.indexOf(`question_${hot}.html`)).toBeLessThan(
      html.indexOf(`question_${other}.html`),
    )
    expect(html).toContain('<span class="faq__hot">热点</span>')
    expect(html).not.toContain(`question_${draft}.html`)
    expect(html).toContain(`href="/hdjl/rdjd/topic/${encodeURIComponent('医疗保障')}/"`)
    expect(html).toContain('action="/hdjl/rdjd/search.html"')
    expect(withoutSuggestScript(html)).not.toContain('<script')
    expect(t.cache.get(`${HOST}/hdjl/rdjd/`)).toBeDefined()
  })

  it('shows a channel only its own unit’s entries, and 404s the others there', async () => {
    const res = await get(`${unitA.basePath}rdjd/`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain(`question_${hot}.html`)
    expect(res.body).not.toContain(`question_${other}.html`)
    expect((await get(`${unitA.basePath}rdjd/question_${other}.html`)).statusCode).toBe(404)
    expect((await get(`/hdjl/rdjd/question_${draft}.html`)).statusCode).toBe(404)
    expect((await get('/hdjl/rdjd/question_99999999.html')).statusCode).toBe(404)
  })

  it('lists by topic and 404s unknown topics', async () => {
    const res = await get(`/hdjl/rdjd/topic/${encodeURIComponent('住房公积金')}/`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('主题：住房公积金')
    expect(res.body).toContain(`question_${other}.html`)
    expect(res.body).not.toContain(`question_${hot}.html`)
    expect((await get(`/hdjl/rdjd/topic/${encodeURIComponent('没有这个')}/`)).statusCode).toBe(404)
  })

  it('searches questions and answers without caching the results', async () => {
    const res = await get(`/hdjl/rdjd/search.html?q=${encodeURIComponent('60 万')}`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('共找到 <strong>1</strong> 条')
    expect(res.body).toContain(`question_${other}.html`)
    expect(t.cache.get(`${HOST}/hdjl/rdjd/search.html`)).toBeUndefined()
    const empty = await get('/hdjl/rdjd/search.html?q=<b>x</b>')
    expect(empty.body).toContain('没有找到相关问答')
    expect(empty.body).not.toContain('<b>x</b>')
  })

  it('shows an entry with its answer paragraphs, services and policies', async () => {
    const res = await get(`/hdjl/rdjd/question_${hot}.html`)
    expect(res.statusCode).toBe(200)
    const html = res.body
    expect(html).toContain('如何办理城乡居民医保参保登记？')
    expect(html).toContain('<p>携带户口簿到村（社区）办理。</p>')
    expect(html).toContain('<p>新生儿出生后 90 天内参保的，自出生之日起享受待遇。</p>')
    expect(html).toContain('新生儿和外地户籍人员想参保。')
    expect(html).toContain(`/zcwj/content_${policyId}.html">示例县城乡居民医保实施办法</a>`)
    expect(html).toContain('城乡居民医保参保登记（事项编码 YB-001）')
    expect(html).toContain(`责任单位：${unitA.name}`)
  })

  it('drops cached pages when an entry changes', async () => {
    await get('/hdjl/rdjd/')
    await get(`/hdjl/rdjd/question_${hot}.html`)
    expect(t.cache.get(`${HOST}/hdjl/rdjd/question_${hot}.html`)).toBeDefined()
    await put(hot, { unitSiteId: unitA.id, question: '城乡居民医保怎么参保？', isHot: true })
    expect(t.cache.get(`${HOST}/hdjl/rdjd/question_${hot}.html`)).toBeUndefined()
    expect(t.cache.get(`${HOST}/hdjl/rdjd/`)).toBeUndefined()
    expect((await get('/hdjl/rdjd/')).body).toContain('城乡居民医保怎么参保？')
  })

  it('answers the public API and lists 相关问答 for a service code', async () => {
    const list = await t.app.inject({
      url: `/api/v1/questions?site=${unitA.code}`,
      headers: { host: HOST },
    })
    expect(list.statusCode).toBe(200)
    expect(list.json().data.map((q: { id: number }) => q.id)).toEqual([hot])
    expect(list.json().data[0]).toMatchObject({
      unitSiteCode: unitA.code,
      topics: ['医疗保障', '参保'],
      isHot: true,
      url: `/hdjl/rdjd/question_${hot}.html`,
    })
    const all = await t.app.inject({
      url: `/api/v1/questions?topic=${encodeURIComponent('住房公积金')}`,
    })
    expect(all.json().total).toBe(1)
    const one = await t.app.inject({ url: `/api/v1/questions/${hot}`, headers: { host: HOST } })
    expect(one.json().data).toMatchObject({
      answer: '携带户口簿到村（社区）办理。',
      services: [{ code: 'YB-001' }],
      policies: [{ id: policyId, title: '示例县城乡居民医保实施办法' }],
    })
    expect((await t.app.inject({ url: `/api/v1/questions/${draft}` })).statusCode).toBe(404)
    expect((await t.app.inject({ url: '/api/v1/questions?site=nope' })).statusCode).toBe(404)
    expect((await t.app.inject({ url: '/api/v1/questions?page=0' })).statusCode).toBe(400)
    expect(await questionsForService(t.core.deps.db, 'YB-001')).toEqual([
      { id: hot, question: '城乡居民医保怎么参保？', url: `/hdjl/rdjd/question_${hot}.html` },
    ])
    expect(await questionsForService(t.core.deps.db, 'NONE')).toEqual([])
    // The service item lists its 相关问答.
    const item = await t.app.inject({ url: '/api/v1/services/YB-001' })
    expect(item.json().data.relatedQuestions).toEqual([
      { question: '城乡居民医保怎么参保？', url: `/hdjl/rdjd/question_${hot}.html` },
    ])
    const docs = (await t.app.inject({ url: '/api/docs/json' })).json()
    expect(Object.keys(docs.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/questions',
        '/api/v1/questions/{id}',
        '/api/admin/questions/from-letter/{letterId}',
      ]),
    )
  })
})
