import { api } from '../../api'
import type { QuestionStatus } from '../../../../common/questions'

export interface QuestionListItem {
  id: number
  unitSiteId: number
  unitName: string
  question: string
  status: QuestionStatus
  statusLabel: string
  isHot: boolean
  sort: number
  topics: string[]
  letterId: number | null
  publishedAt: string | null
  updatedAt: string
}

export interface QuestionDetail extends QuestionListItem {
  detail: string
  answer: string
  services: { code: string; name: string | null }[]
  policies: { id: number; title: string; status: string }[]
  createdAt: string
}

export interface QuestionInput {
  unitSiteId: number
  question: string
  detail: string
  answer: string
  status: QuestionStatus
  isHot: boolean
  sort: number
  topics: string[]
  serviceCodes: string[]
  policyIds: number[]
}

export interface PolicyOption {
  id: number
  title: string
  siteName: string
  publishedAt: string | null
}

/** The 热点解答 admin API (`/api/admin/questions`). */
export const questionApi = {
  get: async (id: number) => (await api.get<{ data: QuestionDetail }>(`/questions/${id}`)).data,
  create: async (input: QuestionInput) =>
    (await api.post<{ data: QuestionDetail }>('/questions', input)).data,
  update: async (id: number, input: QuestionInput) =>
    (await api.put<{ data: QuestionDetail }>(`/questions/${id}`, input)).data,
  remove: (id: number) => api.del(`/questions/${id}`),
  fromLetter: async (letterId: number) =>
    (await api.post<{ data: QuestionDetail }>(`/questions/from-letter/${letterId}`)).data,
  topics: async () =>
    (await api.get<{ data: { topic: string; count: number }[] }>('/questions/topics')).data,
  policyOptions: async (q: string, ids: number[] = []) =>
    (
      await api.get<{ data: PolicyOption[] }>('/questions/policy-options', {
        q,
        ids: ids.join(','),
      })
    ).data,
  import: async (file: File) => {
    const body = new FormData()
    body.append('file', file)
    return (
      await api.post<{ data: { created: number; updated: number } }>('/questions/import', body)
    ).data
  },
}
