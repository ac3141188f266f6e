import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import {
  makeArticle,
  makeChannel,
  makeColumn,
  makePortal,
  makeUser,
  systemCtx,
  userCtx,
} from '../../test/factories'
import type { Column } from '../columns/column.repository'
import { makeDataset } from '../datasets/dataset.test-helpers'
import { mailboxRepository } from '../letters/mailbox.repository'
import { completeInput } from '../services/service.test-helpers'
import type { Site } from '../sites/site.repository'
import type { RequestContext } from '../users/actor'
import type { SearchInput } from './search.service'
import { normaliseText, parseQuery } from './tokenizer'

/**
 * Behaviour of the cluster search on small synthetic fixtures: ranking tiers, filters,
 * pagination, visibility (drafts, unpublishing, hidden columns, closed sites), freshness with
 * the server's own indexer, letters by their redacted copy only, every source type, and bad
 * input. Each test uses words of its own so the fixtures never disturb one another.
 */

let t: TestApp
let portal: Site
let unit: Site
let news: Column
let notices: Column
let unitNews: Column
let desk: RequestContext
let handler: RequestContext

const search = (input: SearchInput) => t.core.search.search(input)
const refresh = () => t.core.search.refresh()

/** Article ids of every hit (all pages) of an article search. */
async function articleIds(q: string, extra: Partial<SearchInput> = {}): Promise<number[]> {
  const out: number[] = []
  for (let page = 1; page < 100; page++) {
    const r = await search({ q, types: ['article'], pageSize: 50, page, ...extra })
    out.push(...r.hits.map((h) => h.refId))
    if (out.length >= r.total || r.hits.length === 0) break
  }
  return out
}

const at = (day: string, time = '10:00:00') => new Date(`${day}T${time}+08:00`).toISOString()

async function article(
  title: string,
  body: string,
  day: string,
  extra: Partial<Parameters<typeof makeArticle>[3]> & { site?: Site; column?: Column } = {},
) {
  const { site = portal, column = news, ...rest } = extra
  const a = await makeArticle(t.core, site, column, {
    title,
    bodyHtml: `<p>${body}</p>`,
    publishedAt: at(day),
    ...rest,
  })
  return a.id
}

beforeAll(async () => {
  t = await buildTestApp({ captcha: 'off' })
  portal = await makePortal(t.core)
  unit = await makeChannel(t.core, portal)
  news = await makeColumn(t.core, portal, { name: '新闻', slug: 'xw' })
  notices = await makeColumn(t.core, portal, { name: '通知公告', slug: 'tzgg' })
  unitNews = await makeColumn(t.core, unit, { name: '部门动态', slug: 'bmdt' })
  await makeColumn(t.core, portal, { name: '领导信箱', slug: 'ldxx', type: 'letters' })
  await makeColumn(t.core, portal, { name: '热点解答', slug: 'rdjd', type: 'faq' })
  await makeColumn(t.core, portal, { name: '办事服务', slug: 'bsfw', type: 'services' })
  await makeColumn(t.core, portal, { name: '便民查询', slug: 'bmcx', type: 'dataset' })
  await mailboxRepository.insert(t.core.deps.db, {
    siteId: portal.id,
    code: 'xzxx',
    name: '县长信箱',
  })
  desk = await userCtx(t.core, (await makeUser(t.core, [{ siteId: portal.id, role: 'admin' }])).id)
  handler = await userCtx(
    t.core,
    (await makeUser(t.core, [{ siteId: unit.id, role: 'editor' }])).id,
  )
}, 60_000)
afterAll(async () => t?.close())

