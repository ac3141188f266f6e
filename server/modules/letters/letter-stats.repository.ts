import type { Executor } from '../../db/database'

/** What the statistics read of a letter: no subject, body or writer. */
export interface StatsLetter {
  siteId: number
  mailboxId: number
  unitSiteId: number | null
  type: string
  receivedAt: string
  acceptedAt: string | null
  repliedAt: string | null
  replyDays: number | null
  onTime: number | null
  rating: string
  reopened: number
}

export interface StatsFilter {
  /** Received at or after (UTC ISO). */
  from?: string
  /** Received before (UTC ISO). */
  to?: string
  siteId?: number
  mailboxId?: number
  /** Letters whose mailbox site or unit is one of these; 'all' for cluster admins. */
  scope: 'all' | number[]
}

/** Letters that count as received: neither withdrawn by the writer nor merged into another. */
const NOT_COUNTED = ['withdrawn', 'merged']

export const letterStatsRepository = {
  async letters(db: Executor, f: StatsFilter): Promise<StatsLetter[]> {
    let q = db
      .selectFrom('letter')
      .select([
        'site_id',
        'mailbox_id',
        'unit_site_id',
        'type',
        'received_at',
        'accepted_at',
        'replied_at',
        'reply_days',
        'on_time',
        'rating',
        'reopened',
      ])
      .where('state', 'not in', NOT_COUNTED)
    if (f.from) q = q.where('received_at', '>=', f.from)
    if (f.to) q = q.where('received_at', '<', f.to)
    if (f.siteId !== undefined) q = q.where('site_id', '=', f.siteId)
    if (f.mailboxId !== undefined) q = q.where('mailbox_id', '=', f.mailboxId)
    const scope = f.scope
    if (scope !== 'all') {
      if (scope.length === 0) return []
      q = q.where((eb) => eb.or([eb('site_id', 'in', scope), eb('unit_site_id', 'in', scope)]))
    }
    const rows = await q.execute()
    return rows.map((r) => ({
      siteId: r.site_id,
      mailboxId: r.mailbox_id,
      unitSiteId: r.unit_site_id,
      type: r.type,
      receivedAt: r.received_at,
      acceptedAt: r.accepted_at,
      repliedAt: r.replied_at,
      replyDays: r.reply_days === null ? null : Number(r.reply_days),
      onTime: r.on_time === null ? null : Number(r.on_time),
      rating: r.rating,
      reopened: Number(r.reopened),
    }))
  },
}
