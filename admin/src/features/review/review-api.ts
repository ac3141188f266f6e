import type { Finding } from '../../../../common/checks'
import type { ReviewDecision, ReviewState } from '../../../../common/enums'
import { api, ApiError } from '../../api'

export type { Finding, Severity } from '../../../../common/checks'
export type { ReviewDecision, ReviewState } from '../../../../common/enums'

/** Roles that can hold a review level on a site (null: only the named people). */
export type LevelRole = 'admin' | 'reviewer'

/** One level of a review workflow: held by a site role, by named people, or both. */
export interface Level {
  name: string
  role: LevelRole | null
  userIds: number[]
}

/** Where a column's effective workflow comes from. */
export type WorkflowSource = 'column' | 'ancestor' | 'site' | 'none'

/** A stored workflow: the site default (columnId null) or a column override. */
export interface Workflow {
  id: number
  siteId: number
  columnId: number | null
  columnName: string | null
  levels: Level[]
  updatedAt: string
}

/** GET /columns/:id/workflow. */
export interface EffectiveWorkflow {
  levels: Level[]
  source: WorkflowSource
  workflowId: number | null
}

export type ReviewKind = 'new' | 'revision'

export interface ReviewStep {
  level: number
  decision: ReviewDecision
  actorName: string
  comment: string
  at: string
}

/** The article content a review is about (a draft or a published article's working copy). */
export interface ReviewContent {
  title: string
  subtitle: string
  source: string
  author: string
  bodyHtml: string
  summary: string
  keywords: string
  linkUrl: string
  disclosure: Record<string, string | null> | null
  columnIds: number[]
  attachments: { fileId: number; name?: string }[]
  coverFileId: number | null
  coverAlt: string
}

export interface DiffField {
  field: string
  label: string
  from: string
  to: string
}

export interface DiffChunk {
  op: 'equal' | 'insert' | 'delete'
  text: string
}

/** A server-computed comparison: changed fields and a text diff of the body. */
export interface Diff {
  fields: DiffField[]
  body: DiffChunk[]
}

/** A review as listed in an article's history (GET /articles/:id/reviews; no content). */
export interface ReviewSummary {
  id: number
  articleId: number
  siteId: number
  state: ReviewState
  /** The current (or last) level, 1-based; the level count is `levels.length`. */
  level: number
  levels: Level[]
  emergency: boolean
  /** Why it ended (the return reason), when it did. */
  reason: string
  submittedBy: number | null
  submittedAt: string
  finishedAt: string | null
  steps: ReviewStep[]
}

/** GET /reviews/:id: the review with its content, diff and findings. */
export interface ReviewDetail extends ReviewSummary {
  kind: ReviewKind
  submittedByName: string
  content: ReviewContent
  diff: Diff | null
  findings: Finding[]
  canAct: boolean
}

/** A row of 待我审核 (GET /reviews/inbox). */
export interface InboxRow {
  reviewId: number
  articleId: number
  title: string
  siteId: number
  siteName: string
  columnName: string
  level: number
  levelCount: number
  levelName: string
  emergency: boolean
  kind: ReviewKind
  submittedBy: number | null
  submittedByName: string
  submittedAt: string
}

/** A person who can be named on a review level (from GET /users). */
export interface SiteUser {
  id: number
  username: string
  displayName: string
  status: 'active' | 'disabled'
}

/** The signed-in user's share of work changed: the header badges refresh at once. */
export function announceWorkChanged(): void {
  window.dispatchEvent(new CustomEvent('zq:notifications'))
}

/** Findings carried by a 422 `checks_blocked` error, when the API client passed them through. */
export function findingsFromError(e: unknown): Finding[] | null {
  if (!(e instanceof ApiError) || e.code !== 'checks_blocked') return null
  const details = (e as { details?: unknown }).details
  if (details && typeof details === 'object' && 'findings' in details) {
    const f = (details as { findings?: unknown }).findings
    if (Array.isArray(f)) return f as Finding[]
  }
  return null
}

export interface CheckInput {
  siteId: number
  title: string
  bodyHtml: string
  attachments?: { fileId: number; name?: string }[]
  publishedAt?: string | null
  backdateReason?: string
  articleId?: number
}

/** Runs the content checks on unsaved content (POST /checks/run). */
export async function runChecks(input: CheckInput): Promise<Finding[]> {
  const { publishedAt, attachments, ...rest } = input
  const res = await api.post<{ data: Finding[] }>('/checks/run', {
    ...rest,
    ...(attachments
      ? { attachments: attachments.map((a) => ({ fileId: a.fileId, name: a.name ?? '' })) }
      : {}),
    ...(publishedAt ? { publishedAt } : {}),
  })
  return res.data
}

/** Every active user with a role on a site (for naming people on review levels). */
export async function loadSiteUsers(siteId: number): Promise<SiteUser[]> {
  const out: SiteUser[] = []
  for (let page = 1; page <= 20; page++) {
    const res = await api.get<{ data: SiteUser[]; total: number }>('/users', {
      siteId,
      status: 'active',
      page,
      pageSize: 100,
    })
    out.push(...res.data)
    if (out.length >= res.total || res.data.length === 0) break
  }
  return out
}
