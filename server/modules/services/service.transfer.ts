import { SERVICE_LIMITS } from '../../../common/services'
import type { Deps } from '../../core-deps'
import { AppError, invalid } from '../../errors'
import { buildXlsx } from '../../plugins/xlsx'
import { recordAudit } from '../audit/audit.repository'
import { fileRepository } from '../files/file.repository'
import { siteRepository, type Site } from '../sites/site.repository'
import type { RequestContext } from '../users/actor'
import { cleanService } from './service.clean'
import { presentMaterials, presentSummaries, type ServiceDetail } from './service.presenter'
import { serviceRepository, type ServiceValues } from './service.repository'
import type { ServiceListQueryInput } from './service.schema'
import { canWriteUnit, checkFiles, unitScope, type ServiceCatalogService } from './service.service'
import {
  COLUMNS,
  exportColumns,
  readSheet,
  REQUIRED_COLUMNS,
  rowToInput,
  type Sheet,
} from './service.xlsx'

const importFailed = (message: string, fields: Record<string, string>) =>
  new AppError(400, 'import_invalid', message, fields)

/** Excel import and export of the catalogue: all rows or none, errors with row numbers. */
export class ServiceTransferService {
  constructor(
    private readonly deps: Deps,
    private readonly catalog: ServiceCatalogService,
  ) {}

  /** Every item matching the filters, as a workbook with the import columns. */
  async exportXlsx(ctx: RequestContext, query: ServiceListQueryInput): Promise<Buffer> {
    const { items } = await serviceRepository.list(
      this.deps.db,
      {
        unitSiteIds: unitScope(ctx.actor, query.siteId),
        audience: query.audience,
        theme: query.theme,
        kind: query.kind,
        q: query.q?.trim() || undefined,
        incomplete: query.incomplete,
      },
      { offset: 0, limit: 100_000 },
    )
    const summaries = await presentSummaries(this.deps.db, items)
    const materials = await serviceRepository.materialsOf(
      this.deps.db,
      items.map((i) => i.id),
    )
    const details: ServiceDetail[] = []
    for (const [k, item] of items.entries()) {
      const { id: _id, missing: _m, updatedAt: _u, ...fields } = item
      details.push({
        ...summaries[k]!,
        ...fields,
        materials: await presentMaterials(this.deps.db, materials.get(item.id) ?? []),
      })
    }
    return buildXlsx('办事事项', exportColumns, details)
  }

