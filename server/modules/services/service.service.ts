import type { Deps } from '../../core-deps'
import type { Executor } from '../../db/database'
import { AppError, forbidden, invalid, isAppError, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { fileRepository } from '../files/file.repository'
import { siteRepository } from '../sites/site.repository'
import { roleOn, siteScope, type Actor, type RequestContext } from '../users/actor'
import { assertClean, cleanService, type FieldErrors } from './service.clean'
import {
  presentDetail,
  presentSummaries,
  type ServiceDetail,
  type ServiceSummary,
} from './service.presenter'
import { serviceRepository, type ServiceValues } from './service.repository'
import type { ServiceInput, ServiceListQueryInput } from './service.schema'

/** Announced after every committed change of service items; public pages carry the tags. */
export const SERVICE_CHANGE_EVENT = 'service.change'

/** Cache tags of the public pages that show these items. */
export function serviceTags(items: { id: number; unitSiteId: number }[]): string[] {
  // Item pages also carry their unit's tag: a bulk change invalidates by unit.
  if (items.length > 50) {
    return ['services', ...new Set(items.map((i) => `services-site:${i.unitSiteId}`))]
  }
  return [
    'services',
    ...new Set(items.flatMap((i) => [`service-item:${i.id}`, `services-site:${i.unitSiteId}`])),
  ]
}

/** Whether the actor may edit the items of this unit: cluster admin, or admin/editor there. */
export function canWriteUnit(actor: Actor, unitSiteId: number): boolean {
  const role = roleOn(actor, unitSiteId)
  return role === 'admin' || role === 'editor'
}

/** The unit sites an actor's lists and checks cover (undefined: every unit). */
export function unitScope(actor: Actor, siteId?: number): number[] | undefined {
  if (siteId !== undefined) {
    if (roleOn(actor, siteId) === null) throw forbidden('您没有该单位事项的查看权限')
    return [siteId]
  }
  const scope = siteScope(actor)
  return scope === 'all' ? undefined : scope
}

const codeTaken = (code: string) =>
  new AppError(409, 'service_code_taken', `事项编码“${code}”已被使用`, {
    code: '事项编码已被使用',
  })

/** 办事事项 administration: the catalogue of each responsible unit. */
export class ServiceCatalogService {
  constructor(private readonly deps: Deps) {}

  async list(
    ctx: RequestContext,
    query: ServiceListQueryInput,
  ): Promise<{ data: ServiceSummary[]; total: number }> {
    const page = query.page ?? 1
    const pageSize = query.pageSize ?? 20
    const { items, total } = await serviceRepository.list(
      this.deps.db,
      {
        unitSiteIds: unitScope(ctx.actor, query.siteId),
        audience: query.audience,
        theme: query.theme,
        kind: query.kind,
        q: query.q?.trim() || undefined,
        incomplete: query.incomplete,
      },
      { offset: (page - 1) * pageSize, limit: pageSize },
    )
    return { data: await presentSummaries(this.deps.db, items), total }
  }

  async get(ctx: RequestContext, id: number): Promise<ServiceDetail> {
    const item = await serviceRepository.get(this.deps.db, id)
    if (!item) throw notFound('办事事项不存在')
    if (roleOn(ctx.actor, item.unitSiteId) === null) throw forbidden()
    return presentDetail(this.deps.db, item)
  }

  async create(ctx: RequestContext, input: ServiceInput): Promise<ServiceDetail> {
    const values = await this.prepare(ctx, input)
    const id = await this.write(values.code, async (trx) => {
      if (await serviceRepository.getByCode(trx, values.code)) throw codeTaken(values.code)
      const id = await serviceRepository.insert(trx, values, ctx.actor.id)
      await recordAudit(trx, ctx, {
        action: 'service.create',
        entity: 'service_item',
        entityId: id,
        siteId: values.unitSiteId,
        diff: values,
      })
      return id
    })
    this.changed([{ id, unitSiteId: values.unitSiteId }])
    return this.get(ctx, id)
  }

  async update(ctx: RequestContext, id: number, input: ServiceInput): Promise<ServiceDetail> {
    const before = await serviceRepository.get(this.deps.db, id)
    if (!before) throw notFound('办事事项不存在')
    if (!canWriteUnit(ctx.actor, before.unitSiteId)) throw forbidden('您只能维护本单位的办事事项')
    const values = await this.prepare(ctx, { ...input, code: input.code || before.code })
    await this.write(values.code, async (trx) => {
      const other = await serviceRepository.getByCode(trx, values.code)
      if (other && other.id !== id) throw codeTaken(values.code)
      await serviceRepository.update(trx, id, values, ctx.actor.id)
      await recordAudit(trx, ctx, {
        action: 'service.update',
        entity: 'service_item',
        entityId: id,
        siteId: values.unitSiteId,
        diff: { before, after: values },
      })
    })
    this.changed([before, { id, unitSiteId: values.unitSiteId }])
    return this.get(ctx, id)
  }

  async remove(ctx: RequestContext, id: number): Promise<void> {
    const before = await serviceRepository.get(this.deps.db, id)
    if (!before) throw notFound('办事事项不存在')
    if (!canWriteUnit(ctx.actor, before.unitSiteId)) throw forbidden('您只能维护本单位的办事事项')
    await this.deps.db.transaction().execute(async (trx) => {
      if ((await serviceRepository.delete(trx, id)) === 0) throw notFound('办事事项不存在')
      await recordAudit(trx, ctx, {
        action: 'service.delete',
        entity: 'service_item',
        entityId: id,
        siteId: before.unitSiteId,
        diff: { code: before.code, name: before.name },
      })
    })
    this.changed([before])
  }

  /** Cleans the input and checks the unit and the forms' files against the actor. */
  private async prepare(ctx: RequestContext, input: ServiceInput): Promise<ServiceValues> {
    const unit = await siteRepository.get(this.deps.db, input.unitSiteId)
    if (!unit) throw invalid('实施主体（单位站点）不存在', { unitSiteId: '请选择实施主体' })
    if (!canWriteUnit(ctx.actor, unit.id)) throw forbidden('您只能维护本单位的办事事项')
    const { values, errors } = cleanService(input, unit.code)
    Object.assign(errors, await checkFiles(this.deps.db, ctx.actor, values))
    assertClean(errors)
    return values
  }

  private async write<T>(code: string, work: (trx: Executor) => Promise<T>): Promise<T> {
    try {
      return await this.deps.db.transaction().execute(work)
    } catch (err) {
      if (isAppError(err)) throw err
      // A concurrent write took the code between our check and the insert.
      if (await serviceRepository.getByCode(this.deps.db, code)) throw codeTaken(code)
      throw err
    }
  }

  /** After a commit: the pages showing these items are stale. */
  changed(items: { id: number; unitSiteId: number }[]): void {
    this.deps.bus.publish({ action: SERVICE_CHANGE_EVENT, tags: serviceTags(items) })
  }
}

/**
 * Forms must be files the actor may use: uploaded to a site they work on (never a letter's
 * attachment, which has no site).
 */
export async function checkFiles(
  db: Executor,
  actor: Actor,
  values: ServiceValues,
): Promise<FieldErrors> {
  const errors: FieldErrors = {}
  const refs: [number, string][] = []
  values.materials.forEach((m, i) => {
    if (m.templateFileId !== null) refs.push([m.templateFileId, `materials.${i}.templateFileId`])
    if (m.sampleFileId !== null) refs.push([m.sampleFileId, `materials.${i}.sampleFileId`])
  })
  if (refs.length === 0) return errors
  const files = new Map(
    (
      await fileRepository.getMany(
        db,
        refs.map((r) => r[0]),
      )
    ).map((f) => [f.id, f]),
  )
  for (const [id, field] of refs) {
    const f = files.get(id)
    const usable =
      f && f.siteId !== null && (actor.isClusterAdmin || roleOn(actor, f.siteId) !== null)
    if (!usable) errors[field] = '表格文件不存在或无权使用，请重新上传'
  }
  return errors
}
