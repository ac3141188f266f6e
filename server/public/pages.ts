import type { Db } from '../db/database'
import { formatDate, formatDateTime } from '../../common/time'
import { articleRepository } from '../modules/articles/article.repository'
import { placementRepository, type ListedItem } from '../modules/articles/placement.repository'
import type { Column } from '../modules/columns/column.repository'
import { fileUrl } from '../modules/files/file.service'
import { fileRepository } from '../modules/files/file.repository'
import type { VisitBuffer } from '../modules/statistics/visit.buffer'
import { aggregateItems, aggregatePage, clusterLatest } from './aggregate.pages'
import type { Renderer } from './renderer'
import {
  articleUrl,
  breadcrumbsFor,
  columnUrl,
  commonView,
  itemView,
  paginationView,
  prefixOfSite,
  type PageContext,
} from './views'

export type Outcome =
  | {
      kind: 'page'
      status: number
      html: string
      tags: string[]
      visits: Array<readonly ['site' | 'column' | 'article', number]>
      ttlMs: number
      cacheable: boolean
    }
  | { kind: 'redirect'; status: 301 | 302; location: string }

const PAGE_SIZE = 20
export const MINUTE = 60_000

export interface PageDeps {
  db: Db
  renderer: Renderer
  visits: VisitBuffer
}

export function baseTags(ctx: PageContext): string[] {
  const { site, root } = ctx.resolved
  return ['cluster', `site:${site.id}`, ...(root.id !== site.id ? [`site:${root.id}`] : [])]
}

/**
 * Renders a template with its furniture as fragments: the header, main navigation, footer and
 * 站群导航 are the same on every page of a site (but for the current navigation item and the
 * date), so each is rendered once per site, host and variant and reused.
 */
export async function renderTemplate(
  renderer: Renderer,
  ctx: PageContext,
  template: string,
  vars: object,
): Promise<string> {
  const site = ctx.resolved.site
  const v = vars as {
    clusterNav?: unknown
    nav?: { isCurrent: boolean }[]
    today?: string
    year?: string
  }
  if (!v.clusterNav) {
    const empty = { clusterNav: '', clusterNavExpanded: '', header: '', nav: '', footer: '' }
    return renderer.render(site, template, { ...vars, fragments: empty })
  }
  const key = `${ctx.host}|${ctx.resolved.prefix}`
  const navHome = template === 'home' ? 'current' : ''
  const current = v.nav?.findIndex((n) => n.isCurrent) ?? -1
  const part = (source: string, variant: string, extra: object = {}) =>
    renderer.fragment(site, source, `${key}|${variant}`, { ...vars, ...extra })
  const fragments = {
    clusterNav: await part("{% include 'cluster-nav', clusterNavExpanded: false %}", 'cluster'),
    clusterNavExpanded: await part(
      "{% include 'cluster-nav', clusterNavExpanded: true %}",
      'cluster',
    ),
    header: await part("{% include 'header' %}", `header|${v.today ?? ''}`, { siteRssUrl: '' }),
    nav: await part("{% include 'nav' %}", `nav|${navHome}|${current}`, { navHome }),
    footer: await part("{% include 'footer' %}", `footer|${v.year ?? ''}`, { siteRssUrl: '' }),
  }
  return renderer.render(site, template, { ...vars, fragments })
}

/** A themed page outcome with the site's cache tags; module pages (信箱 …) render through it. */
export async function page(
  deps: PageDeps,
  ctx: PageContext,
  template: string,
  vars: object,
  extra: {
    status?: number
    tags?: string[]
    visits?: Array<readonly ['site' | 'column' | 'article', number]>
    ttlMs?: number
    cacheable?: boolean
  },
): Promise<Outcome> {
  const html = await renderTemplate(deps.renderer, ctx, template, vars)
  return {
    kind: 'page',
    status: extra.status ?? 200,
    html,
    tags: [...baseTags(ctx), ...(extra.tags ?? [])],
    visits: [['site', ctx.resolved.site.id], ...(extra.visits ?? [])],
    ttlMs: extra.ttlMs ?? 10 * MINUTE,
    cacheable: extra.cacheable ?? true,
  }
}

