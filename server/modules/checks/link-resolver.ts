import type { Column } from '../columns/column.repository'
import type { Site } from '../sites/site.repository'
import type { LinkVerdict } from './engine'
import { hostOf, isCheckableUrl } from './links'

/** The cluster's sites, hosts and columns: what internal URLs are resolved against. */
export interface ClusterMap {
  byId: Map<number, Site>
  byCode: Map<string, Site>
  byHost: Map<string, Site>
  /** Channels of each root site, longest base path first. */
  channelsOf: Map<number, Site[]>
  columnById: Map<number, Column>
  columnByPath: Map<string, Column>
  defaultPortal: Site | null
}

export function buildClusterMap(sites: Site[], columns: Column[]): ClusterMap {
  const byHost = new Map<string, Site>()
  const channelsOf = new Map<number, Site[]>()
  for (const s of sites) {
    for (const h of s.hosts) byHost.set(h.toLowerCase(), s)
    if (s.parentId !== null) channelsOf.set(s.parentId, [...(channelsOf.get(s.parentId) ?? []), s])
  }
  for (const list of channelsOf.values()) list.sort((a, b) => b.basePath.length - a.basePath.length)
  return {
    byId: new Map(sites.map((s) => [s.id, s])),
    byCode: new Map(sites.map((s) => [s.code, s])),
    byHost,
    channelsOf,
    columnById: new Map(columns.map((c) => [c.id, c])),
    columnByPath: new Map(columns.map((c) => [`${c.siteId}:${c.path}`, c])),
    defaultPortal:
      sites.find((s) => s.isDefault && s.kind === 'portal') ??
      sites.find((s) => s.kind === 'portal') ??
      null,
  }
}

/** Where a link appears: the site the article belongs to, its column, the article itself. */
export interface LinkContext {
  siteId: number | null
  columnId?: number | null
  selfArticleId?: number
}

/** What a URL needs before a verdict: nothing, an article's status or a file's existence. */
type Plan =
  | { kind: 'done'; verdict: LinkVerdict }
  | { kind: 'article'; id: number }
  | { kind: 'file'; sha: string }
  | { kind: 'skip' }

const broken = (reason: string): LinkVerdict => ({ state: 'broken', reason })
const OK: LinkVerdict = { state: 'ok' }
const PSEUDO_ORIGIN = 'http://zhanqun.internal'
const SERVER_PATHS = /^\/(?:_theme|api|admin|healthz)(?:\/|$)/
const FILE_PATH = /^\/files\/([0-9a-f]{64})(?:\.[a-z0-9]{1,8})?$/
const PAGE_FILES = new Set([
  '',
  'index.html',
  'index.htm',
  'sitemap.html',
  'sitemap.xml',
  'search.html',
])

/**
 * Classifies a URL written in an article as the public router would serve it: external,
 * a page of some site (column, article, site page), a stored file, or a path nothing serves.
 */
