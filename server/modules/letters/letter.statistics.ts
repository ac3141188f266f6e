import {
  LETTER_RATINGS,
  LETTER_TYPE_LABELS,
  LETTER_TYPES,
  STATS_GROUPS,
  STATS_GROUP_LABELS,
  type LetterType,
  type StatsGroup,
  type StatsRow,
} from '../../../common/letters'
import { chinaDayStartUtc, formatDate } from '../../../common/time'
import type { Deps } from '../../core-deps'
import { forbidden, invalid, notFound } from '../../errors'
import { siteScope, type RequestContext } from '../users/actor'
import { letterRouteRepository } from './letter-route.repository'
import { letterStatsRepository, type StatsLetter } from './letter-stats.repository'
import { mailboxRepository } from './mailbox.repository'

export { STATS_GROUPS, STATS_GROUP_LABELS, type StatsGroup, type StatsRow }

export interface StatsQuery {
  groupBy: StatsGroup
  /** Received on or after this Beijing day (`YYYY-MM-DD`). */
  from?: string
  /** Received on or before this Beijing day (`YYYY-MM-DD`). */
  to?: string
  siteId?: number
  mailboxId?: number
}

/** The public figures of a set of letters (counts and rates only, nothing personal). */
export interface PublicFigures {
  received: number
  accepted: number
  answered: number
  onTimeRate: number | null
  avgDays: number | null
  satisfactionRate: number | null
  rated: number
}
export interface PublicPeriods {
  /** The last 12 months (see `period`). */
  recent: PublicFigures
  allTime: PublicFigures
}
export interface PublicSummary {
  site: { id: number; name: string }
  /** Beijing days the `recent` figures cover. */
  period: { from: string; to: string }
  total: PublicPeriods
  mailboxes: Array<{ id: number; code: string; name: string } & PublicPeriods>
}

const round = (x: number, places: number) => {
  const f = 10 ** places
  return Math.round(x * f) / f
}
const rate = (n: number, d: number): number | null => (d === 0 ? null : round(n / d, 4))

/** The nearest-rank percentile (p in 0–100) of the values; null when there are none. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1] ?? null
}

/** The figures of a set of letters. */
export function summarise(key: string, label: string, letters: StatsLetter[]): StatsRow {
  let accepted = 0
  let answered = 0
  let onTime = 0
  let reopened = 0
  const ratings = { satisfied: 0, basically: 0, unsatisfied: 0 }
  const days: number[] = []
  const known: readonly string[] = LETTER_RATINGS
  for (const l of letters) {
    if (l.acceptedAt) accepted++
    if (l.repliedAt) {
      answered++
      if (l.onTime === 1) onTime++
      if (l.replyDays !== null) days.push(l.replyDays)
    }
    if (known.includes(l.rating)) ratings[l.rating as keyof typeof ratings]++
    if (l.reopened === 1) reopened++
  }
  const rated = ratings.satisfied + ratings.basically + ratings.unsatisfied
  return {
    key,
    label,
    received: letters.length,
    accepted,
    answered,
    onTime,
    onTimeRate: rate(onTime, answered),
    avgDays: days.length === 0 ? null : round(days.reduce((a, b) => a + b, 0) / days.length, 1),
    p90Days: percentile(days, 90),
    rated,
    ...ratings,
    satisfactionRate: rate(ratings.satisfied + ratings.basically, rated),
    reopened,
    reopenRate: rate(reopened, answered),
  }
}

/** `2026-01`: the Beijing (UTC+8) month a moment falls in. */
export const beijingMonth = (iso: string): string => formatDate(iso).slice(0, 7)

function groupKey(l: StatsLetter, by: StatsGroup): string {
  switch (by) {
    case 'unit':
      return l.unitSiteId === null ? 'none' : String(l.unitSiteId)
    case 'site':
      return String(l.siteId)
    case 'mailbox':
      return String(l.mailboxId)
    case 'type':
      return l.type
    case 'month':
      return beijingMonth(l.receivedAt)
  }
}

function checkDay(day: string | undefined, field: 'from' | 'to'): string | undefined {
  if (day === undefined || day === '') return undefined
  const d = new Date(`${day}T00:00:00.000Z`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(d.getTime())) {
    throw invalid(`日期“${day}”无效，须为 YYYY-MM-DD`, { [field]: '日期须为有效的 YYYY-MM-DD' })
  }
  if (d.toISOString().slice(0, 10) !== day) {
    throw invalid(`日期“${day}”无效，须为 YYYY-MM-DD`, { [field]: '日期须为有效的 YYYY-MM-DD' })
  }
  return day
}

const publicFigures = (r: StatsRow): PublicFigures => ({
  received: r.received,
  accepted: r.accepted,
  answered: r.answered,
  onTimeRate: r.onTimeRate,
  avgDays: r.avgDays,
  satisfactionRate: r.satisfactionRate,
  rated: r.rated,
})

/** 来信统计: handling figures by unit, site, mailbox, type or month, within the actor's scope. */
export class LetterStatisticsService {
  constructor(private readonly deps: Deps) {}

