import { api, ApiError } from '../../api'

/** Admin API of 个人查询 (server/modules/records/records.admin.routes.ts). */

export interface RecordsSetView {
  id: number
  code: string
  name: string
  kind: 'pension' | 'medical' | 'housing_fund'
  kindLabel: string
  unitName: string
  secondFactor: 'password' | 'mobile'
  secondFactorLabel: string
  mobileDigits: number | null
  description: string
  siteId: number | null
  adapter: string
  isEnabled: boolean
  sort: number
  currentVersionId: number | null
  createdAt: string
  updatedAt: string
}

export interface RecordsVersionView {
  id: number
  state: 'staging' | 'ready' | 'failed' | 'purged'
  fileName: string
  people: number
  lines: number
  uploadedBy: string
  createdAt: string
  activatedAt: string | null
  isCurrent: boolean
}

export interface RecordsQueryView {
  id: number
  at: string
  setId: number
  setName: string
  idHash: string
  ip: string
  outcome: string
  outcomeLabel: string
  rowCount: number
}

export interface SetForm {
  code: string
  name: string
  kind: RecordsSetView['kind']
  siteId: number | null
  unitName: string
  secondFactor: RecordsSetView['secondFactor']
  mobileDigits?: number
  description?: string
}

export interface UploadResult {
  version: RecordsVersionView
  warnings: string[]
  ms: number
}

export const VERSION_STATE_LABELS: Record<RecordsVersionView['state'], string> = {
  staging: '导入中',
  ready: '可用',
  failed: '导入失败',
  purged: '已清理',
}

export const recordsApi = {
  sets: () => api.get<{ data: RecordsSetView[] }>('/records/sets'),
  create: (body: SetForm) => api.post<{ data: RecordsSetView }>('/records/sets', body),
  update: (id: number, body: Partial<SetForm> & { isEnabled?: boolean }) =>
    api.patch<{ data: RecordsSetView }>(`/records/sets/${id}`, body),
  versions: (id: number) => api.get<{ data: RecordsVersionView[] }>(`/records/sets/${id}/versions`),
  activate: (id: number, versionId: number) =>
    api.post<{ data: RecordsSetView }>(`/records/sets/${id}/versions/${versionId}/activate`),
}

/** The refused rows of an import, in row order (`rows.12` → 第 12 行…; `columns` first). */
export function importErrorLines(e: ApiError): string[] {
  const order = (k: string) => (k === 'columns' ? 0 : Number(k.replace(/\D/g, '')) || 0)
  return Object.entries(e.fields)
    .sort(([a], [b]) => order(a) - order(b))
    .map(([, v]) => v)
}

/**
 * Uploads a file as a new version with upload progress (XMLHttpRequest: fetch has none).
 * `onProgress` gets 0–100 while sending; the server then checks and writes every row.
 */
export function uploadVersion(
  setId: number,
  file: File,
  csrfToken: string,
  onProgress: (percent: number) => void,
): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `/api/admin/records/sets/${setId}/versions`)
    xhr.setRequestHeader('x-csrf-token', csrfToken)
    xhr.withCredentials = true
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable) onProgress(Math.round((ev.loaded * 100) / ev.total))
    }
    xhr.onerror = () => reject(new ApiError(0, 'network', '无法连接服务器，请检查网络后重试'))
    xhr.onload = () => {
      let json: unknown = null
      try {
        json = JSON.parse(xhr.responseText)
      } catch {
        json = null
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve((json as { data: UploadResult }).data)
        return
      }
      const err = (
        json as {
          error?: { code?: string; message?: string; fields?: Record<string, string> }
        } | null
      )?.error
      reject(
        new ApiError(
          xhr.status,
          err?.code ?? 'http_error',
          err?.message ?? `上传失败（${xhr.status}）`,
          err?.fields ?? {},
        ),
      )
    }
    const body = new FormData()
    body.append('file', file)
    xhr.send(body)
  })
}
