import {
  ARTICLE_STATUS_LABELS,
  ARTICLE_STATUSES,
  type ArticleStatus,
  type ColumnType,
  type UnpublishKind as Kind,
} from '../../../../common/enums'
import type { Finding } from '../../../../common/checks'
import { api } from '../../api'
import type { Level, ReviewContent, ReviewState, WorkflowSource } from '../review/review-api'

export type Status = ArticleStatus
export const STATUSES = ARTICLE_STATUSES

/** The Chinese label of a status. */
export function statusLabel(s: Status): string {
  return ARTICLE_STATUS_LABELS[s] ?? s
}

/** The open review of an article, as the article endpoints present it. */
export interface OpenReview {
  id: number
  state: ReviewState
  level: number
  levelCount: number
  levelName: string
  emergency: boolean
  submittedBy: number | null
}

/** How a taken-down article answers ('' while it never was). */
export type UnpublishKind = '' | Kind

/** What the signed-in user may do with the article now. */
export interface ArticleCan {
  edit: boolean
  submit: boolean
  publish: boolean
  emergency: boolean
  unpublish: boolean
  withdraw: boolean
  /** May decide on the open review's current level. */
  review: boolean
  delete: boolean
}

/** An admin list row (GET /articles). */
export interface ArticleRow {
  id: number
  siteId: number
  title: string
  author: string
  source: string
  status: Status
  publishedAt: string | null
  updatedAt: string
  createdAt: string
  views: number
  primaryColumnId?: number | null
  linkUrl: string
  /** Emergency-published and still waiting for its post-review (未审先发). */
  unreviewed: boolean
  /** A review is open (of the draft, or of a live article's working copy). */
  inReview: boolean
  hasWorkingCopy: boolean
  publishAt: string | null
  unpublishAt: string | null
  unpublishKind: UnpublishKind
  unpublishReason: string
  redirectUrl: string
  backdateReason: string
}

export interface ArticleFile {
  fileId: number
  role: 'attachment' | 'cover' | 'image' | string
  name: string
  url: string
  size: number
  mime: string
}

export interface Disclosure {
  indexNo: string
  docNo: string
  issuer: string
  writtenAt: string | null
  subjectCategory: string
  validity: string
}

/** GET /articles/:id. */
export interface ArticleDetail extends ArticleRow {
  subtitle: string
  summary: string
  keywords: string
  bodyHtml: string
  coverFileId: number | null
  coverAlt: string
  disclosure: Disclosure | null
  placements: { columnId: number; siteId: number; kind: 'primary' | 'linked' | 'copy' }[]
  files: ArticleFile[]
  /** A published article's edits waiting for review; the editor loads and saves this. */
  workingCopy: (ReviewContent & { publishedAt: string | null }) | null
  review: OpenReview | null
  workflow: { levels: Level[]; source: WorkflowSource; workflowId: number | null }
  can: ArticleCan
  /** Content-check findings of what was just saved (empty on a plain read). */
  findings: Finding[]
}

/** GET /articles/:id/revisions. */
export interface Revision {
  id: number
  no: number
  action: 'create' | 'save' | 'working' | 'apply' | 'restore' | 'import'
  title: string
  createdByName: string
  createdAt: string
}

export const REVISION_ACTION_LABELS: Record<Revision['action'], string> = {
  create: '新建',
  save: '保存',
  working: '保存修改稿',
  apply: '修改稿上线',
  restore: '恢复历史版本',
  import: '导入',
}

export interface AdminColumn {
  id: number
  siteId: number
  parentId: number | null
  name: string
  path: string
  type: ColumnType
  sort: number
}

export interface UploadedFile {
  id: number
  url: string
  name: string
  size: number
  mime: string
}

export interface BulkResult {
  succeeded: number
  failed: number
  results: { id: number; ok: boolean; reason?: string }[]
}

export const STATUS_COLORS: Record<Status, string> = {
  draft: 'default',
  pending: '#0050b3',
  scheduled: '#531dab',
  published: '#237804',
  unpublished: '#ad4e00',
}

/** Column types an article can be placed in. */
export const PLACEABLE_TYPES: ReadonlySet<ColumnType> = new Set(['list', 'page'])

const columnCache = new Map<number, Promise<AdminColumn[]>>()

/** A site's columns (flat, in tree order); cached for the page's life, dropped on failure. */
export function loadColumns(siteId: number, fresh = false): Promise<AdminColumn[]> {
  const hit = columnCache.get(siteId)
  if (hit && !fresh) return hit
  const p = api.get<{ data: AdminColumn[] }>(`/sites/${siteId}/columns`).then((r) => r.data)
  p.catch(() => columnCache.delete(siteId))
  columnCache.set(siteId, p)
  return p
}

export interface ColumnNode {
  value: number
  title: string
  disabled?: boolean
  children?: ColumnNode[]
}

/** Columns as a tree for TreeSelect; only list and single-page columns can be chosen. */
export function columnTree(columns: AdminColumn[], onlyPlaceable = true): ColumnNode[] {
  const byParent = new Map<number | null, AdminColumn[]>()
  for (const c of columns) byParent.set(c.parentId, [...(byParent.get(c.parentId) ?? []), c])
  const build = (parentId: number | null, depth: number): ColumnNode[] =>
    depth > 20
      ? []
      : (byParent.get(parentId) ?? [])
          .slice()
          .sort((a, b) => a.sort - b.sort || a.id - b.id)
          .map((c) => {
            const children = build(c.id, depth + 1)
            return {
              value: c.id,
              title: c.name,
              ...(onlyPlaceable && !PLACEABLE_TYPES.has(c.type) ? { disabled: true } : {}),
              ...(children.length > 0 ? { children } : {}),
            }
          })
  return build(null, 0)
}

/** Uploads one file to a site's media library (siteId field first, as the server requires). */
export async function uploadFile(
  siteId: number,
  file: File | Blob,
  name?: string,
): Promise<UploadedFile> {
  const form = new FormData()
  form.append('siteId', String(siteId))
  form.append('file', file, name ?? (file instanceof File ? file.name : 'image.png'))
  const res = await api.post<{ data: UploadedFile }>('/files', form)
  return res.data
}

export function sizeText(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1048576) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1048576).toFixed(1)} MB`
}
