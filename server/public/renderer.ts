import path from 'node:path'
import { Liquid } from 'liquidjs'
import type { Db } from '../db/database'
import { THEMES_DIR, ThemeFs } from './theme-fs'

export interface RendererOptions {
  db: Db
  /** Throw on undefined variables (tests). */
  strict?: boolean
}

/**
 * LiquidJS engines, one per theme plus one per site that overrides templates. Output is
 * escaped by default; templates see only the view models presenters give them.
 */
export class Renderer {
  private engines = new Map<string, Liquid>()
  private overrides = new Map<number, Map<string, string> | null>()
  private fragments = new Map<string, string>()

  constructor(private readonly options: RendererOptions) {}

  static createEngine(fs: ThemeFs, strict = false): Liquid {
    return new Liquid({
      fs,
      root: ['/templates'],
      partials: ['/partials'],
      layouts: ['/layouts'],
      extname: '.liquid',
      relativeReference: false,
      outputEscape: 'escape',
      cache: true,
      strictVariables: strict,
      strictFilters: true,
      ownPropertyOnly: true,
      greedy: false,
    })
  }

  private async overridesOf(siteId: number): Promise<Map<string, string> | null> {
    if (this.overrides.has(siteId)) return this.overrides.get(siteId) ?? null
    const rows = await this.options.db
      .selectFrom('theme_template')
      .select(['name', 'source'])
      .where('site_id', '=', siteId)
      .execute()
    const map = rows.length > 0 ? new Map(rows.map((r) => [r.name, r.source])) : null
    this.overrides.set(siteId, map)
    return map
  }

  async engineFor(site: { id: number; theme: string }): Promise<Liquid> {
    const overrides = await this.overridesOf(site.id)
    const key = overrides ? `site:${site.id}` : `theme:${site.theme}`
    let engine = this.engines.get(key)
    if (!engine) {
      engine = Renderer.createEngine(
        new ThemeFs(path.join(THEMES_DIR, site.theme), overrides ?? undefined),
        this.options.strict,
      )
      this.engines.set(key, engine)
    }
    return engine
  }

  async render(
    site: { id: number; theme: string },
    template: string,
    vars: object,
  ): Promise<string> {
    const engine = await this.engineFor(site)
    // Templates and partials come from memory (ThemeFs), so the synchronous renderer is safe and
    // several times faster than the promise-based one.
    return engine.renderFileSync(template, vars)
  }

  /**
   * Renders a partial once and reuses its output: for furniture that is the same on every page
   * of a site (the 站群导航 lists every site of the cluster and is the costliest part of a page).
   * `key` must capture everything the output depends on; `clearFragments` runs on site changes.
   */
  async fragment(
    site: { id: number; theme: string },
    source: string,
    key: string,
    vars: object,
  ): Promise<string> {
    const cacheKey = `${site.id}|${key}|${source}`
    const hit = this.fragments.get(cacheKey)
    if (hit !== undefined) return hit
    const engine = await this.engineFor(site)
    const parsed = engine.parse(source)
    const out = engine.renderSync(parsed, vars) as string
    if (this.fragments.size > 10_000) this.fragments.clear()
    this.fragments.set(cacheKey, out)
    return out
  }

  clearFragments(): void {
    this.fragments.clear()
  }

  /** Forget a site's overrides (its templates changed) or everything. */
  invalidate(siteId?: number): void {
    this.fragments.clear()
    if (siteId === undefined) {
      this.engines.clear()
      this.overrides.clear()
      return
    }
    this.overrides.delete(siteId)
    this.engines.delete(`site:${siteId}`)
  }
}
