import { LETTER_TYPES } from '../../../common/letters'
import type { Deps } from '../../core-deps'
import type { Executor } from '../../db/database'
import { forbidden, invalid, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { roleOn, type RequestContext } from '../users/actor'
import {
  letterRouteRepository,
  type LetterRoute,
  type LetterRouteInput,
} from './letter-route.repository'
import { mailboxRepository } from './mailbox.repository'

/** A routing rule as the admin shows it. */
export interface LetterRouteView {
  id: number
  mailboxId: number | null
  mailboxName: string
  type: string
  categoryPrefix: string
  unitSiteId: number
  unitName: string
  sort: number
}

const MAX_ROUTES = 200
const PREFIX_MAX = 200

/** `城乡建设/住房/` → `城乡建设/住房`: segments trimmed, empty ones dropped. */
export function normaliseCategory(s: string): string {
  return s
    .split('/')
    .map((p) => p.trim())
    .filter(Boolean)
    .join('/')
}

/** A prefix matches the category itself or anything below it; '' matches every category. */
export function categoryMatches(prefix: string, category: string): boolean {
  if (prefix === '') return true
  const c = normaliseCategory(category)
  return c === prefix || c.startsWith(`${prefix}/`)
}

function matches(
  rule: LetterRoute,
  letter: { mailboxId: number; type: string; category: string },
): boolean {
  return (
    (rule.mailboxId === null || rule.mailboxId === letter.mailboxId) &&
    (rule.type === '' || rule.type === letter.type) &&
    categoryMatches(rule.categoryPrefix, letter.category)
  )
}

/**
 * The unit a letter should go to (归口): the first of its site's rules, by priority, matching
 * its mailbox, type and category (archived units skipped); failing that the mailbox's own site
 * unless that is a portal (a 县长信箱 needs the desk to choose), else null.
 */
export async function suggestUnit(
  db: Executor,
  letter: { siteId: number; mailboxId: number; type: string; category: string },
): Promise<number | null> {
  const rules = (await letterRouteRepository.listBySite(db, letter.siteId)).filter((r) =>
    matches(r, letter),
  )
  if (rules.length > 0) {
    const sites = await letterRouteRepository.sites(
      db,
      rules.map((r) => r.unitSiteId),
    )
    const usable = rules.find((r) => {
      const s = sites.get(r.unitSiteId)
      return s !== undefined && s.status !== 'archived'
    })
    if (usable) return usable.unitSiteId
  }
  const own = await letterRouteRepository.mailboxSite(db, letter.mailboxId)
  if (!own) return null
  return own.kind === 'portal' ? null : own.siteId
}

/** 分办规则: per site, which unit handles which letters (replaced as a whole, order = priority). */
export class LetterRouteService {
  constructor(private readonly deps: Deps) {}

  /** Any role on the site may read its rules. */
  async list(ctx: RequestContext, siteId: number): Promise<LetterRouteView[]> {
    await this.site(siteId)
    if (roleOn(ctx.actor, siteId) === null) throw forbidden()
    return this.present(this.deps.db, siteId)
  }

  /** Replaces the site's rules (its admins and cluster admins); each is checked first. */
  async replace(
    ctx: RequestContext,
    siteId: number,
    routes: LetterRouteInput[],
  ): Promise<LetterRouteView[]> {
    await this.site(siteId)
    if (roleOn(ctx.actor, siteId) !== 'admin') {
      throw forbidden('只有该站点的管理员可以设置分办规则')
    }
    const clean = await this.validate(siteId, routes)
    await this.deps.db.transaction().execute(async (trx) => {
      const before = await letterRouteRepository.listBySite(trx, siteId)
      await letterRouteRepository.replace(trx, siteId, clean)
      await recordAudit(trx, ctx, {
        action: 'letter_route.replace',
        entity: 'letter_route',
        entityId: siteId,
        siteId,
        diff: {
          before: before.map(({ mailboxId, type, categoryPrefix, unitSiteId }) => ({
            mailboxId,
            type,
            categoryPrefix,
            unitSiteId,
          })),
          after: clean,
        },
      })
    })
    return this.present(this.deps.db, siteId)
  }

  private async validate(siteId: number, routes: LetterRouteInput[]): Promise<LetterRouteInput[]> {
    if (routes.length > MAX_ROUTES) {
      throw invalid(`分办规则最多 ${MAX_ROUTES} 条`, { routes: `最多 ${MAX_ROUTES} 条` })
    }
    const boxes = new Set((await mailboxRepository.list(this.deps.db, [siteId])).map((m) => m.id))
    const sites = await letterRouteRepository.sites(
      this.deps.db,
      routes.map((r) => r.unitSiteId),
    )
    const types: readonly string[] = LETTER_TYPES
    const fields: Record<string, string> = {}
    const clean = routes.map((r, i) => {
      const categoryPrefix = normaliseCategory(r.categoryPrefix)
      if (r.mailboxId !== null && !boxes.has(r.mailboxId)) {
        fields[`routes.${i}.mailboxId`] = '信箱不存在或不属于本站点'
      }
      if (r.type !== '' && !types.includes(r.type)) {
        fields[`routes.${i}.type`] = '来信类型的取值无效'
      }
      if ([...categoryPrefix].length > PREFIX_MAX) {
        fields[`routes.${i}.categoryPrefix`] = `分类不能超过 ${PREFIX_MAX} 个字符`
      }
      const unit = sites.get(r.unitSiteId)
      if (!unit) fields[`routes.${i}.unitSiteId`] = '承办单位（站点）不存在'
      else if (unit.status === 'archived') {
        fields[`routes.${i}.unitSiteId`] = `承办单位“${unit.name}”已归档`
      }
      return { mailboxId: r.mailboxId, type: r.type, categoryPrefix, unitSiteId: r.unitSiteId }
    })
    const problems = Object.entries(fields)
    if (problems.length > 0) {
      const [key, message] = problems[0] as [string, string]
      const index = Number(key.split('.')[1]) + 1
      throw invalid(
        `第 ${index} 条规则：${message}（共 ${problems.length} 处有误，未保存）`,
        fields,
      )
    }
    return clean
  }

  private async present(db: Executor, siteId: number): Promise<LetterRouteView[]> {
    const routes = await letterRouteRepository.listBySite(db, siteId)
    const boxes = new Map((await mailboxRepository.list(db, [siteId])).map((m) => [m.id, m.name]))
    const sites = await letterRouteRepository.sites(
      db,
      routes.map((r) => r.unitSiteId),
    )
    return routes.map((r) => ({
      id: r.id,
      mailboxId: r.mailboxId,
      mailboxName: r.mailboxId === null ? '' : (boxes.get(r.mailboxId) ?? ''),
      type: r.type,
      categoryPrefix: r.categoryPrefix,
      unitSiteId: r.unitSiteId,
      unitName: sites.get(r.unitSiteId)?.name ?? '',
      sort: r.sort,
    }))
  }

  private async site(siteId: number): Promise<void> {
    const found = await letterRouteRepository.sites(this.deps.db, [siteId])
    if (!found.has(siteId)) throw notFound('站点不存在')
  }
}