export async function renderHome(deps: PageDeps, ctx: PageContext): Promise<Outcome> {
  const { site, prefix } = ctx.resolved
  const columns = (ctx.snap.columnsOf.get(site.id) ?? []).filter((c) => c.visible)
  // Aggregate columns (部门动态, 乡镇动态 …) make blocks of their sources' newest items.
  const blockColumns = columns.filter(
    (c) => c.homeBlock && (c.type === 'list' || c.type === 'aggregate'),
  )
  const headlineColumn =
    columns.find((c) => c.settings.isHeadline === true) ??
    blockColumns.find((c) => c.type === 'list') ??
    null
  const [blocks, headlines, latest] = await Promise.all([
    Promise.all(
      blockColumns.map(async (c) => {
        if (c.type === 'aggregate') {
          const agg = await aggregateItems(deps.db, ctx, c, { offset: 0, limit: 8 })
          const items = agg.items.map((i) => itemView(ctx, i))
          return { name: c.name, url: columnUrl(prefix, c), slug: c.slug, items, tags: agg.tags }
        }
        const ids = descendantIds(ctx, c)
        const items = await placementRepository.listPublishedInColumns(deps.db, ids, {
          offset: 0,
          limit: 8,
        })
        return {
          name: c.name,
          url: columnUrl(prefix, c),
          slug: c.slug,
          items: items.map((i) => itemView(ctx, i, c)),
          tags: ids.map((id) => `column:${id}`),
        }
      }),
    ),
    headlineColumn
      ? placementRepository.withCoverInColumn(deps.db, headlineColumn.id, 5)
      : Promise.resolve([]),
    // A portal's 最新信息 spans the portal and all its channels.
    site.kind === 'portal'
      ? clusterLatest(deps.db, ctx, site, 10)
      : placementRepository
          .latestInSite(deps.db, site.id, 20)
          .then((items) => ({ items, tags: [`latest:${site.id}`] })),
  ])
  const covers = await coverUrls(deps.db, headlines)
  const services = serviceEntrances(ctx, columns)
  const vars = {
    ...commonView(ctx, { title: site.name, breadcrumbs: [{ name: '首页', url: prefix }] }),
    home: {
      headlines: headlines.map((h) => ({
        ...itemView(ctx, h, headlineColumn ?? undefined),
        cover: { url: covers.get(h.coverFileId ?? 0) ?? '', alt: h.coverAlt || h.title },
      })),
      blocks: blocks.map(({ tags: _tags, ...b }) => b),
      // Items of hidden columns answer 404: the home page never links to them.
      latest: latest.items
        .filter((i) => ctx.snap.columnById.get(i.columnId)?.visible)
        .slice(0, 10)
        .map((i) => {
          const s = ctx.snap.byId.get(i.siteId)
          return {
            ...itemView(ctx, i),
            siteName: s?.shortName || s?.name || '',
            siteUrl: prefixOfSite(ctx, i.siteId),
          }
        }),
      services,
    },
  }
  return page(deps, ctx, 'home', vars, {
    tags: [
      `latest:${site.id}`,
      ...new Set([...latest.tags, ...blocks.flatMap((b) => b.tags)]),
      ...(headlineColumn ? [`column:${headlineColumn.id}`] : []),
    ],
  })
}

function serviceEntrances(ctx: PageContext, columns: Column[]) {
  const { prefix } = ctx.resolved
  const serviceTop = columns.find(
    (c) => c.parentId === null && (c.slug === 'zwfw' || c.name === '政务服务'),
  )
  const picked = serviceTop
    ? columns.filter((c) => c.parentId === serviceTop.id)
    : columns.filter((c) => ['services', 'letters', 'dataset'].includes(c.type))
  return picked
    .slice(0, 8)
    .map((c) => ({ name: c.name, url: columnUrl(prefix, c), description: c.description }))
}

