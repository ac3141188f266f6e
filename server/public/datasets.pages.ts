import type { Core } from '../core'
import { isAppError } from '../errors'
import type { Column } from '../modules/columns/column.repository'
import type { Dataset } from '../modules/datasets/dataset.repository'
import { notFoundPage, page, type Outcome, type PageDeps } from './pages'
import { datasetListView, datasetRowView, datasetSummaryView } from './datasets.views'
import { breadcrumbsFor, columnUrl, commonView, type PageContext } from './views'

/**
 * 便民数据库 pages of a `dataset` column. With `settings.datasetCode` the column is that
 * dataset's query page; without, it lists the public datasets of the site and the cluster,
 * each under `<column>/<code>/`. Under a dataset's base URL: the full list (`./`, cached and
 * tagged `dataset:<id>`), the query (`./search.html?q=&<field>=`, never cached: filtered
 * pages would fill the cache) and one row (`./row_<id>.html`, cached). No JavaScript.
 */

const MINUTE = 60_000
const TAIL = /^(.*?)\/(index\.html|search\.html|row_(\d{1,10})\.html)?$/
const CODE = /^[a-z0-9][a-z0-9-]{1,63}$/

export type DatasetPageDeps = PageDeps & { core: Core }

interface Target {
  column: Column
  /** The dataset's code, or null for the column's list of datasets. */
  code: string | null
  base: string
  tail: string
  rowId: number | null
}

const datasetColumn = (ctx: PageContext, path: string): Column | null => {
  const c = ctx.snap.columnByPath.get(`${ctx.resolved.site.id}:${path}`)
  return c && c.visible && c.type === 'dataset' ? c : null
}
const fixedCode = (c: Column): string | null =>
  typeof c.settings.datasetCode === 'string' && c.settings.datasetCode
    ? c.settings.datasetCode
    : null

function target(ctx: PageContext, rest: string): Target | { redirect: string } | null {
  const { prefix, site } = ctx.resolved
  // `<column>/<code>` without its slash: the dataset page's canonical URL ends with one.
  const bare = /^(.+)\/([a-z0-9][a-z0-9-]{1,63})$/.exec(rest)
  if (bare?.[1] && bare[2] && !ctx.snap.columnByPath.has(`${site.id}:${rest}`)) {
    const parent = datasetColumn(ctx, bare[1])
    if (parent && !fixedCode(parent)) return { redirect: `${prefix}${rest}/` }
  }
  const m = TAIL.exec(rest)
  if (!m || m[1] === undefined) return null
  const path = m[1]
  const tail = m[2] ?? ''
  const rowId = m[3] ? Number(m[3]) : null
  const own = ctx.snap.columnByPath.get(`${site.id}:${path}`)
  if (own) {
    if (!own.visible || own.type !== 'dataset') return null
    const code = fixedCode(own)
    if (!code && tail !== '' && tail !== 'index.html') return null
    return { column: own, code, base: columnUrl(prefix, own), tail, rowId }
  }
  const slash = path.lastIndexOf('/')
  const code = path.slice(slash + 1)
  const parent = slash > 0 ? datasetColumn(ctx, path.slice(0, slash)) : null
  if (!parent || fixedCode(parent) || !CODE.test(code)) return null
  return { column: parent, code, base: `${columnUrl(prefix, parent)}${code}/`, tail, rowId }
}

/** The page a path names under a `dataset` column, or null when it is not one of ours. */
export async function routeDatasetPages(
  deps: DatasetPageDeps,
  ctx: PageContext,
  rest: string,
  opts: { pageNo: number; query: Record<string, string | undefined> },
): Promise<Outcome | null> {
  const t = target(ctx, rest)
  if (!t) return null
  if ('redirect' in t) return { kind: 'redirect', status: 301, location: t.redirect }
  if (t.code === null) return renderIndex(deps, ctx, t.column)
  let ds: Dataset
  try {
    ds = await deps.core.datasetPublic.byCode(t.code)
  } catch (err) {
    if (isAppError(err) && err.status === 404) return notFoundPage(deps, ctx)
    throw err
  }
  // Under a column's list of datasets: only those the column lists.
  if (!fixedCode(t.column) && ds.siteId !== null && ds.siteId !== t.column.siteId) {
    return notFoundPage(deps, ctx)
  }
  if (t.rowId !== null) return renderRow(deps, ctx, t, ds, t.rowId)
  return renderList(deps, ctx, t, ds, t.tail === 'search.html', opts)
}

