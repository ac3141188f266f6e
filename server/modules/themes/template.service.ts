import fs from 'node:fs'
import path from 'node:path'
import { Liquid } from 'liquidjs'
import type { Deps } from '../../core-deps'
import { nowIso } from '../../db/dialect'
import { invalid, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { authorizeColumn } from '../columns/column.policy'
import { siteRepository } from '../sites/site.repository'
import type { RequestContext } from '../users/actor'
import { THEMES_DIR, ThemeFs, listThemeFiles } from '../../public/theme-fs'

const NAME_RE = /^(templates|partials|layouts)\/[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*\.liquid$/

export interface TemplateFile {
  name: string
  source: string
  overridden: boolean
  updatedAt: string | null
}

/** Per-site template overrides on top of the site's theme; syntax is checked before saving. */
export class TemplateService {
  constructor(private readonly deps: Deps) {}

  async list(ctx: RequestContext, siteId: number): Promise<Omit<TemplateFile, 'source'>[]> {
    const site = await this.site(ctx, siteId)
    const overrides = await this.overrides(siteId)
    const names = new Set([...listThemeFiles(site.theme), ...overrides.keys()])
    return [...names].sort().map((name) => ({
      name,
      overridden: overrides.has(name),
      updatedAt: overrides.get(name)?.updatedAt ?? null,
    }))
  }

  async get(ctx: RequestContext, siteId: number, name: string): Promise<TemplateFile> {
    const site = await this.site(ctx, siteId)
    checkName(name)
    const override = (await this.overrides(siteId)).get(name)
    if (override)
      return { name, source: override.source, overridden: true, updatedAt: override.updatedAt }
    const file = path.join(THEMES_DIR, site.theme, name)
    if (!fs.existsSync(file)) throw notFound('模板不存在')
    return { name, source: fs.readFileSync(file, 'utf8'), overridden: false, updatedAt: null }
  }

  /** Saves an override; a syntax error is refused with its line number, never saved. */
  async save(
    ctx: RequestContext,
    siteId: number,
    name: string,
    source: string,
  ): Promise<TemplateFile> {
    await this.site(ctx, siteId)
    checkName(name)
    checkSyntax(source)
    await this.deps.db.transaction().execute(async (trx) => {
      const now = nowIso()
      await trx
        .insertInto('theme_template')
        .values({ site_id: siteId, name, source, updated_by: ctx.actor.id, updated_at: now })
        .onConflict((oc) =>
          oc
            .columns(['site_id', 'name'])
            .doUpdateSet({ source, updated_by: ctx.actor.id, updated_at: now }),
        )
        .execute()
      await recordAudit(trx, ctx, {
        action: 'template.save',
        entity: 'template',
        entityId: name,
        siteId,
        diff: { name, length: source.length },
      })
    })
    this.deps.bus.publish({
      action: 'template.save',
      tags: [`templates:${siteId}`, `site:${siteId}`],
    })
    return this.get(ctx, siteId, name)
  }

  /** Removes an override: the theme's own file applies again. */
  async reset(ctx: RequestContext, siteId: number, name: string): Promise<void> {
    await this.site(ctx, siteId)
    checkName(name)
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('theme_template')
        .where('site_id', '=', siteId)
        .where('name', '=', name)
        .execute()
      await recordAudit(trx, ctx, {
        action: 'template.reset',
        entity: 'template',
        entityId: name,
        siteId,
      })
    })
    this.deps.bus.publish({
      action: 'template.reset',
      tags: [`templates:${siteId}`, `site:${siteId}`],
    })
  }

  private async site(ctx: RequestContext, siteId: number) {
    const site = await siteRepository.get(this.deps.db, siteId)
    if (!site) throw notFound('站点不存在')
    authorizeColumn(ctx.actor, 'manage', siteId)
    return site
  }

  private async overrides(
    siteId: number,
  ): Promise<Map<string, { source: string; updatedAt: string }>> {
    const rows = await this.deps.db
      .selectFrom('theme_template')
      .select(['name', 'source', 'updated_at'])
      .where('site_id', '=', siteId)
      .execute()
    return new Map(rows.map((r) => [r.name, { source: r.source, updatedAt: r.updated_at }]))
  }
}

function checkName(name: string): void {
  if (!NAME_RE.test(name)) {
    throw invalid('模板名称有误', {
      name: '应形如 templates/article.liquid、partials/footer.liquid 或 layouts/base.liquid',
    })
  }
}

/** Parses the template; a LiquidJS error becomes a 400 naming the line. */
export function checkSyntax(source: string): void {
  const engine = new Liquid({
    fs: new ThemeFs(THEMES_DIR),
    root: ['/templates'],
    partials: ['/partials'],
    layouts: ['/layouts'],
    extname: '.liquid',
  })
  try {
    engine.parse(source)
  } catch (e) {
    const err = e as { message?: string; token?: { getPosition?: () => [number, number] } }
    const pos = err.token?.getPosition?.()
    const line = pos?.[0]
    const message = (err.message ?? '语法错误').split(', line:')[0] ?? '语法错误'
    throw invalid(line ? `模板第 ${line} 行有语法错误：${message}` : `模板有语法错误：${message}`, {
      source: line ? `第 ${line} 行：${message}` : message,
    })
  }
}