  /**
   * Cluster admins see every letter; others the letters of sites where they hold any role,
   * whether as the mailbox's site or as the handling unit.
   */
  async statistics(
    ctx: RequestContext,
    q: StatsQuery,
  ): Promise<{ rows: StatsRow[]; total: StatsRow }> {
    const scope = siteScope(ctx.actor)
    if (scope !== 'all' && scope.length === 0) throw forbidden('您没有查看来信统计的权限')
    const from = checkDay(q.from, 'from')
    const to = checkDay(q.to, 'to')
    if (from && to && from > to) {
      throw invalid('开始日期不能晚于结束日期', { from: '开始日期不能晚于结束日期' })
    }
    const db = this.deps.db
    if (q.siteId !== undefined && !(await letterRouteRepository.sites(db, [q.siteId])).size) {
      throw notFound('站点不存在')
    }
    if (q.mailboxId !== undefined && !(await mailboxRepository.get(db, q.mailboxId))) {
      throw notFound('信箱不存在')
    }
    const letters = await letterStatsRepository.letters(db, {
      from: from ? chinaDayStartUtc(from) : undefined,
      to: to ? chinaDayStartUtc(to, 1) : undefined,
      siteId: q.siteId,
      mailboxId: q.mailboxId,
      scope,
    })
    const groups = new Map<string, StatsLetter[]>()
    for (const l of letters) {
      const k = groupKey(l, q.groupBy)
      const list = groups.get(k)
      if (list) list.push(l)
      else groups.set(k, [l])
    }
    const labels = await this.labels(q.groupBy, letters)
    const rows = [...groups].map(([k, list]) => summarise(k, labels(k), list))
    return { rows: this.sort(q.groupBy, rows), total: summarise('total', '合计', letters) }
  }

  /**
   * The public figures of a site's mailboxes (every letter counts, published or not): for each
   * mailbox and the site, over the last 12 months and all time.
   */
  async publicSummary(q: {
    siteId: number
    mailboxId?: number
    now?: Date
  }): Promise<PublicSummary> {
    const db = this.deps.db
    const site = (await letterRouteRepository.sites(db, [q.siteId])).get(q.siteId)
    if (!site) throw notFound('站点不存在')
    const now = q.now ?? new Date()
    const today = formatDate(now)
    const start = new Date(`${today}T00:00:00.000Z`)
    start.setUTCFullYear(start.getUTCFullYear() - 1)
    start.setUTCDate(start.getUTCDate() + 1)
    const from = start.toISOString().slice(0, 10)
    const since = chinaDayStartUtc(from)
    const letters = await letterStatsRepository.letters(db, {
      siteId: q.siteId,
      mailboxId: q.mailboxId,
      scope: 'all',
    })
    const periods = (list: StatsLetter[]): PublicPeriods => ({
      recent: publicFigures(
        summarise(
          '',
          '',
          list.filter((l) => l.receivedAt >= since),
        ),
      ),
      allTime: publicFigures(summarise('', '', list)),
    })
    const boxes = (await mailboxRepository.list(db, [q.siteId])).filter(
      (m) => q.mailboxId === undefined || m.id === q.mailboxId,
    )
    const mailboxes = boxes
      .map((m) => {
        const own = letters.filter((l) => l.mailboxId === m.id)
        return { box: m, own }
      })
      // A disabled mailbox shows only while it has letters to account for.
      .filter(({ box, own }) => box.enabled || own.length > 0)
      .map(({ box, own }) => ({ id: box.id, code: box.code, name: box.name, ...periods(own) }))
    return {
      site: { id: q.siteId, name: site.name },
      period: { from, to: today },
      total: periods(letters),
      mailboxes,
    }
  }

  private async labels(by: StatsGroup, letters: StatsLetter[]): Promise<(key: string) => string> {
    const db = this.deps.db
    switch (by) {
      case 'type':
        return (k) => LETTER_TYPE_LABELS[k as LetterType] ?? k
      case 'month':
        return (k) => `${k.slice(0, 4)}年${Number(k.slice(5, 7))}月`
      case 'unit':
      case 'site': {
        const ids = letters.map((l) => (by === 'unit' ? l.unitSiteId : l.siteId))
        const sites = await letterRouteRepository.sites(
          db,
          ids.filter((i): i is number => i !== null),
        )
        return (k) => (k === 'none' ? '未交办' : (sites.get(Number(k))?.name ?? `站点 ${k}`))
      }
      case 'mailbox': {
        const boxes = new Map(
          (await mailboxRepository.list(db, [...new Set(letters.map((l) => l.siteId))])).map(
            (m) => [m.id, m],
          ),
        )
        const sites = await letterRouteRepository.sites(db, [
          ...new Set(letters.map((l) => l.siteId)),
        ])
        // Every site has its 部门信箱: name the site when several sites are listed.
        const many = sites.size > 1
        return (k) => {
          const m = boxes.get(Number(k))
          if (!m) return `信箱 ${k}`
          return many ? `${m.name}（${sites.get(m.siteId)?.name ?? ''}）` : m.name
        }
      }
    }
  }

  private sort(by: StatsGroup, rows: StatsRow[]): StatsRow[] {
    if (by === 'month') return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    if (by === 'type') {
      const order = (k: string) => {
        const i = (LETTER_TYPES as readonly string[]).indexOf(k)
        return i < 0 ? LETTER_TYPES.length : i
      }
      return rows.sort((a, b) => order(a.key) - order(b.key))
    }
    return rows.sort(
      (a, b) =>
        Number(a.key === 'none') - Number(b.key === 'none') ||
        b.received - a.received ||
        a.label.localeCompare(b.label, 'zh-CN'),
    )
  }
}
