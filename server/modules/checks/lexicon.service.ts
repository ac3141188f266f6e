import { LEXICON_KINDS, LEXICON_KIND_LABELS, type LexiconKind } from '../../../common/checks'
import type { Deps } from '../../core-deps'
import { nowIso } from '../../db/dialect'
import { conflict, forbidden, invalid, notFound } from '../../errors'
import { buildXlsx, readXlsx } from '../../plugins/xlsx'
import { recordAudit } from '../audit/audit.repository'
import type { RequestContext } from '../users/actor'
import type { LexiconCreateInput, LexiconListInput, LexiconUpdateInput } from './checks.schema'
import { lexiconRepository, type LexiconEntry } from './lexicon.repository'
import { normaliseDomain } from './links'

/** A county's word lists are small; a bigger file is a mistake. */
export const LEXICON_IMPORT_MAX_ROWS = 20_000

const IMPORT_COLUMNS = ['词库', '词语', '正确写法/职务', '说明'] as const

/** Only cluster admins change the word lists. */
export function authorizeLexiconWrite(ctx: RequestContext): void {
  if (!ctx.actor.isClusterAdmin) throw forbidden('只有平台管理员可以维护内容检查词库和规则')
}

/** Reading needs a role somewhere (every signed-in member of staff). */
export function authorizeLexiconRead(ctx: RequestContext): void {
  if (!ctx.actor.isClusterAdmin && ctx.actor.grants.length === 0) throw forbidden()
}

const kindOf = (label: string): LexiconKind | undefined =>
  LEXICON_KINDS.find((k) => k === label || LEXICON_KIND_LABELS[k] === label)

/**
 * Trims and checks one entry: a protected name is 2–4 Chinese characters, a wrong word has its
 * correct form, an ad domain is stored as a bare host name. Returns field errors by name.
 */
export function normaliseEntry(e: {
  kind: LexiconKind
  term: string
  replacement?: string
  note?: string
}): {
  entry: { kind: LexiconKind; term: string; replacement: string; note: string }
  errors: Record<string, string>
} {
  const errors: Record<string, string> = {}
  let term = e.term.trim()
  const replacement = (e.replacement ?? '').trim()
  const note = (e.note ?? '').trim()
  if (!term) errors.term = '请填写词语'
  else if (term.length > 100) errors.term = '词语不能超过 100 个字符'
  if (replacement.length > 200) errors.replacement = '不能超过 200 个字符'
  if (note.length > 200) errors.note = '说明不能超过 200 个字符'
  if (e.kind === 'wrong') {
    if (!replacement) errors.replacement = '请填写正确写法'
    else if (replacement === term) errors.replacement = '正确写法不能与错误写法相同'
    else if (term.length < 2) errors.term = '错误写法至少 2 个字'
  }
  if (e.kind === 'protected' && term && !/^[\u3400-\u9fff·]{2,4}$/.test(term)) {
    errors.term = '领导姓名应为 2–4 个汉字'
  }
  if (e.kind === 'ad_domain' && term) {
    term = normaliseDomain(term)
    if (!/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/.test(term)) {
      errors.term = '请填写域名，如 example.com'
    }
  }
  return { entry: { kind: e.kind, term, replacement, note }, errors }
}

/** The word lists: list, add, change, remove, Excel import and export. Calls `changed` after commits. */
export class LexiconService {
  constructor(
    private readonly deps: Deps,
    private readonly changed: () => void,
  ) {}

  async list(
    ctx: RequestContext,
    query: LexiconListInput,
  ): Promise<{ rows: LexiconEntry[]; total: number; page: number; pageSize: number }> {
    authorizeLexiconRead(ctx)
    const page = query.page ?? 1
    const pageSize = query.pageSize ?? 20
    const { rows, total } = await lexiconRepository.list(
      this.deps.db,
      { kind: query.kind, q: query.q },
      { offset: (page - 1) * pageSize, limit: pageSize },
    )
    return { rows, total, page, pageSize }
  }

  async add(ctx: RequestContext, input: LexiconCreateInput): Promise<LexiconEntry> {
    authorizeLexiconWrite(ctx)
    const { entry, errors } = normaliseEntry(input)
    if (Object.keys(errors).length) throw invalid(Object.values(errors)[0] ?? '输入有误', errors)
    const id = await this.deps.db.transaction().execute(async (trx) => {
      if (await lexiconRepository.findByTerm(trx, entry.kind, entry.term)) throw duplicate(entry)
      const id = await lexiconRepository.insert(trx, { ...entry, createdAt: nowIso() })
      await recordAudit(trx, ctx, {
        action: 'lexicon.create',
        entity: 'lexicon',
        entityId: id,
        diff: entry,
      })
      return id
    })
    this.changed()
    return (await lexiconRepository.get(this.deps.db, id)) as LexiconEntry
  }

  async update(ctx: RequestContext, id: number, input: LexiconUpdateInput): Promise<LexiconEntry> {
    authorizeLexiconWrite(ctx)
    await this.deps.db.transaction().execute(async (trx) => {
      const before = await lexiconRepository.get(trx, id)
      if (!before) throw notFound('词条不存在')
      const { entry, errors } = normaliseEntry({
        kind: before.kind,
        term: input.term ?? before.term,
        replacement: input.replacement ?? before.replacement,
        note: input.note ?? before.note,
      })
      if (Object.keys(errors).length) throw invalid(Object.values(errors)[0] ?? '输入有误', errors)
      const other = await lexiconRepository.findByTerm(trx, entry.kind, entry.term)
      if (other && other.id !== id) throw duplicate(entry)
      await lexiconRepository.update(trx, id, {
        term: entry.term,
        replacement: entry.replacement,
        note: entry.note,
      })
      await recordAudit(trx, ctx, {
        action: 'lexicon.update',
        entity: 'lexicon',
        entityId: id,
        diff: {
          before: { term: before.term, replacement: before.replacement, note: before.note },
          after: { term: entry.term, replacement: entry.replacement, note: entry.note },
        },
      })
    })
    this.changed()
    return (await lexiconRepository.get(this.deps.db, id)) as LexiconEntry
  }

