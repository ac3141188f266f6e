import {
  isSearchType,
  SEARCH_TYPE_LABELS,
  SEARCH_TYPES,
  type SearchType,
} from '../../common/search'
import { formatDate } from '../../common/time'
import type { Column } from '../modules/columns/column.repository'
import type { Site } from '../modules/sites/site.repository'
import type { SearchService } from '../modules/search/search.service'
import { page, type Outcome, type PageDeps } from './pages'
import { searchHitUrl } from './search-urls'
import { commonView, prefixOfSite, type PageContext } from './views'

/**
 * 站内搜索 (`<site>/search.html`): one GET form (query, scope, type, column, dates, sort) that
 * works without JavaScript, results from the cluster search index, pagination keeping every
 * filter. Never cached. On the portal it searches the whole cluster by default, elsewhere the
 * site itself (本站) with a link to the whole cluster.
 */

export const SEARCH_PAGE_SIZE = 10
export const SEARCH_MAX_PAGE = 500
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

export type SearchPageDeps = PageDeps & { search?: SearchService }

/** A YYYY-MM-DD calendar day, or null when the text is not one. */
export function validDay(raw: string | undefined): string | null {
  const m = DATE_RE.exec(raw ?? '')
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
    ? (raw ?? null)
    : null
}

/** A column and every column below it (a section's results include its sub-columns'). */
export function columnWithDescendants(columns: Column[], column: Column): number[] {
  return [
    column.id,
    ...columns.filter((c) => c.path.startsWith(`${column.path}/`)).map((c) => c.id),
  ]
}

interface Filters {
  q: string
  scope: 'cluster' | 'site'
  /** The site the scope 本站/指定站点 means, and whose columns the column filter lists. */
  home: Site
  type: SearchType | null
  column: Column | null
  from: string
  to: string
  sort: 'relevance' | 'date'
}

function parseFilters(
  ctx: PageContext,
  query: Record<string, string | string[] | undefined>,
  notices: string[],
): Filters {
  const one = (k: string): string => {
    const v = query[k]
    return (Array.isArray(v) ? v[0] : v) ?? ''
  }
  const current = ctx.resolved.site
  const picked = one('site') ? ctx.snap.byCode.get(one('site')) : undefined
  if (one('site') && (!picked || picked.status !== 'open'))
    notices.push('所选站点不存在或未开放，已改为在本站搜索')
  const home = picked && picked.status === 'open' ? picked : current
  const rawScope = one('scope')
  const scope: Filters['scope'] =
    rawScope === 'cluster' || rawScope === 'site'
      ? rawScope
      : picked && picked.status === 'open'
        ? 'site'
        : current.kind === 'portal'
          ? 'cluster'
          : 'site'
  const type = isSearchType(one('type')) ? (one('type') as SearchType) : null
  const columnId = /^\d{1,10}$/.test(one('column')) ? Number(one('column')) : 0
  const column = ctx.snap.columnById.get(columnId)
  const usable = column && column.visible && column.siteId === home.id ? column : null
  let from = ''
  let to = ''
  for (const [key, label] of [
    ['from', '起始日期'],
    ['to', '截止日期'],
  ] as const) {
    const raw = one(key).trim()
    if (!raw) continue
    const day = validDay(raw)
    if (!day) notices.push(`${label}“${raw.slice(0, 20)}”不是有效日期（格式为 YYYY-MM-DD），已忽略`)
    else if (key === 'from') from = day
    else to = day
  }
  if (from && to && from > to) {
    notices.push('起始日期晚于截止日期，已对调')
    ;[from, to] = [to, from]
  }
  return {
    q: one('q').slice(0, 1000),
    scope,
    home,
    type,
    column: usable,
    from,
    to,
    sort: one('sort') === 'date' ? 'date' : 'relevance',
  }
}

/** The query string of a search with these filters (page 1 unless given). */
function searchQuery(f: Filters, overrides: { scope?: Filters['scope']; page?: number } = {}) {
  const p = new URLSearchParams()
  p.set('q', f.q)
  const scope = overrides.scope ?? f.scope
  p.set('scope', scope)
  if (scope === 'site' || f.column) p.set('site', f.home.code)
  if (f.type) p.set('type', f.type)
  if (f.column) p.set('column', String(f.column.id))
  if (f.from) p.set('from', f.from)
  if (f.to) p.set('to', f.to)
  if (f.sort === 'date') p.set('sort', 'date')
  if (overrides.page && overrides.page > 1) p.set('page', String(overrides.page))
  return p.toString()
}

