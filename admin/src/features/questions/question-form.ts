import type { QuestionStatus } from '../../../../common/questions'
import type { QuestionDetail, QuestionInput } from './question-api'

/** The editor's form values (AntD): tags as arrays, the unit as a site id. */
export interface QuestionFormValues {
  unitSiteId?: number
  question: string
  detail?: string
  answer?: string
  isHot?: boolean
  sort?: number | null
  topics?: string[]
  serviceCodes?: string[]
  policyIds?: number[]
}

export function formValues(q: QuestionDetail): QuestionFormValues {
  return {
    unitSiteId: q.unitSiteId,
    question: q.question,
    detail: q.detail,
    answer: q.answer,
    isHot: q.isHot,
    sort: q.sort,
    topics: q.topics,
    serviceCodes: q.services.map((s) => s.code),
    policyIds: q.policies.map((p) => p.id),
  }
}

const clean = (list: string[] | undefined) => [
  ...new Set((list ?? []).map((s) => s.trim()).filter(Boolean)),
]

/** What the API takes: trimmed text, de-duplicated tags, the status chosen by the button. */
export function questionInput(v: QuestionFormValues, status: QuestionStatus): QuestionInput {
  return {
    unitSiteId: v.unitSiteId ?? 0,
    question: v.question.trim(),
    detail: (v.detail ?? '').trim(),
    answer: (v.answer ?? '').trim(),
    status,
    isHot: Boolean(v.isHot),
    sort: Number.isInteger(v.sort) ? Number(v.sort) : 0,
    topics: clean(v.topics),
    serviceCodes: clean(v.serviceCodes),
    policyIds: [...new Set(v.policyIds ?? [])],
  }
}

/** Sites whose entries the user keeps: every site for cluster admins, else admin/editor grants. */
export function keepableSiteIds(
  session: { isClusterAdmin: boolean; grants: { siteId: number | null; role: string }[] } | null,
  siteIds: number[],
): number[] {
  if (!session) return []
  if (session.isClusterAdmin) return siteIds
  const mine = new Set(
    session.grants
      .filter((g) => g.siteId !== null && (g.role === 'admin' || g.role === 'editor'))
      .map((g) => g.siteId),
  )
  return siteIds.filter((id) => mine.has(id))
}
