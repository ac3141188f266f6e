import type { Generated } from 'kysely'

export interface QuestionTable {
  id: Generated<number>
  unit_site_id: number
  question: string
  detail: Generated<string>
  answer: Generated<string>
  status: Generated<string>
  is_hot: Generated<number>
  sort: Generated<number>
  letter_id: number | null
  published_at: string | null
  created_by: number | null
  updated_by: number | null
  created_at: string
  updated_at: string
}

export interface QuestionTopicTable {
  question_id: number
  topic: string
  sort: Generated<number>
}

export interface QuestionServiceTable {
  question_id: number
  service_code: string
  sort: Generated<number>
}

export interface QuestionPolicyTable {
  question_id: number
  article_id: number
  sort: Generated<number>
}

/** The tables of this module, as Kysely sees them (merged into `DB` in server/db/schema.ts). */
export interface QuestionTables {
  question: QuestionTable
  question_topic: QuestionTopicTable
  question_service: QuestionServiceTable
  question_policy: QuestionPolicyTable
}
