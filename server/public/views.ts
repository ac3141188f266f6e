import { COLUMN_TYPE_LABELS } from '../../common/enums'
import { formatDate, formatDateTime } from '../../common/time'
import type { Column } from '../modules/columns/column.repository'
import type { ListedItem } from '../modules/articles/placement.repository'
import type { Site } from '../modules/sites/site.repository'
import type { DirectorySnapshot, Resolved, SiteDirectory } from './site-directory'

/** Presenters for the public templates: the only data Liquid ever sees. */

export interface PageContext {
  resolved: Resolved
  host: string
  snap: DirectorySnapshot
  directory: SiteDirectory
}

export const columnUrl = (prefix: string, c: Column): string =>
  c.type === 'link' && c.linkUrl ? c.linkUrl : `${prefix}${c.path}/`

export const articleUrl = (prefix: string, columnPath: string, id: number): string =>
  `${prefix}${columnPath}/content_${id}.html`

const UPDATE_TYPE: Record<string, string> = {
  news: '工作动态',
  notice: '通知公告',
  plan: '规划计划',
  asNeeded: '其他',
}

export function siteView(site: Site, prefix: string, host: string, searchUrl: string) {
  return {
    code: site.code,
    name: site.name,
    shortName: site.shortName || site.name,
    kind: site.kind,
    url: prefix,
    homeUrl: prefix,
    siteIdCode: site.siteIdCode,
    sponsor: site.sponsor,
    organizer: site.organizer || site.sponsor,
    icp: site.icp,
    psb: site.psb,
    contact: { ...site.contact },
    description: site.description,
    keywords: site.keywords,
    domain: site.hosts[0] ?? host,
    searchUrl,
    sitemapUrl: `${prefix}sitemap.html`,
  }
}

/** Variables every page has: site, portal, nav, 站群导航, furniture, meta. */
export function commonView(
  ctx: PageContext,
  page: {
    title: string
    column?: Column
    breadcrumbs: { name: string; url: string }[]
    meta?: Record<string, string>
  },
) {
  const { site, root, prefix } = ctx.resolved
  const rootPrefix =
    site === root ? prefix : prefix.slice(0, prefix.length - site.basePath.length + 1)
  const searchUrl = `${rootPrefix}search.html`
  const columns = ctx.snap.columnsOf.get(site.id) ?? []
  const visible = columns.filter((c) => c.visible)
  const currentTop = page.column ? topOf(page.column, ctx.snap.columnById) : null
  const nav = visible
    .filter((c) => c.parentId === null)
    .map((c) => ({
      name: c.name,
      url: columnUrl(prefix, c),
      isCurrent: currentTop?.id === c.id,
      isExternal: c.type === 'link' && /^https?:/.test(c.linkUrl),
      children: visible
        .filter((k) => k.parentId === c.id)
        .map((k) => ({
          name: k.name,
          url: columnUrl(prefix, k),
          isExternal: k.type === 'link' && /^https?:/.test(k.linkUrl),
        })),
    }))
  const portal = site.parentId !== null ? (ctx.snap.byId.get(site.parentId) ?? root) : root
  const furnished = withPortalIdentifiers(site, portal)
  const meta: Record<string, string> = {
    SiteName: site.name,
    SiteDomain: site.hosts[0] ?? root.hosts[0] ?? ctx.host,
    SiteIDCode: furnished.siteIdCode,
    ...(page.column
      ? {
          ColumnName: page.column.name,
          ColumnDescription: page.column.description || page.column.name,
          ColumnKeywords: page.column.keywords || page.column.name,
          ColumnType: UPDATE_TYPE[page.column.updateClass] ?? COLUMN_TYPE_LABELS[page.column.type],
        }
      : {}),
    ...(page.meta ?? {}),
  }
  const now = new Date()
  return {
    site: siteView(furnished, prefix, ctx.host, searchUrl),
    portal: siteView(
      portal,
      ctx.directory.siteUrlIn(ctx.snap, portal, ctx.host),
      ctx.host,
      searchUrl,
    ),
    theme: { assetBase: `/_theme/${site.theme}/assets/` },
    canonicalUrl: null as string | null,
    nav,
    clusterNav: clusterNav(ctx),
    breadcrumbs: page.breadcrumbs,
    meta,
    pageTitle: page.title,
    year: formatDate(now).slice(0, 4),
    today: formatDate(now),
    notice: '',
  }
}

/**
 * Channels publish through their portal (国办发〔2017〕47号) and share its 网站标识码 and 备案号:
 * the footer furniture a channel leaves empty is its portal's.
 */
