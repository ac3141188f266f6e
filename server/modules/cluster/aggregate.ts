import {
  EMPTY_AGGREGATE_RULE,
  type AggregateRule,
  type AggregateSource,
} from '../../../common/cluster'
import { SITE_KINDS, type SiteKind } from '../../../common/enums'
import { chinaDayStartUtc, parseChinaDate } from '../../../common/time'
import type { Executor } from '../../db/database'
import { invalid } from '../../errors'
import { columnRepository, type Column } from '../columns/column.repository'
import { siteRepository, type Site } from '../sites/site.repository'

// Aggregate columns (栏目共建): a rule selects source columns (or whole sites) across the cluster;
// the column lists their newest items without holding or copying any article.

/** The sites and columns a rule is resolved against; the public site directory is one. */
export interface AggregateWorld {
  sites: Site[]
  byId: Map<number, Site>
  columnsOf: Map<number, Column[]>
  columnById: Map<number, Column>
}

/** What an item must match besides its source: every tag set (one tag of each) and dates. */
export interface AggregateFilters {
  tagSets: string[][]
  /** Latest `since` day of the rules involved ('' : none). */
  sinceDay: string
  /** Smallest positive `withinDays` of the rules involved (0 : none). */
  withinDays: number
}

/** One query of the listing: a column's items, or every visible list column of a site. */
export type AggregateLeaf =
  | { kind: 'column'; siteId: number; columnId: number; filters: AggregateFilters }
  | { kind: 'site'; siteId: number; exclude: number[]; filters: AggregateFilters }

export interface AggregateResolution {
  leaves: AggregateLeaf[]
  /** Cache tags: whatever is published, edited or unpublished at a source invalidates the list. */
  tags: string[]
}

const MAX_TAGS = 10
const MAX_TAG_LENGTH = 20
const MAX_LIST = 200
const MAX_DAYS = 3650
const DAY_MS = 86_400_000
/** Column types a rule may name; a list or page holds items, an aggregate is expanded. */
const SOURCE_TYPES = new Set(['list', 'page', 'aggregate'])
const NO_FILTERS: AggregateFilters = { tagSets: [], sinceDay: '', withinDays: 0 }

export function worldOf(sites: Site[], columns: Column[]): AggregateWorld {
  const columnsOf = new Map<number, Column[]>()
  for (const c of columns) columnsOf.set(c.siteId, [...(columnsOf.get(c.siteId) ?? []), c])
  return {
    sites,
    byId: new Map(sites.map((s) => [s.id, s])),
    columnsOf,
    columnById: new Map(columns.map((c) => [c.id, c])),
  }
}

export async function loadWorld(db: Executor): Promise<AggregateWorld> {
  const [sites, columns] = await Promise.all([
    siteRepository.listAll(db),
    columnRepository.listAll(db),
  ])
  return worldOf(sites, columns)
}

/** The world with one column added or replaced (the column being saved, with its new values). */
export function withColumn(world: AggregateWorld, column: Column): AggregateWorld {
  const all = [...world.columnById.values()].filter((c) => c.id !== column.id)
  return worldOf(world.sites, [...all, column])
}

/**
 * A rule as stored: missing fields take their defaults, strings are trimmed, lists de-duplicated.
 * A field of the wrong shape is refused (400) rather than silently dropped.
 */
