import {
  SERVICE_AUDIENCE_LABELS,
  SERVICE_KIND_LABELS,
  SERVICE_THEMES,
  serviceThemeByCode,
  type ServiceAudience,
} from '../../common/services'
import type { Core } from '../core'
import type { Column } from '../modules/columns/column.repository'
import { presentSummaries, unitNames } from '../modules/services/service.presenter'
import {
  serviceRepository,
  themeCounts,
  type ServiceFilter,
} from '../modules/services/service.repository'
import { notFoundPage, page, type Outcome, type PageDeps } from './pages'
import { itemPath, serviceFrame } from './services-common.pages'
import { renderServiceItem } from './services-item.pages'
import { columnUrl, paginationView, type PageContext } from './views'

/**
 * 办事服务 pages of a `services` column. On a portal: every unit's items, browsable by
 * audience (`person/`, `legal/`), theme (`theme/<code>/`) and unit (`unit/<siteCode>/`); on a
 * channel or standalone site: its own unit's items. `search.html?q=` searches (never cached);
 * `item/<code>.html` is the printable guide. Lists carry the tags `services` (portal) or
 * `services-site:<id>`, item pages `service-item:<id>` and their unit's tag.
 */

export type ServicePageDeps = PageDeps & { core: Core }
const PAGE_SIZE = 20
const MINUTE = 60_000

const PATH_RE =
  /^([a-z0-9][a-z0-9/-]*?)\/(?:(index\.html)?|(person|legal)\/|theme\/([a-z0-9]{1,16})\/|unit\/([a-z0-9-]{1,64})\/|(search\.html)|item\/([A-Za-z0-9._-]{1,64})\.html)$/

interface Browse {
  audience?: ServiceAudience
  theme?: string
  unitCode?: string
  q?: string
  isSearch: boolean
}

/** The services page a path names, or null when it is not under a visible `services` column. */
export async function routeServicePages(
  deps: ServicePageDeps,
  ctx: PageContext,
  rest: string,
  opts: { pageNo: number; query: Record<string, string | undefined> },
): Promise<Outcome | null> {
  const m = PATH_RE.exec(rest)
  if (!m) return null
  const siteId = ctx.resolved.site.id
  // A real child column at this path (e.g. `<column>/person`) routes as a column.
  const full = rest.replace(/\/(index\.html)?$/, '')
  if (full !== m[1] && ctx.snap.columnByPath.has(`${siteId}:${full}`)) return null
  const column = ctx.snap.columnByPath.get(`${siteId}:${m[1]}`)
  if (!column || !column.visible || column.type !== 'services') return null
  if (m[7]) return renderServiceItem(deps, ctx, column, m[7], isPortal(ctx))
  const q = opts.query
  const browse: Browse = m[6]
    ? {
        isSearch: true,
        q: (q.q ?? '').trim().slice(0, 100) || undefined,
        audience: q.audience === 'person' || q.audience === 'legal' ? q.audience : undefined,
        theme: q.theme && serviceThemeByCode.has(q.theme) ? q.theme : undefined,
        unitCode: q.unit || undefined,
      }
    : {
        isSearch: false,
        audience: (m[3] as ServiceAudience | undefined) ?? undefined,
        theme: m[4],
        unitCode: m[5],
      }
  if (!browse.isSearch && browse.theme && !serviceThemeByCode.has(browse.theme))
    return notFoundPage(deps, ctx)
  return renderServiceList(deps, ctx, column, browse, opts.pageNo)
}

const isPortal = (ctx: PageContext) => ctx.resolved.site.kind === 'portal'

/** The unit sites a column lists: all on a portal, else its own site. */
export function columnUnits(ctx: PageContext): number[] | undefined {
  return isPortal(ctx) ? undefined : [ctx.resolved.site.id]
}

