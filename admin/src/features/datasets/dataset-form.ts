import {
  DATASET_FIELD_TYPE_LABELS,
  type DatasetField,
  type DatasetFieldType,
} from '../../../../common/datasets'
import type { DatasetInput, DatasetView, RowValues } from './dataset-api'

/** Form state of a dataset definition, and its conversion to the API's input. */
export interface DatasetFormValues {
  scope: 'cluster' | 'site'
  code: string
  name: string
  description: string
  ownerUnit: string
  fields: DatasetField[]
  orderField: string
  orderDesc: boolean
  sort: number
  isPublic: boolean
}

export const emptyField = (n: number): DatasetField => ({
  key: `field${n}`,
  label: '',
  type: 'text',
  options: [],
  isRequired: false,
  isSearchable: true,
  isFilterable: false,
  isInList: true,
  isInDetail: true,
})

export function datasetValues(ds: DatasetView | null, canCluster: boolean): DatasetFormValues {
  if (!ds) {
    return {
      scope: canCluster ? 'cluster' : 'site',
      code: '',
      name: '',
      description: '',
      ownerUnit: '',
      fields: [{ ...emptyField(1), key: 'name', label: '名称', isRequired: true }],
      orderField: '',
      orderDesc: false,
      sort: 0,
      isPublic: true,
    }
  }
  return {
    scope: ds.siteId === null ? 'cluster' : 'site',
    code: ds.code,
    name: ds.name,
    description: ds.description,
    ownerUnit: ds.ownerUnit,
    fields: ds.fields.map((f) => ({ ...f, options: [...f.options] })),
    orderField: ds.orderField,
    orderDesc: ds.orderDesc,
    sort: ds.sort,
    isPublic: ds.isPublic,
  }
}

export function datasetInput(v: DatasetFormValues, siteId?: number): DatasetInput {
  return {
    ...(siteId !== undefined ? { siteId: v.scope === 'cluster' ? null : siteId } : {}),
    code: v.code.trim(),
    name: v.name.trim(),
    description: v.description ?? '',
    ownerUnit: v.ownerUnit ?? '',
    fields: v.fields.map((f) => ({
      ...f,
      key: f.key.trim(),
      label: f.label.trim(),
      options: f.type === 'choice' ? (f.options ?? []).map((o) => o.trim()).filter(Boolean) : [],
    })),
    orderField: v.orderField ?? '',
    orderDesc: Boolean(v.orderDesc),
    sort: v.sort ?? 0,
    isPublic: v.isPublic !== false,
  }
}

export const typeOptions = (Object.keys(DATASET_FIELD_TYPE_LABELS) as DatasetFieldType[]).map(
  (t) => ({ value: t, label: DATASET_FIELD_TYPE_LABELS[t] }),
)

/** A row's values for the edit form: numbers stay text so they come back as typed. */
export function rowInput(fields: DatasetField[], values: Record<string, unknown>): RowValues {
  const out: RowValues = {}
  for (const f of fields) {
    const v = values[f.key]
    out[f.key] = v === undefined || v === null || v === '' ? null : String(v)
  }
  return out
}

/** Query parameters of the rows list from the filter bar (blank ones dropped). */
export function rowQuery(filters: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(filters)) if (v && v.trim()) out[k] = v.trim()
  return out
}
