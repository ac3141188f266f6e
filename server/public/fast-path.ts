import type { IncomingMessage, ServerResponse } from 'node:http'
import proxyAddr from '@fastify/proxy-addr'
import type { Config } from '../env'
import type { AccessLog } from '../plugins/access-log'
import type { VisitBuffer } from '../modules/statistics/visit.buffer'
import type { CachedPage, PageCache } from './page-cache'

/** Security headers of public pages, computed once (helmet runs only on the API scopes). */
export const PAGE_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data: https: http:; media-src 'self' https: http:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'",
  'cache-control': 'no-cache',
  vary: 'accept-encoding',
}

/** The same headers as a flat [name, value, …] list, the cheapest form for writeHead. */
const BASE_HEADERS = Object.entries(PAGE_HEADERS).flat()

export interface PageKey {
  key: string
  pathname: string
  pageNo: number
  isSearch: boolean
}

/** The page cache key of a request: host, decoded path and the page number (other query ignored). */
export function pageKey(host: string, rawUrl: string): PageKey {
  const q = rawUrl.indexOf('?')
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q)
  const pageNo =
    q < 0 ? 1 : parsePage(new URLSearchParams(rawUrl.slice(q + 1)).get('page') ?? undefined)
  let pathname: string
  try {
    pathname = decodeURIComponent(rawPath)
  } catch {
    pathname = '/__invalid__'
  }
  const isSearch = pathname.endsWith('/search.html')
  return {
    key: `${host}${pathname}${pageNo > 1 ? `?page=${pageNo}` : ''}`,
    pathname,
    pageNo,
    isSearch,
  }
}

export function parsePage(raw: string | undefined): number {
  const n = Number(raw ?? 1)
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1
}

export function pickEncoding(
  page: CachedPage,
  accept: string,
): { body: Buffer; encoding: string | null } {
  if (page.br && accept.includes('br')) return { body: page.br, encoding: 'br' }
  if (page.gzip && accept.includes('gzip')) return { body: page.gzip, encoding: 'gzip' }
  return { body: page.body, encoding: null }
}

export function countVisits(visits: VisitBuffer, page: CachedPage): void {
  for (const [entity, id] of page.visits) visits.hit(entity, id)
}

function trustFunction(value: Config['trustProxy']): (addr: string) => boolean {
  if (value === false) return () => false
  if (value === true) return () => true
  if (typeof value === 'number') return () => value > 0
  const compiled = proxyAddr.compile(value)
  return (addr) => compiled(addr, 0)
}

const prebuilt = new WeakMap<CachedPage, Map<string, string[]>>()

type Variant = 'not-modified' | 'identity' | 'gzip' | 'br'

/** Response headers of a cached page per variant, built once per page. */
function headersFor(page: CachedPage, variant: Variant | string): string[] {
  let byVariant = prebuilt.get(page)
  if (!byVariant) prebuilt.set(page, (byVariant = new Map()))
  let list = byVariant.get(variant)
  if (!list) {
    if (variant === 'not-modified') {
      list = [...BASE_HEADERS, 'etag', page.etag]
    } else {
      const body = variant === 'br' ? page.br : variant === 'gzip' ? page.gzip : page.body
      list = [
        ...BASE_HEADERS,
        'etag',
        page.etag,
        'content-type',
        page.contentType,
        'content-length',
        String(body?.length ?? 0),
      ]
      if (variant !== 'identity') list.push('content-encoding', variant)
    }
    byVariant.set(variant, list)
  }
  return list
}

const SKIP = /^\/(api\/|admin|files\/|_theme\/|healthz)/

/**
 * Serves page-cache hits straight from the HTTP server, before Fastify's routing: a cached
 * public page costs a map lookup and one write. Anything else falls through to Fastify.
 */
export function createFastPath(options: {
  cache: PageCache
  visits: VisitBuffer
  accessLog: AccessLog | null
  trustProxy: Config['trustProxy']
}): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { cache, visits, accessLog } = options
  // The same trust rule Fastify applies, so both paths compute the same host.
  const trust = trustFunction(options.trustProxy)
  return (req, res) => {
    if (!cache.enabled || (req.method !== 'GET' && req.method !== 'HEAD')) return false
    const url = req.url ?? '/'
    if (SKIP.test(url)) return false
    const forwarded = trust(req.socket.remoteAddress ?? '')
      ? req.headers['x-forwarded-host']
      : undefined
    const host =
      (typeof forwarded === 'string'
        ? forwarded.split(',')[0]?.trim()
        : req.headers.host
      )?.toLowerCase() || 'localhost'
    const k = pageKey(host, url)
    if (k.isSearch) return false
    const page = cache.get(k.key)
    if (!page) return false
    countVisits(visits, page)
    const headers = req.headers
    if (page.status === 200 && headers['if-none-match'] === page.etag) {
      res.writeHead(304, headersFor(page, 'not-modified'))
      res.end()
    } else {
      const { body, encoding } = pickEncoding(page, headers['accept-encoding'] ?? '')
      res.writeHead(page.status, headersFor(page, encoding ?? 'identity'))
      res.end(req.method === 'HEAD' ? undefined : body)
    }
    accessLog?.write({
      method: req.method ?? 'GET',
      url,
      status: res.statusCode,
      ip: req.socket.remoteAddress ?? '',
      cached: true,
    })
    return true
  }
}
