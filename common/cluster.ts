import type { SiteKind } from './enums'

// The cluster: 信息报送 (submissions), 一稿多发 (pushes) and aggregate columns (栏目共建).
// Shared by the server and the admin; the API shapes below are the contract between them.

/** Who a site accepts submissions or pushes from. */
export const ACCEPT_MODES = ['none', 'all', 'listed'] as const
export type AcceptMode = (typeof ACCEPT_MODES)[number]
export const ACCEPT_MODE_LABELS: Record<AcceptMode, string> = {
  none: '不接收',
  all: '接收站群内所有站点',
  listed: '仅接收指定站点',
}

/** What a site accepts from the rest of the cluster (GET/PUT /api/admin/sites/:id/sharing). */
export interface SharingPolicy {
  siteId: number
  /** 信息报送: who may submit items to this site. */
  submissions: AcceptMode
  /** Site ids allowed when `submissions` is `listed`. */
  submissionSources: number[]
  /** Columns that take submissions; empty: every list column of the site. */
  submissionColumns: number[]
  /** 一稿多发: who may push articles into this site's columns. */
  pushes: AcceptMode
  pushSources: number[]
  /** Pushed items wait for acceptance by this site's editors (else they appear at once). */
  pushReview: boolean
  updatedAt: string | null
}

/** The policy of a site without a stored one: the portal takes submissions and reviewed pushes. */
export function defaultSharing(siteId: number, kind: SiteKind): SharingPolicy {
  const portal = kind === 'portal'
  return {
    siteId,
    submissions: portal ? 'all' : 'none',
    submissionSources: [],
    submissionColumns: [],
    pushes: portal ? 'all' : 'none',
    pushSources: [],
    pushReview: true,
    updatedAt: null,
  }
}

// ---- 信息报送 -------------------------------------------------------------------------------

export const SUBMISSION_STATUSES = [
  'pending',
  'adopted',
  'returned',
  'declined',
  'withdrawn',
] as const
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number]
export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, string> = {
  pending: '待处理',
  adopted: '已采用',
  returned: '退回修改',
  declined: '不予采用',
  withdrawn: '已撤回',
}

/**
 * A submission as the admin lists it: GET /api/admin/submissions?box=outbox|inbox&siteId=
 * &status=&q=&from=&to=&page=&pageSize= → { data: Submission[], total, page, pageSize }.
 */
export interface Submission {
  id: number
  sourceSiteId: number
  sourceSiteName: string
  sourceArticleId: number | null
  targetSiteId: number
  targetSiteName: string
  targetColumnId: number | null
  targetColumnName: string
  title: string
  note: string
  status: SubmissionStatus
  reason: string
  rounds: number
  adoptedArticleId: number | null
  /** Adopted into a column shown on the target site's home page. */
  adoptedHome: boolean
  submittedBy: number | null
  submittedByName: string
  submittedAt: string
  decidedBy: number | null
  decidedByName: string
  decidedAt: string | null
}

/** How adopted items count in the assessment score (setting `submission.scoring`). */
export interface SubmissionScoring {
  perSubmitted: number
  perAdopted: number
  /** Extra points for an item adopted into a home-page column of the portal. */
  perAdoptedHome: number
}
export const DEFAULT_SUBMISSION_SCORING: SubmissionScoring = {
  perSubmitted: 0.5,
  perAdopted: 2,
  perAdoptedHome: 3,
}

/** One unit's row of GET /api/admin/submissions/statistics?from=&to=&targetSiteId= (and .xlsx). */
export interface SubmissionStatRow {
  rank: number
  siteId: number
  siteName: string
  submitted: number
  adopted: number
  /** adopted / submitted, 0..1 (0 when nothing was submitted). */
  rate: number
  adoptedHome: number
  score: number
}

// ---- 一稿多发 -------------------------------------------------------------------------------

export const PUSH_KINDS = ['linked', 'copy'] as const
export type PushKind = (typeof PUSH_KINDS)[number]
export const PUSH_KIND_LABELS: Record<PushKind, string> = {
  linked: '链接引用（随原文同步更新）',
  copy: '复制（独立副本，注明来源）',
}

export const PUSH_STATES = ['pending', 'accepted', 'rejected', 'withdrawn'] as const
export type PushState = (typeof PUSH_STATES)[number]
export const PUSH_STATE_LABELS: Record<PushState, string> = {
  pending: '待接收',
  accepted: '已接收',
  rejected: '已拒收',
  withdrawn: '已撤回',
}

/**
 * A push as the admin lists it: GET /api/admin/pushes?box=outbox|inbox&siteId=&state=&articleId=
 * &page=&pageSize= → { data: Push[], total, page, pageSize }.
 */
export interface Push {
  id: number
  articleId: number | null
  sourceSiteId: number
  sourceSiteName: string
  targetSiteId: number
  targetSiteName: string
  targetColumnId: number | null
  targetColumnName: string
  kind: PushKind
  state: PushState
  title: string
  reason: string
  copyArticleId: number | null
  pushedBy: number | null
  pushedByName: string
  pushedAt: string
  decidedBy: number | null
  decidedByName: string
  decidedAt: string | null
}

// ---- Aggregate columns ----------------------------------------------------------------------

/**
 * The rule of an aggregate column (`settings.aggregate` of a column of type `aggregate`). Items
 * of every matching source column are listed newest first, without copying anything. Filters
 * combine with AND; an empty list means "any".
 */
export interface AggregateRule {
  /** Site kinds (portal, channel, standalone). */
  siteKinds: SiteKind[]
  /** Site groupings (部门, 乡镇, 专题 …). */
  groupings: string[]
  /** Particular sites. */
  siteIds: number[]
  /** Column slugs matched in every selected site, e.g. ["gzdt"] for each unit's 工作动态. */
  columnSlugs: string[]
  /** Particular source columns (any site); with these the site filters are not needed. */
  columnIds: number[]
  /** Include the sub-columns of each matched column. */
  includeChildren: boolean
  /** Only items whose 关键词 contain one of these tags. */
  tags: string[]
  /** Only items published in the last N days (0: no limit). */
  withinDays: number
  /** Only items published on or after this date (YYYY-MM-DD; '' : no limit). */
  since: string
}

export const EMPTY_AGGREGATE_RULE: AggregateRule = {
  siteKinds: [],
  groupings: [],
  siteIds: [],
  columnSlugs: [],
  columnIds: [],
  includeChildren: false,
  tags: [],
  withinDays: 0,
  since: '',
}

/**
 * POST /api/admin/columns/aggregate/preview { siteId, columnId?, rule } →
 * { data: { sources: AggregateSource[], items: {id,title,siteName,columnName,publishedAt,url}[] } }
 */
export interface AggregateSource {
  siteId: number
  siteName: string
  columnId: number | null
  columnName: string
}
