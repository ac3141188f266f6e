import type { DatasetField } from '../../../common/datasets'
import type { Actor } from '../users/actor'
import { datasetPolicy } from './dataset.policy'
import type { Dataset, DatasetRow } from './dataset.repository'

/** The only ways a dataset or a row leaves the module. */

export function presentDatasetAdmin(ds: Dataset, siteName: string, actor: Actor) {
  return {
    id: ds.id,
    siteId: ds.siteId,
    siteName: ds.siteId === null ? '全站群' : siteName,
    code: ds.code,
    name: ds.name,
    description: ds.description,
    ownerUnit: ds.ownerUnit,
    fields: ds.fields,
    orderField: ds.orderField,
    orderDesc: ds.orderDesc,
    sort: ds.sort,
    isPublic: ds.isPublic,
    rowCount: ds.rowCount,
    updatedAt: ds.updatedAt,
    canDefine: datasetPolicy.canDefine(actor, ds),
    canEditRows: datasetPolicy.canEditRows(actor, ds),
  }
}
export type DatasetView = ReturnType<typeof presentDatasetAdmin>

export function presentRowAdmin(row: DatasetRow) {
  return { id: row.id, values: row.data, updatedAt: row.updatedAt }
}

/** Fields the public may see: shown in the list or in the detail view. */
export const publicFields = (ds: Dataset): DatasetField[] =>
  ds.fields.filter((f) => f.isInList || f.isInDetail)

export function presentDatasetPublic(ds: Dataset, siteCode: string | null) {
  return {
    code: ds.code,
    name: ds.name,
    description: ds.description,
    ownerUnit: ds.ownerUnit,
    siteCode,
    rowCount: ds.rowCount,
    updatedAt: ds.updatedAt,
    fields: publicFields(ds).map((f) => ({
      key: f.key,
      label: f.label,
      type: f.type,
      options: f.options,
      isSearchable: f.isSearchable,
      isFilterable: f.isFilterable,
      isInList: f.isInList,
    })),
  }
}

export function presentRowPublic(ds: Dataset, row: DatasetRow) {
  const values: Record<string, string> = {}
  for (const f of publicFields(ds)) values[f.key] = row.data[f.key] ?? ''
  return { id: row.id, values }
}