export function normalizeRule(raw: unknown): AggregateRule {
  if (raw === undefined || raw === null) return { ...EMPTY_AGGREGATE_RULE }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw invalid('聚合规则格式有误', { aggregate: '聚合规则格式有误' })
  }
  const r = raw as Record<string, unknown>
  const strings = (key: keyof AggregateRule): string[] => {
    const v = r[key]
    if (v === undefined || v === null) return []
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      throw invalid('聚合规则格式有误', { [key]: '应为文本列表' })
    }
    return [...new Set((v as string[]).map((x) => x.trim()).filter(Boolean))]
  }
  const ids = (key: keyof AggregateRule): number[] => {
    const v = r[key]
    if (v === undefined || v === null) return []
    if (!Array.isArray(v) || v.some((x) => !Number.isInteger(x) || (x as number) < 1)) {
      throw invalid('聚合规则格式有误', { [key]: '应为编号列表' })
    }
    return [...new Set(v as number[])]
  }
  const days = r.withinDays ?? 0
  if (!Number.isInteger(days)) throw invalid('聚合规则格式有误', { withinDays: '应为整数天数' })
  const since = r.since ?? ''
  if (typeof since !== 'string') throw invalid('聚合规则格式有误', { since: '应为日期' })
  return {
    siteKinds: strings('siteKinds') as SiteKind[],
    groupings: strings('groupings'),
    siteIds: ids('siteIds'),
    columnSlugs: strings('columnSlugs'),
    columnIds: ids('columnIds'),
    includeChildren: r.includeChildren === true,
    tags: strings('tags'),
    withinDays: days as number,
    since: since.trim(),
  }
}

/** Field messages for a rule that cannot be saved; empty when it is valid. */
export function ruleErrors(rule: AggregateRule, world: AggregateWorld): Record<string, string> {
  const e: Record<string, string> = {}
  const badKinds = rule.siteKinds.filter((k) => !(SITE_KINDS as readonly string[]).includes(k))
  if (badKinds.length > 0) e.siteKinds = `站点类型无效：${badKinds.join('、')}`
  const lists = [rule.siteKinds, rule.groupings, rule.siteIds, rule.columnSlugs, rule.columnIds]
  if (lists.some((l) => l.length > MAX_LIST)) e.rule = `每项条件最多 ${MAX_LIST} 个`
  if (rule.groupings.some((g) => g.length > 50)) e.groupings = '站点分组名称不超过 50 个字'
  if (rule.columnSlugs.some((s) => !/^[a-z0-9][a-z0-9-]{0,63}$/.test(s))) {
    e.columnSlugs = '栏目标识只能包含小写字母、数字和连字符'
  }
  const missingSites = rule.siteIds.filter((id) => !world.byId.has(id))
  if (missingSites.length > 0) e.siteIds = `站点不存在：${missingSites.join('、')}`
  const missingColumns = rule.columnIds.filter((id) => !world.columnById.has(id))
  const wrongColumns = rule.columnIds
    .map((id) => world.columnById.get(id))
    .filter((c): c is Column => c !== undefined && !SOURCE_TYPES.has(c.type))
  if (missingColumns.length > 0) e.columnIds = `栏目不存在：${missingColumns.join('、')}`
  else if (wrongColumns.length > 0) {
    e.columnIds = `只能选择列表、单页或聚合栏目：${wrongColumns.map((c) => c.name).join('、')}`
  }
  if (rule.tags.length > MAX_TAGS) e.tags = `标签最多 ${MAX_TAGS} 个`
  else if (rule.tags.some((t) => t.length > MAX_TAG_LENGTH)) {
    e.tags = `每个标签不超过 ${MAX_TAG_LENGTH} 个字`
  }
  if (rule.withinDays < 0 || rule.withinDays > MAX_DAYS) {
    e.withinDays = `天数须在 0 到 ${MAX_DAYS} 之间`
  }
  if (
    rule.since !== '' &&
    (!/^\d{4}-\d{2}-\d{2}$/.test(rule.since) || !parseChinaDate(rule.since))
  ) {
    e.since = '日期格式应为 YYYY-MM-DD'
  }
  const selects =
    rule.siteKinds.length + rule.groupings.length + rule.siteIds.length > 0 ||
    rule.columnSlugs.length + rule.columnIds.length > 0
  if (!selects) e.rule = '请至少选择站点类型、站点分组、站点、栏目标识或栏目中的一项'
  return e
}

/** The rule stored in a column's settings, or null when it has none usable. */
export function ruleOf(column: Column): AggregateRule | null {
  try {
    return normalizeRule(column.settings.aggregate)
  } catch {
    return null
  }
}

