import { sql, type Selectable, type Updateable } from 'kysely'
import type { DatasetField } from '../../../common/datasets'
import type { Executor } from '../../db/database'
import { bit, bool, escapeLike, nowIso, toCount } from '../../db/dialect'
import type { Derived } from './dataset.fields'
import type { DatasetTable } from './dataset.table'

/** A dataset definition, mapped once from its row. */
export interface Dataset {
  id: number
  siteId: number | null
  code: string
  name: string
  description: string
  ownerUnit: string
  fields: DatasetField[]
  orderField: string
  orderDesc: boolean
  sort: number
  isPublic: boolean
  rowCount: number
  updatedAt: string
}

export type DatasetValues = Omit<Dataset, 'id' | 'siteId' | 'rowCount' | 'updatedAt'>

export interface DatasetRow {
  id: number
  data: Record<string, string>
  updatedAt: string
}

/** What a query asks: every term must occur; every filter must hold. */
export interface RowQuery {
  terms: string[]
  equals: { field: string; value: string }[]
  ranges: { field: string; from?: string; to?: string; numeric: boolean }[]
  orderDesc: boolean
  offset: number
  limit: number
}

type Row = Selectable<DatasetTable>
const parseJson = <T>(s: string, fallback: T): T => {
  try {
    return JSON.parse(s) as T
  } catch {
    return fallback
  }
}
const toDataset = (r: Row): Dataset => ({
  id: r.id,
  siteId: r.site_id,
  code: r.code,
  name: r.name,
  description: r.description,
  ownerUnit: r.owner_unit,
  fields: parseJson<DatasetField[]>(r.fields, []),
  orderField: r.order_field,
  orderDesc: bool(r.order_desc),
  sort: r.sort,
  isPublic: bool(r.is_public),
  rowCount: r.row_count,
  updatedAt: r.updated_at,
})
const toRow = (r: { id: number; data: string; updated_at: string }): DatasetRow => ({
  id: r.id,
  data: parseJson<Record<string, string>>(r.data, {}),
  updatedAt: r.updated_at,
})

// Rows take 7 parameters and facets 5: well under SQLite's 32,766 and PostgreSQL's 65,535.
const ROW_BATCH = 1000
const FACET_BATCH = 2000

