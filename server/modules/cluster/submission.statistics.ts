import ExcelJS from 'exceljs'
import type { SubmissionScoring, SubmissionStatRow } from '../../../common/cluster'
import { chinaDayStartUtc, formatDate } from '../../../common/time'
import type { Executor } from '../../db/database'
import { invalid } from '../../errors'
import { siteRepository } from '../sites/site.repository'
import { submissionRepository } from './submission.repository'

// 信息报送考核: submitted, adopted, adoption rate, adopted by home-page columns and a score per
// unit and period, ranked; and the spreadsheet offices hand in.

export interface SubmissionStatistics {
  rows: SubmissionStatRow[]
  from: string
  to: string
  scoring: SubmissionScoring
}

/** A Beijing date as given (YYYY-MM-DD), refused when it is not a real day. */
export function checkDay(day: string | undefined, field: string): string | undefined {
  if (day === undefined || day === '') return undefined
  const d = new Date(`${day}T00:00:00.000Z`)
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(day) ||
    Number.isNaN(d.getTime()) ||
    d.toISOString().slice(0, 10) !== day
  ) {
    throw invalid(`日期“${day}”无效，须为 YYYY-MM-DD`, { [field]: '日期须为有效的 YYYY-MM-DD' })
  }
  return day
}

/** Checks a from/to pair (either may be absent). */
export function checkPeriod(
  from: string | undefined,
  to: string | undefined,
): { from?: string; to?: string } {
  const f = checkDay(from, 'from')
  const t = checkDay(to, 'to')
  if (f && t && f > t)
    throw invalid('开始日期不能晚于结束日期', { from: '开始日期不能晚于结束日期' })
  return { from: f, to: t }
}

const round1 = (x: number) => Math.round(x * 10) / 10

/** The score of a unit's figures under a rule, to one decimal. */
export function scoreOf(
  r: { submitted: number; adopted: number; adoptedHome: number },
  s: SubmissionScoring,
): number {
  return round1(
    r.submitted * s.perSubmitted + r.adopted * s.perAdopted + r.adoptedHome * s.perAdoptedHome,
  )
}

/**
 * Ranks rows by score, then adopted, then name; rows equal on score and adopted share a rank
 * (competition ranking: 1, 1, 3).
 */
export function rankRows(rows: Omit<SubmissionStatRow, 'rank'>[]): SubmissionStatRow[] {
  const sorted = [...rows].sort(
    (a, b) =>
      b.score - a.score ||
      b.adopted - a.adopted ||
      a.siteName.localeCompare(b.siteName, 'zh-Hans-CN'),
  )
  const out: SubmissionStatRow[] = []
  sorted.forEach((r, i) => {
    const prev = out[i - 1]
    const tied = prev !== undefined && prev.score === r.score && prev.adopted === r.adopted
    out.push({ ...r, rank: tied ? prev.rank : i + 1 })
  })
  return out
}

/**
 * Every open channel appears (a unit that reported nothing must show), plus any other site that
 * submitted in the period. Withdrawn submissions do not count.
 */
export async function computeStatistics(
  db: Executor,
  q: { from?: string; to?: string; targetSiteId?: number },
): Promise<SubmissionStatistics> {
  const period = checkPeriod(q.from, q.to)
  const today = formatDate(new Date())
  const to = period.to ?? today
  const from = period.from ?? `${to.slice(0, 4)}-01-01`
  if (from > to) throw invalid('开始日期不能晚于结束日期', { from: '开始日期不能晚于结束日期' })
  const [sites, items, scoring] = await Promise.all([
    siteRepository.listAll(db),
    submissionRepository.forStatistics(db, {
      since: chinaDayStartUtc(from),
      until: chinaDayStartUtc(to, 1),
      targetSiteId: q.targetSiteId,
    }),
    submissionRepository.getScoring(db),
  ])
  const figures = new Map<number, { submitted: number; adopted: number; adoptedHome: number }>()
  for (const s of sites) {
    if (s.kind === 'channel' && s.status === 'open') {
      figures.set(s.id, { submitted: 0, adopted: 0, adoptedHome: 0 })
    }
  }
  for (const it of items) {
    const f = figures.get(it.sourceSiteId) ?? { submitted: 0, adopted: 0, adoptedHome: 0 }
    f.submitted++
    if (it.status === 'adopted') {
      f.adopted++
      if (it.adoptedHome) f.adoptedHome++
    }
    figures.set(it.sourceSiteId, f)
  }
  const names = new Map(sites.map((s) => [s.id, s.name]))
  const rows = [...figures].map(([siteId, f]) => ({
    siteId,
    siteName: names.get(siteId) ?? '',
    ...f,
    rate: f.submitted === 0 ? 0 : Math.round((f.adopted / f.submitted) * 10_000) / 10_000,
    score: scoreOf(f, scoring),
  }))
  return { rows: rankRows(rows), from, to, scoring }
}

/** The scoring rule in words, for the note under the table. */
export function scoringText(s: SubmissionScoring): string {
  return (
    `计分规则：每报送 1 条得 ${s.perSubmitted} 分，每被采用 1 条得 ${s.perAdopted} 分，` +
    `被首页栏目采用的每条另加 ${s.perAdoptedHome} 分；已撤回的报送不计。` +
    `排名按得分从高到低，得分相同按采用数，仍相同者并列。`
  )
}

const HEADERS: { header: string; width: number }[] = [
  { header: '排名', width: 8 },
  { header: '单位', width: 32 },
  { header: '报送数', width: 10 },
  { header: '采用数', width: 10 },
  { header: '采用率', width: 10 },
  { header: '首页采用数', width: 12 },
  { header: '得分', width: 10 },
]

/** 信息报送考核统计表: title, period, header, one row per unit, then the scoring rule. */
export async function buildStatisticsXlsx(stats: SubmissionStatistics): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = '站群 Zhanqun'
  wb.created = new Date()
  const ws = wb.addWorksheet('信息报送考核')
  ws.columns = HEADERS.map((h) => ({ width: h.width }))
  const last = HEADERS.length
  const title = ws.addRow(['信息报送考核统计表'])
  ws.mergeCells(title.number, 1, title.number, last)
  title.font = { bold: true, size: 16 }
  title.alignment = { horizontal: 'center', vertical: 'middle' }
  title.height = 28
  const period = ws.addRow([`统计时段：${stats.from} 至 ${stats.to}`])
  ws.mergeCells(period.number, 1, period.number, last)
  const header = ws.addRow(HEADERS.map((h) => h.header))
  header.font = { bold: true }
  header.alignment = { horizontal: 'center' }
  for (const r of stats.rows) {
    const row = ws.addRow([
      r.rank,
      r.siteName,
      r.submitted,
      r.adopted,
      r.rate,
      r.adoptedHome,
      r.score,
    ])
    row.getCell(5).numFmt = '0.0%'
  }
  const note = ws.addRow([scoringText(stats.scoring)])
  ws.mergeCells(note.number, 1, note.number, last)
  note.alignment = { wrapText: true, vertical: 'top' }
  note.height = 36
  ws.views = [{ state: 'frozen', ySplit: header.number }]
  return Buffer.from(await wb.xlsx.writeBuffer())
}
