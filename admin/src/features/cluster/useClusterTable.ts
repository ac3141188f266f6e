import { App } from 'antd'
import { useMemo, useState } from 'react'
import { ApiError } from '../../api'
import { downloadFile } from '../../download'
import { usePagedList } from '../../shell/usePagedList'
import type { Submission } from './cluster-api'
import type { SubmissionFilters } from './SubmissionFiltersBar'

// Behaviour shared by the cluster list pages: the xlsx export, row actions, the submission boxes.

/** Downloads `path` with the list's query; `exporting` while it runs, a message when it fails. */
export function useXlsxExport(path: string, query: Record<string, string | number | undefined>) {
  const { message } = App.useApp()
  const [exporting, setExporting] = useState(false)
  const exportXlsx = async () => {
    setExporting(true)
    try {
      await downloadFile(path, query)
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '导出失败，请稍后重试')
    } finally {
      setExporting(false)
    }
  }
  return { exporting, exportXlsx }
}

/**
 * Runs an action on one row, then says `done` and reloads the list; false (with the reason
 * shown) when it failed.
 */
export function useRowRun(reload: () => Promise<unknown>) {
  const { message } = App.useApp()
  return async (work: () => Promise<unknown>, done: string): Promise<boolean> => {
    try {
      await work()
      message.success(done)
      await reload()
      return true
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败，请稍后重试')
      return false
    }
  }
}

/**
 * The state of a submission box page: its filters (a change goes back to page 1), paging, the
 * loaded page and the xlsx export of the same query.
 */
export function useSubmissionBox(box: 'inbox' | 'outbox', initial: SubmissionFilters) {
  const [filters, setFilters] = useState<SubmissionFilters>(initial)
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(20)
  const query = useMemo(() => ({ box, ...filters }), [box, filters])
  const list = usePagedList<Submission>('/submissions', query, page, pageSize, '报送信息加载失败')
  const { exporting, exportXlsx } = useXlsxExport('/submissions.xlsx', query)
  const filter = (next: SubmissionFilters) => {
    setPage(1)
    setFilters(next)
  }
  return {
    filters,
    filter,
    paging: { page, pageSize, setPage, setPageSize },
    list,
    exporting,
    exportXlsx,
  }
}
