import type { Deps } from '../../core-deps'
import { nowIso } from '../../db/dialect'
import type { Executor } from '../../db/database'
import { conflict, invalid, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { placementRepository } from '../articles/placement.repository'
import { checkAggregateColumn, loadWorld } from '../cluster/aggregate'
import { siteRepository } from '../sites/site.repository'
import type { RequestContext } from '../users/actor'
import { authorizeColumn } from './column.policy'
import { columnRepository, type Column } from './column.repository'
import type { ColumnCreateInput, ColumnReorderInput, ColumnUpdateInput } from './column.schema'

const SLUG_RE = /^[a-z0-9][a-z0-9-]{0,63}$/
const RESERVED_TOP = new Set(['api', 'admin', 'files', '_theme', 'sites', 'healthz', 'search'])

export interface ColumnNode extends Column {
  children: ColumnNode[]
}

/** Builds the column tree of a site from its flat, sorted list. */
export function buildTree(columns: Column[]): ColumnNode[] {
  const nodes = new Map<number, ColumnNode>()
  for (const c of columns) nodes.set(c.id, { ...c, children: [] })
  const roots: ColumnNode[] = []
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId)
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}

/** The column tree of each site: any depth, ordered, with materialised paths. */
export class ColumnService {
  constructor(private readonly deps: Deps) {}

  async listBySite(ctx: RequestContext, siteId: number): Promise<Column[]> {
    const site = await siteRepository.get(this.deps.db, siteId)
    if (!site) throw notFound('站点不存在')
    authorizeColumn(ctx.actor, 'read', siteId)
    return columnRepository.listBySite(this.deps.db, siteId)
  }

  async get(ctx: RequestContext, id: number): Promise<Column> {
    const column = await columnRepository.get(this.deps.db, id)
    if (!column) throw notFound('栏目不存在')
    authorizeColumn(ctx.actor, 'read', column.siteId)
    return column
  }

  async create(ctx: RequestContext, siteId: number, input: ColumnCreateInput): Promise<Column> {
    authorizeColumn(ctx.actor, 'manage', siteId)
    const id = await this.deps.db.transaction().execute(async (trx) => {
      const site = await siteRepository.get(trx, siteId)
      if (!site) throw notFound('站点不存在')
      const parent = await this.loadParent(trx, siteId, input.parentId ?? null)
      await this.checkSlug(trx, siteId, parent, input.slug, null)
      checkLink(input.type ?? 'list', input.linkUrl)
      const now = nowIso()
      const sort =
        input.sort ?? (await columnRepository.maxSort(trx, siteId, parent?.id ?? null)) + 10
      const settings = await aggregateSettings(trx, {
        id: -1,
        siteId,
        parentId: parent?.id ?? null,
        slug: input.slug,
        path: parent ? `${parent.path}/${input.slug}` : input.slug,
        name: input.name.trim(),
        type: input.type ?? 'list',
        updateClass: input.updateClass ?? 'asNeeded',
        sort,
        visible: input.visible !== false,
        homeBlock: input.homeBlock === true,
        description: '',
        keywords: '',
        linkUrl: '',
        settings: input.settings ?? {},
        createdAt: now,
        updatedAt: now,
      })
      const newId = await columnRepository.insert(trx, {
        site_id: siteId,
        parent_id: parent?.id ?? null,
        slug: input.slug,
        path: parent ? `${parent.path}/${input.slug}` : input.slug,
        name: input.name.trim(),
        type: input.type ?? 'list',
        update_class: input.updateClass ?? 'asNeeded',
        sort,
        visible: input.visible === false ? 0 : 1,
        home_block: input.homeBlock ? 1 : 0,
        description: input.description ?? '',
        keywords: input.keywords ?? '',
        link_url: input.linkUrl ?? '',
        settings: JSON.stringify(settings),
        created_at: now,
        updated_at: now,
      })
      await recordAudit(trx, ctx, {
        action: 'column.create',
        entity: 'column',
        entityId: newId,
        siteId,
        diff: input,
      })
      return newId
    })
    this.announce('column.create', siteId, id)
    return this.get(ctx, id)
  }

