import type { Insertable, Selectable, Updateable } from 'kysely'
import type { Executor } from '../../db/database'
import type { SiteKind, SiteStatus } from '../../../common/enums'
import { bool } from '../../db/dialect'
import type { SiteTable } from './site.table'

export type SiteRow = Selectable<SiteTable>

export interface Responsible {
  name: string
  role: string
  phone: string
  email?: string
}

/** A site as the rest of the program sees it; rows are mapped once, here. */
export interface Site {
  id: number
  code: string
  name: string
  shortName: string
  kind: SiteKind
  parentId: number | null
  basePath: string
  grouping: string
  isDefault: boolean
  siteIdCode: string
  sponsor: string
  organizer: string
  icp: string
  psb: string
  contact: { phone: string; email: string; address: string }
  responsible: Responsible[]
  description: string
  keywords: string
  theme: string
  status: SiteStatus
  closedNotice: string
  closedAt: string | null
  sort: number
  hosts: string[]
  createdAt: string
  updatedAt: string
}

export function toSite(row: SiteRow, hosts: string[]): Site {
  let responsible: Responsible[] = []
  try {
    const parsed: unknown = JSON.parse(row.responsible)
    if (Array.isArray(parsed)) responsible = parsed as Responsible[]
  } catch {
    responsible = []
  }
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    shortName: row.short_name,
    kind: row.kind as SiteKind,
    parentId: row.parent_id,
    basePath: row.base_path,
    grouping: row.grouping,
    isDefault: bool(row.is_default),
    siteIdCode: row.site_id_code,
    sponsor: row.sponsor,
    organizer: row.organizer,
    icp: row.icp,
    psb: row.psb,
    contact: { phone: row.contact_phone, email: row.contact_email, address: row.contact_address },
    responsible,
    description: row.description,
    keywords: row.keywords,
    theme: row.theme,
    status: row.status as SiteStatus,
    closedNotice: row.closed_notice,
    closedAt: row.closed_at,
    sort: row.sort,
    hosts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/** Every query on `site` and `site_host`. */
export const siteRepository = {
  async listAll(db: Executor): Promise<Site[]> {
    const [rows, hosts] = await Promise.all([
      db.selectFrom('site').selectAll().orderBy('sort').orderBy('id').execute(),
      db.selectFrom('site_host').select(['site_id', 'host']).orderBy('id').execute(),
    ])
    const bySite = new Map<number, string[]>()
    for (const h of hosts) bySite.set(h.site_id, [...(bySite.get(h.site_id) ?? []), h.host])
    return rows.map((r) => toSite(r, bySite.get(r.id) ?? []))
  },

  async get(db: Executor, id: number): Promise<Site | undefined> {
    const row = await db.selectFrom('site').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toSite(row, await this.hostsOf(db, id)) : undefined
  },

  async getByCode(db: Executor, code: string): Promise<Site | undefined> {
    const row = await db.selectFrom('site').selectAll().where('code', '=', code).executeTakeFirst()
    return row ? toSite(row, await this.hostsOf(db, row.id)) : undefined
  },

  hostsOf(db: Executor, siteId: number): Promise<string[]> {
    return db
      .selectFrom('site_host')
      .select('host')
      .where('site_id', '=', siteId)
      .orderBy('id')
      .execute()
      .then((rows) => rows.map((r) => r.host))
  },

  findHostOwner(db: Executor, host: string): Promise<number | undefined> {
    return db
      .selectFrom('site_host')
      .select('site_id')
      .where('host', '=', host)
      .executeTakeFirst()
      .then((r) => r?.site_id)
  },

  findChannelByBasePath(
    db: Executor,
    parentId: number,
    basePath: string,
  ): Promise<number | undefined> {
    return db
      .selectFrom('site')
      .select('id')
      .where('parent_id', '=', parentId)
      .where('base_path', '=', basePath)
      .executeTakeFirst()
      .then((r) => r?.id)
  },

  countChildren(db: Executor, id: number): Promise<number> {
    return db
      .selectFrom('site')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('parent_id', '=', id)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n))
  },

  async insert(db: Executor, values: Insertable<SiteTable>): Promise<number> {
    const row = await db.insertInto('site').values(values).returning('id').executeTakeFirstOrThrow()
    return row.id
  },

  async update(db: Executor, id: number, values: Updateable<SiteTable>): Promise<void> {
    await db.updateTable('site').set(values).where('id', '=', id).execute()
  },

  async replaceHosts(db: Executor, siteId: number, hosts: string[]): Promise<void> {
    await db.deleteFrom('site_host').where('site_id', '=', siteId).execute()
    if (hosts.length > 0) {
      await db
        .insertInto('site_host')
        .values(hosts.map((host) => ({ site_id: siteId, host })))
        .execute()
    }
  },

  async clearDefault(db: Executor): Promise<void> {
    await db.updateTable('site').set({ is_default: 0 }).where('is_default', '=', 1).execute()
  },
}
