import type { Role } from '../../../../common/permissions'
import type { IndexStatus, SearchQueryStat } from '../../../../common/search'
import { api } from '../../api'

export type { IndexStatus, SearchQueryStat }

export interface QueryStatsPage {
  data: SearchQueryStat[]
  total: number
  from: string
  to: string
}

export const ENGINE_LABELS: Record<string, string> = {
  'sqlite-fts5': 'SQLite FTS5 全文检索',
  postgres: 'PostgreSQL 全文检索',
}

export const searchApi = {
  status: async () => (await api.get<{ data: IndexStatus }>('/search/status')).data,
  reindex: async () =>
    (await api.post<{ data: { queued: boolean; pending: number } }>('/search/reindex')).data,
}

/** Sites whose 搜索统计 the user may read: cluster admins all, others where admin or editor. */
export function statsSiteIds(
  session: { isClusterAdmin: boolean; grants: { siteId: number; role: Role }[] } | null,
  siteIds: number[],
): number[] {
  if (!session) return []
  if (session.isClusterAdmin) return siteIds
  const mine = new Set(
    session.grants.filter((g) => g.role === 'admin' || g.role === 'editor').map((g) => g.siteId),
  )
  return siteIds.filter((id) => mine.has(id))
}

/** 1536 → "1.5 KB"; null when the database cannot tell. */
export function formatBytes(n: number | null): string {
  if (n == null) return '无法统计'
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`
  return `${(n / 1024 ** 3).toFixed(2)} GB`
}
