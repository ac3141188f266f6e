import { QUESTION_STATUS_LABELS } from '../../../common/questions'
import type { PolicyLink, ServiceLink } from './question-links.repository'
import type { Question } from './question.repository'

/** An entry in the admin list. */
export function presentListItem(q: Question, topics: string[]) {
  return {
    id: q.id,
    unitSiteId: q.unitSiteId,
    unitName: q.unitName,
    question: q.question,
    status: q.status,
    statusLabel: QUESTION_STATUS_LABELS[q.status],
    isHot: q.isHot,
    sort: q.sort,
    topics,
    letterId: q.letterId,
    publishedAt: q.publishedAt,
    updatedAt: q.updatedAt,
  }
}
export type QuestionListItem = ReturnType<typeof presentListItem>

/** An entry in the admin editor: every field and its links. */
export function presentDetail(
  q: Question,
  links: { topics: string[]; services: ServiceLink[]; policies: PolicyLink[] },
) {
  return {
    ...presentListItem(q, links.topics),
    detail: q.detail,
    answer: q.answer,
    services: links.services,
    policies: links.policies.map((p) => ({ id: p.id, title: p.title, status: p.status })),
    createdAt: q.createdAt,
  }
}
export type QuestionDetail = ReturnType<typeof presentDetail>

/** Plain-text answers as paragraphs for the templates (escaped by Liquid). */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
}
