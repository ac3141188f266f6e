import type { Core } from '../core'
import type { Column } from '../modules/columns/column.repository'
import type { PublicFigures, PublicSummary } from '../modules/letters/letter.statistics'
import { page, type Outcome, type PageDeps } from './pages'
import { breadcrumbsFor, columnUrl, commonView, type PageContext } from './views'

/**
 * 信箱统计: `<letters column>/statistics`, the handling figures of the site's mailboxes over
 * the last 12 months and all time. Counts and rates only (nothing of any writer), so the page
 * is cached for five minutes like the mailbox page, tagged `letter-stats:<siteId>`.
 */

const MINUTE = 60_000
const TITLE = '信箱统计'
const NONE = '—'

/** The letters column a `<column>/statistics` path belongs to, unless a real column sits there. */
export function letterStatsColumn(ctx: PageContext, rest: string): Column | null {
  const m = /^([a-z0-9][a-z0-9/-]*?)\/statistics$/.exec(rest)
  if (!m) return null
  const siteId = ctx.resolved.site.id
  if (ctx.snap.columnByPath.has(`${siteId}:${rest}`)) return null
  const column = ctx.snap.columnByPath.get(`${siteId}:${m[1]}`)
  return column && column.visible && column.type === 'letters' ? column : null
}

const percent = (r: number | null) => (r === null ? NONE : `${(r * 100).toFixed(1)}%`)

/** One table row as the template shows it: every figure already a string. */
function figuresView(f: PublicFigures) {
  return {
    received: String(f.received),
    accepted: String(f.accepted),
    answered: String(f.answered),
    onTimeRate: percent(f.onTimeRate),
    avgDays: f.avgDays === null ? NONE : f.avgDays.toFixed(1),
    satisfactionRate: percent(f.satisfactionRate),
    rated: String(f.rated),
  }
}

/** The template's view of a summary: one table per period, a row per mailbox and the total. */
export function letterStatsView(summary: PublicSummary) {
  const table = (period: 'recent' | 'allTime', caption: string) => ({
    caption,
    rows: summary.mailboxes.map((m) => ({ name: m.name, ...figuresView(m[period]) })),
    total: { name: '全站合计', ...figuresView(summary.total[period]) },
  })
  return {
    siteName: summary.site.name,
    period: summary.period,
    hasMailboxes: summary.mailboxes.length > 0,
    tables: [
      table('recent', `近 12 个月（${summary.period.from} 至 ${summary.period.to}）`),
      table('allTime', '累计（开通以来）'),
    ],
  }
}

/** Renders the statistics page of a letters column. */
export async function renderLetterStatsPage(
  deps: PageDeps & { core: Core },
  ctx: PageContext,
  column: Column,
): Promise<Outcome> {
  const { prefix, site } = ctx.resolved
  const url = columnUrl(prefix, column)
  const summary = await deps.core.letterStats.publicSummary({ siteId: site.id })
  const siblings = (ctx.snap.columnsOf.get(column.siteId) ?? []).filter((c) => c.visible)
  const children = siblings.filter((c) => c.parentId === column.id)
  const sideNav = (
    children.length > 0 ? children : siblings.filter((c) => c.parentId === column.parentId)
  ).map((c) => ({ name: c.name, url: columnUrl(prefix, c), isCurrent: c.id === column.id }))
  const vars = {
    ...commonView(ctx, {
      title: `${TITLE} - ${column.name} - ${site.name}`,
      column,
      breadcrumbs: breadcrumbsFor(ctx, column, { name: TITLE, url: `${url}statistics` }),
    }),
    sideNav,
    column: { name: column.name, url, description: column.description },
    letterStats: letterStatsView(summary),
  }
  return page(deps, ctx, 'letter-stats', vars, {
    tags: [`column:${column.id}`, `letter-stats:${site.id}`, `mailboxes:${site.id}`, 'mailboxes'],
    visits: [['column', column.id]],
    ttlMs: 5 * MINUTE,
  })
}
