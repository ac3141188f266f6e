import type { FormInstance } from 'antd'

/** The admin API client: JSON, session cookie, CSRF header on writes, Chinese errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    /** Structured detail for programs, e.g. `{ findings }` with code `checks_blocked`. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

let csrfToken = ''
export const setCsrfToken = (token: string): void => {
  csrfToken = token
}

type Query = Record<string, string | number | boolean | undefined | null>

export function withQuery(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  const s = params.toString()
  return s ? `${path}?${s}` : path
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = {}
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken
  let payload: BodyInit | undefined
  if (body instanceof FormData) payload = body
  else if (body !== undefined) {
    headers['content-type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  let res: Response
  try {
    res = await fetch(withQuery(`/api/admin${path}`, query), {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
    })
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试')
  }
  const text = await res.text()
  let json: unknown = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    json = null
  }
  if (!res.ok) {
    const err = (
      json as {
        error?: {
          code?: string
          message?: string
          fields?: Record<string, string>
          details?: Record<string, unknown>
        }
      } | null
    )?.error
    if (res.status === 401 && path !== '/session')
      window.dispatchEvent(new CustomEvent('zq:unauthorized'))
    throw new ApiError(
      res.status,
      err?.code ?? 'http_error',
      err?.message ?? `请求失败（${res.status}）`,
      err?.fields ?? {},
      err?.details ?? {},
    )
  }
  return json as T
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  del: <T>(path: string, query?: Query) => request<T>('DELETE', path, undefined, query),
}

/** Field errors for AntD's `form.setFields` (shown next to each field) and the general message. */
export function formErrors(e: unknown): {
  message: string
  fields: Parameters<FormInstance['setFields']>[0]
} {
  if (e instanceof ApiError) {
    return {
      message: e.message,
      fields: Object.entries(e.fields).map(([k, v]) => ({ name: k.split('.'), errors: [v] })),
    }
  }
  return { message: '操作失败，请稍后重试', fields: [] }
}