describe(`search ranking (${TEST_DIALECT})`, () => {
  it('ranks title matches above body matches, whatever their dates', async () => {
    const inBody = await article('年度工作安排', '今年推进蓝鲸计划的实施。', '2024-05-01')
    const inTitle = await article('蓝鲸计划实施方案', '详见附件。', '2019-01-01')
    await refresh()
    expect(await articleIds('蓝鲸计划')).toEqual([inTitle, inBody])
    // One character: the same tiers.
    expect(await articleIds('鲸')).toEqual([inTitle, inBody])
  })

  it('puts documents holding the whole query as typed first among several terms', async () => {
    // Dates run against the expected order, so recency cannot explain it.
    const apart = await article('通知', '绿洲建设，以及配套工程的验收。', '2024-06-01')
    const phraseInBody = await article('通知二', '关于绿洲工程的验收。', '2023-06-01')
    const termsInTitle = await article('绿洲片区的排水工程', '验收。', '2022-06-01')
    const phraseInTitle = await article('绿洲工程验收公告', '验收。', '2021-06-01')
    await refresh()
    expect(await articleIds('绿洲 工程')).toEqual([
      phraseInTitle,
      termsInTitle,
      phraseInBody,
      apart,
    ])
  })

  it('breaks ties by recency, and sorts newest first by date when asked', async () => {
    const old = await article('松鼠桥维修', '松鼠桥维修。', '2020-02-02')
    const recent = await article('松鼠桥维修', '松鼠桥维修。', '2023-02-02')
    const middle = await article('其他', '提到松鼠桥。', '2022-02-02')
    await refresh()
    expect(await articleIds('松鼠桥')).toEqual([recent, old, middle])
    expect(await articleIds('松鼠桥', { sort: 'date' })).toEqual([recent, middle, old])
    const r = await search({ q: '松鼠桥', sort: 'date' })
    const dates = r.hits.map((h) => h.publishedAt)
    expect([...dates].sort().reverse()).toEqual(dates)
  })

  it('ANDs space-separated terms', async () => {
    const both = await article('苍鹭与白鹤', '湿地观鸟。', '2024-01-01')
    await article('苍鹭', '湿地观鸟。', '2024-01-02')
    await article('白鹤', '湿地观鸟。', '2024-01-03')
    await refresh()
    expect(await articleIds('苍鹭 白鹤')).toEqual([both])
    expect(await articleIds('苍鹭　白鹤')).toEqual([both])
    expect((await search({ q: '苍鹭 白鹤 不存在的词' })).total).toBe(0)
    expect((await search({ q: '苍鹭 白鹤' })).terms).toEqual(['苍鹭', '白鹤'])
  })
})

describe(`search filters and pages (${TEST_DIALECT})`, () => {
  it('filters by site, column, type and Beijing days', async () => {
    const onPortal = await article('赤霞水库', '通知。', '2021-03-05', { column: notices })
    const onUnit = await article('赤霞水库', '动态。', '2022-07-01', {
      site: unit,
      column: unitNews,
    })
    // 23:30 Beijing time on 5 March is 15:30 UTC: still 5 March.
    const late = await makeArticle(t.core, portal, news, {
      title: '赤霞水库夜间',
      bodyHtml: '<p>夜。</p>',
      publishedAt: new Date('2021-03-05T23:30:00+08:00').toISOString(),
    })
    await refresh()
    const all = await articleIds('赤霞')
    expect(all.sort()).toEqual([onPortal, onUnit, late.id].sort())
    expect(await articleIds('赤霞', { siteIds: [unit.id] })).toEqual([onUnit])
    expect((await articleIds('赤霞', { siteIds: [portal.id] })).sort()).toEqual(
      [onPortal, late.id].sort(),
    )
    expect((await articleIds('赤霞', { siteIds: [portal.id, unit.id] })).length).toBe(3)
    expect((await search({ q: '赤霞', siteIds: [] })).total).toBe(0)
    expect(await articleIds('赤霞', { columnIds: [notices.id] })).toEqual([onPortal])
    expect((await articleIds('赤霞', { columnIds: [notices.id, unitNews.id] })).sort()).toEqual(
      [onPortal, onUnit].sort(),
    )
    expect((await search({ q: '赤霞', types: ['service'] })).total).toBe(0)
    expect(await articleIds('赤霞', { from: '2022-01-01' })).toEqual([onUnit])
    expect((await articleIds('赤霞', { to: '2021-12-31' })).sort()).toEqual(
      [onPortal, late.id].sort(),
    )
    expect((await articleIds('赤霞', { from: '2021-03-05', to: '2021-03-05' })).sort()).toEqual(
      [onPortal, late.id].sort(),
    )
    expect(await articleIds('赤霞', { from: '2021-03-06', to: '2022-06-30' })).toEqual([])
  })

  it('pages through every hit with a stable total', async () => {
    const ids: number[] = []
    for (let i = 0; i < 23; i++) ids.push(await article(`紫荆花第${i}期`, '内容。', '2024-03-01'))
    await refresh()
    const seen: number[] = []
    for (const [page, n] of [
      [1, 10],
      [2, 10],
      [3, 3],
      [4, 0],
    ] as const) {
      const r = await search({ q: '紫荆花', page, pageSize: 10 })
      expect(r.total).toBe(23)
      expect(r.page).toBe(page)
      expect(r.hits).toHaveLength(n)
      seen.push(...r.hits.map((h) => h.refId))
    }
    expect(seen.sort()).toEqual([...ids].sort())
    const big = await search({ q: '紫荆花', pageSize: 1000 })
    expect(big.pageSize).toBe(50)
    expect(big.hits).toHaveLength(23)
    const odd = await search({ q: '紫荆花', page: 0, pageSize: 0 })
    expect(odd.page).toBe(1)
    expect(odd.hits).toHaveLength(1)
  })
})

