import dayjs, { type Dayjs } from 'dayjs'
import type { ReviewContent } from '../review/review-api'
import type { ArticleDetail, Disclosure } from './article-api'
import type { AttachmentValue, CoverValue } from './ArticleFileInputs'

/** The editor form's values. */
export interface EditorValues {
  title: string
  subtitle?: string
  source?: string
  author?: string
  primaryColumnId?: number
  linkedColumnIds?: number[]
  publishedAt?: Dayjs | null
  /** 补录原因: why the publishing date lies before the day the article was entered. */
  backdateReason?: string
  summary?: string
  keywords?: string
  linkUrl?: string
  cover?: CoverValue | null
  coverAlt?: string
  attachments?: AttachmentValue[]
  bodyHtml?: string
  disclosure?: {
    indexNo?: string
    docNo?: string
    issuer?: string
    writtenAt?: Dayjs | null
    subjectCategory?: string
    validity?: string
  }
}

/** Server field names → form field paths. */
export const FIELD_MAP: Record<string, (string | number)[]> = {
  columnIds: ['primaryColumnId'],
  coverFileId: ['cover'],
  'disclosure.writtenAt': ['disclosure', 'writtenAt'],
}

type DisclosureLike = Partial<Record<keyof Disclosure, string | null>>

function disclosureValues(d: DisclosureLike | null | undefined) {
  return {
    indexNo: d?.indexNo ?? '',
    docNo: d?.docNo ?? '',
    issuer: d?.issuer ?? '',
    writtenAt: d?.writtenAt ? dayjs(d.writtenAt) : null,
    subjectCategory: d?.subjectCategory ?? '',
    validity: d?.validity ?? '',
  }
}

/** A working copy's values; file URLs come from the live article's files where known. */
function workingCopyValues(
  w: ReviewContent & { publishedAt?: string | null },
  a: ArticleDetail,
): EditorValues {
  const fileOf = (id: number) => a.files.find((f) => f.fileId === id)
  const cover = w.coverFileId ? fileOf(w.coverFileId) : undefined
  const [primary, ...linked] = w.columnIds
  return {
    title: w.title,
    subtitle: w.subtitle,
    source: w.source,
    author: w.author,
    primaryColumnId: primary,
    linkedColumnIds: linked,
    publishedAt: w.publishedAt ? dayjs(w.publishedAt) : a.publishedAt ? dayjs(a.publishedAt) : null,
    backdateReason: a.backdateReason ?? '',
    summary: w.summary,
    keywords: w.keywords,
    linkUrl: w.linkUrl,
    cover: w.coverFileId
      ? { id: w.coverFileId, url: cover?.url ?? '', name: cover?.name ?? '封面图' }
      : null,
    coverAlt: w.coverAlt,
    attachments: w.attachments.map((x) => ({
      fileId: x.fileId,
      name: x.name ?? fileOf(x.fileId)?.name ?? '',
      url: fileOf(x.fileId)?.url ?? '',
      size: fileOf(x.fileId)?.size,
    })),
    bodyHtml: w.bodyHtml,
    disclosure: disclosureValues(w.disclosure),
  }
}

/** The form's values for an article: its working copy when there is one, else the article. */
export function toValues(a: ArticleDetail): EditorValues {
  if (a.workingCopy) return workingCopyValues(a.workingCopy, a)
  const primary = a.placements.find((p) => p.kind === 'primary')
  const cover = a.files.find((f) => f.role === 'cover')
  return {
    title: a.title,
    subtitle: a.subtitle,
    source: a.source,
    author: a.author,
    primaryColumnId: primary?.columnId,
    linkedColumnIds: a.placements.filter((p) => p.kind !== 'primary').map((p) => p.columnId),
    publishedAt: a.publishedAt ? dayjs(a.publishedAt) : null,
    backdateReason: a.backdateReason ?? '',
    summary: a.summary,
    keywords: a.keywords,
    linkUrl: a.linkUrl,
    cover: cover ? { id: cover.fileId, url: cover.url, name: cover.name } : null,
    coverAlt: a.coverAlt,
    attachments: a.files
      .filter((f) => f.role === 'attachment')
      .map((f) => ({ fileId: f.fileId, name: f.name, url: f.url, size: f.size })),
    bodyHtml: a.bodyHtml,
    disclosure: disclosureValues(a.disclosure),
  }
}

/** Whether the article (or its working copy) has any 信息公开 attribute filled in. */
export function hasDisclosure(a: ArticleDetail): boolean {
  const d: DisclosureLike | null = a.workingCopy ? a.workingCopy.disclosure : a.disclosure
  return Boolean(d && Object.values(d).some((v) => typeof v === 'string' && v.trim() !== ''))
}

/**
 * Whether the publishing date needs a 补录原因: it lies before the day the article was entered
 * (today for a new article). The server refuses such a date without a reason.
 */
export function needsBackdateReason(
  publishedAt: Dayjs | null | undefined,
  createdAt: string | null | undefined,
): boolean {
  if (!publishedAt) return false
  const entered = createdAt ? dayjs(createdAt) : dayjs()
  return publishedAt.isBefore(entered.startOf('day'))
}

/** The request body the server expects, from the form's values. */
export function toPayload(v: EditorValues, withBackdate: boolean) {
  const d = v.disclosure ?? {}
  const primary = v.primaryColumnId
  return {
    title: (v.title ?? '').trim(),
    subtitle: v.subtitle ?? '',
    source: v.source ?? '',
    author: v.author ?? '',
    columnIds: primary ? [primary, ...(v.linkedColumnIds ?? []).filter((c) => c !== primary)] : [],
    publishedAt: v.publishedAt ? v.publishedAt.toISOString() : null,
    ...(withBackdate ? { backdateReason: (v.backdateReason ?? '').trim() } : {}),
    summary: v.summary ?? '',
    keywords: v.keywords ?? '',
    linkUrl: (v.linkUrl ?? '').trim(),
    coverFileId: v.cover?.id ?? null,
    coverAlt: v.cover ? (v.coverAlt ?? '') : '',
    attachments: (v.attachments ?? []).map((a) => ({ fileId: a.fileId, name: a.name.trim() })),
    bodyHtml: v.bodyHtml ?? '',
    disclosure: {
      indexNo: d.indexNo ?? '',
      docNo: d.docNo ?? '',
      issuer: d.issuer ?? '',
      writtenAt: d.writtenAt ? d.writtenAt.format('YYYY-MM-DD') : null,
      subjectCategory: d.subjectCategory ?? '',
      validity: d.validity ?? '',
    },
  }
}
