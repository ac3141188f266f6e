import type { Deps } from '../../core-deps'
import { formatDate } from '../../../common/time'
import { invalid } from '../../errors'
import { roleOn, type RequestContext } from '../users/actor'
import { forbidden } from '../../errors'
import type { VisitBuffer, VisitEntity } from './visit.buffer'
import { visitRepository } from './visit.repository'

/** Visit figures per site, column and article, including views not yet flushed. */
export class StatisticsService {
  constructor(
    private readonly deps: Deps,
    private readonly visits: VisitBuffer,
  ) {}

  async visitsOf(entity: VisitEntity, id: number): Promise<number> {
    return (await visitRepository.total(this.deps.db, entity, id)) + this.visits.pending(entity, id)
  }

  async siteVisits(
    ctx: RequestContext,
    input: { siteId: number; from?: string; to?: string },
  ): Promise<{ total: number; days: { day: string; count: number }[] }> {
    if (roleOn(ctx.actor, input.siteId) === null) throw forbidden()
    const to = input.to ?? formatDate(new Date())
    const from = input.from ?? formatDate(new Date(Date.now() - 29 * 86400_000))
    if (from > to) throw invalid('开始日期不能晚于结束日期', { from: '开始日期不能晚于结束日期' })
    const rows = await visitRepository.daily(this.deps.db, 'site', [input.siteId], from, to)
    const today = formatDate(new Date())
    const pending = today >= from && today <= to ? this.visits.pending('site', input.siteId) : 0
    const days = rows.map((r) => ({ day: r.day, count: r.count }))
    if (pending > 0) {
      const last = days.find((d) => d.day === today)
      if (last) last.count += pending
      else days.push({ day: today, count: pending })
    }
    return { total: days.reduce((s, d) => s + d.count, 0), days }
  }
}