describe(`search visibility (${TEST_DIALECT})`, () => {
  it('never indexes drafts, and indexes them once published', async () => {
    const draft = await article('白桦林草稿', '草稿。', '2024-01-01', { publish: false })
    await refresh()
    expect(await articleIds('白桦林')).toEqual([])
    await t.core.articles.publish(systemCtx, draft)
    await refresh()
    expect(await articleIds('白桦林')).toEqual([draft])
  })

  it('removes unpublished articles, and follows an edited title', async () => {
    const id = await article('旧标题云杉', '云杉林保护。', '2024-01-01')
    await refresh()
    expect(await articleIds('旧标题')).toEqual([id])
    await t.core.articles.update(systemCtx, id, { title: '新标题冷杉' })
    await refresh()
    expect(await articleIds('旧标题')).toEqual([])
    expect(await articleIds('新标题冷杉')).toEqual([id])
    expect((await search({ q: '冷杉' })).hits[0]?.title).toBe('新标题冷杉')
    await t.core.articles.unpublish(systemCtx, id)
    await refresh()
    expect(await articleIds('冷杉')).toEqual([])
    expect(await articleIds('云杉林')).toEqual([])
  })

  it('hides the articles of a hidden column, and shows them again', async () => {
    const column = await makeColumn(t.core, portal, { name: '专题', slug: 'zt' })
    const id = await article('银杏大道改造', '改造。', '2024-01-01', { column })
    await refresh()
    expect(await articleIds('银杏大道')).toEqual([id])
    await t.core.columns.update(systemCtx, column.id, { visible: false })
    await refresh()
    expect(await articleIds('银杏大道')).toEqual([])
    await t.core.columns.update(systemCtx, column.id, { visible: true })
    await refresh()
    expect(await articleIds('银杏大道')).toEqual([id])
    const hidden = await makeColumn(t.core, portal, { name: '隐藏', slug: 'yc', visible: false })
    await article('梧桐隐藏', '隐藏。', '2024-01-01', { column: hidden })
    await refresh()
    expect(await articleIds('梧桐隐藏')).toEqual([])
  })

  it('drops a closed site’s documents, and brings them back when it reopens', async () => {
    const other = await makeChannel(t.core, portal)
    const column = await makeColumn(t.core, other, { name: '动态', slug: 'dt' })
    const id = await article('海棠社区通知', '通知。', '2024-01-01', { site: other, column })
    await refresh()
    expect(await articleIds('海棠社区')).toEqual([id])
    await t.core.sites.setStatus(systemCtx, other.id, { status: 'closed', notice: '网站关停' })
    await refresh()
    expect(await articleIds('海棠社区')).toEqual([])
    await t.core.sites.setStatus(systemCtx, other.id, { status: 'open' })
    await refresh()
    expect(await articleIds('海棠社区')).toEqual([id])
  })
})

