import type { Generated } from 'kysely'

export interface FileTable {
  id: Generated<number>
  sha256: string
  size: number
  mime: string
  ext: string
  name: string
  site_id: number | null
  created_by: number | null
  created_at: string
}
