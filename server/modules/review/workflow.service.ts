import { MAX_REVIEW_LEVELS } from '../../../common/enums'
import type { Deps } from '../../core-deps'
import type { Executor } from '../../db/database'
import { forbidden, invalid, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { columnRepository } from '../columns/column.repository'
import { roleOn, type RequestContext } from '../users/actor'
import { siteRepository } from '../sites/site.repository'
import type { EffectiveWorkflow, WorkflowLevel } from './workflow'
import { workflowRepository, type Workflow } from './workflow.repository'

export interface WorkflowView extends Workflow {
  columnName: string | null
}

/** Review workflows per site (the default) and per column (applies to its subtree). */
export class WorkflowService {
  constructor(private readonly deps: Deps) {}

  async list(ctx: RequestContext, siteId: number): Promise<WorkflowView[]> {
    await this.authorize(ctx, siteId, 'read')
    const [rows, columns] = await Promise.all([
      workflowRepository.listBySite(this.deps.db, siteId),
      columnRepository.listBySite(this.deps.db, siteId),
    ])
    const names = new Map(columns.map((c) => [c.id, c.name]))
    return rows.map((w) => ({
      ...w,
      columnName: w.columnId === null ? null : (names.get(w.columnId) ?? null),
    }))
  }

  async put(
    ctx: RequestContext,
    siteId: number,
    columnId: number | null,
    levels: WorkflowLevel[],
  ): Promise<WorkflowView> {
    await this.authorize(ctx, siteId, 'write')
    const clean = await this.validate(siteId, columnId, levels)
    await this.deps.db.transaction().execute(async (trx) => {
      const id = await workflowRepository.put(trx, siteId, columnId, clean, ctx.actor.id)
      await recordAudit(trx, ctx, {
        action: 'workflow.update',
        entity: 'workflow',
        entityId: id,
        siteId,
        diff: { columnId, levels: clean },
      })
    })
    const views = await this.list(ctx, siteId)
    const found = views.find((w) => w.columnId === columnId)
    if (!found) throw notFound('审核流程不存在')
    return found
  }

  async remove(ctx: RequestContext, siteId: number, id: number): Promise<void> {
    await this.authorize(ctx, siteId, 'write')
    await this.deps.db.transaction().execute(async (trx) => {
      if ((await workflowRepository.delete(trx, siteId, id)) === 0) {
        throw notFound('审核流程不存在')
      }
      await recordAudit(trx, ctx, {
        action: 'workflow.delete',
        entity: 'workflow',
        entityId: id,
        siteId,
      })
    })
  }

  /** The workflow that governs a column: its own, the nearest ancestor's, the site's, or none. */
  async effective(
    db: Executor,
    siteId: number,
    columnId: number | null,
  ): Promise<EffectiveWorkflow> {
    const flows = await workflowRepository.listBySite(db, siteId)
    if (flows.length === 0) return { levels: [], source: 'none', workflowId: null }
    const byColumn = new Map(flows.filter((f) => f.columnId !== null).map((f) => [f.columnId, f]))
    let current = columnId
    let depth = 0
    while (current !== null && depth < 64) {
      const own = byColumn.get(current)
      if (own)
        return {
          levels: own.levels,
          source: depth === 0 ? 'column' : 'ancestor',
          workflowId: own.id,
        }
      const col = await columnRepository.get(db, current)
      current = col?.parentId ?? null
      depth++
    }
    const site = flows.find((f) => f.columnId === null)
    return site
      ? { levels: site.levels, source: 'site', workflowId: site.id }
      : { levels: [], source: 'none', workflowId: null }
  }

  async effectiveForColumn(ctx: RequestContext, columnId: number): Promise<EffectiveWorkflow> {
    const col = await columnRepository.get(this.deps.db, columnId)
    if (!col) throw notFound('栏目不存在')
    if (roleOn(ctx.actor, col.siteId) === null) throw forbidden()
    return this.effective(this.deps.db, col.siteId, columnId)
  }

  /** Who holds a level on a site: the named people and everyone with its role there. */
  async holders(db: Executor, level: WorkflowLevel, siteId: number): Promise<number[]> {
    const byRole = level.role ? await workflowRepository.usersWithRole(db, siteId, level.role) : []
    return [...new Set([...level.userIds, ...byRole])]
  }

  private async authorize(ctx: RequestContext, siteId: number, action: 'read' | 'write') {
    const site = await siteRepository.get(this.deps.db, siteId)
    if (!site) throw notFound('站点不存在')
    const role = roleOn(ctx.actor, siteId)
    if (role === null || (action === 'write' && role !== 'admin')) throw forbidden()
  }

  private async validate(
    siteId: number,
    columnId: number | null,
    levels: WorkflowLevel[],
  ): Promise<WorkflowLevel[]> {
    if (levels.length > MAX_REVIEW_LEVELS) {
      throw invalid(`审核级别最多 ${MAX_REVIEW_LEVELS} 级`, {
        levels: `最多 ${MAX_REVIEW_LEVELS} 级`,
      })
    }
    if (columnId !== null) {
      const col = await columnRepository.get(this.deps.db, columnId)
      if (!col || col.siteId !== siteId)
        throw invalid('栏目不属于该站点', { columnId: '栏目不属于该站点' })
    }
    const userIds = [...new Set(levels.flatMap((l) => l.userIds))]
    const grants =
      userIds.length === 0
        ? []
        : await this.deps.db
            .selectFrom('role_grant')
            .select(['user_id'])
            .where('user_id', 'in', userIds)
            .where((eb) => eb.or([eb('site_id', '=', siteId), eb('site_id', 'is', null)]))
            .execute()
    const allowed = new Set(grants.map((g) => g.user_id))
    return levels.map((l, i) => {
      const name = l.name.trim() || `第${i + 1}级审核`
      if (l.role === null && l.userIds.length === 0) {
        throw invalid(`“${name}”须指定审核角色或审核人`, {
          [`levels.${i}`]: '请指定审核角色或审核人',
        })
      }
      for (const u of l.userIds) {
        if (!allowed.has(u)) {
          throw invalid(`“${name}”的审核人须在本站点有角色`, {
            [`levels.${i}.userIds`]: `用户 ${u} 在本站点没有角色`,
          })
        }
      }
      return { name, role: l.role, userIds: [...new Set(l.userIds)] }
    })
  }
}
