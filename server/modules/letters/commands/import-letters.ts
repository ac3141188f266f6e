import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import readline from 'node:readline'
import type { Core } from '../../../core'
import type { Trx } from '../../../db/database'
import { nowIso } from '../../../db/dialect'
import { invalid, notFound } from '../../../errors'
import { countLines } from '../../articles/commands/import-jsonl'
import { recordAudit } from '../../audit/audit.repository'
import { roleOn, type RequestContext } from '../../users/actor'
import { hashPassword } from '../../users/password'
import { dedupeHash, newQueryCode } from '../letter.codes'
import { mailboxRepository, type Mailbox } from '../mailbox.repository'
import { parseLetterLine, type ImportedLetter } from './letter-import.parse'
import {
  letterImportRepository as repo,
  type ImportEvent,
  type NewImportedLetter,
} from './letter-import.repository'
import { compileClassifier, readTaxonomyCsv, type Classifier } from './letter-taxonomy'
import type { LetterLimits } from '../../../../common/letters'
import { workingDaysBetween, type CalendarSnapshot } from '../../calendar/working-days'
import { effectiveLimits } from '../letter-limits'
import { stageLimit } from '../letter.stages'

export interface LetterImportOptions {
  file: string
  mailboxCode: string
  /** A three-level taxonomy CSV: letters without a category get one by keyword. */
  taxonomyFile?: string
  batchSize?: number
  onProgress?: (linesDone: number, totalLines: number) => void
}

export interface LetterImportReport {
  inserted: number
  updated: number
  /** Already imported and nothing changed. */
  unchanged: number
  skipped: { line: number; reason: string }[]
  lines: number
  /** Valid letters carrying a reply (imported as 已答复). */
  withReply: number
  /** Valid letters that have a category (given in the file or found in the taxonomy). */
  categorized: number
  /** Of those, the ones the taxonomy classified. */
  classified: number
  topCategories: { path: string; count: number }[]
  taxonomy: { categories: number; keywords: number } | null
  ms: number
}

interface Pending {
  line: number
  letter: ImportedLetter
  keyword: string
}

const PASSWORD_COST = 1024
const ACTOR_NAME = '历史来信导入'

/**
 * Imports a county's past letters (JSONL, one letter a line) into one mailbox. Idempotent on the
 * letter's id per mailbox: a re-import updates reply, state and category and creates nothing.
 * Bad lines are reported with their numbers and skipped; each batch is one transaction with a
 * `letter_event` per letter, so a letter is imported whole or not at all.
 *
 * Imported writers never received a 查询密码: every letter of a run stores the scrypt hash of one
 * random 256-bit secret that is discarded at once, so no password ever verifies, yet a lookup
 * spends the same time as on any letter (an unusable marker would answer faster and tell).
 */
