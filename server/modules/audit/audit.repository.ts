import { sql } from 'kysely'
import type { Executor } from '../../db/database'
import type { RequestContext } from '../users/actor'
import { escapeLike, nowIso, toCount } from '../../db/dialect'
import { chinaDayStartUtc } from '../../../common/time'

export interface AuditInput {
  action: string
  entity: string
  entityId?: string | number | null
  siteId?: number | null
  diff?: unknown
}

/** Writes an audit event; call it inside the transaction of the change it records. */
export async function recordAudit(
  trx: Executor,
  ctx: RequestContext,
  input: AuditInput,
): Promise<void> {
  await trx
    .insertInto('audit_event')
    .values({
      at: nowIso(),
      actor_id: ctx.actor.id,
      actor_name: ctx.actor.username,
      ip: ctx.ip,
      action: input.action,
      entity: input.entity,
      entity_id: input.entityId == null ? '' : String(input.entityId),
      site_id: input.siteId ?? null,
      diff: JSON.stringify(input.diff ?? {}),
    })
    .execute()
}

export interface AuditEvent {
  id: number
  at: string
  actorId: number | null
  actorName: string
  ip: string
  action: string
  entity: string
  entityId: string
  siteId: number | null
  diff: unknown
}

export interface AuditFilter {
  siteIds: 'all' | number[]
  siteId?: number
  actor?: string
  action?: string
  entity?: string
  entityId?: string
  from?: string
  to?: string
}

export const auditRepository = {
  async list(
    db: Executor,
    f: AuditFilter,
    page: { offset: number; limit: number },
  ): Promise<{ rows: AuditEvent[]; total: number }> {
    let q = db.selectFrom('audit_event')
    if (f.siteIds !== 'all') {
      if (f.siteIds.length === 0) return { rows: [], total: 0 }
      q = q.where('site_id', 'in', f.siteIds)
    }
    if (f.siteId) q = q.where('site_id', '=', f.siteId)
    if (f.actor) q = q.where('actor_name', '=', f.actor)
    // A prefix match; `_` is common in action names (auth.login_failed), so escape, don't strip.
    if (f.action) q = q.where(sql<boolean>`action like ${`${escapeLike(f.action)}%`} escape '\\'`)
    if (f.entity) q = q.where('entity', '=', f.entity)
    if (f.entityId) q = q.where('entity_id', '=', f.entityId)
    if (f.from) q = q.where('at', '>=', chinaDayStartUtc(f.from))
    if (f.to) q = q.where('at', '<', chinaDayStartUtc(f.to, 1))
    const [rows, count] = await Promise.all([
      q.selectAll().orderBy('id', 'desc').offset(page.offset).limit(page.limit).execute(),
      q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ])
    return {
      rows: rows.map((r) => ({
        id: r.id,
        at: r.at,
        actorId: r.actor_id,
        actorName: r.actor_name,
        ip: r.ip,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        siteId: r.site_id,
        diff: safeJson(r.diff),
      })),
      total: toCount(count.n),
    }
  },
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s)
  } catch {
    return s
  }
}