  async update(ctx: RequestContext, id: number, input: ColumnUpdateInput): Promise<Column> {
    const column = await this.get(ctx, id)
    authorizeColumn(ctx.actor, 'manage', column.siteId)
    await this.deps.db.transaction().execute(async (trx) => {
      const parentId = input.parentId === undefined ? column.parentId : input.parentId
      const parent = await this.loadParent(trx, column.siteId, parentId)
      if (parent && (parent.id === id || parent.path.startsWith(`${column.path}/`))) {
        throw invalid('不能把栏目移动到它自己或它的下级栏目中', { parentId: '上级栏目无效' })
      }
      const slug = input.slug ?? column.slug
      if (slug !== column.slug || parentId !== column.parentId) {
        await this.checkSlug(trx, column.siteId, parent, slug, id)
      }
      checkLink(input.type ?? column.type, input.linkUrl ?? column.linkUrl)
      const path = parent ? `${parent.path}/${slug}` : slug
      const type = input.type ?? column.type
      if (type === 'aggregate' && column.type !== 'aggregate') {
        // An aggregate column lists its sources' items and holds none of its own.
        const count = await placementRepository.countInColumn(trx, id)
        if (count > 0) {
          throw conflict(`该栏目下有 ${count} 篇信息，不能改为聚合栏目`, {
            type: '请先转移栏目中的信息',
          })
        }
      }
      const settings =
        type === 'aggregate'
          ? await aggregateSettings(trx, {
              ...column,
              parentId,
              slug,
              path,
              name: input.name?.trim() ?? column.name,
              type,
              visible: input.visible ?? column.visible,
              settings: input.settings ?? column.settings,
            })
          : input.settings
      await columnRepository.update(trx, id, {
        parent_id: parentId,
        slug,
        path,
        name: input.name?.trim(),
        type: input.type,
        update_class: input.updateClass,
        sort: input.sort,
        visible: input.visible === undefined ? undefined : input.visible ? 1 : 0,
        home_block: input.homeBlock === undefined ? undefined : input.homeBlock ? 1 : 0,
        description: input.description,
        keywords: input.keywords,
        link_url: input.linkUrl,
        settings: settings ? JSON.stringify(settings) : undefined,
        updated_at: nowIso(),
      })
      if (path !== column.path)
        await this.rewriteDescendantPaths(trx, column.siteId, column.path, path)
      await recordAudit(trx, ctx, {
        action: parentId !== column.parentId ? 'column.move' : 'column.update',
        entity: 'column',
        entityId: id,
        siteId: column.siteId,
        diff: input,
      })
    })
    this.announce('column.update', column.siteId, id)
    return this.get(ctx, id)
  }

  /** Sets the order of the children of one parent (drag and drop in the admin). */
  async reorder(ctx: RequestContext, siteId: number, input: ColumnReorderInput): Promise<void> {
    authorizeColumn(ctx.actor, 'manage', siteId)
    await this.deps.db.transaction().execute(async (trx) => {
      const siblings = (await columnRepository.listBySite(trx, siteId)).filter(
        (c) => c.parentId === input.parentId,
      )
      const ids = new Set(siblings.map((c) => c.id))
      const given = new Set(input.orderedIds)
      const exact = input.orderedIds.length === ids.size && given.size === ids.size
      if (!exact || input.orderedIds.some((i) => !ids.has(i))) {
        throw invalid('栏目顺序须包含该层级的全部栏目', { orderedIds: '栏目列表与实际不符' })
      }
      for (const [i, cid] of input.orderedIds.entries()) {
        await columnRepository.update(trx, cid, { sort: (i + 1) * 10, updated_at: nowIso() })
      }
      await recordAudit(trx, ctx, {
        action: 'column.reorder',
        entity: 'column',
        entityId: input.parentId ?? '',
        siteId,
        diff: input,
      })
    })
    this.deps.bus.publish({ action: 'column.reorder', tags: [`site:${siteId}`] })
  }