function withPortalIdentifiers(site: Site, portal: Site): Site {
  if (site.parentId === null || portal.id === site.id) return site
  const hasContact = Boolean(site.contact.phone || site.contact.email || site.contact.address)
  return {
    ...site,
    siteIdCode: site.siteIdCode || portal.siteIdCode,
    icp: site.icp || portal.icp,
    psb: site.psb || portal.psb,
    sponsor: site.sponsor || portal.sponsor,
    contact: hasContact ? site.contact : portal.contact,
  }
}

function topOf(c: Column, byId: Map<number, Column>): Column {
  let cur = c
  for (let i = 0; i < 50 && cur.parentId !== null; i++) {
    const p = byId.get(cur.parentId)
    if (!p) break
    cur = p
  }
  return cur
}

/** 站群导航: the other sites of the cluster, grouped. */
function clusterNav(ctx: PageContext) {
  const groups = new Map<string, { name: string; shortName: string; url: string }[]>()
  const add = (group: string, s: Site) => {
    const list = groups.get(group) ?? []
    list.push({
      name: s.name,
      shortName: s.shortName || s.name,
      url: ctx.directory.siteUrlIn(ctx.snap, s, ctx.host),
    })
    groups.set(group, list)
  }
  const portalId = ctx.resolved.root.kind === 'portal' ? ctx.resolved.root.id : null
  for (const s of ctx.snap.sites) {
    if (s.status !== 'open') continue
    if (s.kind === 'portal') add('门户网站', s)
    else if (s.kind === 'standalone') add('专题网站', s)
    else if (portalId === null || s.parentId === portalId) {
      add(
        s.grouping === '乡镇'
          ? '乡镇频道'
          : s.grouping === '部门' || !s.grouping
            ? '部门频道'
            : `${s.grouping}频道`,
        s,
      )
    }
  }
  const order = ['门户网站', '部门频道', '乡镇频道', '专题网站']
  return [...groups.entries()]
    .sort((a, b) => ((order.indexOf(a[0]) + 99) % 99) - ((order.indexOf(b[0]) + 99) % 99))
    .map(([group, sites]) => ({ group, sites }))
}

export function breadcrumbsFor(
  ctx: PageContext,
  column: Column | null,
  extra?: { name: string; url: string },
) {
  const { prefix } = ctx.resolved
  const crumbs = [{ name: '首页', url: prefix }]
  const chain: Column[] = []
  let cur: Column | undefined = column ?? undefined
  for (let i = 0; cur && i < 50; i++) {
    chain.unshift(cur)
    cur = cur.parentId === null ? undefined : ctx.snap.columnById.get(cur.parentId)
  }
  for (const c of chain) crumbs.push({ name: c.name, url: columnUrl(prefix, c) })
  if (extra) crumbs.push(extra)
  return crumbs
}

/** A list item; links go through the column it is listed in unless it is an external link. */
export function itemView(ctx: PageContext, item: ListedItem, fallbackColumn?: Column) {
  const column = ctx.snap.columnById.get(item.columnId) ?? fallbackColumn
  const sitePrefix = column ? prefixOfSite(ctx, column.siteId) : ctx.resolved.prefix
  const isExternal = Boolean(item.linkUrl)
  return {
    id: item.id,
    title: item.title,
    url: isExternal ? item.linkUrl : articleUrl(sitePrefix, column?.path ?? '', item.id),
    date: formatDate(item.publishedAt),
    summary: item.summary,
    source: item.source,
    isExternal: isExternal && /^https?:/.test(item.linkUrl),
    isPinned: item.pinned,
  }
}

/** The URL prefix of a site from the current request's point of view. */
export function prefixOfSite(ctx: PageContext, siteId: number): string {
  if (siteId === ctx.resolved.site.id) return ctx.resolved.prefix
  const site = ctx.snap.byId.get(siteId)
  return site ? ctx.directory.siteUrlIn(ctx.snap, site, ctx.host) : ctx.resolved.prefix
}

export function paginationView(base: string, page: number, pageSize: number, total: number) {
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const url = (p: number) => (p <= 1 ? base : `${base}?page=${p}`)
  const from = Math.max(1, Math.min(page - 4, pages - 8))
  const to = Math.min(pages, from + 8)
  const links = []
  for (let p = from; p <= to; p++) links.push({ page: p, url: url(p), isCurrent: p === page })
  return {
    page,
    pages,
    total,
    ...(page > 1 ? { prevUrl: url(page - 1) } : {}),
    ...(page < pages ? { nextUrl: url(page + 1) } : {}),
    links,
  }
}

export { formatDate, formatDateTime }
