import type { DatasetField, DatasetFieldType } from '../../../../common/datasets'
import { api } from '../../api'

/** A dataset as the back office sees it (server: `presentDatasetAdmin`). */
export interface DatasetView {
  id: number
  siteId: number | null
  siteName: string
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
  canDefine: boolean
  canEditRows: boolean
}

export interface DatasetInput {
  siteId?: number | null
  code: string
  name: string
  description: string
  ownerUnit: string
  fields: (Omit<DatasetField, 'type'> & { type: DatasetFieldType })[]
  orderField: string
  orderDesc: boolean
  sort: number
  isPublic: boolean
}

export interface DatasetRowView {
  id: number
  values: Record<string, string>
  updatedAt: string
}

export type RowValues = Record<string, string | number | null>

export const datasetApi = {
  list: async (siteId?: number) =>
    (await api.get<{ data: DatasetView[] }>('/datasets', { siteId })).data,
  get: async (id: number) => (await api.get<{ data: DatasetView }>(`/datasets/${id}`)).data,
  create: async (input: DatasetInput) =>
    (await api.post<{ data: DatasetView }>('/datasets', input)).data,
  update: async (id: number, input: DatasetInput) =>
    (await api.put<{ data: DatasetView }>(`/datasets/${id}`, input)).data,
  remove: (id: number) => api.del(`/datasets/${id}`),
  createRow: async (id: number, values: RowValues) =>
    (await api.post<{ data: DatasetRowView }>(`/datasets/${id}/rows`, { values })).data,
  updateRow: async (id: number, rowId: number, values: RowValues) =>
    (await api.put<{ data: DatasetRowView }>(`/datasets/${id}/rows/${rowId}`, { values })).data,
  removeRow: (id: number, rowId: number) => api.del(`/datasets/${id}/rows/${rowId}`),
  importFile: async (id: number, file: File, mode: 'replace' | 'append') => {
    const body = new FormData()
    body.append('file', file)
    return (
      await api.post<{ data: { imported: number; skipped: number; total: number } }>(
        `/datasets/${id}/import?mode=${mode}`,
        body,
      )
    ).data
  },
}
