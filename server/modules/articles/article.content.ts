import type { ArticleUpdateInput, DisclosureInput } from './article.schema'
import type { Article, ArticleFileRef } from './article.repository'
import type { Placement } from './placement.repository'

/**
 * Everything an editor edits, as one value: what a revision stores, what a working copy holds
 * and what a review approves. Publication metadata (status, dates) is not part of it.
 */
export interface ArticleContent {
  title: string
  subtitle: string
  source: string
  author: string
  bodyHtml: string
  summary: string
  coverFileId: number | null
  coverAlt: string
  keywords: string
  linkUrl: string
  disclosure: DisclosureInput | null
  columnIds: number[]
  attachments: { fileId: number; name?: string }[]
}

/** A revision's stored snapshot: the content and the publication date it had. */
export interface RevisionSnapshot extends ArticleContent {
  publishedAt: string | null
}

export function contentOf(
  a: Article & { placements: Placement[]; files: ArticleFileRef[] },
): ArticleContent {
  return {
    title: a.title,
    subtitle: a.subtitle,
    source: a.source,
    author: a.author,
    bodyHtml: a.bodyHtml,
    summary: a.summary,
    coverFileId: a.coverFileId,
    coverAlt: a.coverAlt,
    keywords: a.keywords,
    linkUrl: a.linkUrl,
    disclosure: a.disclosure,
    // Placements made by pushes belong to the receiving sites, not to the editor's column list.
    columnIds: a.placements.filter((p) => p.pushId === null).map((p) => p.columnId),
    attachments: a.files
      .filter((f) => f.role === 'attachment')
      .map((f) => ({ fileId: f.fileId, name: f.name })),
  }
}

const CONTENT_KEYS: (keyof ArticleContent)[] = [
  'title',
  'subtitle',
  'source',
  'author',
  'bodyHtml',
  'summary',
  'coverFileId',
  'coverAlt',
  'keywords',
  'linkUrl',
  'disclosure',
  'columnIds',
  'attachments',
]

/** The content with the given fields replaced (undefined fields keep their value). */
export function mergeContent(base: ArticleContent, input: Partial<ArticleContent>): ArticleContent {
  const out = { ...base }
  for (const k of CONTENT_KEYS) {
    const v = input[k]
    if (v !== undefined) (out as Record<string, unknown>)[k] = v
  }
  return out
}

/** Reads a stored snapshot, tolerating fields added after it was written. */
export function parseSnapshot(json: string): RevisionSnapshot {
  const s = JSON.parse(json) as Partial<RevisionSnapshot>
  return {
    title: s.title ?? '',
    subtitle: s.subtitle ?? '',
    source: s.source ?? '',
    author: s.author ?? '',
    bodyHtml: s.bodyHtml ?? '',
    summary: s.summary ?? '',
    coverFileId: s.coverFileId ?? null,
    coverAlt: s.coverAlt ?? '',
    keywords: s.keywords ?? '',
    linkUrl: s.linkUrl ?? '',
    disclosure: s.disclosure ?? null,
    columnIds: s.columnIds ?? [],
    attachments: s.attachments ?? [],
    publishedAt: s.publishedAt ?? null,
  }
}

export function sameContent(a: ArticleContent, b: ArticleContent): boolean {
  return CONTENT_KEYS.every((k) => JSON.stringify(a[k] ?? null) === JSON.stringify(b[k] ?? null))
}

/** Nothing yet: what a new article starts from. */
export function emptyContent(): ArticleContent {
  return {
    title: '',
    subtitle: '',
    source: '',
    author: '',
    bodyHtml: '',
    summary: '',
    coverFileId: null,
    coverAlt: '',
    keywords: '',
    linkUrl: '',
    disclosure: null,
    columnIds: [],
    attachments: [],
  }
}

/** What an edit changed, for the audit log (the body by length; ids as given). */
export function changedFields(
  before: ArticleContent,
  after: ArticleContent,
  input: ArticleUpdateInput,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(after) as (keyof ArticleContent)[]) {
    const a = before[k]
    const b = after[k]
    if (JSON.stringify(a ?? null) === JSON.stringify(b ?? null)) continue
    out[k] =
      k === 'bodyHtml' ? { changed: true, length: String(b).length } : { from: a ?? null, to: b }
  }
  if (input.publishedAt !== undefined) out.publishedAt = { to: input.publishedAt }
  if (input.backdateReason) out.backdateReason = input.backdateReason
  if (sameContent(before, after) && Object.keys(out).length === 0) out.unchanged = true
  return out
}
