import { DATASET_LIMITS, type DatasetField } from '../../common/datasets'
import { formatDate } from '../../common/time'
import type { FilterOptions } from '../modules/datasets/dataset.public'
import { publicFields } from '../modules/datasets/dataset.presenter'
import type { ParsedQuery } from '../modules/datasets/dataset.query'
import type { Dataset, DatasetRow } from '../modules/datasets/dataset.repository'
import { paginationView } from './views'

/** Presenters of the 便民数据库 pages: every value a template shows is prepared here. */

export function datasetSummaryView(ds: Dataset) {
  return {
    name: ds.name,
    description: ds.description,
    ownerUnit: ds.ownerUnit,
    rowCount: ds.rowCount,
    updatedDate: formatDate(ds.updatedAt),
  }
}

/** A value as a cell: text, and a link for links (external) and phones (tel:). */
function cell(f: DatasetField, value: string) {
  if (!value) return { text: '', href: '', isExternal: false }
  if (f.type === 'link') return { text: value, href: value, isExternal: true }
  if (f.type === 'phone') {
    const first = value.split('、')[0] ?? ''
    const digits = first.replace(/(转|ext\.?)\s*\d+$/i, '').replace(/[^\d+]/g, '')
    return { text: value, href: digits ? `tel:${digits}` : '', isExternal: false }
  }
  return { text: value, href: '', isExternal: false }
}

/** The row's title: the first listed text value, else its number. */
function rowTitle(ds: Dataset, row: DatasetRow): string {
  const f = ds.fields.find((x) => (x.isInList || x.isInDetail) && row.data[x.key])
  return f ? (row.data[f.key] ?? '').slice(0, 60) : `第 ${row.id} 条`
}

function searchUrl(base: string, params: Record<string, string>, page = 1): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v)
  if (page > 1) q.set('page', String(page))
  return `${base}search.html?${q.toString()}`
}

export function datasetListView(input: {
  ds: Dataset
  base: string
  isSearch: boolean
  result: { rows: DatasetRow[]; total: number; parsed: ParsedQuery }
  filterOptions: FilterOptions[]
  pageNo: number
}) {
  const { ds, base, isSearch, result, pageNo } = input
  const shown = publicFields(ds)
  const listed = shown.filter((f) => f.isInList)
  const hasDetail = shown.some((f) => f.isInDetail)
  const applied = result.parsed.applied
  const optionsOf = new Map(input.filterOptions.map((o) => [o.key, o.options]))
  const filters = shown
    .filter((f) => f.isFilterable)
    .map((f) => {
      const id = `ds-f-${f.key}`
      if (f.type === 'number' || f.type === 'date') {
        return {
          kind: 'range',
          id,
          key: f.key,
          label: f.label,
          inputType: f.type === 'date' ? 'date' : 'number',
          fromName: `${f.key}_from`,
          toName: `${f.key}_to`,
          from: applied[`${f.key}_from`] ?? '',
          to: applied[`${f.key}_to`] ?? '',
          options: [],
          value: '',
        }
      }
      const options = optionsOf.get(f.key) ?? null
      const value = applied[f.key] ?? ''
      return {
        kind: options ? 'select' : 'text',
        id,
        key: f.key,
        label: f.label,
        inputType: 'text',
        fromName: '',
        toName: '',
        from: '',
        to: '',
        value,
        options: (options ?? []).map((o) => ({
          value: o.value,
          label: `${o.value}（${o.count}）`,
          isSelected: o.value === value,
        })),
      }
    })
  const params: Record<string, string> = { q: result.parsed.q, ...applied }
  const pageSize = DATASET_LIMITS.publicPageSize
  let pagination = paginationView(base, pageNo, pageSize, result.total)
  if (isSearch) {
    const pages = pagination.pages
    const from = Math.max(1, Math.min(pageNo - 4, pages - 8))
    const links = []
    for (let p = from; p <= Math.min(pages, from + 8); p++) {
      links.push({ page: p, url: searchUrl(base, params, p), isCurrent: p === pageNo })
    }
    pagination = {
      page: pageNo,
      pages,
      total: result.total,
      ...(pageNo > 1 ? { prevUrl: searchUrl(base, params, pageNo - 1) } : {}),
      ...(pageNo < pages ? { nextUrl: searchUrl(base, params, pageNo + 1) } : {}),
      links,
    }
  }
  return {
    ...datasetSummaryView(ds),
    url: base,
    isSearch,
    total: result.total,
    hasKeyword: shown.some((f) => f.isSearchable),
    keywordHint: shown
      .filter((f) => f.isSearchable)
      .map((f) => f.label)
      .join('、'),
    form: { action: `${base}search.html`, q: result.parsed.q, filters, resetUrl: base },
    notices: result.parsed.errors,
    columns: listed.map((f) => ({ label: f.label })),
    rows: result.rows.map((row) => ({
      title: rowTitle(ds, row),
      detailUrl: hasDetail ? `${base}row_${row.id}.html` : '',
      cells: listed.map((f) => cell(f, row.data[f.key] ?? '')),
    })),
    pagination,
  }
}

export function datasetRowView(ds: Dataset, row: DatasetRow, base: string) {
  return {
    title: rowTitle(ds, row),
    updatedDate: formatDate(row.updatedAt),
    items: publicFields(ds)
      .filter((f) => f.isInDetail)
      .map((f) => ({ label: f.label, ...cell(f, row.data[f.key] ?? '') })),
    backUrl: base,
  }
}
