import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Column } from '../../columns/column.repository'
import type { Site } from '../../sites/site.repository'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../../test/build-test-app'
import { makeColumn, makePortal, systemCtx } from '../../../test/factories'
import { importArticlesJsonl, type ImportReport } from './import-jsonl'

/** Real 政府信息公开 records, read in place from the team's reference folder (never copied here). */
const ROOT = path.resolve(import.meta.dirname, '../../../..')
const DATA = path.resolve(ROOT, '../shared/data/gov_docs/hebei_gov_docs.jsonl')
const exists = fs.existsSync(DATA)
if (!exists) {
  console.warn(
    `[gov-docs-import] skipped: ${DATA} is absent (the ../shared reference data is not checked out beside the repository)`,
  )
}

interface GovDoc {
  site: string
  column: string
  title: string
  date: string
  url: string
  body: string
}

interface Converted {
  line: number
  externalId: string
  title: string
  date: string
  /** What the importer must do with the row. */
  expect: 'import' | 'no-date' | 'duplicate'
}

/** Escaping as LiquidJS's `escape` writes it. */
const escapeLiquid = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&#34;')
    .replace(/'/g, '&#39;')

const digest = (s: string) => createHash('sha1').update(s).digest('hex')

/**
 * Rows with a body become import lines (title, body, date, source = issuing site, externalId =
 * url). External ids are at most 200 characters, so a longer url (a third of these records)
 * is shortened to its head plus a digest of the whole; records without a url get a stable id
 * from site, column, title and date. Either way a re-import finds the same article again.
 */
function convert(source: string, target: string): Converted[] {
  const out: string[] = []
  const rows: Converted[] = []
  const seen = new Set<string>()
  for (const raw of fs.readFileSync(source, 'utf8').split('\n')) {
    if (!raw.trim()) continue
    const doc = JSON.parse(raw) as GovDoc
    if (!doc.body?.trim()) continue
    const externalId = !doc.url
      ? `gov-docs:${digest(`${doc.site}|${doc.column}|${doc.title}|${doc.date}`)}`
      : doc.url.length > 200
        ? `${doc.url.slice(0, 150)}#${digest(doc.url)}`
        : doc.url
    out.push(
      JSON.stringify({
        title: doc.title,
        body: doc.body,
        date: doc.date,
        source: doc.site,
        externalId,
      }),
    )
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(doc.date ?? '')
    rows.push({
      line: out.length,
      externalId,
      title: doc.title.trim(),
      date: doc.date,
      expect: !valid ? 'no-date' : seen.has(externalId) ? 'duplicate' : 'import',
    })
    if (valid) seen.add(externalId)
  }
  fs.writeFileSync(target, `${out.join('\n')}\n`)
  return rows
}

describe.skipIf(!exists)(`importing the real Hebei government documents (${TEST_DIALECT})`, () => {
  let t: TestApp
  let portal: Site
  let column: Column
  let tmp: string
  let file: string
  let rows: Converted[]
  let first: ImportReport
  const HOST = 'www.govdocs.gov.cn'

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zq-govdocs-'))
    file = path.join(tmp, 'hebei.jsonl')
    rows = convert(DATA, file)
    t = await buildTestApp()
    portal = await makePortal(t.core, { name: '河北文件测试站', hosts: [HOST] })
    column = await makeColumn(t.core, portal, {
      name: '政策文件',
      slug: 'zcwj',
      updateClass: 'notice',
    })
    first = await importArticlesJsonl(t.core, systemCtx, {
      file,
      siteCode: portal.code,
      columnPath: 'zcwj',
    })
  })
  afterAll(async () => {
    await t?.close()
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
  })

  const count = async () =>
    Number(
      (
        await t.core.deps.db
          .selectFrom('article')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('site_id', '=', portal.id)
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('imports every row with a body and a valid date, and reports the others by line', async () => {
    const good = rows.filter((r) => r.expect === 'import')
    // The data set as documented: ~1,800 rows with a body, most of them dated.
    expect(rows.length).toBeGreaterThan(1500)
    expect(good.length).toBeGreaterThan(1000)
    expect(first.inserted).toBe(good.length)
    expect(first.updated).toBe(0)
    expect(first.lines).toBe(rows.length)
    const skipped = new Map(first.skipped.map((s) => [s.line, s.reason]))
    expect([...skipped.keys()].sort((a, b) => a - b)).toEqual(
      rows.filter((r) => r.expect !== 'import').map((r) => r.line),
    )
    for (const r of rows) {
      if (r.expect === 'no-date')
        expect(skipped.get(r.line), `line ${r.line}`).toContain('缺少日期')
      if (r.expect === 'duplicate') expect(skipped.get(r.line), `line ${r.line}`).toContain('重复')
    }
    expect(await count()).toBe(good.length)
    const api = await t.app.inject({
      url: `/api/v1/articles?site=${portal.code}&column=${column.id}&pageSize=1`,
    })
    expect(api.json().total).toBe(good.length)
  })

  it('renders an imported document’s page with its title, date and issuing site', async () => {
    const good = rows.filter((r) => r.expect === 'import')
    const pick = good[Math.floor(Math.random() * good.length)]
    expect(pick).toBeDefined()
    if (!pick) return
    const found = await t.core.deps.db
      .selectFrom('article')
      .select(['id', 'title', 'source'])
      .where('site_id', '=', portal.id)
      .where('external_id', '=', pick.externalId)
      .executeTakeFirstOrThrow()
    const res = await t.app.inject({
      url: `/zcwj/content_${found.id}.html`,
      headers: { host: HOST },
    })
    expect(res.statusCode, pick.externalId).toBe(200)
    expect(res.body).toContain(
      `<h1 class="article__title" id="article-title">${escapeLiquid(pick.title)}</h1>`,
    )
    expect(res.body).toContain(`<meta name="PubDate" content="${pick.date} 00:00">`)
    expect(res.body).toContain(
      `<meta name="ContentSource" content="${escapeLiquid(found.source)}">`,
    )
    expect(found.source).toMatch(/^河北省/)
  })

  it('re-importing the same file updates in place: no duplicates', async () => {
    const before = await count()
    const again = await importArticlesJsonl(t.core, systemCtx, {
      file,
      siteCode: portal.code,
      columnPath: 'zcwj',
    })
    expect(again.inserted).toBe(0)
    expect(again.updated).toBe(first.inserted)
    expect(again.skipped.map((s) => s.line)).toEqual(first.skipped.map((s) => s.line))
    expect(await count()).toBe(before)
    const placements = await t.core.deps.db
      .selectFrom('placement')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('column_id', '=', column.id)
      .executeTakeFirstOrThrow()
    expect(Number(placements.n)).toBe(before)
  })

  it('a corrected re-import shows on the already cached page', async () => {
    const pick = rows.find((r) => r.expect === 'import')
    if (!pick) throw new Error('no importable row')
    const { id } = await t.core.deps.db
      .selectFrom('article')
      .select('id')
      .where('site_id', '=', portal.id)
      .where('external_id', '=', pick.externalId)
      .executeTakeFirstOrThrow()
    const url = `/zcwj/content_${id}.html`
    expect((await t.app.inject({ url, headers: { host: HOST } })).statusCode).toBe(200)
    const fix = path.join(tmp, 'fix.jsonl')
    fs.writeFileSync(
      fix,
      `${JSON.stringify({ title: '（更正）关于文件的更正标题', body: '更正后的正文。', date: pick.date, externalId: pick.externalId })}\n`,
    )
    const report = await importArticlesJsonl(t.core, systemCtx, {
      file: fix,
      siteCode: portal.code,
      columnPath: 'zcwj',
    })
    expect(report.updated).toBe(1)
    const page = await t.app.inject({ url, headers: { host: HOST } })
    expect(page.body).toContain('（更正）关于文件的更正标题')
    expect(page.body).toContain('更正后的正文。')
  })
})