function frame(
  ctx: PageContext,
  column: Column,
  title: string,
  trail: { name: string; url: string }[],
) {
  const { prefix } = ctx.resolved
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
    column: { name: column.name, url: columnUrl(prefix, column), description: column.description },
  }
}

async function renderIndex(deps: DatasetPageDeps, ctx: PageContext, column: Column) {
  const list = await deps.core.datasetPublic.list({ siteId: column.siteId })
  const base = columnUrl(ctx.resolved.prefix, column)
  return page(
    deps,
    ctx,
    'dataset-index',
    {
      ...frame(ctx, column, column.name, []),
      datasets: list.map((d) => ({ ...datasetSummaryView(d), url: `${base}${d.code}/` })),
    },
    {
      tags: [`column:${column.id}`, 'datasets'],
      visits: [['column', column.id]],
      ttlMs: 10 * MINUTE,
    },
  )
}

const trailOf = (t: Target, ds: Dataset) =>
  t.code && !fixedCode(t.column) ? [{ name: ds.name, url: t.base }] : []

async function renderList(
  deps: DatasetPageDeps,
  ctx: PageContext,
  t: Target,
  ds: Dataset,
  isSearch: boolean,
  opts: { pageNo: number; query: Record<string, string | undefined> },
): Promise<Outcome> {
  const params = isSearch ? opts.query : {}
  const [result, filterOptions] = await Promise.all([
    deps.core.datasetPublic.rows(ds, params, opts.pageNo),
    deps.core.datasetPublic.filterOptions(ds),
  ])
  if (opts.pageNo > 1 && result.rows.length === 0) return notFoundPage(deps, ctx)
  const trail = trailOf(t, ds)
  const title = isSearch ? `${ds.name}查询结果` : ds.name
  return page(
    deps,
    ctx,
    'dataset',
    {
      ...frame(
        ctx,
        t.column,
        isSearch ? title : ds.name,
        isSearch ? [...trail, { name: '查询结果', url: `${t.base}search.html` }] : trail,
      ),
      dataset: datasetListView({
        ds,
        base: t.base,
        isSearch,
        result,
        filterOptions,
        pageNo: opts.pageNo,
      }),
    },
    {
      tags: [`column:${t.column.id}`, `dataset:${ds.id}`, 'datasets'],
      visits: [['column', t.column.id]],
      ttlMs: 10 * MINUTE,
      cacheable: !isSearch,
    },
  )
}

async function renderRow(
  deps: DatasetPageDeps,
  ctx: PageContext,
  t: Target,
  ds: Dataset,
  rowId: number,
): Promise<Outcome> {
  let row
  try {
    row = await deps.core.datasetPublic.row(ds, rowId)
  } catch (err) {
    if (isAppError(err) && err.status === 404) return notFoundPage(deps, ctx)
    throw err
  }
  const view = datasetRowView(ds, row, t.base)
  return page(
    deps,
    ctx,
    'dataset-row',
    {
      ...frame(ctx, t.column, view.title, [
        ...trailOf(t, ds),
        { name: view.title, url: `${t.base}row_${row.id}.html` },
      ]),
      dataset: { ...datasetSummaryView(ds), url: t.base },
      row: view,
    },
    {
      tags: [`column:${t.column.id}`, `dataset:${ds.id}`, 'datasets'],
      visits: [['column', t.column.id]],
      ttlMs: 10 * MINUTE,
    },
  )
}