  /**
   * Creates or updates items from a workbook (matched by 事项编码; a row without one gets a
   * code stable for its unit and name). Any problem refuses the whole file.
   */
  async importXlsx(
    ctx: RequestContext,
    bytes: Buffer,
    options: { defaultUnitSiteId?: number } = {},
  ): Promise<{ created: number; updated: number; total: number }> {
    let sheet: Sheet
    try {
      sheet = await readSheet(bytes)
    } catch {
      throw invalid('无法读取文件，请上传 Excel（.xlsx）格式的文件', {
        file: '文件不是有效的 .xlsx 文件',
      })
    }
    const needed = REQUIRED_COLUMNS.filter(
      (h) => !sheet.headers.includes(h) && !(h === COLUMNS.unit && options.defaultUnitSiteId),
    )
    if (needed.length > 0) {
      const m = `表头缺少“${needed.join('”“')}”列（第 1 行应为：${Object.values(COLUMNS).join('、')}）`
      throw importFailed(m, { columns: m })
    }
    if (sheet.rowCount - 1 > SERVICE_LIMITS.importRowsMax) {
      const m = `一次最多导入 ${SERVICE_LIMITS.importRowsMax} 个事项，文件中有 ${sheet.rowCount - 1} 行，请分批导入`
      throw importFailed(m, { file: m })
    }
    if (sheet.rows.length === 0) throw importFailed('文件中没有事项', { file: '文件中没有事项' })
    const errors: Record<string, string> = {}
    for (const n of sheet.mergedRows) {
      errors[`rows.${n}`] = `第 ${n} 行：含合并单元格，请取消合并并在每一行填写完整`
    }
    const sites = await siteRepository.listAll(this.deps.db)
    const unitOf = unitResolver(sites)
    const shas = new Map<string, number>()
    const links = sheet.rows.flatMap((r) =>
      [...(r.values[COLUMNS.materials] ?? '').matchAll(/\/files\/([0-9a-f]{64})/g)].map(
        (m) => m[1] ?? '',
      ),
    )
    for (const f of await fileRepository.getByShas(this.deps.db, [...new Set(links)]))
      shas.set(f.sha256, f.id)
    const fileIdOf = (url: string) =>
      shas.get(/\/files\/([0-9a-f]{64})/.exec(url)?.[1] ?? '') ?? null

    const prepared: { rowNumber: number; values: ServiceValues }[] = []
    const byCode = new Map<string, number>()
    const occurrences = new Map<string, number>()
    for (const { rowNumber, values: cells } of sheet.rows) {
      if (errors[`rows.${rowNumber}`]) continue
      const { input, problems } = rowToInput(cells, fileIdOf)
      const unitText = cells[COLUMNS.unit] ?? ''
      const unit = unitText
        ? unitOf(unitText)
        : sites.find((s) => s.id === options.defaultUnitSiteId)
      if (!unit)
        problems.push(
          unitText
            ? `实施主体“${unitText}”不是站群中的站点（填写站点代码或名称）`
            : '实施主体不能为空',
        )
      else if (!canWriteUnit(ctx.actor, unit.id)) problems.push(`无权维护“${unit.name}”的办事事项`)
      if (unit) {
        const key = `${unit.id}\u0000${input.name.trim()}`
        const occurrence = occurrences.get(key) ?? 0
        occurrences.set(key, occurrence + 1)
        const { values, errors: fieldErrors } = cleanService(
          { ...input, unitSiteId: unit.id },
          unit.code,
          occurrence,
        )
        problems.push(...Object.values(fieldErrors))
        Object.values(await checkFiles(this.deps.db, ctx.actor, values)).forEach((m) =>
          problems.push(m),
        )
        const first = byCode.get(values.code)
        if (first !== undefined) problems.push(`事项编码“${values.code}”与第 ${first} 行重复`)
        else byCode.set(values.code, rowNumber)
        if (problems.length === 0) prepared.push({ rowNumber, values })
      }
      if (problems.length > 0)
        errors[`rows.${rowNumber}`] = `第 ${rowNumber} 行：${problems.join('；')}`
    }
    const existing = await serviceRepository.idsByCode(this.deps.db, [...byCode.keys()])
    for (const { rowNumber, values } of prepared) {
      const old = existing.get(values.code)
      if (old && !canWriteUnit(ctx.actor, old.unitSiteId))
        errors[`rows.${rowNumber}`] =
          `第 ${rowNumber} 行：事项编码“${values.code}”属于其他单位，无权修改`
    }
    const bad = Object.keys(errors).length
    if (bad > 0)
      throw importFailed(`导入失败：${bad} 行有误，未导入任何事项。请修改后重新上传。`, errors)

    const touched: { id: number; unitSiteId: number }[] = []
    const result = await this.deps.db.transaction().execute(async (trx) => {
      const ids = await serviceRepository.idsByCode(trx, [...byCode.keys()])
      let created = 0
      let updated = 0
      for (const { values } of prepared) {
        const old = ids.get(values.code)
        if (old) {
          await serviceRepository.update(trx, old.id, values, ctx.actor.id)
          touched.push(old, { id: old.id, unitSiteId: values.unitSiteId })
          updated++
        } else {
          const id = await serviceRepository.insert(trx, values, ctx.actor.id)
          touched.push({ id, unitSiteId: values.unitSiteId })
          created++
        }
      }
      await recordAudit(trx, ctx, {
        action: 'service.import',
        entity: 'service_item',
        diff: { created, updated, codes: prepared.map((p) => p.values.code) },
      })
      return { created, updated, total: prepared.length }
    })
    this.catalog.changed(touched)
    return result
  }
}

/** A unit from its site code, full name or short name. */
function unitResolver(sites: Site[]): (text: string) => Site | undefined {
  const map = new Map<string, Site>()
  for (const s of sites) {
    for (const k of [s.shortName, s.name, s.code]) if (k) map.set(k, s)
  }
  return (text) => map.get(text.trim())
}