describe(`search freshness with the server's own indexer (${TEST_DIALECT})`, () => {
  /** Milliseconds until the search agrees, polling for up to 1.5 s (no refresh() call). */
  async function until(check: () => Promise<boolean>): Promise<number> {
    const started = Date.now()
    while (Date.now() - started < 1500) {
      if (await check()) return Date.now() - started
      await new Promise((r) => setTimeout(r, 25))
    }
    return Infinity
  }

  it('shows a published article within a second, and drops it within a second', async () => {
    const a = await makeArticle(t.core, portal, news, {
      title: '鸢尾花展即将开幕',
      bodyHtml: '<p>展览。</p>',
    })
    const shown = await until(async () => (await articleIds('鸢尾花展')).includes(a.id))
    expect(shown).toBeLessThan(1000)
    await t.core.articles.unpublish(systemCtx, a.id)
    const gone = await until(async () => (await articleIds('鸢尾花展')).length === 0)
    expect(gone).toBeLessThan(1000)
  })
})

describe(`letters, questions, services and datasets (${TEST_DIALECT})`, () => {
  it('finds a published letter by its redacted copy only, never by its writer or original text', async () => {
    const act = (ctx: RequestContext, id: number, action: string, body = {}) =>
      t.core.letters.act(ctx, id, action as never, body)
    const { letterId } = await t.core.letterIntake.submit({
      mailbox: 'xzxx',
      type: 'complaint',
      subject: '萤火巷路灯长期不亮',
      body: '我叫钱多多，住萤火巷18号2栋301室，电话13987654321，路灯坏了半年。',
      name: '钱多多',
      mobile: '13987654321',
      email: 'qdd@example.com',
      public: true,
    })
    const hidden = await t.core.letterIntake.submit({
      mailbox: 'xzxx',
      type: 'complaint',
      subject: '雾凇岭私密来信',
      body: '我叫孙小美，电话13811112222。',
      name: '孙小美',
      mobile: '13811112222',
      public: false,
    })
    await refresh()
    expect((await search({ q: '萤火巷' })).total).toBe(0)
    await act(desk, letterId, 'accept', { unitSiteId: unit.id })
    await act(handler, letterId, 'sign')
    await act(handler, letterId, 'submit_reply', { reply: '钱多多您好，萤火巷路灯已修复。' })
    await act(desk, letterId, 'approve_reply')
    const s = (await t.core.letterRead.detail(desk, letterId)).suggestedPublication
    await act(desk, letterId, 'publish', { ...s })
    await refresh()
    const found = await search({ q: '萤火巷路灯', types: ['letter'] })
    expect(found.hits.map((h) => h.refId)).toEqual([letterId])
    expect(found.hits[0]?.type).toBe('letter')
    for (const q of ['钱多多', '13987654321', '987654', 'qdd@example.com', '18号2栋', '301室']) {
      expect((await search({ q })).total, q).toBe(0)
    }
    for (const q of ['雾凇岭', '孙小美', '13811112222']) {
      expect((await search({ q })).total, q).toBe(0)
    }
    // The index itself holds no personal data of either letter.
    const rows = await t.core.deps.db
      .selectFrom('search_doc')
      .select(['ref_id', 'title', 'body', 'title_norm', 'body_norm'])
      .where('type', '=', 'letter')
      .execute()
    expect(rows.map((r) => r.ref_id)).toEqual([letterId])
    expect(rows.map((r) => r.ref_id)).not.toContain(hidden.letterId)
    const text = JSON.stringify(rows)
    for (const secret of ['钱多多', '13987654321', '孙小美', '13811112222', 'qdd@'])
      expect(text).not.toContain(secret)
    await act(desk, letterId, 'unpublish', { reason: '来信人要求撤回' })
    await refresh()
    expect((await search({ q: '萤火巷路灯' })).total).toBe(0)
  })

  it('finds a published hot question, never a draft one', async () => {
    const q = await t.core.questions.create(systemCtx, {
      unitSiteId: unit.id,
      question: '如何办理萱草卡补办？',
      answer: '携带身份证到政务服务中心办理。',
      status: 'published',
      isHot: true,
    })
    await t.core.questions.create(systemCtx, {
      unitSiteId: unit.id,
      question: '萱草卡草稿问题',
      answer: '草稿。',
      status: 'draft',
    })
    await refresh()
    const r = await search({ q: '萱草卡' })
    expect(r.hits.map((h) => [h.type, h.refId])).toEqual([['question', q.id]])
    expect((await search({ q: '萱草卡', types: ['question'] })).total).toBe(1)
    expect((await search({ q: '萱草卡', types: ['article'] })).total).toBe(0)
    await t.core.questions.update(systemCtx, q.id, {
      unitSiteId: unit.id,
      question: '如何办理萱草卡补办？',
      answer: '携带身份证到政务服务中心办理。',
      status: 'draft',
    })
    await refresh()
    expect((await search({ q: '萱草卡' })).total).toBe(0)
  })

  it('finds an enabled service item by its name and guide text', async () => {
    const item = await t.core.services.create(
      systemCtx,
      completeInput(unit.id, {
        name: '芍药园林木采伐许可',
        conditions: '持有芍药园林权证明。',
      }),
    )
    await refresh()
    const r = await search({ q: '芍药园', types: ['service'] })
    expect(r.hits.map((h) => h.refId)).toEqual([item.id])
    expect(r.hits[0]?.type).toBe('service')
    expect((await search({ q: '林权证明', types: ['service'] })).total).toBe(1)
    await t.core.services.update(systemCtx, item.id, {
      ...completeInput(unit.id, {
        name: '芍药园林木采伐许可',
        conditions: '持有芍药园林权证明。',
        code: item.code,
      }),
      enabled: false,
    })
    await refresh()
    expect((await search({ q: '芍药园' })).total).toBe(0)
  })

  it('finds a public dataset, never a private one', async () => {
    const pub = await makeDataset(t.core, portal.id, {
      name: '玉兰街道医疗机构名录',
      isPublic: true,
    })
    await makeDataset(t.core, portal.id, { name: '玉兰内部名录', isPublic: false })
    await refresh()
    const r = await search({ q: '玉兰' })
    expect(r.hits.map((h) => [h.type, h.refId])).toEqual([['dataset', pub.id]])
  })
})