export function descendantIds(ctx: PageContext, column: Column): number[] {
  const all = ctx.snap.columnsOf.get(column.siteId) ?? []
  return [column.id, ...all.filter((c) => c.path.startsWith(`${column.path}/`)).map((c) => c.id)]
}

export async function renderColumn(
  deps: PageDeps,
  ctx: PageContext,
  column: Column,
  pageNo: number,
): Promise<Outcome> {
  const { prefix } = ctx.resolved
  if (column.type === 'link' && column.linkUrl)
    return { kind: 'redirect', status: 302, location: column.linkUrl }
  const siblings = (ctx.snap.columnsOf.get(column.siteId) ?? []).filter((c) => c.visible)
  const children = siblings.filter((c) => c.parentId === column.id)
  const sideNav = (
    children.length > 0 ? children : siblings.filter((c) => c.parentId === column.parentId)
  ).map((c) => ({
    name: c.name,
    url: columnUrl(prefix, c),
    isCurrent: c.id === column.id,
  }))
  const columnVars = {
    name: column.name,
    url: columnUrl(prefix, column),
    description: column.description,
    type: column.type,
    updateClass: column.updateClass,
    children: children.map((c) => ({ name: c.name, url: columnUrl(prefix, c) })),
    rssUrl: `${prefix}${column.path}/rss.xml`,
  }
  const common = commonView(ctx, {
    title: `${column.name} - ${ctx.resolved.site.name}`,
    column,
    breadcrumbs: breadcrumbsFor(ctx, column),
  })
  if (column.type !== 'list' && column.type !== 'aggregate') {
    const [first] = await placementRepository.listPublishedInColumn(deps.db, column.id, {
      offset: 0,
      limit: 1,
    })
    const article = first ? await articleRepository.get(deps.db, first.id) : undefined
    return page(
      deps,
      ctx,
      'page',
      {
        ...common,
        column: columnVars,
        sideNav,
        page: {
          title: article?.title ?? column.name,
          bodyHtml: article?.bodyHtml ?? moduleSlotHtml(column),
          updatedAt: formatDate(article?.updatedAt ?? column.updatedAt),
        },
      },
      {
        tags: [`column:${column.id}`, ...(article ? [`article:${article.id}`] : [])],
        visits: [['column', column.id]],
      },
    )
  }
  const listed =
    column.type === 'aggregate'
      ? await aggregatePage(deps.db, ctx, column, pageNo, PAGE_SIZE)
      : await ownListPage(deps.db, ctx, column, pageNo)
  if (!listed) return notFoundPage(deps, ctx)
  return page(
    deps,
    ctx,
    'column',
    {
      ...common,
      pageTitle:
        pageNo > 1
          ? `${column.name}（第${pageNo}页） - ${ctx.resolved.site.name}`
          : common.pageTitle,
      column: columnVars,
      items: listed.items.map((i) => itemView(ctx, i, column)),
      pagination: paginationView(columnUrl(prefix, column), pageNo, PAGE_SIZE, listed.total),
      sideNav,
    },
    { tags: listed.tags, visits: [['column', column.id]] },
  )
}

