import { DATASET_LIMITS } from '../../../common/datasets'
import type { Deps } from '../../core-deps'
import { AppError, forbidden, invalid, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import type { RequestContext } from '../users/actor'
import { deriveRow, normaliseRow } from './dataset.fields'
import { checkSheet } from './dataset.import'
import { datasetPolicy } from './dataset.policy'
import { presentRowAdmin } from './dataset.presenter'
import { pageWindow, parseRowQuery } from './dataset.query'
import { datasetRepository, datasetRowRepository, type Dataset } from './dataset.repository'
import type { DatasetService } from './dataset.service'
import { readSheet, writeSheet } from './dataset.sheet'

export type ImportMode = 'replace' | 'append'

const tooMany = (n: number) =>
  new AppError(
    409,
    'dataset_rows_limit',
    `每个数据库最多 ${DATASET_LIMITS.rowsMax} 行，导入后将有 ${n} 行`,
  )

/** Rows of a dataset: the admin list, hand edits, xlsx/CSV import and xlsx export. */
export class DatasetRowService {
  constructor(
    private readonly deps: Deps,
    private readonly datasets: DatasetService,
  ) {}

  async list(
    ctx: RequestContext,
    id: number,
    params: Record<string, unknown> & { page?: number; pageSize?: number },
  ) {
    const ds = await this.datasets.readable(ctx, id)
    const parsed = parseRowQuery(ds, params)
    if (parsed.errors.length > 0) throw invalid(parsed.errors.join('；'))
    const { rows, total } = await datasetRowRepository.query(this.deps.db, ds.id, {
      ...parsed.query,
      ...pageWindow(params.page ?? 1, params.pageSize ?? 20),
    })
    return { data: rows.map(presentRowAdmin), total }
  }

  async create(ctx: RequestContext, id: number, values: Record<string, unknown>) {
    const ds = await this.editable(ctx, id)
    const data = this.clean(ds, values)
    if (ds.rowCount + 1 > DATASET_LIMITS.rowsMax) throw tooMany(ds.rowCount + 1)
    const rowId = await this.deps.db.transaction().execute(async (trx) => {
      const [rowId] = await datasetRowRepository.insertMany(trx, ds.id, [
        { data, derived: deriveRow(ds.fields, ds.orderField, data) },
      ])
      await datasetRepository.refreshCount(trx, ds.id)
      await this.audit(trx, ctx, ds, 'dataset.row.create', { rowId, data })
      return rowId ?? 0
    })
    this.datasets.changed(ds.id)
    return presentRowAdmin({ id: rowId, data, updatedAt: new Date().toISOString() })
  }

  async update(ctx: RequestContext, id: number, rowId: number, values: Record<string, unknown>) {
    const ds = await this.editable(ctx, id)
    const data = this.clean(ds, values)
    await this.deps.db.transaction().execute(async (trx) => {
      const before = await datasetRowRepository.get(trx, ds.id, rowId)
      if (!before) throw notFound('数据行不存在')
      await datasetRowRepository.update(trx, ds.id, rowId, {
        data,
        derived: deriveRow(ds.fields, ds.orderField, data),
      })
      await datasetRepository.refreshCount(trx, ds.id)
      await this.audit(trx, ctx, ds, 'dataset.row.update', { rowId, before: before.data, data })
    })
    this.datasets.changed(ds.id)
    const row = await datasetRowRepository.get(this.deps.db, ds.id, rowId)
    if (!row) throw notFound('数据行不存在')
    return presentRowAdmin(row)
  }

  async remove(ctx: RequestContext, id: number, rowId: number): Promise<void> {
    const ds = await this.editable(ctx, id)
    await this.deps.db.transaction().execute(async (trx) => {
      const before = await datasetRowRepository.get(trx, ds.id, rowId)
      if (!before || (await datasetRowRepository.delete(trx, ds.id, rowId)) === 0) {
        throw notFound('数据行不存在')
      }
      await datasetRepository.refreshCount(trx, ds.id)
      await this.audit(trx, ctx, ds, 'dataset.row.delete', { rowId, data: before.data })
    })
    this.datasets.changed(ds.id)
  }

  /** Adds many rows at once (seed, CLI), all checked first, in one transaction. */
  async addMany(ctx: RequestContext, id: number, list: Record<string, unknown>[]) {
    const ds = await this.editable(ctx, id)
    const rows = list.map((values) => this.clean(ds, values))
    return this.write(ctx, ds, rows, 'append', 0)
  }

  /**
   * Imports an .xlsx or CSV file. The whole file is checked first; then, in one transaction,
   * the rows are added (`append`) or replace every existing row (`replace`). Nothing is
   * written when any row is wrong.
   */
  async importFile(
    ctx: RequestContext,
    id: number,
    input: { bytes: Buffer; mode: ImportMode },
  ): Promise<{ imported: number; skipped: number; total: number }> {
    const ds = await this.editable(ctx, id)
    const sheet = await readSheet(input.bytes)
    const { rows, skipped } = checkSheet(ds.fields, sheet)
    return this.write(ctx, ds, rows, input.mode, skipped)
  }

  private async write(
    ctx: RequestContext,
    ds: Dataset,
    rows: Record<string, string>[],
    mode: ImportMode,
    skipped: number,
  ): Promise<{ imported: number; skipped: number; total: number }> {
    const input = { mode }
    const total = await this.deps.db.transaction().execute(async (trx) => {
      const current = await datasetRepository.get(trx, ds.id)
      if (!current) throw notFound('数据库不存在')
      const after = (input.mode === 'append' ? current.rowCount : 0) + rows.length
      if (after > DATASET_LIMITS.rowsMax) throw tooMany(after)
      if (input.mode === 'replace') await datasetRowRepository.deleteAll(trx, ds.id)
      await datasetRowRepository.insertMany(
        trx,
        ds.id,
        rows.map((data) => ({
          data,
          derived: deriveRow(current.fields, current.orderField, data),
        })),
      )
      const total = await datasetRepository.refreshCount(trx, ds.id)
      await this.audit(trx, ctx, ds, 'dataset.import', {
        mode: input.mode,
        imported: rows.length,
        skipped,
        before: current.rowCount,
        total,
      })
      return total
    })
    this.datasets.changed(ds.id)
    return { imported: rows.length, skipped, total }
  }

  /** Every row as .xlsx, headed by the field labels (the same file imports back). */
  async exportXlsx(ctx: RequestContext, id: number): Promise<{ name: string; bytes: Buffer }> {
    const ds = await this.datasets.readable(ctx, id)
    const db = this.deps.db
    async function* batches() {
      for await (const batch of datasetRowRepository.each(db, ds.id)) {
        yield batch.map((r) =>
          ds.fields.map((f) => {
            const v = r.data[f.key] ?? ''
            return f.type === 'number' && v !== '' ? Number(v) : v
          }),
        )
      }
    }
    const bytes = await writeSheet(
      ds.name,
      ds.fields.map((f) => ({ header: f.label, width: f.type === 'text' ? 30 : 16 })),
      batches(),
    )
    return { name: `${ds.name}.xlsx`, bytes }
  }

  private async editable(ctx: RequestContext, id: number): Promise<Dataset> {
    const ds = await this.datasets.readable(ctx, id)
    if (!datasetPolicy.canEditRows(ctx.actor, ds)) throw forbidden('您不能修改该数据库的数据')
    return ds
  }

  private clean(ds: Dataset, values: Record<string, unknown>): Record<string, string> {
    const unknown = Object.keys(values).filter((k) => !ds.fields.some((f) => f.key === k))
    if (unknown.length > 0) throw invalid(`没有这些字段：${unknown.join('、')}`)
    const { data, errors } = normaliseRow(ds.fields, values)
    if (errors.length > 0) {
      throw invalid(
        errors.map((e) => e.message).join('；'),
        Object.fromEntries(errors.map((e) => [`values.${e.key}`, e.message])),
      )
    }
    if (Object.keys(data).length === 0) throw invalid('请至少填写一个字段')
    return data
  }

  private async audit(
    trx: Parameters<typeof recordAudit>[0],
    ctx: RequestContext,
    ds: Dataset,
    action: string,
    diff: Record<string, unknown>,
  ): Promise<void> {
    await recordAudit(trx, ctx, {
      action,
      entity: 'dataset',
      entityId: ds.id,
      siteId: ds.siteId,
      diff,
    })
  }
}