describe(`more sources of change (${TEST_DIALECT})`, () => {
  it('finds an article by its document number even where the body does not repeat it', async () => {
    const id = await article('关于做好防汛工作的通知', '各乡镇：请做好防汛准备。', '2020-06-01', {
      disclosure: { docNo: '冀政办字〔2020〕12号' },
    })
    await refresh()
    expect(await articleIds('冀政办字〔2020〕12号')).toContain(id)
    expect(await articleIds('冀政办字〔２０２０〕１２号')).toContain(id)
    expect(await articleIds('〔2020〕12号 防汛')).toEqual([id])
  })

  it('drops a deleted article, and follows a new publication date', async () => {
    const id = await article('杜鹃花节', '花节。', '2021-04-01')
    await refresh()
    expect(await articleIds('杜鹃花节', { to: '2021-12-31' })).toEqual([id])
    await t.core.articles.publish(systemCtx, id, { publishedAt: at('2023-04-01') })
    await refresh()
    expect(await articleIds('杜鹃花节', { to: '2021-12-31' })).toEqual([])
    expect(await articleIds('杜鹃花节', { from: '2023-04-01', to: '2023-04-01' })).toEqual([id])
    expect((await search({ q: '杜鹃花节' })).hits[0]?.publishedAt).toBe(at('2023-04-01'))
    await t.core.articles.unpublish(systemCtx, id)
    await t.core.articles.remove(systemCtx, id)
    await refresh()
    expect(await articleIds('杜鹃花节')).toEqual([])
  })

  it('drops a closed unit’s questions and services, and brings them back when it reopens', async () => {
    const other = await makeChannel(t.core, portal)
    const q = await t.core.questions.create(systemCtx, {
      unitSiteId: other.id,
      question: '蔷薇小区停水怎么办？',
      answer: '拨打供水热线。',
      status: 'published',
    })
    const item = await t.core.services.create(
      systemCtx,
      completeInput(other.id, { name: '蔷薇小区二次供水备案' }),
    )
    await refresh()
    const found = async () =>
      (await search({ q: '蔷薇小区' })).hits.map((h) => `${h.type}:${h.refId}`).sort()
    expect(await found()).toEqual([`question:${q.id}`, `service:${item.id}`])
    await t.core.sites.setStatus(systemCtx, other.id, { status: 'closed', notice: '网站关停' })
    await refresh()
    expect(await found()).toEqual([])
    await t.core.sites.setStatus(systemCtx, other.id, { status: 'open' })
    await refresh()
    expect(await found()).toEqual([`question:${q.id}`, `service:${item.id}`])
  })
})

