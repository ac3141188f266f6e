import path from 'node:path'
import type { Liquid } from 'liquidjs'
import type { Deps } from '../../core-deps'
import { invalid, notFound } from '../../errors'
import { placementRepository } from '../articles/placement.repository'
import { authorizeColumn } from '../columns/column.policy'
import type { Column } from '../columns/column.repository'
import { siteRepository } from '../sites/site.repository'
import type { RequestContext } from '../users/actor'
import type { VisitBuffer } from '../statistics/visit.buffer'
import {
  closedPage,
  notFoundPage,
  renderArticle,
  renderColumn,
  renderHome,
  renderSitemap,
  type Outcome,
  type PageDeps,
} from '../../public/pages'
import { Renderer } from '../../public/renderer'
import { renderSearch } from '../../public/search.pages'
import { SiteDirectory } from '../../public/site-directory'
import { THEMES_DIR, ThemeFs } from '../../public/theme-fs'
import type { PageContext } from '../../public/views'
import { checkSyntax } from './template.service'

// Same names TemplateService accepts (a theme file or a site override).
const NAME_RE = /^(templates|partials|layouts)\/[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*\.liquid$/

export interface PreviewInput {
  name: string
  source: string
  /** A page of the site: `''` (home), `<column path>/`, `<column path>/content_<id>.html`,
   * `content_<id>.html`, or the same as a public path under the site's prefix. */
  url?: string
}

export interface PreviewResult {
  html: string
  /** The public path of the page that was rendered. */
  url: string
  status: number
}

/**
 * The public renderer with one template replaced in memory: the site's saved overrides plus the
 * unsaved source. Built per preview, so nothing leaks into the shared engines or the page cache.
 */
class PreviewRenderer extends Renderer {
  private engine: Liquid | null = null

  constructor(
    private readonly deps: Deps,
    private readonly name: string,
    private readonly source: string,
  ) {
    super({ db: deps.db })
  }

  override async engineFor(site: { id: number; theme: string }): Promise<Liquid> {
    if (this.engine) return this.engine
    const rows = await this.deps.db
      .selectFrom('theme_template')
      .select(['name', 'source'])
      .where('site_id', '=', site.id)
      .execute()
    const overrides = new Map(rows.map((r) => [r.name, r.source]))
    overrides.set(this.name, this.source)
    this.engine = Renderer.createEngine(new ThemeFs(path.join(THEMES_DIR, site.theme), overrides))
    return this.engine
  }
}

/** Renders an unsaved template for a real page of the site, without saving or caching it. */
export class TemplatePreviewService {
  constructor(
    private readonly deps: Deps,
    private readonly visits: VisitBuffer,
  ) {}

  async preview(ctx: RequestContext, siteId: number, input: PreviewInput): Promise<PreviewResult> {
    const site = await siteRepository.get(this.deps.db, siteId)
    if (!site) throw notFound('站点不存在')
    authorizeColumn(ctx.actor, 'manage', siteId)
    if (!NAME_RE.test(input.name)) {
      throw invalid('模板名称有误', {
        name: '应形如 templates/article.liquid 或 partials/footer.liquid',
      })
    }
    checkSyntax(input.source)

    const directory = new SiteDirectory(this.deps.db)
    const snap = await directory.snapshotNow()
    const current = snap.byId.get(siteId)
    if (!current) throw notFound('站点不存在')
    const root = current.parentId !== null ? (snap.byId.get(current.parentId) ?? current) : current
    const host = root.hosts[0] ?? 'localhost'
    const prefix = directory.siteUrlIn(snap, current, host)
    const pageCtx: PageContext = {
      resolved: { site: current, root, rest: '', prefix },
      host,
      snap,
      directory,
    }
    const renderer = new PreviewRenderer(this.deps, input.name, input.source)
    const deps: PageDeps = { db: this.deps.db, renderer, visits: this.visits }
    const columns = snap.columnsOf.get(siteId) ?? []
    const target = await this.target(input, siteId, prefix, columns)
    pageCtx.resolved.rest = target.rest

    let outcome: Outcome
    try {
      outcome = await this.render(deps, pageCtx, target)
    } catch (e) {
      throw renderError(e)
    }
    if (outcome.kind === 'redirect') {
      throw invalid(`该页面跳转到 ${outcome.location}，没有可预览的内容`, {
        url: '请选择其他页面',
      })
    }
    return { html: outcome.html, url: `${prefix}${target.rest}`, status: outcome.status }
  }

  /** The page to render: the one asked for, else one the template is used on. */
  private async target(
    input: PreviewInput,
    siteId: number,
    prefix: string,
    columns: Column[],
  ): Promise<Target> {
    const byPath = new Map(columns.map((c) => [c.path, c]))
    if (input.url !== undefined && input.url.trim() !== '') {
      let rest = input.url.trim().replace(/[?#].*$/, '')
      rest = rest.startsWith(prefix) ? rest.slice(prefix.length) : rest.replace(/^\/+/, '')
      if (rest === '' || rest === 'index.html') return { kind: 'home', rest: '' }
      if (rest === 'sitemap.html') return { kind: 'sitemap', rest }
      if (rest === 'search.html') return { kind: 'search', rest }
      const bare = /^content_(\d{1,10})\.html$/.exec(rest)
      if (bare) return this.articleTarget(Number(bare[1]), columns)
      const article = /^(.+)\/content_(\d{1,10})\.html$/.exec(rest)
      if (article) {
        const column = byPath.get(article[1] ?? '')
        if (!column) throw pageNotFound()
        return { kind: 'article', column, id: Number(article[2]), rest }
      }
      const col = /^([a-z0-9][a-z0-9/-]*?)(?:\/|\/index\.html)?$/.exec(rest)
      const column = col ? byPath.get(col[1] ?? '') : undefined
      if (!column) throw pageNotFound()
      return { kind: 'column', column, rest: `${column.path}/` }
    }
    const visible = columns.filter((c) => c.visible)
    switch (input.name) {
      case 'templates/article.liquid': {
        const latest = await placementRepository.latestInSite(this.deps.db, siteId, 20)
        const item = latest.find((i) => visible.some((c) => c.id === i.columnId) && !i.linkUrl)
        const column = item ? visible.find((c) => c.id === item.columnId) : undefined
        if (item && column) {
          return {
            kind: 'article',
            column,
            id: item.id,
            rest: `${column.path}/content_${item.id}.html`,
          }
        }
        return { kind: 'home', rest: '' }
      }
      case 'templates/column.liquid': {
        const column = visible.find((c) => c.type === 'list')
        return column
          ? { kind: 'column', column, rest: `${column.path}/` }
          : { kind: 'home', rest: '' }
      }
      case 'templates/page.liquid': {
        const column = visible.find((c) => c.type !== 'list' && c.type !== 'link')
        return column
          ? { kind: 'column', column, rest: `${column.path}/` }
          : { kind: 'home', rest: '' }
      }
      case 'templates/sitemap.liquid':
        return { kind: 'sitemap', rest: 'sitemap.html' }
      case 'templates/search.liquid':
        return { kind: 'search', rest: 'search.html' }
      case 'templates/error.liquid':
        return { kind: 'error', rest: '404.html' }
      case 'templates/closed.liquid':
        return { kind: 'closed', rest: '' }
      default:
        return { kind: 'home', rest: '' }
    }
  }

  private async articleTarget(id: number, columns: Column[]): Promise<Target> {
    const placements = await placementRepository.listForArticle(this.deps.db, id)
    const inSite = placements
      .map((p) => ({ p, column: columns.find((c) => c.id === p.columnId) }))
      .filter((x): x is { p: (typeof placements)[number]; column: Column } => !!x.column)
    const chosen = inSite.find((x) => x.p.kind === 'primary') ?? inSite[0]
    if (!chosen) throw pageNotFound()
    return {
      kind: 'article',
      column: chosen.column,
      id,
      rest: `${chosen.column.path}/content_${id}.html`,
    }
  }

  private async render(deps: PageDeps, ctx: PageContext, target: Target): Promise<Outcome> {
    switch (target.kind) {
      case 'home':
        return renderHome(deps, ctx)
      case 'sitemap':
        return renderSitemap(deps, ctx)
      case 'search':
        return renderSearch(deps, ctx, {}, 1)
      case 'error':
        return notFoundPage(deps, ctx)
      case 'closed':
        return closedPage(deps, ctx)
      case 'column':
        return renderColumn(deps, ctx, target.column, 1)
      case 'article': {
        const outcome = await renderArticle(deps, ctx, target.column, target.id)
        // A draft or an article of another column renders the 404 page: say so instead.
        if (outcome.kind === 'page' && outcome.status === 404) throw pageNotFound()
        return outcome
      }
    }
  }
}

type Target =
  | { kind: 'home' | 'sitemap' | 'search' | 'error' | 'closed'; rest: string }
  | { kind: 'column'; column: Column; rest: string }
  | { kind: 'article'; column: Column; id: number; rest: string }

const pageNotFound = () =>
  invalid('要预览的页面不存在，或该信息尚未发布', { url: '请选择本站的首页、栏目或已发布的信息' })

/** A LiquidJS render error (unknown filter, bad include …) as a 400 naming the line. */
function renderError(e: unknown) {
  const err = e as {
    name?: string
    message?: string
    token?: { getPosition?: () => [number, number] }
  }
  if (!err || typeof err !== 'object' || !/Error$/.test(err.name ?? '') || !err.message) return e
  if (!/liquid|render|parse|tokeniz|undefined/i.test(`${err.name} ${err.message}`)) return e
  const line = err.token?.getPosition?.()[0]
  const message = err.message.split(', line:')[0] ?? err.message
  return invalid(line ? `模板渲染出错（第 ${line} 行）：${message}` : `模板渲染出错：${message}`, {
    source: line ? `第 ${line} 行：${message}` : message,
  })
}
