import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Core } from '../core'
import { fileRepository } from '../modules/files/file.repository'
import { letterPageRoutes, renderMailboxPage } from './letters.pages'
import { routePublishedLetters } from './letters-published.pages'
import { routeServicePages } from './services.pages'
import { routeDatasetPages } from './datasets.pages'
import { routeQuestions } from './questions.pages'
import { isLetterOnlyFile } from '../modules/letters/letter.attachments'
import { letterStatsColumn, renderLetterStatsPage } from './letter-stats.pages'
import { recordsPageRoutes, routeRecords } from './records.pages'
import { IMAGE_MIMES } from '../modules/files/file-types'
import { PageCache, type CachedPage } from './page-cache'
import { renderSearch } from './search.pages'
import { renderRss, renderSitemapXml } from './feeds'
import {
  closedPage,
  errorPage,
  notFoundPage,
  renderArticle,
  renderColumn,
  renderHome,
  renderSitemap,
  type Outcome,
  type PageDeps,
} from './pages'
import type { Renderer } from './renderer'
import type { SiteDirectory } from './site-directory'
import { countVisits, PAGE_HEADERS, pageKey, pickEncoding } from './fast-path'
import { THEMES_DIR } from './theme-fs'
import type { PageContext } from './views'

export interface PublicOptions {
  core: Core
  directory: SiteDirectory
  renderer: Renderer
  cache: PageCache
  publicUrl: string | null
}

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
}