  async remove(ctx: RequestContext, id: number): Promise<void> {
    authorizeLexiconWrite(ctx)
    await this.deps.db.transaction().execute(async (trx) => {
      const before = await lexiconRepository.get(trx, id)
      if (!before) throw notFound('词条不存在')
      await lexiconRepository.delete(trx, id)
      await recordAudit(trx, ctx, {
        action: 'lexicon.delete',
        entity: 'lexicon',
        entityId: id,
        diff: { kind: before.kind, term: before.term, replacement: before.replacement },
      })
    })
    this.changed()
  }

  async exportXlsx(ctx: RequestContext, kind?: LexiconKind): Promise<Buffer> {
    authorizeLexiconRead(ctx)
    const rows = await lexiconRepository.all(this.deps.db, kind)
    return buildXlsx(
      '内容检查词库',
      [
        {
          header: IMPORT_COLUMNS[0],
          width: 12,
          value: (e) => LEXICON_KIND_LABELS[e.kind] ?? e.kind,
        },
        { header: IMPORT_COLUMNS[1], width: 24, value: (e) => e.term },
        { header: IMPORT_COLUMNS[2], width: 24, value: (e) => e.replacement },
        { header: IMPORT_COLUMNS[3], width: 40, value: (e) => e.note },
      ],
      rows,
    )
  }

  /**
   * Imports an .xlsx with the export's columns. Every row is checked first; any bad row stops
   * the whole import (400 with one message per row). New terms are added, known ones updated.
   */
  async importXlsx(
    ctx: RequestContext,
    bytes: Buffer,
  ): Promise<{ created: number; updated: number; unchanged: number }> {
    authorizeLexiconWrite(ctx)
    let sheet: Awaited<ReturnType<typeof readXlsx>>
    try {
      sheet = await readXlsx(bytes)
    } catch {
      throw invalid('无法读取文件，请上传 Excel（.xlsx）格式的文件', {
        file: '文件不是有效的 .xlsx 文件',
      })
    }
    const rows = sheet.filter((r) => Object.values(r.values).some((v) => v !== ''))
    if (rows.length === 0) {
      const message = `文件中没有词条（第 1 行应为表头：${IMPORT_COLUMNS.join('、')}）`
      throw invalid(message, { file: message })
    }
    if (rows.length > LEXICON_IMPORT_MAX_ROWS) {
      const message = `一次最多导入 ${LEXICON_IMPORT_MAX_ROWS} 条，文件中有 ${rows.length} 行`
      throw invalid(message, { file: message })
    }
    const errors: Record<string, string> = {}
    const seen = new Map<string, number>()
    const entries: ReturnType<typeof normaliseEntry>['entry'][] = []
    for (const { rowNumber, values } of rows) {
      const kindCell = values[IMPORT_COLUMNS[0]] ?? ''
      const kind = kindOf(kindCell)
      if (!kind) {
        errors[`rows.${rowNumber}`] =
          `第 ${rowNumber} 行：词库「${kindCell}」无效，应为${LEXICON_KINDS.map((k) => LEXICON_KIND_LABELS[k]).join('、')}`
        continue
      }
      const { entry, errors: rowErrors } = normaliseEntry({
        kind,
        term: values[IMPORT_COLUMNS[1]] ?? '',
        replacement: values[IMPORT_COLUMNS[2]] ?? '',
        note: values[IMPORT_COLUMNS[3]] ?? '',
      })
      const key = `${kind}\u0000${entry.term}`
      const first = seen.get(key)
      const problems = Object.values(rowErrors)
      if (first) problems.push(`「${entry.term}」与第 ${first} 行重复`)
      if (problems.length) {
        errors[`rows.${rowNumber}`] = `第 ${rowNumber} 行：${problems.join('；')}`
        continue
      }
      seen.set(key, rowNumber)
      entries.push(entry)
    }
    const bad = Object.keys(errors).length
    if (bad) throw invalid(`导入失败：${bad} 行有误，未导入任何词条。请修改后重新上传。`, errors)

    const result = await this.deps.db.transaction().execute(async (trx) => {
      const existing = new Map(
        (await lexiconRepository.all(trx)).map((e) => [`${e.kind}\u0000${e.term}`, e]),
      )
      let updated = 0
      let unchanged = 0
      const fresh: typeof entries = []
      for (const e of entries) {
        const old = existing.get(`${e.kind}\u0000${e.term}`)
        if (!old) fresh.push(e)
        else if (old.replacement === e.replacement && old.note === e.note) unchanged++
        else {
          await lexiconRepository.update(trx, old.id, { replacement: e.replacement, note: e.note })
          updated++
        }
      }
      const created = await lexiconRepository.insertMany(trx, fresh, nowIso())
      await recordAudit(trx, ctx, {
        action: 'lexicon.import',
        entity: 'lexicon',
        diff: { created, updated, unchanged },
      })
      return { created, updated, unchanged }
    })
    this.changed()
    return result
  }
}

function duplicate(e: { kind: LexiconKind; term: string }) {
  return conflict(`${LEXICON_KIND_LABELS[e.kind]}词库中已有「${e.term}」`, {
    term: '该词语已存在',
  })
}
