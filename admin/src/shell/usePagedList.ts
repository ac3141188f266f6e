import { useCallback, useEffect, useState } from 'react'
import { api, ApiError } from '../api'

type Query = Record<string, string | number | boolean | undefined | null>

/** Loads one page of a server-paginated admin list (`{data, total}`), reloading when inputs change. */
export function usePagedList<T>(
  path: string,
  query: Query,
  page: number,
  pageSize: number,
  failure: string,
) {
  const [rows, setRows] = useState<T[]>([])
  const [total, setTotal] = useState(0)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    setLoading(true)
    setError(null)
    try {
      const res = await api.get<{ data: T[]; total: number }>(path, { ...query, page, pageSize })
      setRows(res.data)
      setTotal(res.total)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : failure)
      setRows([])
    } finally {
      setLoading(false)
    }
  }, [path, query, page, pageSize, failure])

  useEffect(() => {
    void load()
  }, [load])

  return { rows, total, loading, error, setError, load }
}
