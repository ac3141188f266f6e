import { DATASET_LIMITS } from '../../../common/datasets'
import type { Deps } from '../../core-deps'
import { notFound } from '../../errors'
import { publicFields } from './dataset.presenter'
import { pageWindow, parseRowQuery, type ParsedQuery } from './dataset.query'
import {
  datasetRepository,
  datasetRowRepository,
  siteLabels,
  type Dataset,
  type DatasetRow,
} from './dataset.repository'

/** A filter drop-down's choices; `null` when there are too many for a list (a text box then). */
export interface FilterOptions {
  key: string
  options: { value: string; count: number }[] | null
}

const MAX_OPTIONS = 300

/** What the public sees of 便民数据库: public datasets, their rows and filter choices. */
export class DatasetPublicService {
  constructor(private readonly deps: Deps) {}

  /** Public datasets: all, or those of one site plus the cluster-wide ones. */
  async list(filter: { siteId?: number } = {}): Promise<(Dataset & { siteCode: string | null })[]> {
    const list = await datasetRepository.list(this.deps.db, {
      siteIds: filter.siteId === undefined ? 'all' : [filter.siteId],
      withCluster: true,
      publicOnly: true,
    })
    const sites = await siteLabels(
      this.deps.db,
      list.flatMap((d) => (d.siteId === null ? [] : [d.siteId])),
    )
    return list.map((d) => ({
      ...d,
      siteCode: d.siteId === null ? null : (sites.get(d.siteId)?.code ?? null),
    }))
  }

  /** A public dataset by code, or 404. */
  async byCode(code: string): Promise<Dataset & { siteCode: string | null }> {
    const ds = await datasetRepository.getByCode(this.deps.db, code)
    if (!ds || !ds.isPublic) throw notFound('数据库不存在')
    const sites = ds.siteId === null ? null : await siteLabels(this.deps.db, [ds.siteId])
    return { ...ds, siteCode: ds.siteId === null ? null : (sites?.get(ds.siteId)?.code ?? null) }
  }

  async rows(
    ds: Dataset,
    params: Record<string, unknown>,
    page: number,
    pageSize: number = DATASET_LIMITS.publicPageSize,
  ): Promise<{ rows: DatasetRow[]; total: number; parsed: ParsedQuery }> {
    const parsed = parseRowQuery(ds, params)
    // Hidden fields never narrow a public query (they are not shown, so not searchable either).
    const shown = new Set(publicFields(ds).map((f) => f.key))
    parsed.query.equals = parsed.query.equals.filter((e) => shown.has(e.field))
    parsed.query.ranges = parsed.query.ranges.filter((e) => shown.has(e.field))
    const { rows, total } = await datasetRowRepository.query(this.deps.db, ds.id, {
      ...parsed.query,
      ...pageWindow(page, pageSize),
    })
    return { rows, total, parsed }
  }

  async row(ds: Dataset, id: number): Promise<DatasetRow> {
    const row = await datasetRowRepository.get(this.deps.db, ds.id, id)
    if (!row) throw notFound('该条数据不存在')
    return row
  }

  /** Choices of each filterable, shown, non-range field: its options, or the values present. */
  async filterOptions(ds: Dataset): Promise<FilterOptions[]> {
    const out: FilterOptions[] = []
    for (const f of publicFields(ds).filter((x) => x.isFilterable)) {
      if (f.type === 'number' || f.type === 'date') continue
      const present = await datasetRowRepository.facetValues(
        this.deps.db,
        ds.id,
        f.key,
        MAX_OPTIONS + 1,
      )
      if (f.type === 'choice') {
        const counts = new Map(present.map((p) => [p.value, p.count]))
        out.push({
          key: f.key,
          options: f.options.map((o) => ({ value: o, count: counts.get(o) ?? 0 })),
        })
      } else {
        out.push({ key: f.key, options: present.length > MAX_OPTIONS ? null : present })
      }
    }
    return out
  }
}
