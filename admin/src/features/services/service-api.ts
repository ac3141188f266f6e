import type { ServiceCheckReport } from '../../../../common/services'
import { api } from '../../api'

/** The admin API of 办事事项 (`/api/admin/services`). */

export interface FormView {
  fileId: number | null
  url: string
  type: string
  fileName: string
}

export interface ServiceSummary {
  id: number
  code: string
  name: string
  unitSiteId: number
  unitName: string
  kind: string
  audience: string
  themes: string[]
  missingElements: string[]
  enabled: boolean
  updatedAt: string
}

export interface MaterialInput {
  name: string
  required?: boolean
  copies?: string
  notes?: string
  templateFileId?: number | null
  templateUrl?: string
  templateType?: string
  sampleFileId?: number | null
  sampleUrl?: string
  sampleType?: string
}

export interface ServiceInput {
  code?: string
  name: string
  unitSiteId: number
  kind: string
  audience: string
  themes?: string[]
  basis?: string
  conditions?: string
  location?: string
  hours?: string
  phone?: string
  process?: string
  feeFree?: boolean
  feeStandard?: string
  feeBasis?: string
  legalLimit?: string
  promisedLimit?: string
  onlineUrl?: string
  faq?: { question: string; answer: string }[]
  materials?: MaterialInput[]
  enabled?: boolean
  sort?: number
}

export type ServiceDetail = ServiceSummary &
  Required<Omit<ServiceInput, 'materials'>> & {
    materials: {
      name: string
      required: boolean
      copies: string
      notes: string
      template: FormView | null
      sample: FormView | null
    }[]
  }

export type CheckReport = ServiceCheckReport

export interface CheckRun {
  id: number
  status: 'running' | 'done' | 'failed'
  done: number
  total: number
  error: string
  startedAt: string
  finishedAt: string | null
  report: CheckReport | null
}

export const serviceApi = {
  get: (id: number) => api.get<{ data: ServiceDetail }>(`/services/${id}`).then((r) => r.data),
  create: (input: ServiceInput) =>
    api.post<{ data: ServiceDetail }>('/services', input).then((r) => r.data),
  update: (id: number, input: ServiceInput) =>
    api.put<{ data: ServiceDetail }>(`/services/${id}`, input).then((r) => r.data),
  remove: (id: number) => api.del<unknown>(`/services/${id}`),
  importXlsx: (file: File, unitSiteId?: number) => {
    const body = new FormData()
    if (unitSiteId) body.append('unitSiteId', String(unitSiteId))
    body.append('file', file)
    return api
      .post<{ data: { created: number; updated: number; total: number } }>('/services/import', body)
      .then((r) => r.data)
  },
  startCheck: (siteId?: number) =>
    api.post<{ data: CheckRun }>('/services/checks', siteId ? { siteId } : {}).then((r) => r.data),
  check: (id: number) => api.get<{ data: CheckRun }>(`/services/checks/${id}`).then((r) => r.data),
  latestCheck: () =>
    api.get<{ data: CheckRun | null }>('/services/checks/latest').then((r) => r.data),
  uploadFile: (siteId: number, file: File) => {
    const body = new FormData()
    body.append('siteId', String(siteId))
    body.append('file', file)
    return api
      .post<{ data: { id: number; url: string; name: string } }>('/files', body)
      .then((r) => r.data)
  },
}

/** Turns a loaded item into the editor's form values (forms as file ids or links). */
export function toInput(d: ServiceDetail): ServiceInput {
  return {
    code: d.code,
    name: d.name,
    unitSiteId: d.unitSiteId,
    kind: d.kind,
    audience: d.audience,
    themes: d.themes,
    basis: d.basis,
    conditions: d.conditions,
    location: d.location,
    hours: d.hours,
    phone: d.phone,
    process: d.process,
    feeFree: d.feeFree,
    feeStandard: d.feeStandard,
    feeBasis: d.feeBasis,
    legalLimit: d.legalLimit,
    promisedLimit: d.promisedLimit,
    onlineUrl: d.onlineUrl,
    faq: d.faq,
    enabled: d.enabled,
    sort: d.sort,
    materials: d.materials.map((m) => ({
      name: m.name,
      required: m.required,
      copies: m.copies,
      notes: m.notes,
      templateFileId: m.template?.fileId ?? null,
      templateUrl: m.template?.fileId ? '' : (m.template?.url ?? ''),
      templateType: m.template?.type ?? '',
      sampleFileId: m.sample?.fileId ?? null,
      sampleUrl: m.sample?.fileId ? '' : (m.sample?.url ?? ''),
      sampleType: m.sample?.type ?? '',
    })),
  }
}
