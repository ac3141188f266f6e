import ExcelJS from 'exceljs'
import {
  QUESTION_LIMITS as L,
  QUESTION_STATUS_LABELS,
  QUESTION_XLSX_COLUMNS as COLUMNS,
  splitList,
  type QuestionStatus,
} from '../../../common/questions'
import type { Deps } from '../../core-deps'
import { AppError, invalid, isAppError } from '../../errors'
import { buildXlsx } from '../../plugins/xlsx'
import { recordAudit } from '../audit/audit.repository'
import { siteRepository } from '../sites/site.repository'
import type { RequestContext } from '../users/actor'
import { questionLinks } from './question-links.repository'
import { canKeep } from './question.policy'
import { questionRepository } from './question.repository'
import type { QuestionInput, QuestionListInput } from './question.schema'
import { cleanEntry, type CleanEntry, type QuestionService } from './question.service'

const REQUIRED = ['问题', '责任单位'] as const
const STATUS_WORDS: Record<string, QuestionStatus> = {
  '': 'draft',
  草稿: 'draft',
  draft: 'draft',
  已发布: 'published',
  发布: 'published',
  published: 'published',
}
const YES = new Set(['是', 'Y', 'y', '1', 'true', '热点'])

async function readSheet(bytes: Buffer) {
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    throw invalid('无法读取文件，请上传 Excel（.xlsx）格式的文件', {
      file: '文件不是有效的 .xlsx 文件',
    })
  }
  const ws = wb.worksheets[0]
  if (!ws) throw invalid('文件中没有工作表', { file: '文件中没有工作表' })
  const headers: string[] = []
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col] = String(cell.text ?? '').trim()
  })
  const rows: { rowNumber: number; values: Record<string, string> }[] = []
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return
    const values: Record<string, string> = {}
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const key = headers[col]
      if (key) values[key] = String(cell.text ?? '').trim()
    })
    if (Object.values(values).some((v) => v !== '')) rows.push({ rowNumber, values })
  })
  return { headers: headers.filter(Boolean), rows }
}

interface ImportRow {
  row: number
  id: number | null
  input: QuestionInput
  entry: CleanEntry
}

/**
 * 导入热点解答: every row is checked first (required columns, lengths, units the actor keeps,
 * codes, policies, ids); any error refuses the whole file with one message per row
 * (`fields['rows.<n>']`). Rows with a 编号 update that entry; the others are created. All in one
 * transaction, with one audit event per entry.
 */
export async function importQuestions(
  deps: Deps,
  service: QuestionService,
  ctx: RequestContext,
  bytes: Buffer,
): Promise<{ created: number; updated: number }> {
  const sheet = await readSheet(bytes)
  const missing = REQUIRED.filter((h) => !sheet.headers.includes(h))
  if (missing.length) {
    const m = `文件缺少必需的列：${missing.join('、')}（第 1 行应为表头：${COLUMNS.join('、')}）`
    throw invalid(m, { file: m })
  }
  if (sheet.rows.length === 0)
    throw invalid('文件中没有数据（表头下方为空）', { file: '文件中没有数据' })
  if (sheet.rows.length > L.importMaxRows) {
    const m = `一次最多导入 ${L.importMaxRows} 条，文件中有 ${sheet.rows.length} 行`
    throw invalid(m, { file: m })
  }
  const sites = await siteRepository.listAll(deps.db)
  const byKey = new Map<string, number>()
  for (const s of sites) {
    byKey.set(s.code, s.id)
    byKey.set(s.name, s.id)
    if (s.shortName && !byKey.has(s.shortName)) byKey.set(s.shortName, s.id)
  }
  const errors: Record<string, string> = {}
  const parsed: ImportRow[] = []
  const seenIds = new Set<number>()
  for (const { rowNumber, values } of sheet.rows) {
    const fail = (m: string) => {
      errors[`rows.${rowNumber}`] = `第 ${rowNumber} 行：${m}`
    }
    const v = (k: (typeof COLUMNS)[number]) => values[k] ?? ''
    const unitSiteId = byKey.get(v('责任单位'))
    if (unitSiteId === undefined) {
      fail(`责任单位“${v('责任单位')}”不存在（填站点代码或名称）`)
      continue
    }
    if (!canKeep(ctx.actor, unitSiteId)) {
      fail(`您不能维护“${v('责任单位')}”的热点解答`)
      continue
    }
    const status = STATUS_WORDS[v('状态')]
    if (!status) {
      fail(`状态“${v('状态')}”应为“草稿”或“已发布”`)
      continue
    }
    const idText = v('编号')
    const id = idText ? Number(idText) : null
    if (id !== null && (!Number.isInteger(id) || id < 1)) {
      fail(`编号“${idText}”不是有效的编号`)
      continue
    }
    if (id !== null && seenIds.has(id)) {
      fail(`编号 ${id} 在文件中重复`)
      continue
    }
    if (id !== null) seenIds.add(id)
    const sort = v('排序') ? Number(v('排序')) : 0
    if (!Number.isInteger(sort)) {
      fail(`排序“${v('排序')}”应为整数`)
      continue
    }
    const policyIds = splitList(v('相关政策编号')).map(Number)
    if (policyIds.some((n) => !Number.isInteger(n) || n < 1)) {
      fail('相关政策编号应为信息编号（数字），多个用顿号分隔')
      continue
    }
    try {
      // A column the sheet leaves out keeps what an updated entry has.
      const has = (k: (typeof COLUMNS)[number]) => sheet.headers.includes(k)
      const input: QuestionInput = {
        unitSiteId,
        question: v('问题'),
        detail: has('问题说明') ? v('问题说明') : undefined,
        answer: v('答复'),
        status,
        isHot: has('热点') ? YES.has(v('热点')) : undefined,
        sort: has('排序') ? sort : undefined,
        topics: has('主题') ? splitList(v('主题')) : undefined,
        serviceCodes: has('相关事项编码') ? splitList(v('相关事项编码')) : undefined,
        policyIds: has('相关政策编号') ? policyIds : undefined,
      }
      parsed.push({ row: rowNumber, id, input, entry: cleanEntry(input) })
    } catch (e) {
      if (!isAppError(e)) throw e
      fail(e.message)
    }
  }
  // Ids must name entries the actor keeps; policies must exist.
  const existing = await questionRepository.getMany(deps.db, [...seenIds])
  const byId = new Map(existing.map((q) => [q.id, q]))
  const articleIds = await questionLinks.existingArticles(deps.db, [
    ...new Set(parsed.flatMap((p) => p.entry.policyIds)),
  ])
  for (const p of parsed) {
    const key = `rows.${p.row}`
    if (errors[key]) continue
    const before = p.id === null ? undefined : byId.get(p.id)
    if (p.id !== null && (!before || !canKeep(ctx.actor, before.unitSiteId))) {
      errors[key] = `第 ${p.row} 行：编号 ${p.id} 的热点解答不存在或不属于您维护的单位`
    }
    const missingPolicy = p.entry.policyIds.find((id) => !articleIds.has(id))
    if (missingPolicy) errors[key] = `第 ${p.row} 行：相关政策（信息编号 ${missingPolicy}）不存在`
  }
  const count = Object.keys(errors).length
  if (count > 0) {
    const first = Object.values(errors)[0] ?? ''
    throw new AppError(400, 'invalid', `文件中有 ${count} 行有误，未导入任何数据。${first}`, errors)
  }
  // Updates keep the links of columns the sheet leaves out (read before the transaction).
  for (const p of parsed) {
    const before = p.id === null ? undefined : byId.get(p.id)
    if (before) p.entry = cleanEntry(await service.withCurrentLinks(before.id, p.input), before)
  }
  let created = 0
  let updated = 0
  const units = new Set<number>()
  await deps.db.transaction().execute(async (trx) => {
    for (const p of parsed) {
      const before = p.id === null ? undefined : byId.get(p.id)
      units.add(p.entry.unitSiteId)
      if (before) {
        units.add(before.unitSiteId)
        const entry = p.entry
        await questionRepository.update(trx, before.id, entry, before, ctx.actor.id)
        await questionLinks.replace(trx, before.id, entry)
        await recordAudit(trx, ctx, {
          action: 'question.import',
          entity: 'question',
          entityId: before.id,
          siteId: p.entry.unitSiteId,
          diff: { row: p.row, before: { ...before }, after: entry },
        })
        updated++
      } else {
        const id = await service.insert(trx, ctx, p.entry, null)
        await recordAudit(trx, ctx, {
          action: 'question.import',
          entity: 'question',
          entityId: id,
          siteId: p.entry.unitSiteId,
          diff: { row: p.row, after: p.entry },
        })
        created++
      }
    }
  })
  service.changed(null, [...units])
  return { created, updated }
}

