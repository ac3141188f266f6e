import type { Db } from '../db/database'
import { columnRepository, type Column } from '../modules/columns/column.repository'
import { siteRepository, type Site } from '../modules/sites/site.repository'

export interface Resolved {
  site: Site
  /** The portal or standalone site whose host/path family the request is in. */
  root: Site
  /** The path inside the site, without its base path (e.g. `zwgk/tzgg/`). */
  rest: string
  /** URL prefix the site is served under for this request (e.g. `/bm/fgj/` or `/sites/zsyz/`). */
  prefix: string
}

interface Snapshot {
  sites: Site[]
  byId: Map<number, Site>
  byCode: Map<string, Site>
  byHost: Map<string, Site>
  channelsOf: Map<number, Site[]>
  columnsOf: Map<number, Column[]>
  columnById: Map<number, Column>
  columnByPath: Map<string, Column>
  defaultPortal: Site | null
}

/**
 * An in-memory picture of the cluster's sites, hosts and columns, used to route requests and
 * build links without touching the database on every page. Reloaded after any site or column change.
 */
export class SiteDirectory {
  private snapshot: Snapshot | null = null
  private loading: Promise<Snapshot> | null = null
  private generation = 0

  constructor(
    private readonly db: Db,
    private readonly scheme: 'http' | 'https' = 'http',
  ) {}

  invalidate(): void {
    this.generation++
    this.snapshot = null
  }

  async get(): Promise<Snapshot> {
    if (this.snapshot) return this.snapshot
    if (this.loading) return this.loading
    const gen = this.generation
    this.loading = this.load().then(
      (snap) => {
        this.loading = null
        if (gen === this.generation) this.snapshot = snap
        return snap
      },
      (e: unknown) => {
        this.loading = null
        throw e
      },
    )
    return this.loading
  }

  private async load(): Promise<Snapshot> {
    const [sites, columns] = await Promise.all([
      siteRepository.listAll(this.db),
      columnRepository.listAll(this.db),
    ])
    const byHost = new Map<string, Site>()
    const channelsOf = new Map<number, Site[]>()
    for (const s of sites) {
      for (const h of s.hosts) byHost.set(h, s)
      if (s.parentId !== null)
        channelsOf.set(s.parentId, [...(channelsOf.get(s.parentId) ?? []), s])
    }
    // Longest base path first, so /bm/fgj-x/ never loses to /bm/fgj/.
    for (const list of channelsOf.values())
      list.sort((a, b) => b.basePath.length - a.basePath.length)
    const columnsOf = new Map<number, Column[]>()
    for (const c of columns) columnsOf.set(c.siteId, [...(columnsOf.get(c.siteId) ?? []), c])
    return {
      sites,
      byId: new Map(sites.map((s) => [s.id, s])),
      byCode: new Map(sites.map((s) => [s.code, s])),
      byHost,
      channelsOf,
      columnsOf,
      columnById: new Map(columns.map((c) => [c.id, c])),
      columnByPath: new Map(columns.map((c) => [`${c.siteId}:${c.path}`, c])),
      defaultPortal:
        sites.find((s) => s.isDefault && s.kind === 'portal') ??
        sites.find((s) => s.kind === 'portal') ??
        null,
    }
  }

  /** Which site a host and path belong to. */
  async resolve(host: string, pathname: string): Promise<Resolved | null> {
    const snap = await this.get()
    let root: Site | undefined
    let rest = pathname
    let mount = '/'
    const alias = /^\/sites\/([a-z][a-z0-9-]*)(\/.*)?$/.exec(pathname)
    const aliased = alias ? snap.byCode.get(alias[1] ?? '') : undefined
    if (aliased && aliased.kind !== 'channel') {
      root = aliased
      rest = alias?.[2] ?? '/'
      mount = `/sites/${aliased.code}/`
    } else {
      root = this.hostSite(snap, host) ?? snap.defaultPortal ?? undefined
    }
    if (!root) return null
    let site = root
    for (const ch of snap.channelsOf.get(root.id) ?? []) {
      if (rest.startsWith(ch.basePath) || `${rest}/` === ch.basePath) {
        site = ch
        break
      }
    }
    const base = site === root ? '/' : site.basePath
    const inner = rest.length >= base.length ? rest.slice(base.length) : ''
    return {
      site,
      root,
      rest: inner,
      prefix: mount === '/' ? base : `${mount.slice(0, -1)}${base}`,
    }
  }

  private hostSite(snap: Snapshot, host: string): Site | undefined {
    const h = host.toLowerCase()
    return snap.byHost.get(h) ?? snap.byHost.get(h.replace(/:\d+$/, ''))
  }

  /** Is the request host bound to some site (as opposed to localhost, an IP …)? */
  async isBoundHost(host: string): Promise<boolean> {
    return this.hostSite(await this.get(), host) !== undefined
  }

  /**
   * The URL of a site as seen from a request on `host`: a path when it is served on the same
   * host, the site's own host name when it has one, else the local `/sites/<code>/` alias.
   */
  async siteUrl(target: Site, host: string): Promise<string> {
    const snap = await this.get()
    return this.siteUrlIn(snap, target, host)
  }

  siteUrlIn(snap: Snapshot, target: Site, host: string): string {
    const root = target.parentId !== null ? (snap.byId.get(target.parentId) ?? target) : target
    const current = this.hostSite(snap, host)
    const base = target === root ? '/' : target.basePath
    if (current && current.id === root.id) return base
    if (!current && snap.defaultPortal?.id === root.id) return base
    const ownHost = root.hosts[0]
    if (ownHost && current) return `${this.scheme}://${ownHost}${base}`
    return `/sites/${root.code}${base}`
  }

  async sites(): Promise<Site[]> {
    return (await this.get()).sites
  }

  async site(id: number): Promise<Site | undefined> {
    return (await this.get()).byId.get(id)
  }

  async siteByCode(code: string): Promise<Site | undefined> {
    return (await this.get()).byCode.get(code)
  }

  async columns(siteId: number): Promise<Column[]> {
    return (await this.get()).columnsOf.get(siteId) ?? []
  }

  async column(id: number): Promise<Column | undefined> {
    return (await this.get()).columnById.get(id)
  }

  async columnAt(siteId: number, path: string): Promise<Column | undefined> {
    return (await this.get()).columnByPath.get(`${siteId}:${path}`)
  }

  async parentOf(site: Site): Promise<Site | undefined> {
    return site.parentId === null ? undefined : (await this.get()).byId.get(site.parentId)
  }

  async snapshotNow(): Promise<Snapshot> {
    return this.get()
  }
}

export type { Snapshot as DirectorySnapshot }
