import { DATASET_LIMITS, type DatasetField } from '../../../common/datasets'
import { normaliseText, normaliseValue } from './dataset.fields'
import type { Dataset, RowQuery } from './dataset.repository'

/**
 * Turns query-string parameters into a row query, the same way for the public page, the
 * public API and the admin list: `q` keywords, `<key>=value` for a filterable field, and
 * `<key>_from` / `<key>_to` for a filterable number or date.
 */
export interface ParsedQuery {
  query: Omit<RowQuery, 'offset' | 'limit'>
  /** The normalised keyword and filter values that were applied (to refill a form). */
  q: string
  applied: Record<string, string>
  /** Filter values that could not be used, one message each. */
  errors: string[]
}

const isRange = (f: DatasetField) => f.type === 'number' || f.type === 'date'

/** Filter parameter names a dataset understands, in the order its form shows them. */
export function filterParams(ds: Dataset): string[] {
  return ds.fields
    .filter((f) => f.isFilterable)
    .flatMap((f) => (isRange(f) ? [`${f.key}_from`, `${f.key}_to`] : [f.key]))
}

const first = (v: unknown): string =>
  Array.isArray(v) ? String(v[0] ?? '') : v === undefined || v === null ? '' : String(v)

export function parseRowQuery(ds: Dataset, params: Record<string, unknown>): ParsedQuery {
  const q = first(params.q).normalize('NFKC').replace(/\s+/g, ' ').trim().slice(0, 100)
  const terms = normaliseText(q).split(' ').filter(Boolean).slice(0, 5)
  const applied: Record<string, string> = {}
  const errors: string[] = []
  const equals: RowQuery['equals'] = []
  const ranges: RowQuery['ranges'] = []
  for (const f of ds.fields.filter((x) => x.isFilterable)) {
    if (isRange(f)) {
      const range: RowQuery['ranges'][number] = { field: f.key, numeric: f.type === 'number' }
      for (const end of ['from', 'to'] as const) {
        const raw = first(params[`${f.key}_${end}`]).trim()
        if (!raw) continue
        const r = normaliseValue(f, raw)
        if (!r.ok) {
          errors.push(r.error)
          continue
        }
        range[end] = r.value
        applied[`${f.key}_${end}`] = r.value
      }
      if (range.from !== undefined || range.to !== undefined) ranges.push(range)
      continue
    }
    const raw = first(params[f.key]).trim()
    if (!raw) continue
    const r = normaliseValue({ ...f, type: f.type === 'choice' ? 'choice' : 'text' }, raw)
    if (!r.ok) {
      errors.push(r.error)
      continue
    }
    equals.push({ field: f.key, value: r.value.slice(0, 200) })
    applied[f.key] = r.value
  }
  return {
    query: { terms, equals, ranges, orderDesc: ds.orderDesc },
    q,
    applied,
    errors,
  }
}

export function pageWindow(page: number, pageSize: number): { offset: number; limit: number } {
  const size = Math.min(Math.max(1, pageSize), DATASET_LIMITS.pageSizeMax)
  return { offset: (Math.max(1, page) - 1) * size, limit: size }
}
