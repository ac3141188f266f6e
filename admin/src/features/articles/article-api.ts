import type { ArticleStatus, ColumnType } from '../../../../common/enums'
import { api } from '../../api'

/** An admin list row (GET /articles). */
export interface ArticleRow {
  id: number
  siteId: number
  title: string
  author: string
  source: string
  status: ArticleStatus
  publishedAt: string | null
  updatedAt: string
  createdAt: string
  views: number
  primaryColumnId?: number | null
  linkUrl: string
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

export const STATUS_COLORS: Record<ArticleStatus, string> = {
  draft: 'default',
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
