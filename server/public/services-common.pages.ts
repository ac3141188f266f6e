import type { Column } from '../modules/columns/column.repository'
import type { Site } from '../modules/sites/site.repository'
import type { SiteDirectory } from './site-directory'
import { breadcrumbsFor, columnUrl, commonView, type PageContext } from './views'

/** Where service items live on the public sites: the `services` columns and item URLs. */

type Snapshot = Awaited<ReturnType<SiteDirectory['snapshotNow']>>

/** The first visible `services` column of a site. */
export function servicesColumnOf(snap: Snapshot, siteId: number): Column | undefined {
  return (snap.columnsOf.get(siteId) ?? []).find((c) => c.visible && c.type === 'services')
}

export const itemPath = (columnUrl: string, code: string): string =>
  `${columnUrl}item/${encodeURIComponent(code)}.html`

/**
 * The page of an item: under its unit's `services` column, else under its portal's (the
 * portal lists every unit's items); '' when neither site has one.
 */
export function serviceItemUrl(
  snap: Snapshot,
  directory: SiteDirectory,
  host: string,
  item: { code: string; unitSiteId: number },
): string {
  const unit = snap.byId.get(item.unitSiteId)
  const candidates: (Site | null | undefined)[] = [
    unit,
    unit?.parentId != null ? snap.byId.get(unit.parentId) : snap.defaultPortal,
  ]
  for (const site of candidates) {
    if (!site || site.status !== 'open') continue
    const column = servicesColumnOf(snap, site.id)
    if (column)
      return itemPath(`${directory.siteUrlIn(snap, site, host)}${column.path}/`, item.code)
  }
  return ''
}

/** The furniture of every 办事服务 page: title, breadcrumbs and the side navigation. */
export function serviceFrame(
  ctx: PageContext,
  column: Column,
  title: string,
  trail: { name: string; url: string }[] = [],
) {
  const { prefix } = ctx.resolved
  const url = columnUrl(prefix, column)
  const siblings = (ctx.snap.columnsOf.get(column.siteId) ?? []).filter((c) => c.visible)
  const children = siblings.filter((c) => c.parentId === column.id)
  const sideNav = (
    children.length > 0 ? children : siblings.filter((c) => c.parentId === column.parentId)
  ).map((c) => ({ name: c.name, url: columnUrl(prefix, c), isCurrent: c.id === column.id }))
  const crumbs = breadcrumbsFor(ctx, column, trail[0])
  return {
    ...commonView(ctx, {
      title: `${title === column.name ? '' : `${title} - `}${column.name} - ${ctx.resolved.site.name}`,
      column,
      breadcrumbs: [...crumbs, ...trail.slice(1)],
    }),
    sideNav,
    column: { name: column.name, url, description: column.description },
  }
}
