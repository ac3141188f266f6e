import type { Generated } from 'kysely'

/** What a site accepts from the rest of the cluster (JSON arrays of site / column ids). */
export interface SiteSharingTable {
  site_id: number
  submissions: Generated<string>
  submission_sources: Generated<string>
  submission_columns: Generated<string>
  pushes: Generated<string>
  push_sources: Generated<string>
  push_review: Generated<number>
  updated_by: number | null
  updated_at: string
}

/** 信息报送: a unit's item offered to another site's column. */
export interface SubmissionTable {
  id: Generated<number>
  source_site_id: number
  source_article_id: number | null
  target_site_id: number
  target_column_id: number | null
  title: string
  note: Generated<string>
  status: Generated<string>
  reason: Generated<string>
  rounds: Generated<number>
  adopted_article_id: number | null
  adopted_home: Generated<number>
  submitted_by: number | null
  submitted_at: string
  decided_by: number | null
  decided_at: string | null
  updated_at: string
}

/** 一稿多发: an article pushed to another site's column, linked or copied. */
export interface PushTable {
  id: Generated<number>
  article_id: number | null
  source_site_id: number
  target_site_id: number
  target_column_id: number | null
  kind: string
  state: Generated<string>
  title: string
  reason: Generated<string>
  copy_article_id: number | null
  pushed_by: number | null
  pushed_at: string
  decided_by: number | null
  decided_at: string | null
  updated_at: string
}

export interface ClusterTables {
  site_sharing: SiteSharingTable
  submission: SubmissionTable
  push: PushTable
}