export function planLink(map: ClusterMap, url: string, ctx: LinkContext): Plan {
  if (!isCheckableUrl(url)) return { kind: 'skip' }
  const host = hostOf(url)
  let root: Site | undefined
  let base = '/'
  if (host) {
    root = map.byHost.get(host)
    if (!root) return { kind: 'done', verdict: { state: 'external' } }
    if (root.parentId !== null) root = map.byId.get(root.parentId) ?? root
  } else {
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return { kind: 'skip' }
    const own = ctx.siteId !== null ? map.byId.get(ctx.siteId) : undefined
    const current = own ?? map.defaultPortal ?? undefined
    if (current) {
      root = current.parentId !== null ? (map.byId.get(current.parentId) ?? current) : current
      const column = ctx.columnId ? map.columnById.get(ctx.columnId) : undefined
      const prefix = current === root ? '/' : current.basePath
      base = column && column.siteId === current.id ? `${prefix}${column.path}/` : prefix
      // A path relative to the article's page needs its column; a new article has none yet.
      if (!url.startsWith('/') && !column) return { kind: 'skip' }
    } else if (!url.startsWith('/')) {
      return { kind: 'skip' }
    }
  }
  let pathname: string
  try {
    pathname = new URL(url, `${PSEUDO_ORIGIN}${base}`).pathname
  } catch {
    return { kind: 'done', verdict: broken('地址格式有误') }
  }
  try {
    pathname = decodeURI(pathname)
  } catch {
    // keep the encoded form
  }
  if (SERVER_PATHS.test(pathname)) return { kind: 'skip' }
  // Stored files are served on every host at /files/<sha256>.<ext>.
  const file = FILE_PATH.exec(pathname)
  if (file?.[1]) return { kind: 'file', sha: file[1] }
  if (pathname.startsWith('/files/')) return { kind: 'done', verdict: broken('文件不存在') }
  if (!root) return { kind: 'skip' }

  let rest = pathname
  const alias = /^\/sites\/([a-z][a-z0-9-]*)(\/.*)?$/.exec(pathname)
  const aliased = alias ? map.byCode.get(alias[1] ?? '') : undefined
  if (aliased && aliased.kind !== 'channel') {
    root = aliased
    rest = alias?.[2] ?? '/'
  } else if (alias) {
    return { kind: 'done', verdict: broken('站点不存在') }
  }
  let site = root
  for (const ch of map.channelsOf.get(root.id) ?? []) {
    if (rest.startsWith(ch.basePath) || `${rest}/` === ch.basePath) {
      site = ch
      break
    }
  }
  const siteBase = site === root ? '/' : site.basePath
  const inner = rest.length >= siteBase.length ? rest.slice(siteBase.length) : ''
  if (site.status !== 'open' || root.status !== 'open') {
    return { kind: 'done', verdict: broken('站点已关停') }
  }
  if (PAGE_FILES.has(inner)) return { kind: 'done', verdict: OK }
  const article = /^(.+)\/content_(\d{1,10})\.html$/.exec(inner)
  if (article) {
    const column = map.columnByPath.get(`${site.id}:${article[1]}`)
    if (!column || !column.visible) return { kind: 'done', verdict: broken('栏目不存在') }
    const id = Number(article[2])
    if (id === ctx.selfArticleId) return { kind: 'done', verdict: OK }
    return { kind: 'article', id }
  }
  const columnPath =
    /^(.+)\/rss\.xml$/.exec(inner)?.[1] ??
    /^([a-z0-9][a-z0-9/-]*?)(?:\/|\/index\.html?)?$/.exec(inner)?.[1]
  if (columnPath) {
    const column = map.columnByPath.get(`${site.id}:${columnPath}`)
    return { kind: 'done', verdict: column?.visible ? OK : broken('栏目不存在') }
  }
  return { kind: 'done', verdict: broken('站内页面不存在') }
}

/** Looks up what plans need: article statuses and stored files, one query each. */
export interface LinkLookups {
  articleStates(ids: number[]): Promise<Map<number, string>>
  existingFiles(shas: string[]): Promise<Set<string>>
}

/** Verdicts for many (url, context) pairs with two queries at most. */
export async function resolveLinks(
  map: ClusterMap,
  lookups: LinkLookups,
  items: { url: string; ctx: LinkContext }[],
): Promise<Map<string, LinkVerdict>[]> {
  const plans = items.map((i) => planLink(map, i.url, i.ctx))
  const ids = [...new Set(plans.flatMap((p) => (p.kind === 'article' ? [p.id] : [])))]
  const shas = [...new Set(plans.flatMap((p) => (p.kind === 'file' ? [p.sha] : [])))]
  const [states, files] = await Promise.all([
    lookups.articleStates(ids),
    lookups.existingFiles(shas),
  ])
  return plans.map((p, i) => {
    const out = new Map<string, LinkVerdict>()
    const url = items[i]?.url ?? ''
    if (p.kind === 'done') out.set(url, p.verdict)
    if (p.kind === 'file') out.set(url, files.has(p.sha) ? OK : broken('文件不存在'))
    if (p.kind === 'article') {
      const state = states.get(p.id)
      out.set(
        url,
        state === undefined
          ? broken('信息不存在')
          : state === 'published'
            ? OK
            : broken('信息未发布或已撤销'),
      )
    }
    return out
  })
}

/** The public URL of a swept article: its own host when the site has one, else /sites/<code>/. */
export function articleUrl(
  map: ClusterMap,
  siteId: number,
  a: { id: number; columnId: number | null },
  scheme: string,
): string {
  const site = map.byId.get(siteId)
  const column = a.columnId ? map.columnById.get(a.columnId) : undefined
  if (!site || !column) return ''
  const root = site.parentId !== null ? (map.byId.get(site.parentId) ?? site) : site
  const base = site === root ? '/' : site.basePath
  const host = root.hosts[0]
  const prefix = host ? `${scheme}://${host}${base}` : `/sites/${root.code}${base}`
  return `${prefix}${column.path}/content_${a.id}.html`
}