/** Columns a rule selects directly (before nested aggregates are expanded); never `self`. */
function selectedColumns(world: AggregateWorld, self: Column, rule: AggregateRule) {
  const usable = (c: Column | undefined): c is Column =>
    c !== undefined &&
    c.id !== self.id &&
    c.visible &&
    SOURCE_TYPES.has(c.type) &&
    world.byId.get(c.siteId)?.status === 'open'
  const wholeSites: Site[] = []
  let sites: Site[] = []
  const picked = new Map<number, Column>()
  const hasSiteFilter = rule.siteKinds.length + rule.groupings.length + rule.siteIds.length > 0
  if (hasSiteFilter || rule.columnSlugs.length > 0) {
    sites = world.sites.filter(
      (s) =>
        s.status === 'open' &&
        (rule.siteKinds.length === 0 || rule.siteKinds.includes(s.kind)) &&
        (rule.groupings.length === 0 || rule.groupings.includes(s.grouping)) &&
        (rule.siteIds.length === 0 || rule.siteIds.includes(s.id)),
    )
    for (const s of sites) {
      if (rule.columnSlugs.length === 0) {
        wholeSites.push(s)
        continue
      }
      for (const c of world.columnsOf.get(s.id) ?? []) {
        if (rule.columnSlugs.includes(c.slug) && usable(c)) picked.set(c.id, c)
      }
    }
  }
  for (const id of rule.columnIds) {
    const c = world.columnById.get(id)
    if (usable(c)) picked.set(c.id, c)
  }
  if (rule.includeChildren) {
    for (const c of [...picked.values()]) {
      for (const k of world.columnsOf.get(c.siteId) ?? []) {
        if (k.path.startsWith(`${c.path}/`) && usable(k)) picked.set(k.id, k)
      }
    }
  }
  return { sites, wholeSites, columns: [...picked.values()] }
}

function combine(outer: AggregateFilters, rule: AggregateRule): AggregateFilters {
  const within = [outer.withinDays, rule.withinDays].filter((d) => d > 0)
  return {
    tagSets: rule.tags.length > 0 ? [...outer.tagSets, rule.tags] : outer.tagSets,
    sinceDay: outer.sinceDay > rule.since ? outer.sinceDay : rule.since,
    withinDays: within.length > 0 ? Math.min(...within) : 0,
  }
}

/** The columns of a site a whole-site source leaves out: all but its visible list columns. */
function excludedOf(world: AggregateWorld, siteId: number): number[] {
  return (world.columnsOf.get(siteId) ?? [])
    .filter((c) => !(c.visible && c.type === 'list'))
    .map((c) => c.id)
}

/**
 * Resolves an aggregate column's rule to its leaves (nested aggregates expanded). A visited set
 * stops loops that a later change elsewhere may have made, whatever the saved rules say.
 */
export function resolveAggregate(
  world: AggregateWorld,
  column: Column,
  rule: AggregateRule | null = ruleOf(column),
): AggregateResolution {
  const leaves = new Map<string, AggregateLeaf>()
  const tags = new Set<string>()
  const visit = (self: Column, r: AggregateRule, outer: AggregateFilters, seen: Set<number>) => {
    const filters = combine(outer, r)
    const key = JSON.stringify(filters)
    const { sites, wholeSites, columns } = selectedColumns(world, self, r)
    // A column added to (or changed in) a selected site announces `site:{id}`.
    for (const s of sites) tags.add(`site:${s.id}`)
    for (const s of wholeSites) {
      tags.add(`latest:${s.id}`).add(`site:${s.id}`)
      const exclude = excludedOf(world, s.id)
      leaves.set(`s${s.id}|${key}`, { kind: 'site', siteId: s.id, exclude, filters })
    }
    for (const c of columns) {
      tags.add(`column:${c.id}`).add(`site:${c.siteId}`)
      if (c.type !== 'aggregate') {
        const leaf: AggregateLeaf = { kind: 'column', siteId: c.siteId, columnId: c.id, filters }
        leaves.set(`c${c.id}|${key}`, leaf)
        continue
      }
      const nested = ruleOf(c)
      if (!nested || seen.has(c.id)) continue
      visit(c, nested, filters, new Set([...seen, c.id]))
    }
  }
  if (rule) visit(column, rule, NO_FILTERS, new Set([column.id]))
  return { leaves: [...leaves.values()], tags: [...tags] }
}

