import { defaultSharing, type AcceptMode, type SharingPolicy } from '../../../common/cluster'
import type { SiteKind } from '../../../common/enums'
import type { Selectable } from 'kysely'
import type { Executor } from '../../db/database'
import { bool, nowIso } from '../../db/dialect'
import type { SiteSharingTable } from './cluster.table'

function ids(json: string): number[] {
  try {
    const v: unknown = JSON.parse(json)
    return Array.isArray(v) ? v.filter((x): x is number => Number.isInteger(x)) : []
  } catch {
    return []
  }
}

type SharingRow = Selectable<SiteSharingTable>

/** A site's policy from its stored row, or the defaults of its kind without one. */
function policyOf(site: { id: number; kind: string }, r: SharingRow | undefined): SharingPolicy {
  if (!r) return defaultSharing(site.id, site.kind as SiteKind)
  return {
    siteId: site.id,
    submissions: r.submissions as AcceptMode,
    submissionSources: ids(r.submission_sources),
    submissionColumns: ids(r.submission_columns),
    pushes: r.pushes as AcceptMode,
    pushSources: ids(r.push_sources),
    pushReview: bool(r.push_review),
    updatedAt: r.updated_at,
  }
}

/** What each site accepts from the rest of the cluster; sites without a row use the defaults. */
export const sharingRepository = {
  async get(db: Executor, siteId: number): Promise<SharingPolicy | undefined> {
    const site = await db
      .selectFrom('site')
      .select(['id', 'kind'])
      .where('id', '=', siteId)
      .executeTakeFirst()
    if (!site) return undefined
    const r = await db
      .selectFrom('site_sharing')
      .selectAll()
      .where('site_id', '=', siteId)
      .executeTakeFirst()
    return policyOf(site, r)
  },

  /** The policies of these sites, read in one query. */
  async getMany(
    db: Executor,
    sites: { id: number; kind: string }[],
  ): Promise<Map<number, SharingPolicy>> {
    const rows =
      sites.length === 0
        ? []
        : await db
            .selectFrom('site_sharing')
            .selectAll()
            .where(
              'site_id',
              'in',
              sites.map((s) => s.id),
            )
            .execute()
    const byId = new Map(rows.map((r) => [r.site_id, r]))
    return new Map(sites.map((s) => [s.id, policyOf(s, byId.get(s.id))]))
  },

  async put(
    db: Executor,
    p: Omit<SharingPolicy, 'updatedAt'>,
    updatedBy: number | null,
  ): Promise<void> {
    const values = {
      submissions: p.submissions,
      submission_sources: JSON.stringify(p.submissionSources),
      submission_columns: JSON.stringify(p.submissionColumns),
      pushes: p.pushes,
      push_sources: JSON.stringify(p.pushSources),
      push_review: p.pushReview ? 1 : 0,
      updated_by: updatedBy,
      updated_at: nowIso(),
    }
    await db
      .insertInto('site_sharing')
      .values({ site_id: p.siteId, ...values })
      .onConflict((oc) => oc.column('site_id').doUpdateSet(values))
      .execute()
  },
}

/** Whether a policy lets `sourceSiteId` submit (or push) into it. A site never sends to itself. */
export function accepts(
  policy: SharingPolicy,
  what: 'submissions' | 'pushes',
  sourceSiteId: number,
): boolean {
  if (sourceSiteId === policy.siteId) return false
  const mode = what === 'submissions' ? policy.submissions : policy.pushes
  if (mode === 'all') return true
  if (mode === 'none') return false
  const list = what === 'submissions' ? policy.submissionSources : policy.pushSources
  return list.includes(sourceSiteId)
}
