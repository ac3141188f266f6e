import { fileUrl } from './file.service'
import type { MediaRow } from './media.repository'
import type { MediaUsage } from './media.service'

/** The URL and type a library entry is shown with. */
export function presentMedia(f: MediaRow) {
  return {
    id: f.id,
    name: f.name,
    url: fileUrl(f),
    mime: f.mime,
    ext: f.ext,
    size: f.size,
    isImage: f.mime.startsWith('image/'),
    siteId: f.siteId,
    createdBy: f.createdBy,
    createdAt: f.createdAt,
    usage: f.usage,
  }
}

export function presentMediaUsage(u: MediaUsage) {
  return {
    uses: u.uses.map((x) => ({
      articleId: x.articleId,
      title: x.title,
      status: x.status,
      siteId: x.siteId,
      roles: x.roles,
      roleLabels: x.roleLabels,
    })),
    hiddenCount: u.hiddenCount,
  }
}
