import type { Executor } from '../../db/database'
import { nowIso } from '../../db/dialect'

/** A routing rule (分办规则) as stored, in priority order. */
export interface LetterRoute {
  id: number
  siteId: number
  mailboxId: number | null
  type: string
  categoryPrefix: string
  unitSiteId: number
  sort: number
}

export interface LetterRouteInput {
  mailboxId: number | null
  type: string
  categoryPrefix: string
  unitSiteId: number
}

export const letterRouteRepository = {
  async listBySite(db: Executor, siteId: number): Promise<LetterRoute[]> {
    const rows = await db
      .selectFrom('letter_route')
      .selectAll()
      .where('site_id', '=', siteId)
      .orderBy('sort')
      .orderBy('id')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      siteId: r.site_id,
      mailboxId: r.mailbox_id,
      type: r.type,
      categoryPrefix: r.category_prefix,
      unitSiteId: r.unit_site_id,
      sort: r.sort,
    }))
  },

  /** Replaces a site's rules; their order is their priority (sort 0, 1, 2 …). */
  async replace(db: Executor, siteId: number, routes: LetterRouteInput[]): Promise<void> {
    await db.deleteFrom('letter_route').where('site_id', '=', siteId).execute()
    if (routes.length === 0) return
    const now = nowIso()
    await db
      .insertInto('letter_route')
      .values(
        routes.map((r, i) => ({
          site_id: siteId,
          mailbox_id: r.mailboxId,
          type: r.type,
          category_prefix: r.categoryPrefix,
          unit_site_id: r.unitSiteId,
          sort: i,
          created_at: now,
        })),
      )
      .execute()
  },

  /** Names, kinds and statuses of sites (all of them, or these). */
  async sites(
    db: Executor,
    ids?: number[],
  ): Promise<Map<number, { name: string; kind: string; status: string }>> {
    let q = db.selectFrom('site').select(['id', 'name', 'kind', 'status'])
    if (ids) {
      if (ids.length === 0) return new Map()
      q = q.where('id', 'in', [...new Set(ids)])
    }
    const rows = await q.execute()
    return new Map(rows.map((r) => [r.id, { name: r.name, kind: r.kind, status: r.status }]))
  },

  /** The site a mailbox belongs to, with that site's kind. */
  async mailboxSite(
    db: Executor,
    mailboxId: number,
  ): Promise<{ siteId: number; kind: string } | undefined> {
    const r = await db
      .selectFrom('mailbox as m')
      .innerJoin('site as s', 's.id', 'm.site_id')
      .select(['s.id', 's.kind'])
      .where('m.id', '=', mailboxId)
      .executeTakeFirst()
    return r ? { siteId: r.id, kind: r.kind } : undefined
  },
}