describe(`bad input (${TEST_DIALECT})`, () => {
  let docs: { id: number; title: string; body: string }[] = []

  beforeAll(async () => {
    await article(
      '增长50%的"特别"项目 a_b NEAR(x) AND',
      "星号*与减号-以及\\反斜杠；引号'。",
      '2024-01-01',
    )
    await article('表情😀公告', '欢迎👨‍👩‍👧到访。', '2024-01-02')
    await refresh()
    docs = (
      await t.core.deps.db.selectFrom('search_doc').select(['id', 'title', 'body']).execute()
    ).map((r) => ({ id: Number(r.id), title: normaliseText(r.title), body: normaliseText(r.body) }))
  })

  /** Brute force over everything indexed. */
  const scan = (q: string) =>
    docs
      .filter((d) =>
        parseQuery(q).every((x) => d.title.includes(x.text) || d.body.includes(x.text)),
      )
      .map((d) => d.id)
      .sort((a, b) => a - b)

  const cases = [
    '"',
    '""',
    '"政府',
    '*',
    '政府*',
    'NEAR(',
    'NEAR(a b)',
    'AND',
    'OR',
    'NOT',
    'a AND b',
    '-',
    '-政府',
    '^公告',
    '{tb}',
    'tb:增长',
    'meta : s1',
    's1',
    's2',
    'tarticle',
    "' OR 1=1 --",
    "'; drop table article; --",
    '%',
    '_',
    'a_b',
    '50%',
    '\\',
    '\\%',
    '😀',
    '表情😀',
    '👨‍👩‍👧',
    'a\u0000b',
    '(',
    ')',
    ':',
    '+',
  ]

  it('never throws on FTS or SQL syntax, and finds exactly what holds those characters', async () => {
    const failures: string[] = []
    for (const q of cases) {
      let r
      try {
        r = await search({ q, pageSize: 50 })
      } catch (e) {
        failures.push(`"${q}" threw ${String(e)}`)
        continue
      }
      const got = r.hits.map((h) => h.id).sort((a, b) => a - b)
      const want = scan(q)
      if (r.total !== want.length || JSON.stringify(got) !== JSON.stringify(want.slice(0, 50)))
        failures.push(
          `"${q}": expected ${want.length} [${want.join(',')}], got ${r.total} [${got.join(',')}]`,
        )
    }
    expect(failures).toEqual([])
    expect(scan('%')).toHaveLength(1)
    expect(scan('😀')).toHaveLength(1)
  })

  it('gives a notice for empty, unsearchable or over-long queries', async () => {
    for (const q of ['', '   ', '\u3000\t\n']) {
      const r = await search({ q })
      expect(r).toMatchObject({ hits: [], total: 0, notice: '请输入搜索词' })
    }
    for (const q of ['\u0000', '\u0001\u0002\u007f', '\u200b']) {
      const r = await search({ q })
      expect(r.total).toBe(0)
      expect(r.notice).toMatch(/没有可搜索/)
    }
    const long = await search({ q: '增长'.repeat(500) })
    expect(long.notice).toMatch(/过长/)
    expect(long.total).toBe(0)
    const longWords = await search({ q: '增长 '.repeat(400) })
    expect(longWords.notice).toMatch(/过长/)
    expect(longWords.terms).toEqual(['增长'])
    expect(longWords.total).toBe(scan('增长').length)
    expect((await search({ q: null as never })).notice).toBe('请输入搜索词')
    const many = await search({ q: '一 二 三 四 五 六 七 八 九 十' })
    expect(many.terms).toHaveLength(8)
  })
})