export async function importLettersJsonl(
  core: Core,
  ctx: RequestContext,
  options: LetterImportOptions,
): Promise<LetterImportReport> {
  const started = Date.now()
  const db = core.deps.db
  const mailbox = await mailboxRepository.getByCode(db, options.mailboxCode)
  if (!mailbox) throw notFound(`信箱不存在：${options.mailboxCode}`)
  if (roleOn(ctx.actor, mailbox.siteId) !== 'admin') throw invalid('没有该站点的管理权限')
  if (!fs.existsSync(options.file)) throw notFound(`文件不存在：${options.file}`)
  let classifier: Classifier | null = null
  if (options.taxonomyFile) {
    if (!fs.existsSync(options.taxonomyFile))
      throw notFound(`分类表不存在：${options.taxonomyFile}`)
    try {
      classifier = compileClassifier(readTaxonomyCsv(options.taxonomyFile))
    } catch (e) {
      throw invalid(e instanceof Error ? e.message : String(e))
    }
  }

  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'), PASSWORD_COST)
  const replyFigures = replyFiguresFor(
    await core.calendar.snapshot(),
    effectiveLimits(mailbox.limits),
  )
  const total = options.onProgress ? await countLines(options.file) : 0
  const report: LetterImportReport = {
    inserted: 0,
    updated: 0,
    unchanged: 0,
    skipped: [],
    lines: 0,
    withReply: 0,
    categorized: 0,
    classified: 0,
    topCategories: [],
    taxonomy: classifier ? { categories: classifier.size, keywords: classifier.keywords } : null,
    ms: 0,
  }
  const categoryCounts = new Map<string, number>()
  const batchSize = options.batchSize ?? 500
  const seenInFile = new Map<string, number>()
  let batch: Pending[] = []

  const write = async (rows: Pending[]) => {
    const r = await db
      .transaction()
      .execute((trx) => writeBatch(trx, ctx, mailbox, rows, passwordHash, replyFigures))
    report.inserted += r.inserted
    report.updated += r.updated
    report.unchanged += r.unchanged
  }
  const flush = async () => {
    if (batch.length === 0) return
    const rows = batch
    batch = []
    try {
      await write(rows)
    } catch {
      // Find the letter that failed; the others still go in, one per transaction.
      for (const x of rows) {
        try {
          await write([x])
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
    const letter = parseLetterLine(line.replace(/^\uFEFF/, ''))
    if (typeof letter === 'string') {
      report.skipped.push({ line: lineNo, reason: letter })
      continue
    }
    const first = seenInFile.get(letter.externalId)
    if (first !== undefined) {
      report.skipped.push({
        line: lineNo,
        reason: `编号与第 ${first} 行重复：${letter.externalId.slice(0, 40)}`,
      })
      continue
    }
    seenInFile.set(letter.externalId, lineNo)
    let keyword = ''
    if (!letter.category && classifier) {
      const c = classifier.classify(letter.subject, letter.body)
      if (c) {
        letter.category = c.path
        keyword = c.keyword
        report.classified++
      }
    }
    if (letter.category) {
      report.categorized++
      categoryCounts.set(letter.category, (categoryCounts.get(letter.category) ?? 0) + 1)
    }
    if (letter.reply) report.withReply++
    batch.push({ line: lineNo, letter, keyword })
    if (batch.length >= batchSize) await flush()
  }
  await flush()
  options.onProgress?.(report.lines, total)
  report.topCategories = [...categoryCounts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 10)
    .map(([path, count]) => ({ path, count }))
  report.ms = Date.now() - started
  return report
}

type ReplyFigures = (
  receivedAt: string,
  repliedAt: string | null,
  type: string,
) => { replyDays: number | null; onTime: number | null }

/**
 * What the statistics record of an imported reply: its working days, and whether it came within
 * the mailbox's whole allowance for the type (screening + sign-for + handling + review).
 */
function replyFiguresFor(cal: CalendarSnapshot, limits: LetterLimits): ReplyFigures {
  return (receivedAt, repliedAt, type) => {
    if (!repliedAt) return { replyDays: null, onTime: null }
    const days = workingDaysBetween(cal, receivedAt, repliedAt)
    const allowance =
      limits.screen + limits.sign + stageLimit(limits, 'handle', type) + limits.review
    return { replyDays: days, onTime: days <= allowance ? 1 : 0 }
  }
}

/** One batch in the caller's transaction: new letters inserted, known ones brought up to date. */
async function writeBatch(
  trx: Trx,
  ctx: RequestContext,
  mailbox: Mailbox,
  rows: Pending[],
  passwordHash: string,
  replyFigures: ReplyFigures,
): Promise<{ inserted: number; updated: number; unchanged: number }> {
  const at = nowIso()
  const existing = await repo.findByExternalIds(
    trx,
    mailbox.id,
    rows.map((r) => r.letter.externalId),
  )
  const fresh = rows.filter((r) => !existing.has(r.letter.externalId))
  const codes = await queryCodes(trx, fresh.length)
  const events: ImportEvent[] = []
  const newLetters: NewImportedLetter[] = fresh.map((r, i) => {
    const l = r.letter
    return {
      queryCode: codes[i] ?? newQueryCode(),
      passwordHash,
      type: l.type,
      category: l.category,
      externalId: l.externalId,
      subject: l.subject,
      body: l.body,
      writerName: l.writerName,
      writerMobile: l.writerMobile,
      state: l.reply ? 'answered' : 'accepted',
      reply: l.reply,
      repliedAt: l.repliedAt,
      // Imported writers have no mobile as a rule: their old-system id keeps them apart.
      dedupeHash: dedupeHash(
        l.writerMobile || (l.writerKey ? `import:${l.writerKey}` : ''),
        l.subject,
        l.body,
      ),
      receivedAt: l.receivedAt,
      ...replyFigures(l.receivedAt, l.reply ? l.repliedAt : null, l.type),
    }
  })
  const ids = await repo.insertMany(trx, mailbox, newLetters, at)
  for (const [i, r] of fresh.entries()) {
    const id = ids.get(r.letter.externalId)
    if (id === undefined) throw new Error(`导入后未找到来信：${r.letter.externalId}`)
    events.push({
      letterId: id,
      fromState: '',
      toState: newLetters[i]?.state ?? '',
      note: '导入历史来信',
      data: eventData(r),
    })
  }

  let updated = 0
  let unchanged = 0
  for (const r of rows) {
    const old = existing.get(r.letter.externalId)
    if (!old) continue
    const l = r.letter
    // A re-import never takes a letter back: a closed letter stays closed, a reply stays.
    const state =
      l.reply && old.state !== 'answered' && old.state !== 'closed' ? 'answered' : old.state
    const repliedAt = l.reply ? l.repliedAt : old.repliedAt
    const patch = {
      state,
      reply: l.reply || old.reply,
      repliedAt,
      ...replyFigures(l.receivedAt, repliedAt, l.type),
      category: l.category || old.category,
      subject: l.subject,
      body: l.body,
    }
    const same =
      patch.state === old.state &&
      patch.reply === old.reply &&
      patch.repliedAt === old.repliedAt &&
      patch.category === old.category &&
      patch.subject === old.subject &&
      patch.body === old.body
    if (same) {
      unchanged++
      continue
    }
    await repo.updateImported(trx, old.id, patch, at)
    events.push({
      letterId: old.id,
      fromState: old.state,
      toState: state,
      note: '重新导入，更新来信及答复',
      data: eventData(r),
    })
    updated++
  }
  await repo.insertEvents(trx, events, at, ACTOR_NAME)
  if (events.length > 0) {
    await recordAudit(trx, ctx, {
      action: 'letter.import',
      entity: 'mailbox',
      entityId: mailbox.id,
      siteId: mailbox.siteId,
      diff: { mailbox: mailbox.code, inserted: fresh.length, updated },
    })
  }
  return { inserted: fresh.length, updated, unchanged }
}

const eventData = (r: Pending): Record<string, unknown> => ({
  externalId: r.letter.externalId,
  line: r.line,
  ...(r.keyword ? { category: r.letter.category, keyword: r.keyword } : {}),
})

/** Fresh 查询码s, none taken and none repeated (a clash is rare, but the column is unique). */
async function queryCodes(trx: Trx, n: number): Promise<string[]> {
  const codes = new Set<string>()
  while (codes.size < n) {
    const draw = new Set<string>()
    while (draw.size < n - codes.size) {
      const c = newQueryCode()
      if (!codes.has(c)) draw.add(c)
    }
    const taken = await repo.takenQueryCodes(trx, [...draw])
    for (const c of draw) if (!taken.has(c)) codes.add(c)
  }
  return [...codes]
}
