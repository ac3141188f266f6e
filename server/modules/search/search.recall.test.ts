import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { makeColumn, makePortal, systemCtx } from '../../test/factories'
import { upsertArticles, type BulkArticle } from '../articles/article.bulk'
import { mulberry32 } from '../demo/demo-units'
import type { SearchInput } from './search.service'
import { normaliseText } from './tokenizer'

/**
 * The evidence for recall: real government documents (read in place from the team's reference
 * folder, never copied here) are published, indexed, and searched for hundreds of random
 * substrings; every query must find exactly the documents a brute-force scan of the indexed
 * text finds — no more, no fewer.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..')
const HEBEI = path.resolve(ROOT, '../shared/data/gov_docs/hebei_gov_docs.jsonl')
const LAWS = path.resolve(ROOT, '../shared/data/gov_docs/lawrefbook_xingzhengfagui.jsonl')
const exists = fs.existsSync(HEBEI) && fs.existsSync(LAWS)
if (!exists) {
  console.warn(
    `[search-recall] skipped: ${HEBEI} or ${LAWS} is absent (the ../shared reference data is not checked out beside the repository)`,
  )
}

const HEBEI_DOCS = 300
const RANDOM_QUERIES = 300
const AND_QUERIES = 40

interface Source {
  title: string
  body: string
  date: string
}

function readLines<T>(file: string): T[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T)
}

function shuffle<T>(list: T[], rnd: () => number): T[] {
  const out = [...list]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/** 300 Hebei documents (some chosen for 文号 and GDP), and laws of which some are long. */
function pickSources(): Source[] {
  const rnd = mulberry32(20261125)
  const hebei = readLines<{ title: string; body: string; date: string }>(HEBEI)
    .filter((d) => d.body?.trim() && d.title?.trim() && d.title.trim().length <= 500)
    .map((d) => ({ title: d.title, body: d.body, date: d.date }))
  const wanted = [
    ...hebei.filter((d) => d.body.includes('冀政办字')).slice(0, 5),
    ...hebei.filter((d) => d.body.includes('GDP')).slice(0, 5),
  ]
  const rest = shuffle(
    hebei.filter((d) => !wanted.includes(d)),
    rnd,
  ).slice(0, HEBEI_DOCS - wanted.length)
  const laws = readLines<{ title: string; body_markdown: string; version_date: string }>(LAWS)
  const long = laws.filter((d) => d.body_markdown.length > 20_000).slice(0, 2)
  const short = shuffle(
    laws.filter((d) => d.body_markdown.length <= 20_000),
    rnd,
  ).slice(0, 6)
  return [
    ...wanted,
    ...rest,
    ...[...long, ...short].map((d) => ({
      title: d.title,
      body: d.body_markdown,
      date: d.version_date,
    })),
  ]
}

const publishedAt = (date: string, i: number) =>
  /^\d{4}-\d{2}-\d{2}$/.test(date ?? '')
    ? `${date}T${String(i % 24).padStart(2, '0')}:00:00.000Z`
    : new Date(Date.UTC(2020, 0, 1, 0, 0, i)).toISOString()

/** Escaped paragraphs, as an editor would have written them. */
const toHtml = (text: string) =>
  text
    .split(/\n+/)
    .filter((p) => p.trim())
    .map(
      (p) =>
        `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</p>`,
    )
    .join('')

interface Indexed {
  articleId: number
  title: string
  body: string
}

