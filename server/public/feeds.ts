import { placementRepository } from '../modules/articles/placement.repository'
import type { Column } from '../modules/columns/column.repository'
import { aggregateItems } from './aggregate.pages'
import { baseTags, descendantIds, escapeText, MINUTE, type Outcome, type PageDeps } from './pages'
import { articleUrl, columnUrl, itemView, type PageContext } from './views'

// Feeds for machines: a column's RSS and the site's sitemap.xml.

/** RSS 2.0 of a column's latest items. */
export async function renderRss(
  deps: PageDeps,
  ctx: PageContext,
  column: Column,
  origin: string,
): Promise<Outcome> {
  const ids = descendantIds(ctx, column)
  const { items, tags } =
    column.type === 'aggregate'
      ? await aggregateItems(deps.db, ctx, column, { offset: 0, limit: 20 })
      : {
          items: await placementRepository.listPublishedInColumns(deps.db, ids, {
            offset: 0,
            limit: 20,
          }),
          tags: ids.map((id) => `column:${id}`),
        }
  const abs = (u: string) => (/^https?:/.test(u) ? u : `${origin}${u}`)
  const x = escapeText
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0"><channel>',
    `<title>${x(`${column.name} - ${ctx.resolved.site.name}`)}</title>`,
    `<link>${x(abs(columnUrl(ctx.resolved.prefix, column)))}</link>`,
    `<description>${x(column.description || column.name)}</description>`,
    '<language>zh-cn</language>',
    ...items.map((i) => {
      const v = itemView(ctx, i, column)
      return `<item><title>${x(i.title)}</title><link>${x(abs(v.url))}</link><guid isPermaLink="false">article-${i.id}</guid><pubDate>${new Date(i.publishedAt).toUTCString()}</pubDate><description>${x(i.summary)}</description></item>`
    }),
    '</channel></rss>',
  ].join('\n')
  return {
    kind: 'page',
    status: 200,
    html: body,
    tags: [...baseTags(ctx), ...tags],
    visits: [],
    ttlMs: 10 * MINUTE,
    cacheable: true,
  }
}

/** sitemap.xml: home, columns and the latest published articles of the site. */
export async function renderSitemapXml(
  deps: PageDeps,
  ctx: PageContext,
  origin: string,
): Promise<Outcome> {
  const { site, prefix } = ctx.resolved
  const columns = (ctx.snap.columnsOf.get(site.id) ?? []).filter(
    (c) => c.visible && c.type !== 'link',
  )
  const rows = await placementRepository.latestPrimaryInSite(deps.db, site.id, 45_000)
  const abs = (u: string) => (/^https?:/.test(u) ? u : `${origin}${u}`)
  const urls = [
    `<url><loc>${escapeText(abs(prefix))}</loc><changefreq>daily</changefreq></url>`,
    ...columns.map((c) => `<url><loc>${escapeText(abs(columnUrl(prefix, c)))}</loc></url>`),
    ...rows.map((r) => {
      const c = ctx.snap.columnById.get(r.columnId)
      // An article whose column is hidden answers 404: it must not be announced to crawlers.
      return c && c.visible
        ? `<url><loc>${escapeText(abs(articleUrl(prefix, c.path, r.id)))}</loc><lastmod>${r.updatedAt.slice(0, 10)}</lastmod></url>`
        : ''
    }),
  ]
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.filter(Boolean).join('\n')}\n</urlset>`
  return {
    kind: 'page',
    status: 200,
    html: body,
    tags: [...baseTags(ctx), `latest:${site.id}`],
    visits: [],
    ttlMs: 60 * MINUTE,
    cacheable: true,
  }
}
