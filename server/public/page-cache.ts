import { createHash } from 'node:crypto'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

export interface CachedPage {
  status: number
  contentType: string
  body: Buffer
  gzip: Buffer | null
  br: Buffer | null
  etag: string
  /** Visits to count each time the page is served: [entity, id]. */
  visits: ReadonlyArray<readonly ['site' | 'column' | 'article', number]>
  expiresAt: number
  size: number
}

/**
 * Rendered pages in memory, tagged by what they show. Invalidation by tag removes exactly the
 * pages that carry it. Least recently used pages go first when the byte budget is exceeded.
 */
export class PageCache {
  private pages = new Map<string, CachedPage>()
  private tagIndex = new Map<string, Set<string>>()
  private keyTags = new Map<string, string[]>()
  private bytes = 0
  hits = 0
  misses = 0

  constructor(
    private readonly maxBytes: number,
    readonly enabled = true,
  ) {}

  get size(): number {
    return this.pages.size
  }

  get usedBytes(): number {
    return this.bytes
  }

  get(key: string): CachedPage | undefined {
    if (!this.enabled) return undefined
    const page = this.pages.get(key)
    if (!page) {
      this.misses++
      return undefined
    }
    if (page.expiresAt <= Date.now()) {
      this.delete(key)
      this.misses++
      return undefined
    }
    // Refresh recency: Map keeps insertion order.
    this.pages.delete(key)
    this.pages.set(key, page)
    this.hits++
    return page
  }

  set(
    key: string,
    page: Omit<CachedPage, 'gzip' | 'br' | 'etag' | 'size' | 'expiresAt'> & { ttlMs: number },
    tags: string[],
  ): CachedPage {
    const entry = PageCache.prepare(page)
    if (!this.enabled) return entry
    this.delete(key)
    this.pages.set(key, entry)
    this.bytes += entry.size
    const unique = [...new Set(tags)]
    this.keyTags.set(key, unique)
    for (const t of unique) {
      let set = this.tagIndex.get(t)
      if (!set) this.tagIndex.set(t, (set = new Set()))
      set.add(key)
    }
    while (this.bytes > this.maxBytes && this.pages.size > 0) {
      const oldest = this.pages.keys().next().value
      if (oldest === undefined) break
      this.delete(oldest)
    }
    return entry
  }

  /** Compresses once at render time so a cache hit costs no CPU for compression. */
  static prepare(
    page: Omit<CachedPage, 'gzip' | 'br' | 'etag' | 'size' | 'expiresAt'> & { ttlMs: number },
    want: { gzip: boolean; br: boolean } = { gzip: true, br: true },
  ): CachedPage {
    const compressible = page.body.length > 512
    const gzip = compressible && want.gzip ? gzipSync(page.body, { level: 6 }) : null
    const br =
      compressible && want.br
        ? brotliCompressSync(page.body, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 5,
              [constants.BROTLI_PARAM_SIZE_HINT]: page.body.length,
            },
          })
        : null
    const etag = `"${createHash('sha1').update(page.body).digest('base64url')}"`
    return {
      status: page.status,
      contentType: page.contentType,
      body: page.body,
      gzip,
      br,
      etag,
      visits: page.visits,
      expiresAt: Date.now() + page.ttlMs,
      size: page.body.length + (gzip?.length ?? 0) + (br?.length ?? 0) + key0(page),
    }
  }

  /** Removes every page carrying any of the tags; `*` clears everything. */
  invalidate(tags: string[]): number {
    if (tags.includes('*')) {
      const n = this.pages.size
      this.clear()
      return n
    }
    let removed = 0
    for (const t of tags) {
      const keys = this.tagIndex.get(t)
      if (!keys) continue
      for (const k of [...keys]) {
        if (this.delete(k)) removed++
      }
    }
    return removed
  }

  clear(): void {
    this.pages.clear()
    this.tagIndex.clear()
    this.keyTags.clear()
    this.bytes = 0
  }

  private delete(key: string): boolean {
    const page = this.pages.get(key)
    if (!page) return false
    this.pages.delete(key)
    this.bytes -= page.size
    for (const t of this.keyTags.get(key) ?? []) {
      const set = this.tagIndex.get(t)
      set?.delete(key)
      if (set && set.size === 0) this.tagIndex.delete(t)
    }
    this.keyTags.delete(key)
    return true
  }
}

function key0(page: { contentType: string }): number {
  return 200 + page.contentType.length
}