describe.skipIf(!exists)(`search recall over real documents (${TEST_DIALECT})`, () => {
  let t: TestApp
  let docs: Indexed[] = []
  const articleIds: number[] = []

  beforeAll(async () => {
    t = await buildTestApp()
    const portal = await makePortal(t.core)
    const column = await makeColumn(t.core, portal, { name: '政策文件', slug: 'zcwj' })
    const sources = pickSources()
    const rows: BulkArticle[] = sources.map((s, i) => ({
      externalId: `recall-${i}`,
      title: s.title.trim(),
      html: toHtml(s.body),
      publishedAt: publishedAt(s.date, i),
      placements: [{ columnId: column.id, siteId: portal.id, kind: 'primary' }],
    }))
    for (let i = 0; i < rows.length; i += 100) {
      const r = await t.core.deps.db
        .transaction()
        .execute((trx) => upsertArticles(trx, systemCtx, portal.id, rows.slice(i, i + 100)))
      articleIds.push(...r.inserted)
    }
    await t.core.search.refresh()
    const indexed = await t.core.deps.db
      .selectFrom('search_doc')
      .select(['ref_id', 'title', 'body'])
      .where('type', '=', 'article')
      .execute()
    docs = indexed.map((r) => ({
      articleId: r.ref_id,
      title: normaliseText(r.title),
      body: normaliseText(r.body),
    }))
  }, 240_000)
  afterAll(async () => t?.close())

  /** Every article id the search finds, over all pages; checks the pages agree with the total. */
  async function found(q: string, extra: Partial<SearchInput> = {}): Promise<number[]> {
    const ids: number[] = []
    let total = -1
    for (let page = 1; ; page++) {
      const r = await t.core.search.search({ q, pageSize: 50, page, ...extra })
      if (total < 0) total = r.total
      expect(r.total, `total of "${q}" on page ${page}`).toBe(total)
      ids.push(...r.hits.map((h) => h.refId))
      if (r.hits.length < 50 || ids.length >= total) break
    }
    expect(ids.length, `hits of "${q}" across pages vs total`).toBe(total)
    expect(new Set(ids).size, `duplicate hits across pages of "${q}"`).toBe(ids.length)
    return ids.sort((a, b) => a - b)
  }

  /** The brute-force answer: documents whose normalised title or body holds every term. */
  function scan(terms: string[]): number[] {
    return docs
      .filter((d) => terms.every((x) => d.title.includes(x) || d.body.includes(x)))
      .map((d) => d.articleId)
      .sort((a, b) => a - b)
  }

  function randomSubstring(rnd: () => number, doc: Indexed): string | null {
    const text = rnd() < 0.3 ? doc.title : doc.body
    const chars = Array.from(text)
    if (chars.length === 0) return null
    const len = 1 + Math.floor(rnd() * 6)
    const at = Math.floor(rnd() * Math.max(1, chars.length - len + 1))
    const s = chars.slice(at, at + len).join('')
    return s && !/\s/.test(s) ? s : null
  }

  it('indexes every published document, and the index text is the article text', async () => {
    expect(articleIds.length).toBeGreaterThanOrEqual(HEBEI_DOCS)
    expect(docs.map((d) => d.articleId).sort((a, b) => a - b)).toEqual(
      [...articleIds].sort((a, b) => a - b),
    )
    expect(docs.some((d) => d.body.length > 20_000)).toBe(true)
  })

  it(`finds exactly the brute-force matches of ${RANDOM_QUERIES} random substrings`, async () => {
    const rnd = mulberry32(42)
    const failures: string[] = []
    let checked = 0
    let guard = 0
    while (checked < RANDOM_QUERIES && guard++ < RANDOM_QUERIES * 10) {
      const doc = docs[Math.floor(rnd() * docs.length)]!
      const q = randomSubstring(rnd, doc)
      if (!q) continue
      checked++
      const expected = scan([q])
      expect(expected).toContain(doc.articleId)
      const actual = await found(q, checked % 5 === 0 ? { sort: 'date' } : {})
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        failures.push(
          `"${q}": expected ${expected.length} [${expected.slice(0, 10).join(',')}…], got ${actual.length} [${actual.slice(0, 10).join(',')}…]`,
        )
      }
    }
    expect(checked).toBe(RANDOM_QUERIES)
    expect(failures).toEqual([])
  }, 120_000)

  it(`ANDs space-separated terms (${AND_QUERIES} random pairs)`, async () => {
    const rnd = mulberry32(7)
    const failures: string[] = []
    let checked = 0
    let guard = 0
    while (checked < AND_QUERIES && guard++ < AND_QUERIES * 20) {
      const doc = docs[Math.floor(rnd() * docs.length)]!
      const a = randomSubstring(rnd, doc)
      const other = docs[Math.floor(rnd() * docs.length)]!
      const b = randomSubstring(rnd, rnd() < 0.5 ? doc : other)
      if (!a || !b || a === b) continue
      checked++
      const expected = scan([a, b])
      const actual = await found(`${a} ${b}`)
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        failures.push(`"${a} ${b}": expected [${expected.join(',')}], got [${actual.join(',')}]`)
      }
    }
    expect(checked).toBe(AND_QUERIES)
    expect(failures).toEqual([])
  }, 60_000)

  it('finds mixed queries: document numbers, years, digits, Latin letters and punctuation', async () => {
    const queries = [
      '冀政办字',
      '冀政办字〔',
      '〔2020〕',
      '2023年',
      '2020',
      '12号',
      'gdp',
      'gdp增长',
      '〔',
      '（',
      '、',
      '。',
      '第一条',
      '第一章',
      '##',
      '1',
      'a',
      '河北省',
      '人民政府',
      '国务院',
    ]
    const failures: string[] = []
    for (const q of queries) {
      const expected = scan([normaliseText(q)])
      const actual = await found(q)
      if (JSON.stringify(actual) !== JSON.stringify(expected))
        failures.push(`"${q}": expected ${expected.length}, got ${actual.length}`)
    }
    expect(failures).toEqual([])
    expect(scan(['冀政办字']).length).toBeGreaterThan(0)
  }, 60_000)

  it('treats full-width and half-width, upper and lower case as the same', async () => {
    const gdp = await found('gdp')
    expect(gdp.length).toBeGreaterThan(0)
    expect(await found('GDP')).toEqual(gdp)
    expect(await found('ＧＤＰ')).toEqual(gdp)
    expect(await found('ｇｄｐ')).toEqual(gdp)
    const year = await found('2023年')
    expect(await found('２０２３年')).toEqual(year)
  })

  it('finds text far beyond 16,383 token positions of a long document', async () => {
    const long = docs.filter((d) => d.body.length > 20_000)
    expect(long.length).toBeGreaterThan(0)
    const failures: string[] = []
    for (const d of long) {
      const chars = Array.from(d.body)
      // Pieces from the last quarter, where PostgreSQL keeps no positions any more.
      for (let k = 1; k <= 10; k++) {
        const at = chars.length - Math.floor((chars.length / 4) * (k / 10)) - 8
        const piece = chars.slice(at, at + 6).join('')
        if (/\s/.test(piece)) continue
        const expected = scan([piece])
        expect(expected).toContain(d.articleId)
        const actual = await found(piece)
        if (JSON.stringify(actual) !== JSON.stringify(expected))
          failures.push(
            `"${piece}" (at ${at} of ${chars.length}): expected [${expected.join(',')}], got [${actual.join(',')}]`,
          )
      }
    }
    expect(failures).toEqual([])
  }, 60_000)
})
