import type { Generated } from 'kysely'

export interface ArticleTable {
  id: Generated<number>
  site_id: number
  external_id: string | null
  title: string
  subtitle: Generated<string>
  source: Generated<string>
  author: Generated<string>
  body_html: Generated<string>
  body_text: Generated<string>
  summary: Generated<string>
  cover_file_id: number | null
  cover_alt: Generated<string>
  keywords: Generated<string>
  link_url: Generated<string>
  index_no: Generated<string>
  doc_no: Generated<string>
  issuer: Generated<string>
  written_at: string | null
  subject_category: Generated<string>
  validity: Generated<string>
  status: Generated<string>
  published_at: string | null
  unpublished_at: string | null
  view_count: Generated<number>
  working_revision_id: number | null
  review_id: number | null
  unreviewed: Generated<number>
  publish_at: string | null
  unpublish_at: string | null
  unpublish_kind: Generated<string>
  unpublish_reason: Generated<string>
  redirect_url: Generated<string>
  backdate_reason: Generated<string>
  /** Source of a copied (一稿多发) or adopted (信息报送) article. */
  origin_article_id: number | null
  origin_site_id: number | null
  created_by: number | null
  updated_by: number | null
  created_at: string
  updated_at: string
}

export interface PlacementTable {
  id: Generated<number>
  article_id: number
  column_id: number
  site_id: number
  kind: Generated<string>
  pinned: Generated<number>
  sort: Generated<number>
  status: string
  published_at: string | null
  /** The accepted push that made this placement (null: placed by the article's own editors). */
  push_id: number | null
}

export interface ArticleFileTable {
  id: Generated<number>
  article_id: number
  file_id: number
  role: string
  name: string
  sort: Generated<number>
}

export interface ArticleRevisionTable {
  id: Generated<number>
  article_id: number
  no: number
  action: string
  snapshot: string
  created_by: number | null
  created_by_name: Generated<string>
  created_at: string
}
