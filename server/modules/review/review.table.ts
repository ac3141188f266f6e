import type { Generated } from 'kysely'

export interface WorkflowTable {
  id: Generated<number>
  site_id: number
  /** Null: the site's default workflow. */
  column_id: number | null
  /** JSON: WorkflowLevel[] */
  levels: Generated<string>
  updated_by: number | null
  updated_at: string
}

export interface ReviewTable {
  id: Generated<number>
  article_id: number
  site_id: number
  revision_id: number | null
  /** JSON: the workflow's levels when the review began (later edits don't move it). */
  levels: string
  level: Generated<number>
  state: string
  emergency: Generated<number>
  submitted_by: number | null
  submitted_at: string
  finished_at: string | null
  reason: Generated<string>
}

export interface ReviewStepTable {
  id: Generated<number>
  review_id: number
  level: number
  decision: string
  actor_id: number | null
  actor_name: Generated<string>
  comment: Generated<string>
  at: string
}
