import { ApiError, withQuery } from './api'

/** Downloads a file from the admin API (e.g. an .xlsx export) with the session cookie. */
export async function downloadFile(
  path: string,
  query?: Record<string, string | number | undefined>,
): Promise<void> {
  const res = await fetch(withQuery(`/api/admin${path}`, query), { credentials: 'same-origin' })
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as {
      error?: { code?: string; message?: string }
    } | null
    throw new ApiError(
      res.status,
      body?.error?.code ?? 'http_error',
      body?.error?.message ?? `下载失败（${res.status}）`,
    )
  }
  const blob = await res.blob()
  const disposition = res.headers.get('content-disposition') ?? ''
  const name = decodeURIComponent(
    /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? 'export.xlsx',
  )
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  URL.revokeObjectURL(url)
}
