import { createHash } from 'node:crypto'
import fs from 'node:fs'
import readline from 'node:readline'
import { parseChinaDate } from '../../../../common/time'
import { LIMITS } from '../../../../common/limits'
import type { Core } from '../../../core'
import { invalid, notFound } from '../../../errors'
import { columnRepository } from '../../columns/column.repository'
import { siteRepository } from '../../sites/site.repository'
import { roleOn, type RequestContext } from '../../users/actor'
import { upsertArticles, type BulkArticle } from '../article.bulk'
import { tagsFor } from '../article.lifecycle'

export interface ImportReport {
  inserted: number
  updated: number
  skipped: { line: number; reason: string }[]
  lines: number
  ms: number
}

export interface ImportOptions {
  file: string
  siteCode: string
  columnPath: string
  batchSize?: number
  onProgress?: (linesDone: number, totalLines: number) => void
}

/** Counts lines quickly so a progress bar knows its total. */
export async function countLines(file: string): Promise<number> {
  let n = 0
  let last = 10
  for await (const chunk of fs.createReadStream(file)) {
    const buf = chunk as Buffer
    for (let i = 0; i < buf.length; i++) if (buf[i] === 10) n++
    last = buf[buf.length - 1] ?? 10
  }
  return last === 10 ? n : n + 1
}

/** Validates one JSONL line; returns the article or the reason it is rejected. */
export function parseImportLine(
  line: string,
  placement: { columnId: number; siteId: number },
  now = Date.now(),
): BulkArticle | string {
  let raw: unknown
  try {
    raw = JSON.parse(line)
  } catch {
    return '不是有效的 JSON'
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return '每行应为一个 JSON 对象'
  const r = raw as Record<string, unknown>
  const title = typeof r.title === 'string' ? r.title.trim() : ''
  if (!title) return '缺少标题（title）'
  if (title.length > LIMITS.titleMax) return `标题超过 ${LIMITS.titleMax} 个字符`
  const html = typeof r.html === 'string' ? r.html : undefined
  const body = typeof r.body === 'string' ? r.body : undefined
  if (html === undefined && body === undefined) return '缺少正文（body 或 html）'
  if ((html ?? body ?? '').length > LIMITS.bodyMaxChars) return '正文过长'
  if (typeof r.date !== 'string' || !r.date.trim()) return '缺少日期（date）'
  const publishedAt = parseChinaDate(r.date)
  if (!publishedAt) return `日期格式无法识别：${r.date.slice(0, 40)}`
  if (new Date(publishedAt).getTime() > now + 86400_000)
    return `日期晚于今天：${r.date.slice(0, 40)}`
  if (r.source !== undefined && typeof r.source !== 'string') return '来源（source）应为字符串'
  const source = typeof r.source === 'string' ? r.source.trim().slice(0, 200) : ''
  let externalId: string | undefined
  if (r.externalId !== undefined && r.externalId !== null) {
    if (typeof r.externalId !== 'string' && typeof r.externalId !== 'number')
      return '外部编号（externalId）应为字符串'
    externalId = String(r.externalId).trim() || undefined
    // Crawled URLs make long ids; a digest keeps them unique and the import idempotent.
    if (externalId && externalId.length > 200) {
      externalId = `sha256:${createHash('sha256').update(externalId).digest('hex')}`
    }
  }
  return {
    externalId,
    title,
    source,
    ...(html !== undefined ? { html } : { text: body }),
    publishedAt,
    placements: [{ ...placement, kind: 'primary' }],
  }
}

/**
 * Imports a JSONL file of articles into one column, published. Idempotent on `externalId`;
 * bad rows are reported with their line numbers and skipped; each batch is one transaction,
 * so a row is either fully imported or not at all.
 */
export async function importArticlesJsonl(
  core: Core,
  ctx: RequestContext,
  options: ImportOptions,
): Promise<ImportReport> {
  const started = Date.now()
  const site = await siteRepository.getByCode(core.deps.db, options.siteCode)
  if (!site) throw notFound(`站点不存在：${options.siteCode}`)
  if (roleOn(ctx.actor, site.id) === null) throw invalid('没有该站点的权限')
  const column = await columnRepository.getByPath(
    core.deps.db,
    site.id,
    options.columnPath.replace(/^\/+|\/+$/g, ''),
  )
  if (!column) throw notFound(`栏目不存在：${options.columnPath}（请使用栏目接口列出的 path）`)
  if (column.type !== 'list' && column.type !== 'page')
    throw invalid(`栏目“${column.name}”不是文章列表栏目`)
  if (!fs.existsSync(options.file)) throw notFound(`文件不存在：${options.file}`)

  const total = options.onProgress ? await countLines(options.file) : 0
  const placement = { columnId: column.id, siteId: site.id }
  const report: ImportReport = { inserted: 0, updated: 0, skipped: [], lines: 0, ms: 0 }
  const batchSize = options.batchSize ?? 500
  let batch: { line: number; row: BulkArticle }[] = []
  const seenInFile = new Map<string, number>()
  // Updated articles may already have cached pages of their own.
  const updatedIds: number[] = []

  const flush = async () => {
    if (batch.length === 0) return
    const rows = batch
    batch = []
    try {
      const r = await core.deps.db.transaction().execute((trx) =>
        upsertArticles(
          trx,
          ctx,
          site.id,
          rows.map((x) => x.row),
        ),
      )
      report.inserted += r.inserted.length
      report.updated += r.updated.length
      updatedIds.push(...r.updated)
    } catch {
      // Find the row that failed; everything else still goes in, one row per transaction.
      for (const x of rows) {
        try {
          const r = await core.deps.db
            .transaction()
            .execute((trx) => upsertArticles(trx, ctx, site.id, [x.row]))
          report.inserted += r.inserted.length
          report.updated += r.updated.length
          updatedIds.push(...r.updated)
        } catch (e) {
          report.skipped.push({
            line: x.line,
            reason: `写入失败：${e instanceof Error ? e.message.slice(0, 200) : String(e)}`,
          })
        }
      }
    }
    options.onProgress?.(report.lines, total)
  }

  const input = readline.createInterface({
    input: fs.createReadStream(options.file, 'utf8'),
    crlfDelay: Infinity,
  })
  let lineNo = 0
  for await (const line of input) {
    lineNo++
    report.lines = lineNo
    if (!line.trim()) continue
    const parsed = parseImportLine(line.replace(/^\uFEFF/, ''), placement)
    if (typeof parsed === 'string') {
      report.skipped.push({ line: lineNo, reason: parsed })
      continue
    }
    if (parsed.externalId) {
      const first = seenInFile.get(parsed.externalId)
      if (first !== undefined) {
        report.skipped.push({
          line: lineNo,
          reason: `外部编号与第 ${first} 行重复：${parsed.externalId}`,
        })
        continue
      }
      seenInFile.set(parsed.externalId, lineNo)
    }
    batch.push({ line: lineNo, row: parsed })
    if (batch.length >= batchSize) await flush()
  }
  await flush()
  options.onProgress?.(report.lines, total)
  core.deps.bus.publish({
    action: 'article.import',
    tags: [...tagsFor(0, [placement]).slice(1), ...updatedIds.map((id) => `article:${id}`)],
  })
  report.ms = Date.now() - started
  return report
}
