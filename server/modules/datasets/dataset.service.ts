import type { Deps } from '../../core-deps'
import type { Trx } from '../../db/database'
import { AppError, forbidden, invalid, isAppError, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import type { RequestContext } from '../users/actor'
import { cleanFields } from './dataset.fields'
import { datasetPolicy } from './dataset.policy'
import { presentDatasetAdmin, type DatasetView } from './dataset.presenter'
import { rederiveRows } from './dataset.rederive'
import {
  datasetRepository,
  siteLabels,
  type Dataset,
  type DatasetValues,
} from './dataset.repository'
import type { DatasetCreateInput, DatasetUpdateInput } from './dataset.schema'

/** Announced after every committed dataset change; public pages carry these tags. */
export const DATASET_CHANGE_EVENT = 'dataset.change'
export const datasetTags = (id: number): string[] => [`dataset:${id}`, 'datasets']

const CODE_PATTERN = /^[a-z0-9][a-z0-9-]{1,63}$/
const NAME_MAX = 100
const TEXT_MAX = 2000

const codeTaken = (code: string) =>
  new AppError(409, 'dataset_code_taken', `数据库代码“${code}”已被使用，请换一个`, {
    code: '数据库代码已被使用',
  })

function clean(input: DatasetUpdateInput, before?: Dataset): DatasetValues {
  const code = input.code.trim()
  if (!CODE_PATTERN.test(code)) {
    const m = '数据库代码须为 2–64 位小写字母、数字或连字符（-），且以字母或数字开头'
    throw invalid(m, { code: m })
  }
  const name = input.name.trim()
  if (!name) throw invalid('名称不能为空', { name: '名称不能为空' })
  if ([...name].length > NAME_MAX) {
    throw invalid(`名称不能超过 ${NAME_MAX} 个字符`, { name: `名称不能超过 ${NAME_MAX} 个字符` })
  }
  const description = (input.description ?? before?.description ?? '').trim()
  if ([...description].length > TEXT_MAX) {
    throw invalid(`说明不能超过 ${TEXT_MAX} 个字符`, { description: '说明过长' })
  }
  const ownerUnit = (input.ownerUnit ?? before?.ownerUnit ?? '').trim().slice(0, NAME_MAX)
  const fields = cleanFields(input.fields)
  const orderField = (input.orderField ?? before?.orderField ?? '').trim()
  if (orderField && !fields.some((f) => f.key === orderField)) {
    throw invalid('排序字段必须是本数据库的字段', { orderField: '排序字段不存在' })
  }
  return {
    code,
    name,
    description,
    ownerUnit,
    fields,
    orderField,
    orderDesc: input.orderDesc ?? before?.orderDesc ?? false,
    sort: input.sort ?? before?.sort ?? 0,
    isPublic: input.isPublic ?? before?.isPublic ?? true,
  }
}

/** 便民数据库 definitions: cluster-wide or per site, with their fields and ordering. */
export class DatasetService {
  constructor(private readonly deps: Deps) {}

  async list(ctx: RequestContext, filter: { siteId?: number } = {}): Promise<DatasetView[]> {
    const scope = datasetPolicy.scope(ctx.actor)
    let siteIds = scope.siteIds
    if (filter.siteId !== undefined) {
      if (!datasetPolicy.canRead(ctx.actor, { siteId: filter.siteId })) throw forbidden()
      siteIds = [filter.siteId]
    }
    const list = await datasetRepository.list(this.deps.db, { siteIds, withCluster: true })
    return this.present(ctx, list)
  }

  async get(ctx: RequestContext, id: number): Promise<DatasetView> {
    const ds = await this.readable(ctx, id)
    const [view] = await this.present(ctx, [ds])
    if (!view) throw notFound('数据库不存在')
    return view
  }

  /** Loads a dataset the actor may read in the back office (404, then 403). */
  async readable(ctx: RequestContext, id: number): Promise<Dataset> {
    const ds = await datasetRepository.get(this.deps.db, id)
    if (!ds) throw notFound('数据库不存在')
    if (!datasetPolicy.canRead(ctx.actor, ds)) throw forbidden()
    return ds
  }

  async create(ctx: RequestContext, input: DatasetCreateInput): Promise<DatasetView> {
    const siteId = input.siteId
    if (siteId !== null && !(await siteLabels(this.deps.db, [siteId])).has(siteId)) {
      throw notFound('站点不存在')
    }
    if (!datasetPolicy.canDefine(ctx.actor, { siteId })) {
      throw forbidden(
        siteId === null
          ? '只有平台管理员可以建立全站群共用的数据库'
          : '只有该站点的管理员可以建立数据库',
      )
    }
    const values = clean(input)
    const id = await this.write(values.code, undefined, async (trx) => {
      const id = await datasetRepository.insert(trx, siteId, values)
      await recordAudit(trx, ctx, {
        action: 'dataset.create',
        entity: 'dataset',
        entityId: id,
        siteId,
        diff: values,
      })
      return id
    })
    this.changed(id)
    return this.get(ctx, id)
  }

  /**
   * Changes the definition. Existing rows must stay valid: a field whose type or options change
   * is re-checked row by row, and the change is refused (409 `dataset_fields_conflict`, with
   * examples) when any value would no longer fit. Removed fields drop their values.
   */
  async update(ctx: RequestContext, id: number, input: DatasetUpdateInput): Promise<DatasetView> {
    const current = await datasetRepository.get(this.deps.db, id)
    if (!current) throw notFound('数据库不存在')
    if (!datasetPolicy.canDefine(ctx.actor, current)) throw forbidden('您不能修改该数据库的定义')
    const values = clean(input, current)
    await this.write(values.code, id, async (trx) => {
      const before = await datasetRepository.get(trx, id)
      if (!before) throw notFound('数据库不存在')
      await datasetRepository.update(trx, id, values)
      const rebuilt = await rederiveRows(trx, before, { ...before, ...values })
      await recordAudit(trx, ctx, {
        action: 'dataset.update',
        entity: 'dataset',
        entityId: id,
        siteId: before.siteId,
        diff: {
          before: { ...before, rowCount: undefined },
          after: values,
          rowsRebuilt: rebuilt,
        },
      })
    })
    this.changed(id)
    return this.get(ctx, id)
  }

  /** Deletes a dataset with all its rows. */
  async remove(ctx: RequestContext, id: number): Promise<void> {
    const current = await datasetRepository.get(this.deps.db, id)
    if (!current) throw notFound('数据库不存在')
    if (!datasetPolicy.canDefine(ctx.actor, current)) throw forbidden('您不能删除该数据库')
    await this.deps.db.transaction().execute(async (trx) => {
      await datasetRepository.delete(trx, id)
      await recordAudit(trx, ctx, {
        action: 'dataset.delete',
        entity: 'dataset',
        entityId: id,
        siteId: current.siteId,
        diff: { code: current.code, name: current.name, rowCount: current.rowCount },
      })
    })
    this.changed(id)
  }

  /** Runs a write in a transaction; a code taken concurrently is named, not a 500. */
  private async write<T>(
    code: string,
    exceptId: number | undefined,
    work: (trx: Trx) => Promise<T>,
  ): Promise<T> {
    const db = this.deps.db
    if (await datasetRepository.isCodeTaken(db, code, exceptId)) throw codeTaken(code)
    try {
      return await db.transaction().execute(async (trx) => {
        if (await datasetRepository.isCodeTaken(trx, code, exceptId)) throw codeTaken(code)
        return work(trx)
      })
    } catch (err) {
      if (isAppError(err)) throw err
      if (await datasetRepository.isCodeTaken(db, code, exceptId)) throw codeTaken(code)
      throw err
    }
  }

  private async present(ctx: RequestContext, list: Dataset[]): Promise<DatasetView[]> {
    const sites = await siteLabels(
      this.deps.db,
      list.flatMap((d) => (d.siteId === null ? [] : [d.siteId])),
    )
    return list.map((d) =>
      presentDatasetAdmin(d, d.siteId === null ? '' : (sites.get(d.siteId)?.name ?? ''), ctx.actor),
    )
  }

  /** After a commit: the dataset's public pages and the dataset lists are stale. */
  changed(id: number): void {
    this.deps.bus.publish({ action: DATASET_CHANGE_EVENT, tags: datasetTags(id) })
  }
}