async function renderServiceList(
  deps: ServicePageDeps,
  ctx: PageContext,
  column: Column,
  browse: Browse,
  pageNo: number,
): Promise<Outcome> {
  const db = deps.db
  const base = columnUrl(ctx.resolved.prefix, column)
  const units = columnUnits(ctx)
  let unitSiteIds = units
  let unitName = ''
  if (browse.unitCode) {
    const unit = ctx.snap.byCode.get(browse.unitCode)
    if (!unit || (units && !units.includes(unit.id))) {
      if (!browse.isSearch) return notFoundPage(deps, ctx)
    } else {
      unitSiteIds = [unit.id]
      unitName = unit.name
    }
  }
  const filter: ServiceFilter = {
    unitSiteIds,
    audience: browse.audience,
    theme: browse.theme,
    q: browse.q,
    enabledOnly: true,
  }
  const hasQuery =
    browse.isSearch && Boolean(browse.q || browse.audience || browse.theme || unitName)
  const { items, total } =
    browse.isSearch && !hasQuery
      ? { items: [], total: 0 }
      : await serviceRepository.list(db, filter, {
          offset: (pageNo - 1) * PAGE_SIZE,
          limit: PAGE_SIZE,
        })
  if (pageNo > 1 && items.length === 0) return notFoundPage(deps, ctx)
  const names = await unitNames(db)
  const summaries = await presentSummaries(db, items, names)
  const theme = browse.theme ? serviceThemeByCode.get(browse.theme) : undefined
  const title = browse.isSearch
    ? '事项搜索'
    : theme
      ? `${theme.audience === 'person' ? '个人' : '法人'}办事 · ${theme.name}`
      : browse.audience
        ? `${SERVICE_AUDIENCE_LABELS[browse.audience]}办事`
        : unitName || column.name
  const listUrl = browse.isSearch
    ? `${base}search.html`
    : theme
      ? `${base}theme/${theme.code}/`
      : browse.audience
        ? `${base}${browse.audience}/`
        : unitName
          ? `${base}unit/${browse.unitCode}/`
          : base
  const [themes, unitCounts] = await Promise.all([
    themeCounts(db, units),
    units ? Promise.resolve(new Map<number, number>()) : serviceRepository.unitCounts(db),
  ])
  const facet = (audience: 'person' | 'legal') =>
    SERVICE_THEMES.filter((t) => t.audience === audience && (themes.get(t.code) ?? 0) > 0).map(
      (t) => ({
        name: t.name,
        count: themes.get(t.code) ?? 0,
        url: `${base}theme/${t.code}/`,
        isCurrent: t.code === browse.theme && !browse.isSearch,
      }),
    )
  const searchParams = new URLSearchParams()
  for (const [k, v] of [
    ['q', browse.q],
    ['audience', browse.audience],
    ['theme', browse.theme],
    ['unit', unitName ? browse.unitCode : undefined],
  ] as const)
    if (v) searchParams.set(k, v)
  const pagination = browse.isSearch
    ? searchPagination(`${base}search.html?${searchParams.toString()}`, pageNo, total)
    : paginationView(listUrl, pageNo, PAGE_SIZE, total)
  const vars = {
    ...serviceFrame(
      ctx,
      column,
      title,
      title === column.name ? [] : [{ name: title, url: listUrl }],
    ),
    services: {
      title,
      isSearch: browse.isSearch,
      hasQuery,
      q: browse.q ?? '',
      searchUrl: `${base}search.html`,
      total,
      isPortal: !units,
      audiences: (['person', 'legal'] as const).map((a) => ({
        name: `${SERVICE_AUDIENCE_LABELS[a]}办事`,
        url: `${base}${a}/`,
        isCurrent: browse.audience === a && !browse.isSearch && !theme,
      })),
      personThemes: facet('person'),
      legalThemes: facet('legal'),
      units: [...unitCounts.entries()]
        .map(([id, count]) => ({ site: ctx.snap.byId.get(id), count }))
        .filter((u) => u.site && u.site.status === 'open')
        .map((u) => ({
          name: u.site?.name ?? '',
          count: u.count,
          url: `${base}unit/${u.site?.code ?? ''}/`,
          isCurrent: u.site?.code === browse.unitCode && !browse.isSearch,
        })),
      items: summaries.map((s) => ({
        name: s.name,
        url: itemPath(base, s.code),
        unitName: s.unitName,
        audienceLabel: SERVICE_AUDIENCE_LABELS[s.audience as ServiceAudience] ?? '',
        kindLabel: SERVICE_KIND_LABELS[s.kind as keyof typeof SERVICE_KIND_LABELS] ?? '',
      })),
    },
    pagination,
  }
  const siteId = ctx.resolved.site.id
  return page(deps, ctx, 'service-list', vars, {
    tags: [`column:${column.id}`, units ? `services-site:${siteId}` : 'services', 'sites'],
    visits: [['column', column.id]],
    ttlMs: 10 * MINUTE,
    cacheable: !browse.isSearch,
  })
}

function searchPagination(base: string, pageNo: number, total: number) {
  const view = paginationView('', pageNo, PAGE_SIZE, total)
  const url = (p: number) => `${base}${base.endsWith('?') ? '' : '&'}page=${p}`
  return {
    ...view,
    ...(view.prevUrl !== undefined ? { prevUrl: url(pageNo - 1) } : {}),
    ...(view.nextUrl !== undefined ? { nextUrl: url(pageNo + 1) } : {}),
    links: view.links.map((l) => ({ ...l, url: url(l.page) })),
  }
}