export async function renderSearch(
  deps: SearchPageDeps,
  ctx: PageContext,
  query: Record<string, string | string[] | undefined>,
  pageNo: number,
): Promise<Outcome> {
  const { prefix, site } = ctx.resolved
  const notices: string[] = []
  const f = parseFilters(ctx, query, notices)
  const pageWanted = Math.max(1, Math.min(pageNo, SEARCH_MAX_PAGE))
  const columns = (ctx.snap.columnsOf.get(f.home.id) ?? []).filter(
    (c) => c.visible && c.type !== 'link',
  )
  const result = deps.search
    ? await deps.search.search({
        q: f.q,
        siteIds: f.scope === 'site' ? [f.home.id] : undefined,
        types: f.type ? [f.type] : undefined,
        columnIds: f.column ? columnWithDescendants(columns, f.column) : undefined,
        from: f.from || undefined,
        to: f.to || undefined,
        sort: f.sort,
        page: pageWanted,
        pageSize: SEARCH_PAGE_SIZE,
        statsSiteId: site.id,
      })
    : { hits: [], total: 0, page: pageWanted, pageSize: SEARCH_PAGE_SIZE, notice: null }
  if (result.notice) notices.unshift(result.notice)
  const q = f.q.trim()
  const action = `${prefix}search.html`
  const urlOf = (overrides: { scope?: Filters['scope']; page?: number }) =>
    `${action}?${searchQuery(f, overrides)}`
  const prefixOf = (id: number) => prefixOfSite(ctx, id)
  const items = result.hits.flatMap((h) => {
    const url = searchHitUrl(ctx.snap, prefixOf, h)
    if (!url) return []
    const s = ctx.snap.byId.get(h.siteId)
    return [
      {
        title: h.title,
        titleHtml: h.titleHtml,
        url,
        snippetHtml: h.snippetHtml,
        date: formatDate(h.publishedAt),
        siteName: s?.shortName || s?.name || '',
        typeLabel: SEARCH_TYPE_LABELS[h.type],
      },
    ]
  })
  const pages = Math.min(SEARCH_MAX_PAGE, Math.max(1, Math.ceil(result.total / SEARCH_PAGE_SIZE)))
  const current = Math.min(result.page, pages)
  const from = Math.max(1, Math.min(current - 4, pages - 8))
  const links = []
  for (let p = from; p <= Math.min(pages, from + 8); p++)
    links.push({ page: p, url: urlOf({ page: p }), isCurrent: p === current })
  const scopeLabel =
    f.scope === 'cluster'
      ? '全站群'
      : f.home.id === site.id
        ? `本站（${f.home.name}）`
        : f.home.name
  const depth = (c: Column) => c.path.split('/').length - 1
  const openSites = ctx.snap.sites.filter((s) => s.status === 'open')
  const vars = {
    ...commonView(ctx, {
      title: q ? `“${q.slice(0, 50)}”的搜索结果 - ${site.name}` : `站内搜索 - ${site.name}`,
      breadcrumbs: [
        { name: '首页', url: prefix },
        { name: '搜索', url: action },
      ],
    }),
    search: {
      q,
      hasQuery: q !== '',
      total: result.total,
      scope: scopeLabel,
      items,
      notices,
      clusterUrl: f.scope === 'site' && q ? urlOf({ scope: 'cluster' }) : '',
      pagination: {
        page: current,
        pages,
        total: result.total,
        ...(current > 1 ? { prevUrl: urlOf({ page: current - 1 }) } : {}),
        ...(current < pages ? { nextUrl: urlOf({ page: current + 1 }) } : {}),
        links,
      },
      form: {
        action,
        isCluster: f.scope === 'cluster',
        sites: openSites.map((s) => ({
          code: s.code,
          name: s.id === site.id ? `本站（${s.name}）` : s.name,
          isSelected: s.id === f.home.id,
        })),
        types: SEARCH_TYPES.map((t) => ({
          value: t,
          label: SEARCH_TYPE_LABELS[t],
          isSelected: t === f.type,
        })),
        columnSiteName: f.home.name,
        columns: columns.map((c) => ({
          id: c.id,
          name: `${'　'.repeat(Math.min(depth(c), 4))}${c.name}`,
          isSelected: c.id === f.column?.id,
        })),
        from: f.from,
        to: f.to,
        sorts: [
          { value: 'relevance', label: '相关度', isSelected: f.sort === 'relevance' },
          { value: 'date', label: '时间', isSelected: f.sort === 'date' },
        ],
      },
    },
  }
  return page(deps, ctx, 'search', vars, { cacheable: false, tags: [`site:${site.id}`] })
}
