import type {
  AggregateRule,
  AggregateSource,
  Push,
  PushKind,
  PushState,
  SharingPolicy,
  Submission,
  SubmissionScoring,
  SubmissionStatRow,
  SubmissionStatus,
} from '../../../../common/cluster'
import { api } from '../../api'

export type {
  AggregateRule,
  AggregateSource,
  Push,
  PushKind,
  PushState,
  SharingPolicy,
  Submission,
  SubmissionScoring,
  SubmissionStatRow,
  SubmissionStatus,
}

/** A site that accepts submissions or pushes from the article's site, with its open columns. */
export interface SharingTarget {
  siteId: number
  siteName: string
  columns: { id: number; name: string; path: string }[]
}

/** The submitted content as the target's editors read it (GET /submissions/:id → `article`). */
export interface SubmittedArticle {
  title: string
  subtitle?: string
  source: string
  author?: string
  summary?: string
  bodyHtml: string
  attachments: { name: string; url?: string; fileId?: number }[]
}

export type SubmissionDetail = Submission & { article: SubmittedArticle | null }

/** One matched item of an aggregate rule preview. */
export interface AggregateItem {
  id: number
  title: string
  siteName: string
  columnName: string
  publishedAt: string | null
  url: string
}

export type AdoptMode = 'publish' | 'draft'

export interface AdoptInput {
  columnId: number
  title: string
  summary: string
  source: string
  mode: AdoptMode
}

/** The filters of 报送信息 / 报送收件箱 (both boxes share the list endpoint). */
export interface SubmissionQuery {
  box: 'outbox' | 'inbox'
  siteId?: number
  status?: SubmissionStatus
  q?: string
  from?: string
  to?: string
}

export interface PushQuery {
  box: 'outbox' | 'inbox'
  siteId?: number
  state?: PushState
  articleId?: number
}

interface Paged<T> {
  data: T[]
  total: number
  page: number
  pageSize: number
}

/** The cluster endpoints of /api/admin (see common/cluster.ts for the contract). */
export const clusterApi = {
  targets: async (kind: 'submissions' | 'pushes', sourceSiteId: number) =>
    (
      await api.get<{ data: SharingTarget[] }>('/sharing/targets', {
        kind,
        sourceSiteId,
      })
    ).data,

  // 信息报送
  submissions: (q: SubmissionQuery & { page: number; pageSize: number }) =>
    api.get<Paged<Submission>>('/submissions', { ...q }),
  submission: async (id: number) =>
    (await api.get<{ data: SubmissionDetail }>(`/submissions/${id}`)).data,
  submit: async (body: { articleId: number; targetColumnIds: number[]; note: string }) =>
    (await api.post<{ data: Submission[] }>('/submissions', body)).data,
  withdraw: async (id: number) =>
    (await api.post<{ data: Submission }>(`/submissions/${id}/withdraw`)).data,
  resubmit: async (id: number, note: string) =>
    (await api.post<{ data: Submission }>(`/submissions/${id}/resubmit`, { note })).data,
  /** 采用; `articleId` is the new article on the receiving site. */
  adopt: (id: number, body: AdoptInput) =>
    api.post<{ data: Submission; articleId: number }>(`/submissions/${id}/adopt`, body),
  returnBack: async (id: number, reason: string) =>
    (await api.post<{ data: Submission }>(`/submissions/${id}/return`, { reason })).data,
  decline: async (id: number, reason: string) =>
    (await api.post<{ data: Submission }>(`/submissions/${id}/decline`, { reason })).data,
  statistics: async (q: { from: string; to: string; targetSiteId?: number }) =>
    (await api.get<{ data: SubmissionStatRow[] }>('/submissions/statistics', q)).data,
  scoring: async () => (await api.get<{ data: SubmissionScoring }>('/submissions/scoring')).data,
  saveScoring: async (s: SubmissionScoring) =>
    (await api.put<{ data: SubmissionScoring }>('/submissions/scoring', s)).data,

  // 一稿多发
  pushes: (q: PushQuery & { page: number; pageSize: number }) =>
    api.get<Paged<Push>>('/pushes', { ...q }),
  articlePushes: async (articleId: number) =>
    (await api.get<{ data: Push[] }>(`/articles/${articleId}/pushes`)).data,
  push: async (articleId: number, body: { columnIds: number[]; kind: PushKind }) =>
    (await api.post<{ data: Push[] }>(`/articles/${articleId}/pushes`, body)).data,
  withdrawPush: async (id: number) =>
    (await api.post<{ data: Push }>(`/pushes/${id}/withdraw`)).data,
  acceptPush: async (id: number, columnId?: number) =>
    (await api.post<{ data: Push }>(`/pushes/${id}/accept`, columnId ? { columnId } : {})).data,
  rejectPush: async (id: number, reason: string) =>
    (await api.post<{ data: Push }>(`/pushes/${id}/reject`, { reason })).data,
  removePush: async (id: number) => (await api.post<{ data: Push }>(`/pushes/${id}/remove`)).data,

  // 站点共享设置
  sharing: async (siteId: number) =>
    (await api.get<{ data: SharingPolicy }>(`/sites/${siteId}/sharing`)).data,
  saveSharing: async (siteId: number, body: Omit<SharingPolicy, 'siteId' | 'updatedAt'>) =>
    (await api.put<{ data: SharingPolicy }>(`/sites/${siteId}/sharing`, body)).data,

  // 聚合栏目
  preview: async (body: { siteId: number; columnId?: number; rule: AggregateRule }) =>
    (
      await api.post<{ data: { sources: AggregateSource[]; items: AggregateItem[] } }>(
        '/columns/aggregate/preview',
        body,
      )
    ).data,
}

const publicUrls = new Map<number, Promise<string | null>>()

/**
 * The public address of a published article (GET /api/v1/articles/:id, the public API), or
 * null while it is not published; cached for the page's life.
 */
export function publicArticleUrl(id: number): Promise<string | null> {
  const hit = publicUrls.get(id)
  if (hit) return hit
  const p = fetch(`/api/v1/articles/${id}`, { credentials: 'same-origin' })
    .then(async (res) => {
      if (!res.ok) return null
      const body = (await res.json()) as { data?: { url?: string } }
      return body.data?.url ?? null
    })
    .catch(() => {
      publicUrls.delete(id)
      return null
    })
  publicUrls.set(id, p)
  return p
}