/** The public sites: host/path → site → page, through the tagged page cache. */
export async function registerPublicRoutes(
  app: FastifyInstance,
  options: PublicOptions,
): Promise<void> {
  const { core, directory, renderer, cache } = options
  const deps: PageDeps = { db: core.deps.db, renderer, visits: core.visits }

  await app.register(fastifyStatic, {
    root: THEMES_DIR,
    prefix: '/_theme/',
    decorateReply: false,
    immutable: false,
    maxAge: '1h',
    allowedPath: (pathName) =>
      /^\/[a-z0-9-]+\/assets\/[A-Za-z0-9_./-]+$/.test(pathName) && !pathName.includes('..'),
  })

  app.get<{ Params: { name: string } }>('/files/:name', async (request, reply) => {
    const m = /^([0-9a-f]{64})(?:\.[a-z0-9]{1,8})?$/.exec(request.params.name)
    const sha = m?.[1]
    if (!sha) return reply.status(404).send({ error: { code: 'not_found', message: '文件不存在' } })
    const file = await fileRepository.getBySha(core.deps.db, sha)
    // Letter attachments are personal data: only the admin route serves them.
    if (!file || !core.deps.files.exists(sha) || (await isLetterOnlyFile(core.deps.db, file))) {
      return reply.status(404).send({ error: { code: 'not_found', message: '文件不存在' } })
    }
    const inline =
      IMAGE_MIMES.has(file.mime) ||
      file.mime === 'application/pdf' ||
      file.mime.startsWith('video/') ||
      file.mime.startsWith('audio/')
    reply
      .header('content-type', file.mime)
      .header('content-length', String(file.size))
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .header(
        'content-security-policy',
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      )
      .header(
        'content-disposition',
        `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      )
    return reply.send(core.deps.files.stream(sha))
  })

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const host = (request.host || 'localhost').toLowerCase()
    const query = request.query as Record<string, string | undefined>
    const { key, pathname, pageNo, isSearch } = pageKey(host, request.url)
    if (!isSearch) {
      const hit = cache.get(key)
      if (hit) {
        countVisits(core.visits, hit)
        return sendPage(request, reply, hit)
      }
    }
    let outcome: Outcome
    const resolved = await directory.resolve(host, pathname)
    if (!resolved) {
      return reply.status(404).type('text/html; charset=utf-8').send(plainError(404, '站点不存在'))
    }
    const snap = await directory.snapshotNow()
    const ctx: PageContext = { resolved, host, snap, directory }
    try {
      outcome = await route(deps, ctx, resolved.rest, {
        pageNo,
        query,
        origin: originOf(request, options.publicUrl),
        core,
      })
    } catch (err) {
      request.log.error({ err }, 'page render failed')
      try {
        outcome = await errorPage(
          deps,
          ctx,
          500,
          '服务暂时不可用',
          '页面生成出错，我们已记录该问题，请稍后再试。',
        )
        if (outcome.kind === 'page') outcome.cacheable = false
      } catch {
        return reply
          .status(500)
          .type('text/html; charset=utf-8')
          .send(plainError(500, '服务暂时不可用'))
      }
    }
    if (outcome.kind === 'redirect') {
      return reply.status(outcome.status).header('location', outcome.location).send()
    }
    const contentType = pathname.endsWith('rss.xml')
      ? CONTENT_TYPES.rss
      : pathname.endsWith('.xml')
        ? CONTENT_TYPES.xml
        : CONTENT_TYPES.html
    const entry = {
      status: outcome.status,
      contentType: contentType ?? 'text/html; charset=utf-8',
      body: Buffer.from(outcome.html),
      visits: outcome.visits,
      ttlMs: outcome.ttlMs,
    }
    // Unknown URLs are not cached: random paths must not fill memory.
    const cached =
      cache.enabled &&
      outcome.cacheable &&
      (outcome.status === 200 || outcome.status === 410) &&
      !isSearch
        ? cache.set(key, entry, outcome.tags)
        : PageCache.prepare(entry, acceptedEncodings(request))
    countVisits(core.visits, cached)
    return sendPage(request, reply, cached)
  }

  app.get('/*', handler)
  app.get('/', handler)
  // Public forms post urlencoded to `<column>/submit|check`; their parser stays in this scope.
  await app.register(letterPageRoutes, { core, directory, deps })
  // 个人查询 posts: `POST /records/:setCode/query` (a static prefix, before the letters' `/*`).
  await app.register(recordsPageRoutes, { core, directory, deps })
}

async function route(
  deps: PageDeps,
  ctx: PageContext,
  rest: string,
  opts: {
    pageNo: number
    query: Record<string, string | undefined>
    origin: string
    core: Core
  },
): Promise<Outcome> {
  const { site, root } = ctx.resolved
  const owner = site.status !== 'open' ? site : root.status !== 'open' ? root : null
  if (owner) {
    if (owner.status === 'closed') return closedPage(deps, ctx)
    return notFoundPage(deps, ctx)
  }
  if (rest === '' || rest === 'index.html' || rest === 'index.htm') return renderHome(deps, ctx)
  if (rest === 'sitemap.html') return renderSitemap(deps, ctx)
  if (rest === 'sitemap.xml') return renderSitemapXml(deps, ctx, opts.origin)
  if (rest === 'search.html') {
    return renderSearch({ ...deps, search: opts.core.search }, ctx, opts.query, opts.pageNo)
  }
  const article = /^(.+)\/content_(\d{1,10})\.html$/.exec(rest)
  if (article) {
    const column = ctx.snap.columnByPath.get(`${site.id}:${article[1]}`)
    if (!column || !column.visible) return notFoundPage(deps, ctx)
    return renderArticle(deps, ctx, column, Number(article[2]))
  }
  const rss = /^(.+)\/rss\.xml$/.exec(rest)
  if (rss) {
    const column = ctx.snap.columnByPath.get(`${site.id}:${rss[1]}`)
    if (!column || !column.visible) return notFoundPage(deps, ctx)
    return renderRss(deps, ctx, column, opts.origin)
  }
  const statsColumn = letterStatsColumn(ctx, rest)
  if (statsColumn) return renderLetterStatsPage({ ...deps, core: opts.core }, ctx, statsColumn)
  const published = await routePublishedLetters(
    { ...deps, core: opts.core },
    ctx,
    rest,
    opts.pageNo,
  )
  if (published) return published
  const services = await routeServicePages({ ...deps, core: opts.core }, ctx, rest, opts)
  if (services) return services
  const datasetPage = await routeDatasetPages({ ...deps, core: opts.core }, ctx, rest, opts)
  if (datasetPage) return datasetPage
  const faq = await routeQuestions(deps, ctx, rest, opts)
  if (faq) return faq
  const records = rest.startsWith('records')
    ? await routeRecords({ ...deps, core: opts.core }, ctx, rest)
    : null
  if (records) return records
  const col = /^([a-z0-9][a-z0-9/-]*?)(\/|\/index\.html)?$/.exec(rest)
  if (col) {
    const column = ctx.snap.columnByPath.get(`${site.id}:${col[1]}`)
    if (!column || !column.visible) return notFoundPage(deps, ctx)
    if (!col[2])
      return { kind: 'redirect', status: 301, location: `${ctx.resolved.prefix}${column.path}/` }
    if (column.type === 'letters')
      return renderMailboxPage({ ...deps, core: opts.core }, ctx, column)
    return renderColumn(deps, ctx, column, opts.pageNo)
  }
  return notFoundPage(deps, ctx)
}

function sendPage(request: FastifyRequest, reply: FastifyReply, page: CachedPage) {
  reply.headers(PAGE_HEADERS)
  reply.header('etag', page.etag)
  if (page.status === 200 && request.headers['if-none-match'] === page.etag) {
    return reply.status(304).send()
  }
  reply.status(page.status).header('content-type', page.contentType)
  const { body, encoding } = pickEncoding(page, request.headers['accept-encoding'] ?? '')
  if (encoding) reply.header('content-encoding', encoding)
  return reply.send(body)
}

function acceptedEncodings(request: FastifyRequest): { gzip: boolean; br: boolean } {
  const accept = request.headers['accept-encoding'] ?? ''
  const br = accept.includes('br')
  return { br, gzip: !br && accept.includes('gzip') }
}

function originOf(request: FastifyRequest, publicUrl: string | null): string {
  if (publicUrl) return publicUrl
  return `${request.protocol}://${request.host}`
}

function plainError(status: number, title: string): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${status} ${title}</h1></body></html>`
}