/** 导出: the entries the actor keeps (same filters as the list), in the import's columns. */
export async function exportQuestions(
  deps: Deps,
  service: QuestionService,
  ctx: RequestContext,
  filter: QuestionListInput,
): Promise<Buffer> {
  const rows: Awaited<ReturnType<QuestionService['get']>>[] = []
  for (let page = 1; page <= 100; page++) {
    const res = await service.list(ctx, { ...filter, page, pageSize: 100 })
    for (const item of res.data) rows.push(await service.get(ctx, item.id))
    if (res.data.length < 100) break
  }
  const codes = new Map((await siteRepository.listAll(deps.db)).map((s) => [s.id, s.code]))
  return buildXlsx(
    '热点解答',
    [
      { header: '编号', width: 8, value: (q) => q.id },
      { header: '问题', width: 40, value: (q) => q.question },
      { header: '问题说明', width: 40, value: (q) => q.detail },
      { header: '答复', width: 60, value: (q) => q.answer },
      { header: '责任单位', width: 16, value: (q) => codes.get(q.unitSiteId) ?? q.unitName },
      { header: '主题', width: 20, value: (q) => q.topics.join('、') },
      { header: '相关事项编码', width: 20, value: (q) => q.services.map((s) => s.code).join('、') },
      { header: '相关政策编号', width: 16, value: (q) => q.policies.map((p) => p.id).join('、') },
      { header: '状态', width: 8, value: (q) => QUESTION_STATUS_LABELS[q.status] },
      { header: '热点', width: 6, value: (q) => (q.isHot ? '是' : '否') },
      { header: '排序', width: 6, value: (q) => q.sort },
    ],
    rows,
  )
}

/** An empty workbook with the header row and one example line. */
export async function importTemplate(): Promise<Buffer> {
  type Example = Record<(typeof COLUMNS)[number], string>
  const example: Example = {
    编号: '',
    问题: '城乡居民养老保险每年什么时候缴费？',
    问题说明: '',
    答复: '每年 1 月至 12 月均可缴费，建议在当年 12 月 20 日前完成。',
    责任单位: 'bm-rsj',
    主题: '社会保障、养老保险',
    相关事项编码: '',
    相关政策编号: '',
    状态: '草稿',
    热点: '否',
    排序: '0',
  }
  return buildXlsx<Example>(
    '热点解答',
    COLUMNS.map((c) => ({ header: c, width: c === '答复' ? 60 : 18, value: (r) => r[c] })),
    [example],
  )
}
