import type { Generated } from 'kysely'

export interface MailboxTable {
  id: Generated<number>
  site_id: number
  code: string
  name: string
  description: Generated<string>
  sort: Generated<number>
  enabled: Generated<number>
  limits: Generated<string>
  created_at: string
  updated_at: string
}

export interface LetterTable {
  id: Generated<number>
  mailbox_id: number
  site_id: number
  query_code: string
  password_hash: string
  type: string
  category: Generated<string>
  source: Generated<string>
  external_id: string | null
  subject: string
  body: string
  writer_name: string
  writer_mobile: string
  writer_email: Generated<string>
  wants_public: Generated<number>
  state: string
  unit_site_id: number | null
  merged_into: number | null
  due_at: string | null
  due_basis: Generated<string>
  paused_at: string | null
  extended: Generated<number>
  reply: Generated<string>
  replied_at: string | null
  rating: Generated<string>
  rating_comment: Generated<string>
  rated_at: string | null
  reopened: Generated<number>
  published: Generated<number>
  public_subject: Generated<string>
  public_body: Generated<string>
  public_reply: Generated<string>
  published_at: string | null
  dedupe_hash: string
  received_at: string
  updated_at: string
  accepted_at: string | null
  closed_at: string | null
  escalate_at: string | null
  reply_days: number | null
  on_time: number | null
  reply_by: number | null
  reply_draft: Generated<string>
  rating_until: string | null
  public_note: Generated<string>
}

export interface LetterRouteTable {
  id: Generated<number>
  site_id: number
  mailbox_id: number | null
  type: Generated<string>
  category_prefix: Generated<string>
  unit_site_id: number
  sort: Generated<number>
  created_at: string
}

export interface LetterEventTable {
  id: Generated<number>
  letter_id: number
  at: string
  actor_id: number | null
  actor_name: Generated<string>
  action: string
  from_state: Generated<string>
  to_state: Generated<string>
  note: Generated<string>
  internal: Generated<number>
  data: Generated<string>
}

export interface LetterStageTable {
  id: Generated<number>
  letter_id: number
  stage: string
  unit_site_id: number | null
  started_at: string
  limit_days: number
  due_at: string
  ended_at: string | null
  working_days: number | null
  on_time: number | null
}

export interface LetterFileTable {
  id: Generated<number>
  letter_id: number
  file_id: number
  name: string
  role: Generated<string>
}
