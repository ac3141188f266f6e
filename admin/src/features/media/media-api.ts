import { api } from '../../api'

/** Kinds the media library filters by (server: MEDIA_KINDS). */
export const MEDIA_TYPE_LABELS = {
  image: '图片',
  document: '文档',
  archive: '压缩包',
  audio: '音频',
  video: '视频',
  other: '其他',
} as const
export type MediaType = keyof typeof MEDIA_TYPE_LABELS

export interface MediaFile {
  id: number
  name: string
  url: string
  mime: string
  ext: string
  size: number
  isImage: boolean
  siteId: number | null
  createdBy: number | null
  createdAt: string
  usage: number
}

export interface MediaPage {
  data: MediaFile[]
  total: number
  page: number
  pageSize: number
}

export interface MediaUsage {
  uses: {
    articleId: number
    title: string
    status: string
    siteId: number
    roles: string[]
    roleLabels: string[]
  }[]
  hiddenCount: number
}

export function listMedia(
  siteId: number,
  query: { keyword?: string; type?: MediaType; page: number; pageSize: number },
): Promise<MediaPage> {
  return api.get<MediaPage>(`/sites/${siteId}/media`, query)
}

export function sizeText(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1048576) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1048576).toFixed(1)} MB`
}
