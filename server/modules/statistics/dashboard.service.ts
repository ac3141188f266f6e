import type { Deps } from '../../core-deps'
import { formatDate, chinaDayStartUtc } from '../../../common/time'
import { forbidden, invalid } from '../../errors'
import { columnRepository } from '../columns/column.repository'
import { roleOn, siteScope, type RequestContext } from '../users/actor'
import type { VisitBuffer } from './visit.buffer'
import { visitRepository } from './visit.repository'

/** Days a column may go without a new item, by update class (2015 inspection table). */
export const UPDATE_DAYS: Record<string, number | null> = {
  news: 14,
  notice: 183,
  plan: 365,
  asNeeded: null,
}

export interface DueColumn {
  columnId: number
  name: string
  path: string
  updateClass: string
  lastPublishedAt: string | null
  daysLeft: number
}

/** What an editor sees first: drafts, recent items, visits, updates per column, columns falling due. */
export class DashboardService {
  constructor(
    private readonly deps: Deps,
    private readonly visits: VisitBuffer,
  ) {}

  async forSite(ctx: RequestContext, siteId: number) {
    if (roleOn(ctx.actor, siteId) === null) throw forbidden()
    const db = this.deps.db
    const today = formatDate(new Date())
    const from = formatDate(new Date(Date.now() - 29 * 86400_000))
    const since = chinaDayStartUtc(from)
    const [drafts, recent, visitRows, perColumn, lastPerColumn, columns] = await Promise.all([
      db
        .selectFrom('article')
        .select(['id', 'title', 'updated_at'])
        .where('site_id', '=', siteId)
        .where('status', '=', 'draft')
        .where('created_by', ctx.actor.id === null ? 'is' : '=', ctx.actor.id)
        .orderBy('updated_at', 'desc')
        .limit(8)
        .execute(),
      db
        .selectFrom('article')
        .select(['id', 'title', 'published_at', 'author'])
        .where('site_id', '=', siteId)
        .where('status', '=', 'published')
        .orderBy('published_at', 'desc')
        .limit(10)
        .execute(),
      visitRepository.daily(db, 'site', [siteId], from, today),
      db
        .selectFrom('placement')
        .select(['column_id', (eb) => eb.fn.countAll().as('n')])
        .where('site_id', '=', siteId)
        .where('status', '=', 'published')
        .where('published_at', '>=', since)
        .groupBy('column_id')
        .execute(),
      db
        .selectFrom('placement')
        .select(['column_id', (eb) => eb.fn.max('published_at').as('last')])
        .where('site_id', '=', siteId)
        .where('status', '=', 'published')
        .groupBy('column_id')
        .execute(),
      columnRepository.listBySite(db, siteId),
    ])
    const byId = new Map(columns.map((c) => [c.id, c]))
    const last = new Map(lastPerColumn.map((r) => [r.column_id, r.last ? String(r.last) : null]))
    const now = Date.now()
    const due: DueColumn[] = []
    for (const c of columns) {
      const days = UPDATE_DAYS[c.updateClass]
      if (!days || c.type !== 'list' || !c.visible) continue
      const lastAt = last.get(c.id) ?? null
      const base = lastAt ?? c.createdAt
      const daysLeft = Math.floor((new Date(base).getTime() + days * 86400_000 - now) / 86400_000)
      if (daysLeft <= Math.max(3, Math.round(days * 0.25))) {
        due.push({
          columnId: c.id,
          name: c.name,
          path: c.path,
          updateClass: c.updateClass,
          lastPublishedAt: lastAt,
          daysLeft,
        })
      }
    }
    due.sort((a, b) => a.daysLeft - b.daysLeft)
    const pending = this.visits.pending('site', siteId)
    const days = fillDays(
      from,
      today,
      visitRows.map((r) => ({ day: r.day, count: r.count })),
    )
    const lastDay = days[days.length - 1]
    if (lastDay) lastDay.count += pending
    return {
      drafts: drafts.map((d) => ({ id: d.id, title: d.title, updatedAt: d.updated_at })),
      recent: recent.map((r) => ({
        id: r.id,
        title: r.title,
        publishedAt: r.published_at,
        author: r.author,
      })),
      visits: days,
      updatesPerColumn: perColumn
        .map((r) => ({
          columnId: r.column_id,
          name: byId.get(r.column_id)?.name ?? `栏目${r.column_id}`,
          count: Number(r.n),
        }))
        .sort((a, b) => b.count - a.count)
        .slice(0, 15),
      dueColumns: due.slice(0, 20),
    }
  }

  /** Visits and items published (发稿量) per site over a period, for the sites the actor may see. */
  async overview(ctx: RequestContext, input: { from: string; to: string }) {
    if (input.from > input.to)
      throw invalid('开始日期不能晚于结束日期', { from: '开始日期不能晚于结束日期' })
    const scope = siteScope(ctx.actor)
    const db = this.deps.db
    let sites = db
      .selectFrom('site')
      .select(['id', 'code', 'name', 'kind', 'parent_id', 'grouping'])
    if (scope !== 'all') {
      if (scope.length === 0) return []
      sites = sites.where('id', 'in', scope)
    }
    const [siteRows, visitRows, publishRows] = await Promise.all([
      sites.orderBy('sort').orderBy('id').execute(),
      db
        .selectFrom('visit_daily')
        .select(['entity_id', (eb) => eb.fn.sum<number>('count').as('n')])
        .where('entity', '=', 'site')
        .where('day', '>=', input.from)
        .where('day', '<=', input.to)
        .groupBy('entity_id')
        .execute(),
      db
        .selectFrom('placement')
        .select(['site_id', (eb) => eb.fn.countAll().as('n')])
        .where('kind', '=', 'primary')
        .where('status', '=', 'published')
        .where('published_at', '>=', chinaDayStartUtc(input.from))
        .where('published_at', '<', chinaDayStartUtc(input.to, 1))
        .groupBy('site_id')
        .execute(),
    ])
    const visits = new Map(visitRows.map((r) => [r.entity_id, Number(r.n)]))
    const published = new Map(publishRows.map((r) => [r.site_id, Number(r.n)]))
    return siteRows.map((s) => ({
      siteId: s.id,
      code: s.code,
      name: s.name,
      kind: s.kind,
      grouping: s.grouping,
      visits: (visits.get(s.id) ?? 0) + this.visits.pending('site', s.id),
      published: published.get(s.id) ?? 0,
    }))
  }
}

function fillDays(from: string, to: string, rows: { day: string; count: number }[]) {
  const byDay = new Map(rows.map((r) => [r.day, r.count]))
  const out: { day: string; count: number }[] = []
  const d = new Date(`${from}T00:00:00Z`)
  const end = new Date(`${to}T00:00:00Z`)
  while (d <= end) {
    const day = d.toISOString().slice(0, 10)
    out.push({ day, count: byDay.get(day) ?? 0 })
    d.setUTCDate(d.getUTCDate() + 1)
  }
  return out
}
