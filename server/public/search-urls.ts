import type { SearchType } from '../../common/search'
import type { Column } from '../modules/columns/column.repository'
import type { SearchHit } from '../modules/search/search.service'
import { itemPath } from './services-common.pages'
import type { DirectorySnapshot } from './site-directory'
import { articleUrl, columnUrl } from './views'

/**
 * Where a search hit's public page is, computed at query time from the directory snapshot
 * (columns move, sites close: the index keeps ids, never URLs). The search page and the search
 * API share it. `prefixOf(siteId)` is a site's URL prefix as seen from the request ('/', a
 * channel's base path, or another host's absolute URL).
 */

/** The column type that shows each kind of document. */
const COLUMN_TYPE: Record<Exclude<SearchType, 'article'>, string> = {
  service: 'services',
  question: 'faq',
  letter: 'letters',
  dataset: 'dataset',
}

export type HitRef = Pick<SearchHit, 'type' | 'refId' | 'siteId' | 'columnId' | 'slug' | 'linkUrl'>

/** The hit's page, or '' when no open site shows it any more (a stale index row). */
export function searchHitUrl(
  snap: DirectorySnapshot,
  prefixOf: (siteId: number) => string,
  hit: HitRef,
): string {
  if (snap.byId.get(hit.siteId)?.status !== 'open') return ''
  if (hit.type === 'article') {
    if (hit.linkUrl) return hit.linkUrl
    const column = hit.columnId != null ? snap.columnById.get(hit.columnId) : undefined
    if (!column || !column.visible) return ''
    if (snap.byId.get(column.siteId)?.status !== 'open') return ''
    return articleUrl(prefixOf(column.siteId), column.path, hit.refId)
  }
  const column = showingColumn(snap, hit.siteId, hit.columnId, COLUMN_TYPE[hit.type])
  if (!column) return ''
  const base = columnUrl(prefixOf(column.siteId), column)
  switch (hit.type) {
    case 'service':
      return itemPath(base, hit.slug)
    case 'question':
      return `${base}question_${hit.refId}.html`
    case 'letter':
      return `${base}letters/${hit.refId}`
    case 'dataset':
      // A column pinned to the dataset is its page; a column listing datasets has one per code.
      return hit.slug ? `${base}${hit.slug}/` : base
  }
}

/** The indexed column when it still shows this type, else the site's first visible one. */
function showingColumn(
  snap: DirectorySnapshot,
  siteId: number,
  columnId: number | null,
  type: string,
): Column | undefined {
  const indexed = columnId != null ? snap.columnById.get(columnId) : undefined
  if (indexed && indexed.visible && indexed.type === type && indexed.siteId === siteId)
    return indexed
  return (snap.columnsOf.get(siteId) ?? []).find((c) => c.visible && c.type === type)
}