  /**
   * Deletes a column. A column with sub-columns is refused; one holding articles needs
   * `moveTo`, the column its articles go to.
   */
  async remove(ctx: RequestContext, id: number, options: { moveTo?: number }): Promise<void> {
    const column = await this.get(ctx, id)
    authorizeColumn(ctx.actor, 'manage', column.siteId)
    await this.deps.db.transaction().execute(async (trx) => {
      if ((await columnRepository.countChildren(trx, id)) > 0) {
        throw conflict('该栏目下还有子栏目，请先移动或删除子栏目')
      }
      const count = await placementRepository.countInColumn(trx, id)
      if (count > 0) {
        if (!options.moveTo) {
          throw conflict(`该栏目下有 ${count} 篇信息，请选择转移到的栏目`, {
            moveTo: '请选择目标栏目',
          })
        }
        const target = await columnRepository.get(trx, options.moveTo)
        if (!target || target.id === id) throw invalid('目标栏目无效', { moveTo: '目标栏目无效' })
        authorizeColumn(ctx.actor, 'manage', target.siteId)
        // Primary placements must stay in their article's site (see ArticleService).
        if (target.siteId !== column.siteId) {
          throw invalid('只能转移到本站点的栏目', { moveTo: '目标栏目须属于本站点' })
        }
        if (target.type !== 'list')
          throw invalid('只能转移到文章列表类栏目', { moveTo: '目标栏目不是列表栏目' })
        await placementRepository.moveColumn(trx, id, target.id, target.siteId)
      }
      await columnRepository.delete(trx, id)
      await recordAudit(trx, ctx, {
        action: 'column.delete',
        entity: 'column',
        entityId: id,
        siteId: column.siteId,
        diff: {
          path: column.path,
          name: column.name,
          moved: count,
          moveTo: options.moveTo ?? null,
        },
      })
    })
    this.announce('column.delete', column.siteId, id)
    if (options.moveTo)
      this.deps.bus.publish({ action: 'column.update', tags: [`column:${options.moveTo}`] })
  }

  private async loadParent(
    trx: Executor,
    siteId: number,
    parentId: number | null,
  ): Promise<Column | null> {
    if (parentId === null) return null
    const parent = await columnRepository.get(trx, parentId)
    if (!parent || parent.siteId !== siteId)
      throw invalid('上级栏目不存在', { parentId: '上级栏目不存在' })
    return parent
  }

  private async checkSlug(
    trx: Executor,
    siteId: number,
    parent: Column | null,
    slug: string,
    selfId: number | null,
  ): Promise<void> {
    if (!SLUG_RE.test(slug)) {
      throw invalid('栏目标识有误', {
        slug: '栏目标识只能包含小写字母、数字和连字符，且以字母或数字开头',
      })
    }
    if (!parent) {
      if (RESERVED_TOP.has(slug)) throw invalid('栏目标识有误', { slug: `“${slug}”为系统保留路径` })
      const channels = (await siteRepository.listAll(trx)).filter((s) => s.parentId === siteId)
      if (channels.some((c) => c.basePath.split('/')[1] === slug)) {
        throw invalid('栏目标识有误', { slug: `“${slug}”已被频道路径使用` })
      }
    }
    if (await columnRepository.siblingSlugTaken(trx, siteId, parent?.id ?? null, slug, selfId)) {
      throw conflict('栏目标识重复', { slug: '同一级栏目中已有相同标识' })
    }
  }

  private async rewriteDescendantPaths(
    trx: Executor,
    siteId: number,
    from: string,
    to: string,
  ): Promise<void> {
    const all = await columnRepository.listBySite(trx, siteId)
    for (const c of all) {
      if (c.path.startsWith(`${from}/`)) {
        await columnRepository.update(trx, c.id, { path: to + c.path.slice(from.length) })
      }
    }
  }

  private announce(action: string, siteId: number, id: number): void {
    // Navigation, breadcrumbs and the site map show columns on every page of the site.
    this.deps.bus.publish({ action, tags: [`site:${siteId}`, `column:${id}`, 'columns'] })
  }
}

/**
 * An aggregate column's settings with its rule normalised, after validating it (sources exist,
 * no loop back to the column); other columns' settings unchanged.
 */
async function aggregateSettings(
  trx: Executor,
  candidate: Column,
): Promise<Record<string, unknown>> {
  if (candidate.type !== 'aggregate') return candidate.settings
  return checkAggregateColumn(await loadWorld(trx), candidate)
}

function checkLink(type: string, linkUrl: string | undefined): void {
  if (type !== 'link') return
  if (!linkUrl || !/^(https?:\/\/|\/)[^\s]*$/.test(linkUrl)) {
    throw invalid('外部链接栏目须填写链接地址', {
      linkUrl: '请填写以 http://、https:// 或 / 开头的地址',
    })
  }
}
