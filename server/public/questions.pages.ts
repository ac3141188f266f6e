import { formatDate } from '../../common/time'
import { QUESTION_LIMITS } from '../../common/questions'
import type { Column } from '../modules/columns/column.repository'
import {
  paragraphs,
  publishedEntry,
  publishedList,
  publishedTopics,
  unitsShownOn,
  type PublicEntry,
} from '../modules/questions'
import { notFoundPage, page, type Outcome, type PageDeps } from './pages'
import {
  articleUrl,
  breadcrumbsFor,
  columnUrl,
  commonView,
  prefixOfSite,
  type PageContext,
} from './views'

/**
 * 热点解答 pages of a `faq` column: the list `<column>/` (hot and sorted first, 20 a page), by
 * topic `<column>/topic/<主题>/`, the search `<column>/search.html?q=` (never cached: the page
 * cache keys on the path) and an entry `<column>/question_<id>.html`. The portal shows every
 * unit's published entries, any other site its own unit's. Cached with `questions-all` (portal)
 * or `questions-unit:<siteId>`, and `question:<id>` on entry pages; plain HTML, no script.
 */

const PATH_RE =
  /^([a-z0-9][a-z0-9/-]*?)(\/|\/index\.html|\/search\.html|\/topic\/([^/]{1,40})\/|\/question_(\d{1,10})\.html)$/
const SIZE = QUESTION_LIMITS.pageSize
const MINUTE = 60_000

export async function routeQuestions(
  deps: PageDeps,
  ctx: PageContext,
  rest: string,
  opts: { pageNo: number; query: Record<string, string | undefined> },
): Promise<Outcome | null> {
  const m = PATH_RE.exec(rest)
  if (!m) return null
  const column = ctx.snap.columnByPath.get(`${ctx.resolved.site.id}:${m[1]}`)
  if (!column || !column.visible || column.type !== 'faq') return null
  if (m[4]) return renderEntry(deps, ctx, column, Number(m[4]))
  if (m[2] === '/search.html') {
    const q = (opts.query.q ?? '').trim().slice(0, 100)
    return renderList(deps, ctx, column, { q, pageNo: opts.pageNo })
  }
  if (m[3]) return renderList(deps, ctx, column, { topic: m[3], pageNo: opts.pageNo })
  return renderList(deps, ctx, column, { pageNo: opts.pageNo })
}

function scopeTag(ctx: PageContext): string {
  const site = ctx.resolved.site
  return site.kind === 'portal' ? 'questions-all' : `questions-unit:${site.id}`
}

function frame(
  ctx: PageContext,
  column: Column,
  title: string | null,
  extra?: { name: string; url: string },
) {
  const { prefix } = ctx.resolved
  const url = columnUrl(prefix, column)
  const siblings = (ctx.snap.columnsOf.get(column.siteId) ?? []).filter((c) => c.visible)
  const children = siblings.filter((c) => c.parentId === column.id)
  const sideNav = (
    children.length > 0 ? children : siblings.filter((c) => c.parentId === column.parentId)
  ).map((c) => ({ name: c.name, url: columnUrl(prefix, c), isCurrent: c.id === column.id }))
  return {
    ...commonView(ctx, {
      title: `${title ? `${title} - ` : ''}${column.name} - ${ctx.resolved.site.name}`,
      column,
      breadcrumbs: breadcrumbsFor(ctx, column, extra),
    }),
    sideNav,
    column: { name: column.name, url, description: column.description },
    faqUrls: { list: url, search: `${url}search.html` },
  }
}

const topicUrl = (base: string, topic: string) => `${base}topic/${encodeURIComponent(topic)}/`

function itemView(base: string, q: PublicEntry) {
  return {
    url: `${base}question_${q.id}.html`,
    question: q.question,
    unitName: q.unitName,
    date: formatDate(q.publishedAt),
    isHot: q.isHot,
    topics: q.topics.map((t) => ({ name: t, url: topicUrl(base, t) })),
  }
}

/** Pagination links that keep the search words (`?q=…&page=2`). */
function pager(base: string, pageNo: number, total: number) {
  const pages = Math.max(1, Math.ceil(total / SIZE))
  const sep = base.includes('?') ? '&' : '?'
  const url = (p: number) => (p <= 1 ? base : `${base}${sep}page=${p}`)
  const from = Math.max(1, Math.min(pageNo - 4, pages - 8))
  const links = []
  for (let p = from; p <= Math.min(pages, from + 8); p++)
    links.push({ page: p, url: url(p), isCurrent: p === pageNo })
  return {
    page: pageNo,
    pages,
    total,
    ...(pageNo > 1 ? { prevUrl: url(pageNo - 1) } : {}),
    ...(pageNo < pages ? { nextUrl: url(pageNo + 1) } : {}),
    links,
  }
}