describe(`query statistics (${TEST_DIALECT})`, () => {
  it('counts queries per site with mobile numbers and e-mail addresses masked', async () => {
    await search({ q: '13987654321', statsSiteId: portal.id })
    await search({ q: 'qdd@example.com', statsSiteId: portal.id })
    await search({ q: '杜鹃', statsSiteId: portal.id })
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const stats = await t.core.search.topQueries(portal.id, { from: today, to: today })
    const queries = stats.map((s) => s.query)
    expect(queries).toContain('139********')
    expect(queries.join(' ')).not.toContain('13987654321')
    expect(queries.join(' ')).not.toContain('qdd@')
    expect(stats.find((s) => s.query === '139********')).toMatchObject({
      searches: 1,
      zeroHits: 1,
    })
  })
})

describe(`snippets and highlighting (${TEST_DIALECT})`, () => {
  it('escapes HTML and marks the terms in titles and snippets', async () => {
    await article(
      '<script>alert(1)</script>灯塔计划',
      '关于&lt;b&gt;灯塔计划&lt;/b&gt;的说明&amp;解读。',
      '2024-01-01',
    )
    await article('GDP增长报告鹈鹕', '全县GDP增长6%。', '2024-01-01')
    await refresh()
    const [hit] = (await search({ q: '灯塔' })).hits
    expect(hit).toBeDefined()
    expect(hit!.titleHtml).toBe('&lt;script&gt;alert(1)&lt;/script&gt;<mark>灯塔</mark>计划')
    expect(hit!.snippet).toContain('<b>灯塔计划</b>')
    expect(hit!.snippetHtml).toContain('&lt;b&gt;<mark>灯塔</mark>计划&lt;/b&gt;')
    expect(hit!.snippetHtml).not.toMatch(/<(?!\/?mark>)/)
    const [gdp] = (await search({ q: 'ｇｄｐ 鹈鹕' })).hits
    expect(gdp!.titleHtml).toBe('<mark>GDP</mark>增长报告<mark>鹈鹕</mark>')
    expect(gdp!.snippetHtml).toContain('<mark>GDP</mark>增长')
  })

  it('never cuts an emoji in half at the edges of a snippet', async () => {
    // The 30 characters before the match start, and the 120 characters end, inside surrogate pairs.
    await article('表情长文鸬鹚', `${'😀'.repeat(80)}啊鸬鹚x${'👍'.repeat(120)}`, '2024-01-01')
    await article('鸬鹚只在标题', `x${'👍'.repeat(100)}`, '2024-01-01')
    await refresh()
    const r = await search({ q: '鸬鹚' })
    expect(r.hits).toHaveLength(2)
    const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
    for (const h of r.hits) {
      expect(h.snippet).not.toMatch(lone)
      expect(h.snippetHtml).not.toMatch(lone)
      expect(h.snippet.startsWith('…') || h.snippet.startsWith('x')).toBe(true)
      expect(h.snippet.endsWith('…')).toBe(true)
    }
  })
})

describe(`a long queue (${TEST_DIALECT})`, () => {
  it('drains a queue longer than the bulk threshold and keeps searching', async () => {
    const id = await article('大批量索引检验词的通知', '批量正文。', '2024-03-01')
    // Ids no source has: the drain reads nothing for them, but the queue length puts the
    // engine in bulk mode (FTS5 automerge off; PostgreSQL GIN dropped only when empty) and out.
    const rows = Array.from({ length: 5200 }, (_, i) => ({
      kind: 'article',
      ref_id: 900_000_000 + i,
    }))
    for (let i = 0; i < rows.length; i += 1000) {
      await t.core.deps.db
        .insertInto('search_dirty')
        .values(rows.slice(i, i + 1000))
        .execute()
    }
    await refresh()
    expect(await t.core.search.indexer.pending()).toBe(0)
    expect(await articleIds('大批量索引检验词')).toEqual([id])
    expect(await articleIds('批量正文')).toEqual([id])
  })
})