/** The latest items of the portal and every open channel under it (the home page's 最新信息). */
export function portalLatestLeaves(world: AggregateWorld, portal: Site): AggregateResolution {
  const sites = world.sites.filter(
    (s) => s.status === 'open' && (s.id === portal.id || s.parentId === portal.id),
  )
  return {
    leaves: sites.map((s) => ({
      kind: 'site' as const,
      siteId: s.id,
      exclude: excludedOf(world, s.id),
      filters: NO_FILTERS,
    })),
    tags: sites.flatMap((s) => [`latest:${s.id}`, `site:${s.id}`]),
  }
}

/** The earliest publication time a leaf's filters let through (ISO), or null. */
export function lowerBound(filters: AggregateFilters, now = Date.now()): string | null {
  const bounds: string[] = []
  if (filters.sinceDay) bounds.push(chinaDayStartUtc(filters.sinceDay))
  if (filters.withinDays > 0) bounds.push(new Date(now - filters.withinDays * DAY_MS).toISOString())
  return bounds.length > 0 ? (bounds.sort().at(-1) ?? null) : null
}

/** The sources of a resolution as the admin shows them. */
export function sourcesOf(world: AggregateWorld, leaves: AggregateLeaf[]): AggregateSource[] {
  const seen = new Set<string>()
  const out: AggregateSource[] = []
  for (const l of leaves) {
    const key = l.kind === 'site' ? `s${l.siteId}` : `c${l.columnId}`
    if (seen.has(key)) continue
    seen.add(key)
    const site = world.byId.get(l.siteId)
    const column = l.kind === 'column' ? world.columnById.get(l.columnId) : undefined
    out.push({
      siteId: l.siteId,
      siteName: site?.name ?? '',
      columnId: l.kind === 'column' ? l.columnId : null,
      columnName: column?.name ?? '全部栏目',
    })
  }
  return out
}

/**
 * The first loop through `start` in the graph of aggregate columns (start's own rule given),
 * as column names `A → B → A`, or null.
 */
export function findCycle(
  world: AggregateWorld,
  start: Column,
  rule: AggregateRule,
): string[] | null {
  const name = (c: Column) => {
    const site = world.byId.get(c.siteId)
    return site && site.id !== start.siteId ? `${site.shortName || site.name}/${c.name}` : c.name
  }
  const walk = (
    c: Column,
    r: AggregateRule,
    path: Column[],
    seen: Set<number>,
  ): Column[] | null => {
    for (const next of selectedColumns(world, c, r).columns) {
      if (next.type !== 'aggregate') continue
      if (next.id === start.id) return [...path, next]
      if (seen.has(next.id)) continue
      seen.add(next.id)
      const nested = ruleOf(next)
      const found = nested ? walk(next, nested, [...path, next], seen) : null
      if (found) return found
    }
    return null
  }
  const cycle = walk(start, rule, [start], new Set([start.id]))
  return cycle ? cycle.map(name) : null
}

/**
 * Normalises and validates the rule of an aggregate column about to be saved (`candidate` holds
 * its new values; id -1 when it is new). Returns the settings to store, or throws 400.
 */
export function checkAggregateColumn(
  world: AggregateWorld,
  candidate: Column,
): Record<string, unknown> {
  const rule = normalizeRule(candidate.settings.aggregate)
  assertRule(world, candidate, rule)
  return { ...candidate.settings, aggregate: rule }
}

/** Throws 400 with field messages when the rule is invalid or loops back to `column`. */
export function assertRule(world: AggregateWorld, column: Column, rule: AggregateRule): void {
  const errors = ruleErrors(rule, world)
  const first = Object.values(errors)[0]
  if (first) throw invalid(`聚合规则有误：${first}`, errors)
  const cycle = findCycle(withColumn(world, column), column, rule)
  if (cycle) {
    const message = `聚合规则存在循环引用：${cycle.join(' → ')}`
    throw invalid(message, { aggregate: message })
  }
}