/** A list column's page of items; a parent without items of its own shows its sub-columns'. */
async function ownListPage(db: Db, ctx: PageContext, column: Column, pageNo: number) {
  const ids = descendantIds(ctx, column)
  const total = await placementRepository.countPublishedInColumns(db, ids)
  if (pageNo > Math.max(1, Math.ceil(total / PAGE_SIZE))) return null
  const items = await placementRepository.listPublishedInColumns(db, ids, {
    offset: (pageNo - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  })
  return { items, total, tags: ids.map((id) => `column:${id}`) }
}

export async function renderArticle(
  deps: PageDeps,
  ctx: PageContext,
  column: Column,
  id: number,
): Promise<Outcome> {
  const article = await articleRepository.get(deps.db, id)
  if (!article) return notFoundPage(deps, ctx)
  const placements = await placementRepository.listForArticle(deps.db, id)
  const placed = placements.find((p) => p.columnId === column.id)
  if (!placed) return notFoundPage(deps, ctx)
  if (article.status === 'unpublished') {
    if (article.unpublishKind === 'redirect' && article.redirectUrl) {
      return { kind: 'redirect', status: 301, location: article.redirectUrl }
    }
    if (article.unpublishKind === 'removed') {
      return errorPage(deps, ctx, 410, '该信息已删除', '您访问的信息已不再提供。', [
        `article:${id}`,
      ])
    }
    return errorPage(
      deps,
      ctx,
      410,
      '该信息已撤销',
      article.unpublishReason
        ? `撤销原因：${article.unpublishReason}`
        : '您访问的信息已被发布单位撤销。',
      [`article:${id}`],
    )
  }
  if (article.status !== 'published') return notFoundPage(deps, ctx, [`article:${id}`])
  if (article.linkUrl) return { kind: 'redirect', status: 302, location: article.linkUrl }
  const files = await articleRepository.filesOf(deps.db, id)
  const cover = files.find((f) => f.role === 'cover')
  const primary = placements.find((p) => p.kind === 'primary')
  const primaryColumn = primary ? ctx.snap.columnById.get(primary.columnId) : undefined
  const canonical =
    primaryColumn && primary
      ? articleUrl(prefixOfSite(ctx, primary.siteId), primaryColumn.path, id)
      : undefined
  const vars = articlePageVars(ctx, column, {
    id,
    title: article.title,
    subtitle: article.subtitle,
    source: article.source || ownerAttribution(ctx, article.siteId),
    author: article.author,
    publishedAt: article.publishedAt,
    bodyHtml: article.bodyHtml,
    summary: article.summary,
    keywords: article.keywords,
    views: article.viewCount + deps.visits.pending('article', id) + 1,
    cover: cover ? { url: fileUrl(cover), alt: article.coverAlt || article.title } : null,
    attachments: files
      .filter((f) => f.role === 'attachment')
      .map((f) => ({ name: f.name, url: fileUrl(f), size: f.size, mime: f.mime })),
    disclosure: article.disclosure,
    canonicalUrl: canonical ?? null,
  })
  return page(deps, ctx, 'article', vars, {
    tags: [`article:${id}`],
    visits: [['article', id]],
    ttlMs: 5 * MINUTE,
  })
}

/** An article standing on another site (一稿多发, linked) names its publishing unit. */
function ownerAttribution(ctx: PageContext, ownerSiteId: number): string {
  if (ownerSiteId === ctx.resolved.site.id) return ''
  const owner = ctx.snap.byId.get(ownerSiteId)
  return owner?.name ?? ''
}

/** What an article page shows, from a stored article or the editor's unsaved values (preview). */
export interface ArticleView {
  id: number
  title: string
  subtitle: string
  source: string
  author: string
  publishedAt: string | null
  bodyHtml: string
  summary: string
  keywords: string
  views: number
  linkUrl?: string
  cover: { url: string; alt: string } | null
  attachments: { name: string; url: string; size: number; mime: string }[]
  disclosure: {
    indexNo: string
    docNo: string
    issuer: string
    writtenAt: string | null
    subjectCategory: string
    validity: string
  } | null
  canonicalUrl: string | null
}

/** Template variables of an article page: furniture, meta tags and the article itself. */
export function articlePageVars(ctx: PageContext, column: Column, a: ArticleView) {
  const { prefix } = ctx.resolved
  const publishedAt = formatDateTime(a.publishedAt)
  const common = commonView(ctx, {
    title: `${a.title} - ${column.name} - ${ctx.resolved.site.name}`,
    column,
    breadcrumbs: breadcrumbsFor(ctx, column, {
      name: '正文',
      url: articleUrl(prefix, column.path, a.id),
    }),
    meta: {
      ArticleTitle: a.title,
      PubDate: publishedAt,
      ContentSource: a.source || ctx.resolved.site.name,
      ...(a.keywords ? { Keywords: a.keywords } : {}),
      ...(a.summary ? { Description: a.summary.slice(0, 200) } : {}),
    },
  })
  const d = a.disclosure
  return {
    ...common,
    ...(a.canonicalUrl ? { canonicalUrl: a.canonicalUrl } : {}),
    article: {
      title: a.title,
      subtitle: a.subtitle,
      source: a.source,
      author: a.author,
      publishedAt,
      date: formatDate(a.publishedAt),
      bodyHtml: a.bodyHtml,
      summary: a.summary,
      keywords: a.keywords,
      views: a.views,
      ...(a.linkUrl ? { linkUrl: a.linkUrl } : {}),
      ...(a.cover ? { cover: a.cover } : {}),
      attachments: a.attachments.map((f) => ({
        name: f.name,
        url: f.url,
        sizeText: sizeText(f.size),
        mime: f.mime,
      })),
      ...(d ? { disclosure: { ...d, writtenAt: d.writtenAt ?? '' } } : {}),
      column: { name: column.name, url: columnUrl(prefix, column) },
    },
  }
}

export async function renderSitemap(deps: PageDeps, ctx: PageContext): Promise<Outcome> {
  const { prefix, site } = ctx.resolved
  const visible = (ctx.snap.columnsOf.get(site.id) ?? []).filter((c) => c.visible)
  type Node = { name: string; url: string; children: Node[] }
  const build = (parentId: number | null): Node[] =>
    visible
      .filter((c) => c.parentId === parentId)
      .map((c) => ({ name: c.name, url: columnUrl(prefix, c), children: build(c.id) }))
  return page(
    deps,
    ctx,
    'sitemap',
    {
      ...commonView(ctx, {
        title: `网站地图 - ${site.name}`,
        breadcrumbs: [
          { name: '首页', url: prefix },
          { name: '网站地图', url: `${prefix}sitemap.html` },
        ],
      }),
      tree: build(null),
    },
    {},
  )
}

export async function errorPage(
  deps: PageDeps,
  ctx: PageContext,
  status: number,
  title: string,
  message: string,
  tags: string[] = [],
): Promise<Outcome> {
  const { prefix } = ctx.resolved
  return page(
    deps,
    ctx,
    'error',
    {
      ...commonView(ctx, {
        title: `${title} - ${ctx.resolved.site.name}`,
        breadcrumbs: [{ name: '首页', url: prefix }],
      }),
      error: { status, title, message, homeUrl: prefix },
    },
    { status, tags, ttlMs: MINUTE, visits: [] },
  )
}

export function notFoundPage(
  deps: PageDeps,
  ctx: PageContext,
  tags: string[] = [],
): Promise<Outcome> {
  return errorPage(
    deps,
    ctx,
    404,
    '页面不存在',
    '您访问的页面不存在或已被移除，请检查网址，或通过站内搜索查找。',
    tags,
  )
}

export async function closedPage(deps: PageDeps, ctx: PageContext): Promise<Outcome> {
  const owner = ctx.resolved.site.status !== 'open' ? ctx.resolved.site : ctx.resolved.root
  return page(
    deps,
    ctx,
    'closed',
    {
      ...commonView(ctx, {
        title: `网站已关停 - ${ctx.resolved.site.name}`,
        breadcrumbs: [{ name: '首页', url: ctx.resolved.prefix }],
      }),
      closure: { notice: owner.closedNotice, since: formatDate(owner.closedAt) },
    },
    { tags: [`site:${owner.id}`] },
  )
}

async function coverUrls(db: Db, items: ListedItem[]): Promise<Map<number, string>> {
  const ids = items.map((i) => i.coverFileId).filter((x): x is number => x !== null)
  const files = await fileRepository.getMany(db, ids)
  return new Map(files.map((f) => [f.id, fileUrl(f)]))
}

/** A column whose module (信箱, 办事, 调查 …) has no page of its own yet shows its description. */
function moduleSlotHtml(column: Column): string {
  return column.description
    ? `<p>${escapeText(column.description)}</p>`
    : `<p>${escapeText(column.name)}栏目正在建设中。</p>`
}

export function sizeText(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1048576) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1048576).toFixed(1)} MB`
}

export function escapeText(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  )
}
