import type { Generated } from 'kysely'

export interface JobTable {
  id: Generated<number>
  kind: string
  run_at: string
  payload: Generated<string>
  locked_by: string | null
  locked_at: string | null
  attempts: Generated<number>
  done_at: string | null
  error: string | null
  created_at: string
  ref: Generated<string>
}
