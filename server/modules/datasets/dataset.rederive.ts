import type { DatasetField } from '../../../common/datasets'
import type { Trx } from '../../db/database'
import { AppError } from '../../errors'
import { deriveRow, normaliseValue } from './dataset.fields'
import { datasetRepository, datasetRowRepository, type Dataset } from './dataset.repository'

type Definition = Pick<Dataset, 'id' | 'fields' | 'orderField'>

const EXAMPLES = 3

/** Whether anything a row stores (values, search text, sort key, facets) depends on the change. */
function affectsRows(before: Definition, after: Definition): boolean {
  if (before.orderField !== after.orderField) return true
  const shape = (f: DatasetField) =>
    JSON.stringify([f.key, f.type, f.options, f.isRequired, f.isSearchable, f.isFilterable])
  return before.fields.map(shape).join('|') !== after.fields.map(shape).join('|')
}

/**
 * Re-checks and re-derives every row after a definition change, inside the caller's
 * transaction. Throws 409 `dataset_fields_conflict` (nothing written) when a value no longer
 * fits its field; otherwise rewrites the rows with their ids kept. Returns how many were rewritten.
 */
export async function rederiveRows(trx: Trx, before: Dataset, after: Definition): Promise<number> {
  if (before.rowCount === 0 || !affectsRows(before, after)) return 0
  const oldByKey = new Map(before.fields.map((f) => [f.key, f]))
  const problems = new Map<string, { field: DatasetField; count: number; examples: string[] }>()
  const rows: { id: number; data: Record<string, string> }[] = []
  let ordinal = 0
  for await (const batch of datasetRowRepository.each(trx, before.id)) {
    for (const row of batch) {
      ordinal++
      const data: Record<string, string> = {}
      for (const f of after.fields) {
        const old = oldByKey.get(f.key)
        const raw = old ? row.data[f.key] : undefined
        const r = normaliseValue(f, raw ?? null)
        const missing = r.ok && r.value === '' && f.isRequired
        if (!r.ok || missing) {
          const p = problems.get(f.key) ?? { field: f, count: 0, examples: [] }
          p.count++
          if (p.examples.length < EXAMPLES) {
            p.examples.push(
              `第 ${ordinal} 条（编号 ${row.id}）${raw ? `“${raw.slice(0, 30)}”` : '为空'}`,
            )
          }
          problems.set(f.key, p)
        } else if (r.value !== '') data[f.key] = r.value
      }
      rows.push({ id: row.id, data })
    }
  }
  if (problems.size > 0) {
    const fields: Record<string, string> = {}
    const lines = [...problems.values()].map((p) => {
      const line = `字段“${p.field.label}”：现有 ${p.count} 条数据不符合新的设置（${p.examples.join('；')}${p.count > EXAMPLES ? ' 等' : ''}）`
      const i = after.fields.findIndex((f) => f.key === p.field.key)
      fields[`fields.${i}.type`] = line
      return line
    })
    throw new AppError(
      409,
      'dataset_fields_conflict',
      `字段修改未保存：${lines.join('；')}。请先修改或删除这些数据，或保留原来的字段设置。`,
      fields,
    )
  }
  await datasetRowRepository.deleteAll(trx, before.id)
  await datasetRowRepository.insertMany(
    trx,
    before.id,
    rows.map((r) => ({ ...r, derived: deriveRow(after.fields, after.orderField, r.data) })),
  )
  await datasetRepository.refreshCount(trx, before.id)
  return rows.length
}