export const datasetRepository = {
  async insert(db: Executor, siteId: number | null, v: DatasetValues): Promise<number> {
    const now = nowIso()
    const r = await db
      .insertInto('dataset')
      .values({
        site_id: siteId,
        code: v.code,
        name: v.name,
        description: v.description,
        owner_unit: v.ownerUnit,
        fields: JSON.stringify(v.fields),
        order_field: v.orderField,
        order_desc: bit(v.orderDesc),
        sort: v.sort,
        is_public: bit(v.isPublic),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return r.id
  },

  async update(db: Executor, id: number, v: Partial<DatasetValues>): Promise<void> {
    const set: Updateable<DatasetTable> = { updated_at: nowIso() }
    if (v.code !== undefined) set.code = v.code
    if (v.name !== undefined) set.name = v.name
    if (v.description !== undefined) set.description = v.description
    if (v.ownerUnit !== undefined) set.owner_unit = v.ownerUnit
    if (v.fields !== undefined) set.fields = JSON.stringify(v.fields)
    if (v.orderField !== undefined) set.order_field = v.orderField
    if (v.orderDesc !== undefined) set.order_desc = bit(v.orderDesc)
    if (v.sort !== undefined) set.sort = v.sort
    if (v.isPublic !== undefined) set.is_public = bit(v.isPublic)
    await db.updateTable('dataset').set(set).where('id', '=', id).execute()
  },

  async get(db: Executor, id: number): Promise<Dataset | undefined> {
    const r = await db.selectFrom('dataset').selectAll().where('id', '=', id).executeTakeFirst()
    return r ? toDataset(r) : undefined
  },

  async getByCode(db: Executor, code: string): Promise<Dataset | undefined> {
    const r = await db.selectFrom('dataset').selectAll().where('code', '=', code).executeTakeFirst()
    return r ? toDataset(r) : undefined
  },

  /** Datasets of these sites (and the cluster-wide ones when `withCluster`); all when 'all'. */
  async list(
    db: Executor,
    filter: { siteIds: number[] | 'all'; withCluster: boolean; publicOnly?: boolean },
  ): Promise<Dataset[]> {
    let q = db.selectFrom('dataset').selectAll()
    if (filter.siteIds !== 'all') {
      const ids = filter.siteIds
      q = q.where((eb) => {
        const ors = []
        if (ids.length > 0) ors.push(eb('site_id', 'in', ids))
        if (filter.withCluster) ors.push(eb('site_id', 'is', null))
        return ors.length > 0 ? eb.or(ors) : eb.val(false)
      })
    }
    if (filter.publicOnly) q = q.where('is_public', '=', 1)
    const rows = await q.orderBy('sort').orderBy('id').execute()
    return rows.map(toDataset)
  },

  async delete(db: Executor, id: number): Promise<void> {
    await db.deleteFrom('dataset_facet').where('dataset_id', '=', id).execute()
    await db.deleteFrom('dataset_row').where('dataset_id', '=', id).execute()
    await db.deleteFrom('dataset').where('id', '=', id).execute()
  },

  async isCodeTaken(db: Executor, code: string, exceptId?: number): Promise<boolean> {
    let q = db.selectFrom('dataset').select('id').where('code', '=', code)
    if (exceptId !== undefined) q = q.where('id', '!=', exceptId)
    return (await q.executeTakeFirst()) !== undefined
  },

  /** Recounts the rows (after every row change, in the same transaction) and touches the set. */
  async refreshCount(db: Executor, id: number): Promise<number> {
    const r = await db
      .selectFrom('dataset_row')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('dataset_id', '=', id)
      .executeTakeFirst()
    const n = toCount(r?.n)
    await db
      .updateTable('dataset')
      .set({ row_count: n, updated_at: nowIso() })
      .where('id', '=', id)
      .execute()
    return n
  },
}

export const datasetRowRepository = {
  /** Inserts rows with their derived columns and facets, in batches. */
  async insertMany(
    db: Executor,
    datasetId: number,
    rows: { id?: number; data: Record<string, string>; derived: Derived }[],
  ): Promise<number[]> {
    const now = nowIso()
    const ids: number[] = []
    for (let i = 0; i < rows.length; i += ROW_BATCH) {
      const batch = rows.slice(i, i + ROW_BATCH)
      const inserted = await db
        .insertInto('dataset_row')
        .values(
          batch.map((r) => ({
            ...(r.id !== undefined ? { id: r.id } : {}),
            dataset_id: datasetId,
            data: JSON.stringify(r.data),
            search_text: r.derived.searchText,
            sort_key: r.derived.sortKey,
            created_at: now,
            updated_at: now,
          })),
        )
        .returning('id')
        .execute()
      const batchIds = inserted.map((r) => r.id)
      ids.push(...batchIds)
      const facets = batch.flatMap((r, j) =>
        r.derived.facets.map((f) => ({ ...f, row_id: batchIds[j] ?? 0, dataset_id: datasetId })),
      )
      for (let k = 0; k < facets.length; k += FACET_BATCH) {
        await db
          .insertInto('dataset_facet')
          .values(facets.slice(k, k + FACET_BATCH))
          .execute()
      }
    }
    return ids
  },

  async update(
    db: Executor,
    datasetId: number,
    id: number,
    row: { data: Record<string, string>; derived: Derived },
  ): Promise<void> {
    await db
      .updateTable('dataset_row')
      .set({
        data: JSON.stringify(row.data),
        search_text: row.derived.searchText,
        sort_key: row.derived.sortKey,
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .where('dataset_id', '=', datasetId)
      .execute()
    await db.deleteFrom('dataset_facet').where('row_id', '=', id).execute()
    if (row.derived.facets.length > 0) {
      await db
        .insertInto('dataset_facet')
        .values(row.derived.facets.map((f) => ({ ...f, row_id: id, dataset_id: datasetId })))
        .execute()
    }
  },

  async delete(db: Executor, datasetId: number, id: number): Promise<number> {
    await db.deleteFrom('dataset_facet').where('row_id', '=', id).execute()
    const r = await db
      .deleteFrom('dataset_row')
      .where('id', '=', id)
      .where('dataset_id', '=', datasetId)
      .executeTakeFirst()
    return Number(r.numDeletedRows)
  },

  async deleteAll(db: Executor, datasetId: number): Promise<void> {
    await db.deleteFrom('dataset_facet').where('dataset_id', '=', datasetId).execute()
    await db.deleteFrom('dataset_row').where('dataset_id', '=', datasetId).execute()
  },

  async get(db: Executor, datasetId: number, id: number): Promise<DatasetRow | undefined> {
    const r = await db
      .selectFrom('dataset_row')
      .select(['id', 'data', 'updated_at'])
      .where('id', '=', id)
      .where('dataset_id', '=', datasetId)
      .executeTakeFirst()
    return r ? toRow(r) : undefined
  },

  /** Every row in id order, a batch at a time (export, re-deriving after a field change). */
  async *each(db: Executor, datasetId: number): AsyncGenerator<DatasetRow[]> {
    let after = 0
    for (;;) {
      const rows = await db
        .selectFrom('dataset_row')
        .select(['id', 'data', 'updated_at'])
        .where('dataset_id', '=', datasetId)
        .where('id', '>', after)
        .orderBy('id')
        .limit(2000)
        .execute()
      if (rows.length === 0) return
      after = rows[rows.length - 1]?.id ?? after
      yield rows.map(toRow)
    }
  },

  async query(
    db: Executor,
    datasetId: number,
    q: RowQuery,
  ): Promise<{ rows: DatasetRow[]; total: number }> {
    let base = db.selectFrom('dataset_row as r').where('r.dataset_id', '=', datasetId)
    for (const term of q.terms) {
      const pattern = `%${escapeLike(term)}%`
      base = base.where(sql<boolean>`r.search_text like ${pattern} escape '\\'`)
    }
    for (const f of q.equals) {
      base = base.where('r.id', 'in', (eb) =>
        eb
          .selectFrom('dataset_facet')
          .select('row_id')
          .where('dataset_id', '=', datasetId)
          .where('field', '=', f.field)
          .where('value', '=', f.value),
      )
    }
    for (const f of q.ranges) {
      base = base.where('r.id', 'in', (eb) => {
        let s = eb
          .selectFrom('dataset_facet')
          .select('row_id')
          .where('dataset_id', '=', datasetId)
          .where('field', '=', f.field)
        if (f.numeric) {
          if (f.from !== undefined) s = s.where('num', '>=', Number(f.from))
          if (f.to !== undefined) s = s.where('num', '<=', Number(f.to))
        } else {
          if (f.from !== undefined) s = s.where('value', '>=', f.from)
          if (f.to !== undefined) s = s.where('value', '<=', f.to)
        }
        return s
      })
    }
    const dir = q.orderDesc ? 'desc' : 'asc'
    const [rows, count] = await Promise.all([
      base
        .select(['r.id', 'r.data', 'r.updated_at'])
        .orderBy('r.sort_key', dir)
        .orderBy('r.id', dir)
        .offset(q.offset)
        .limit(q.limit)
        .execute(),
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
    ])
    return { rows: rows.map(toRow), total: toCount(count?.n) }
  },

  /** The distinct values of a filterable field with their counts (filter drop-downs). */
  async facetValues(
    db: Executor,
    datasetId: number,
    field: string,
    limit: number,
  ): Promise<{ value: string; count: number }[]> {
    const rows = await db
      .selectFrom('dataset_facet')
      .select(['value', (eb) => eb.fn.countAll().as('n')])
      .where('dataset_id', '=', datasetId)
      .where('field', '=', field)
      .groupBy('value')
      .orderBy('value')
      .limit(limit)
      .execute()
    return rows.map((r) => ({ value: r.value, count: toCount(r.n) }))
  },
}

/** Names and codes of the sites datasets belong to (admin lists, public API). */
export async function siteLabels(
  db: Executor,
  ids: number[],
): Promise<Map<number, { code: string; name: string }>> {
  const out = new Map<number, { code: string; name: string }>()
  if (ids.length === 0) return out
  const rows = await db
    .selectFrom('site')
    .select(['id', 'code', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute()
  for (const r of rows) out.set(r.id, { code: r.code, name: r.name })
  return out
}
