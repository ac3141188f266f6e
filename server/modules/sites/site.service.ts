import type { Deps } from '../../core-deps'
import { nowIso } from '../../db/dialect'
import { conflict, invalid, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { siteScope, type RequestContext } from '../users/actor'
import { authorizeSite } from './site.policy'
import { siteRepository, type Site } from './site.repository'
import type { SiteCreateInput, SiteStatusInput, SiteUpdateInput } from './site.schema'

const CODE_RE = /^[a-z][a-z0-9-]{1,63}$/
const BASE_PATH_RE = /^(\/[a-z0-9][a-z0-9-]*)+\/$/
const HOST_RE =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(:\d{1,5})?$/
const SITE_ID_CODE_RE = /^(\d{10}|bm\d{8})$/
/** Paths a channel may not take: they belong to the platform. */
const RESERVED = new Set(['api', 'admin', 'files', '_theme', 'sites', 'healthz', 'search'])

/** Sites of the cluster: portals, channels under a portal's path, standalone sites. */
export class SiteService {
  constructor(private readonly deps: Deps) {}

  async list(ctx: RequestContext): Promise<Site[]> {
    const all = await siteRepository.listAll(this.deps.db)
    const scope = siteScope(ctx.actor)
    return scope === 'all' ? all : all.filter((s) => scope.includes(s.id))
  }

  async get(ctx: RequestContext, id: number): Promise<Site> {
    const site = await siteRepository.get(this.deps.db, id)
    if (!site) throw notFound('站点不存在')
    authorizeSite(ctx.actor, 'read', site)
    return site
  }

  async getByCode(code: string): Promise<Site | undefined> {
    return siteRepository.getByCode(this.deps.db, code)
  }

  async create(ctx: RequestContext, input: SiteCreateInput): Promise<Site> {
    authorizeSite(ctx.actor, 'create')
    const errors: Record<string, string> = {}
    if (!CODE_RE.test(input.code)) {
      errors.code = '站点代码须以小写字母开头，只含小写字母、数字和连字符（2–64 位）'
    }
    const id = await this.deps.db.transaction().execute(async (trx) => {
      if (await siteRepository.getByCode(trx, input.code)) errors.code = '站点代码已被使用'
      let parentId: number | null = null
      let basePath = '/'
      if (input.kind === 'channel') {
        const parent = input.parentCode
          ? await siteRepository.getByCode(trx, input.parentCode)
          : null
        if (!parent || parent.kind !== 'portal') errors.parentCode = '频道必须隶属于一个门户网站'
        else parentId = parent.id
        basePath = normaliseBasePath(input.basePath ?? '')
        if (!BASE_PATH_RE.test(basePath) || RESERVED.has(basePath.split('/')[1] ?? '')) {
          errors.basePath = '频道访问路径应形如 /bm/fgj/，只含小写字母、数字和连字符'
        } else if (
          parentId &&
          (await siteRepository.findChannelByBasePath(trx, parentId, basePath))
        ) {
          errors.basePath = '该门户下已有使用此路径的频道'
        }
        if (input.hosts && input.hosts.length > 0)
          errors.hosts = '频道通过门户路径访问，不能绑定域名'
        if (input.isDefault) errors.isDefault = '只有门户网站可以设为默认站点'
      } else {
        if (input.parentCode) errors.parentCode = '只有频道需要上级门户'
        if (input.basePath && input.basePath !== '/')
          errors.basePath = '门户和独立网站的访问路径固定为 /'
        if (input.kind === 'standalone' && input.isDefault)
          errors.isDefault = '只有门户网站可以设为默认站点'
      }
      const hosts = await this.checkHosts(trx, input.hosts ?? [], null, errors)
      checkSiteIdCode(input.siteIdCode, errors)
      if (Object.keys(errors).length > 0) throw invalid('站点信息有误', errors)

      if (input.isDefault) await siteRepository.clearDefault(trx)
      const now = nowIso()
      const newId = await siteRepository.insert(trx, {
        code: input.code,
        name: input.name.trim(),
        short_name: input.shortName?.trim() ?? '',
        kind: input.kind,
        parent_id: parentId,
        base_path: basePath,
        grouping: input.grouping ?? '',
        is_default: input.isDefault ? 1 : 0,
        site_id_code: input.siteIdCode ?? '',
        sponsor: input.sponsor ?? '',
        organizer: input.organizer ?? '',
        icp: input.icp ?? '',
        psb: input.psb ?? '',
        contact_phone: input.contact?.phone ?? '',
        contact_email: input.contact?.email ?? '',
        contact_address: input.contact?.address ?? '',
        responsible: JSON.stringify(input.responsible ?? []),
        description: input.description ?? '',
        keywords: input.keywords ?? '',
        theme: input.theme ?? 'default',
        sort: input.sort ?? 0,
        created_at: now,
        updated_at: now,
      })
      await siteRepository.replaceHosts(trx, newId, hosts)
      await recordAudit(trx, ctx, {
        action: 'site.create',
        entity: 'site',
        entityId: newId,
        siteId: newId,
        diff: input,
      })
      return newId
    })
    this.announce('site.create', id)
    return this.get(ctx, id)
  }

  async update(ctx: RequestContext, id: number, input: SiteUpdateInput): Promise<Site> {
    const site = await this.get(ctx, id)
    authorizeSite(ctx.actor, 'update', site)
    const structural =
      input.basePath !== undefined || input.hosts !== undefined || input.isDefault !== undefined
    if (structural) authorizeSite(ctx.actor, 'updateStructure', site)
    const errors: Record<string, string> = {}
    await this.deps.db.transaction().execute(async (trx) => {
      let basePath = site.basePath
      if (input.basePath !== undefined) {
        if (site.kind !== 'channel') {
          if (input.basePath !== '/') errors.basePath = '门户和独立网站的访问路径固定为 /'
        } else {
          basePath = normaliseBasePath(input.basePath)
          if (!BASE_PATH_RE.test(basePath) || RESERVED.has(basePath.split('/')[1] ?? '')) {
            errors.basePath = '频道访问路径应形如 /bm/fgj/，只含小写字母、数字和连字符'
          } else if (site.parentId) {
            const other = await siteRepository.findChannelByBasePath(trx, site.parentId, basePath)
            if (other && other !== site.id) errors.basePath = '该门户下已有使用此路径的频道'
          }
        }
      }
      let hosts = site.hosts
      if (input.hosts !== undefined) {
        if (site.kind === 'channel' && input.hosts.length > 0) {
          errors.hosts = '频道通过门户路径访问，不能绑定域名'
        }
        hosts = await this.checkHosts(trx, input.hosts, site.id, errors)
      }
      if (input.isDefault && site.kind !== 'portal')
        errors.isDefault = '只有门户网站可以设为默认站点'
      checkSiteIdCode(input.siteIdCode, errors)
      if (Object.keys(errors).length > 0) throw invalid('站点信息有误', errors)
      if (input.isDefault) await siteRepository.clearDefault(trx)

      await siteRepository.update(trx, id, {
        name: input.name?.trim(),
        short_name: input.shortName?.trim(),
        base_path: basePath,
        grouping: input.grouping,
        is_default: input.isDefault === undefined ? undefined : input.isDefault ? 1 : 0,
        site_id_code: input.siteIdCode,
        sponsor: input.sponsor,
        organizer: input.organizer,
        icp: input.icp,
        psb: input.psb,
        contact_phone: input.contact?.phone,
        contact_email: input.contact?.email,
        contact_address: input.contact?.address,
        responsible: input.responsible ? JSON.stringify(input.responsible) : undefined,
        description: input.description,
        keywords: input.keywords,
        theme: input.theme,
        sort: input.sort,
        updated_at: nowIso(),
      })
      if (input.hosts !== undefined) await siteRepository.replaceHosts(trx, id, hosts)
      await recordAudit(trx, ctx, {
        action: 'site.update',
        entity: 'site',
        entityId: id,
        siteId: id,
        diff: input,
      })
    })
    this.announce('site.update', id)
    return this.get(ctx, id)
  }

  /** Open, close with a public notice, or archive a site. */
  async setStatus(ctx: RequestContext, id: number, input: SiteStatusInput): Promise<Site> {
    const site = await this.get(ctx, id)
    authorizeSite(ctx.actor, 'changeStatus', site)
    if (input.status === 'closed' && !input.notice?.trim()) {
      throw invalid('关停网站须填写关停公告', { notice: '请填写向公众展示的关停公告' })
    }
    if (site.kind === 'portal' && input.status !== 'open') {
      const children = await siteRepository.countChildren(this.deps.db, id)
      if (children > 0 && input.status === 'archived') {
        throw conflict('门户下还有频道，不能归档；请先处理其频道')
      }
    }
    await this.deps.db.transaction().execute(async (trx) => {
      await siteRepository.update(trx, id, {
        status: input.status,
        closed_notice: input.status === 'open' ? '' : (input.notice?.trim() ?? site.closedNotice),
        closed_at: input.status === 'open' ? null : nowIso(),
        updated_at: nowIso(),
      })
      await recordAudit(trx, ctx, {
        action: `site.${input.status === 'open' ? 'open' : input.status === 'closed' ? 'close' : 'archive'}`,
        entity: 'site',
        entityId: id,
        siteId: id,
        diff: { from: site.status, to: input.status, notice: input.notice },
      })
    })
    this.announce('site.status', id)
    return this.get(ctx, id)
  }

  private async checkHosts(
    trx: Parameters<typeof siteRepository.hostsOf>[0],
    raw: string[],
    selfId: number | null,
    errors: Record<string, string>,
  ): Promise<string[]> {
    const hosts = [...new Set(raw.map((h) => h.trim().toLowerCase()).filter(Boolean))]
    for (const host of hosts) {
      if (!HOST_RE.test(host)) {
        errors.hosts = `域名格式有误：${host}`
        continue
      }
      const owner = await siteRepository.findHostOwner(trx, host)
      if (owner !== undefined && owner !== selfId) errors.hosts = `域名 ${host} 已绑定到其他站点`
    }
    return hosts
  }

  private announce(action: string, id: number): void {
    // Site details appear in every page's furniture and the 站群导航.
    this.deps.bus.publish({ action, tags: ['sites', `site:${id}`, 'cluster'] })
  }
}

function normaliseBasePath(p: string): string {
  let s = p.trim().toLowerCase()
  if (!s.startsWith('/')) s = `/${s}`
  if (!s.endsWith('/')) s = `${s}/`
  return s
}

function checkSiteIdCode(code: string | undefined, errors: Record<string, string>): void {
  if (code && !SITE_ID_CODE_RE.test(code)) {
    errors.siteIdCode = '网站标识码应为 10 位数字（地方）或 bm 加 8 位数字（部委）'
  }
}