async function renderList(
  deps: PageDeps,
  ctx: PageContext,
  column: Column,
  f: { q?: string; topic?: string; pageNo: number },
): Promise<Outcome> {
  const units = unitsShownOn(ctx.resolved.site)
  const isSearch = f.q !== undefined
  const [{ items, total }, topics] = await Promise.all([
    isSearch && !f.q
      ? Promise.resolve({ items: [], total: 0 })
      : publishedList(deps.db, { units, topic: f.topic, q: f.q, page: f.pageNo, pageSize: SIZE }),
    publishedTopics(deps.db, units),
  ])
  // Unknown topics and pages past the end are not pages (and are never cached).
  if ((f.topic && total === 0) || (f.pageNo > 1 && items.length === 0))
    return notFoundPage(deps, ctx)
  const listUrl = columnUrl(ctx.resolved.prefix, column)
  const heading = f.topic ? `主题：${f.topic}` : isSearch ? '搜索结果' : null
  const here = f.topic
    ? topicUrl(listUrl, f.topic)
    : isSearch
      ? `${listUrl}search.html?q=${encodeURIComponent(f.q ?? '')}`
      : listUrl
  const base = frame(ctx, column, heading, heading ? { name: heading, url: here } : undefined)
  return page(
    deps,
    ctx,
    'question-list',
    {
      ...base,
      pageTitle: f.pageNo > 1 ? `${base.pageTitle}（第${f.pageNo}页）` : base.pageTitle,
      faq: {
        heading: heading ?? column.name,
        q: f.q ?? '',
        isSearch,
        topic: f.topic ?? '',
        total,
        items: items.map((q) => itemView(listUrl, q)),
        topics: topics.slice(0, 30).map((t) => ({
          name: t.topic,
          count: t.count,
          url: topicUrl(listUrl, t.topic),
          isCurrent: t.topic === f.topic,
        })),
      },
      pagination: pager(here, f.pageNo, total),
    },
    {
      tags: [`column:${column.id}`, scopeTag(ctx)],
      visits: [['column', column.id]],
      ttlMs: 10 * MINUTE,
      cacheable: !isSearch,
    },
  )
}

async function renderEntry(
  deps: PageDeps,
  ctx: PageContext,
  column: Column,
  id: number,
): Promise<Outcome> {
  const q = await publishedEntry(deps.db, id)
  const units = unitsShownOn(ctx.resolved.site)
  if (!q || (units !== 'all' && !units.includes(q.unitSiteId))) return notFoundPage(deps, ctx)
  const listUrl = columnUrl(ctx.resolved.prefix, column)
  const base = frame(ctx, column, q.question, {
    name: '正文',
    url: `${listUrl}question_${q.id}.html`,
  })
  const policies = q.policies.flatMap((p) => {
    if (p.linkUrl) return [{ title: p.title, url: p.linkUrl }]
    const shown = p.columnIds.map((cid) => ctx.snap.columnById.get(cid)).find((c) => c?.visible)
    const site = shown ? ctx.snap.byId.get(shown.siteId) : undefined
    if (!shown || site?.status !== 'open') return []
    return [{ title: p.title, url: articleUrl(prefixOfSite(ctx, shown.siteId), shown.path, p.id) }]
  })
  return page(
    deps,
    ctx,
    'question',
    {
      ...base,
      meta: { ...base.meta, ArticleTitle: q.question, PubDate: formatDate(q.publishedAt) },
      entry: {
        ...itemView(listUrl, q),
        updatedDate: formatDate(q.updatedAt),
        detail: paragraphs(q.detail),
        answer: paragraphs(q.answer),
        services: q.services.map((s) => ({ code: s.code, name: s.name ?? '' })),
        policies,
      },
    },
    {
      tags: [
        `column:${column.id}`,
        `question:${q.id}`,
        scopeTag(ctx),
        ...q.policies.map((p) => `article:${p.id}`),
      ],
      visits: [['column', column.id]],
      ttlMs: 10 * MINUTE,
    },
  )
}
