import { sql } from 'kysely'
import type { Executor } from '../../db/database'
import { bit, bool, containsInsensitive, nowIso, toCount } from '../../db/dialect'
import type { ServiceAudience, ServiceElement, ServiceKind } from '../../../common/services'

/** A service item as the module works with it (materials and themes loaded separately). */
export interface ServiceItem {
  id: number
  code: string
  name: string
  unitSiteId: number
  kind: ServiceKind
  audience: ServiceAudience
  basis: string
  conditions: string
  location: string
  hours: string
  phone: string
  process: string
  feeFree: boolean
  feeStandard: string
  feeBasis: string
  legalLimit: string
  promisedLimit: string
  onlineUrl: string
  faq: { question: string; answer: string }[]
  missing: ServiceElement[]
  enabled: boolean
  sort: number
  updatedAt: string
}

export interface ServiceMaterial {
  name: string
  required: boolean
  copies: string
  notes: string
  templateFileId: number | null
  templateUrl: string
  templateType: string
  sampleFileId: number | null
  sampleUrl: string
  sampleType: string
}

/** What a write stores: every field of the item, its themes and its materials. */
export type ServiceValues = Omit<ServiceItem, 'id' | 'updatedAt'> & {
  themes: string[]
  materials: ServiceMaterial[]
}

export interface ServiceFilter {
  /** Unit site ids to restrict to (undefined: all units). */
  unitSiteIds?: number[]
  audience?: ServiceAudience
  theme?: string
  kind?: ServiceKind
  q?: string
  incomplete?: boolean
  enabledOnly?: boolean
}

type ItemRow = {
  id: number
  code: string
  name: string
  unit_site_id: number
  kind: string
  audience: string
  basis: string
  conditions: string
  location: string
  hours: string
  phone: string
  process: string
  fee_free: number
  fee_standard: string
  fee_basis: string
  legal_limit: string
  promised_limit: string
  online_url: string
  faq: string
  missing: string
  enabled: number
  sort: number
  updated_at: string
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}

const toItem = (r: ItemRow): ServiceItem => ({
  id: r.id,
  code: r.code,
  name: r.name,
  unitSiteId: r.unit_site_id,
  kind: r.kind as ServiceKind,
  audience: r.audience as ServiceAudience,
  basis: r.basis,
  conditions: r.conditions,
  location: r.location,
  hours: r.hours,
  phone: r.phone,
  process: r.process,
  feeFree: bool(r.fee_free),
  feeStandard: r.fee_standard,
  feeBasis: r.fee_basis,
  legalLimit: r.legal_limit,
  promisedLimit: r.promised_limit,
  onlineUrl: r.online_url,
  faq: parseJson(r.faq, []),
  missing: parseJson(r.missing, []),
  enabled: bool(r.enabled),
  sort: r.sort,
  updatedAt: r.updated_at,
})

function itemColumns(v: ServiceValues) {
  return {
    code: v.code,
    name: v.name,
    unit_site_id: v.unitSiteId,
    kind: v.kind,
    audience: v.audience,
    basis: v.basis,
    conditions: v.conditions,
    location: v.location,
    hours: v.hours,
    phone: v.phone,
    process: v.process,
    fee_free: bit(v.feeFree),
    fee_standard: v.feeStandard,
    fee_basis: v.feeBasis,
    legal_limit: v.legalLimit,
    promised_limit: v.promisedLimit,
    online_url: v.onlineUrl,
    faq: JSON.stringify(v.faq),
    missing: JSON.stringify(v.missing),
    missing_count: v.missing.length,
    enabled: bit(v.enabled),
    sort: v.sort,
  }
}

/** Every query on the service tables. */
export const serviceRepository = {
  async insert(db: Executor, v: ServiceValues, actorId: number | null): Promise<number> {
    const now = nowIso()
    const r = await db
      .insertInto('service_item')
      .values({
        ...itemColumns(v),
        created_by: actorId,
        updated_by: actorId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await this.replaceChildren(db, r.id, v)
    return r.id
  },

  async update(db: Executor, id: number, v: ServiceValues, actorId: number | null): Promise<void> {
    await db
      .updateTable('service_item')
      .set({ ...itemColumns(v), updated_by: actorId, updated_at: nowIso() })
      .where('id', '=', id)
      .execute()
    await this.replaceChildren(db, id, v)
  },

  async replaceChildren(db: Executor, id: number, v: ServiceValues): Promise<void> {
    await db.deleteFrom('service_item_theme').where('item_id', '=', id).execute()
    await db.deleteFrom('service_material').where('item_id', '=', id).execute()
    if (v.themes.length > 0) {
      await db
        .insertInto('service_item_theme')
        .values(v.themes.map((theme) => ({ item_id: id, theme })))
        .execute()
    }
    if (v.materials.length > 0) {
      await db
        .insertInto('service_material')
        .values(
          v.materials.map((m, sort) => ({
            item_id: id,
            sort,
            name: m.name,
            required: bit(m.required),
            copies: m.copies,
            notes: m.notes,
            template_file_id: m.templateFileId,
            template_url: m.templateUrl,
            template_type: m.templateType,
            sample_file_id: m.sampleFileId,
            sample_url: m.sampleUrl,
            sample_type: m.sampleType,
          })),
        )
        .execute()
    }
  },

  async delete(db: Executor, id: number): Promise<number> {
    const r = await db.deleteFrom('service_item').where('id', '=', id).executeTakeFirst()
    return Number(r.numDeletedRows)
  },

  async get(db: Executor, id: number): Promise<ServiceItem | undefined> {
    const r = await db
      .selectFrom('service_item')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    return r ? toItem(r) : undefined
  },

  async getByCode(db: Executor, code: string): Promise<ServiceItem | undefined> {
    const r = await db
      .selectFrom('service_item')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirst()
    return r ? toItem(r) : undefined
  },

  /** Ids of the items with these codes (for upserts). */
  async idsByCode(
    db: Executor,
    codes: string[],
  ): Promise<Map<string, { id: number; unitSiteId: number }>> {
    const out = new Map<string, { id: number; unitSiteId: number }>()
    for (let i = 0; i < codes.length; i += 500) {
      const rows = await db
        .selectFrom('service_item')
        .select(['id', 'code', 'unit_site_id'])
        .where('code', 'in', codes.slice(i, i + 500))
        .execute()
      for (const r of rows) out.set(r.code, { id: r.id, unitSiteId: r.unit_site_id })
    }
    return out
  },

  async list(
    db: Executor,
    f: ServiceFilter,
    page: { offset: number; limit: number },
  ): Promise<{ items: ServiceItem[]; total: number }> {
    if (f.unitSiteIds && f.unitSiteIds.length === 0) return { items: [], total: 0 }
    let q = db.selectFrom('service_item')
    if (f.unitSiteIds) q = q.where('unit_site_id', 'in', f.unitSiteIds)
    if (f.audience === 'person' || f.audience === 'legal')
      q = q.where('audience', 'in', [f.audience, 'both'])
    else if (f.audience === 'both') q = q.where('audience', '=', 'both')
    if (f.kind) q = q.where('kind', '=', f.kind)
    if (f.enabledOnly) q = q.where('enabled', '=', 1)
    if (f.incomplete) q = q.where('missing_count', '>', 0)
    if (f.theme) {
      const theme = f.theme
      q = q.where('id', 'in', (eb) =>
        eb.selectFrom('service_item_theme').select('item_id').where('theme', '=', theme),
      )
    }
    if (f.q) {
      const needle = f.q
      q = q.where((eb) =>
        eb.or([containsInsensitive(db, 'service_item.name', needle), eb('code', '=', needle)]),
      )
    }
    const [rows, count] = await Promise.all([
      q
        .selectAll()
        .orderBy('unit_site_id')
        .orderBy('sort')
        .orderBy('id')
        .offset(page.offset)
        .limit(page.limit)
        .execute(),
      q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
    ])
    return { items: rows.map(toItem), total: toCount(count?.n) }
  },

  /** Every item of the units (or all), for checks and exports. */
  async all(db: Executor, unitSiteIds?: number[]): Promise<ServiceItem[]> {
    if (unitSiteIds && unitSiteIds.length === 0) return []
    let q = db.selectFrom('service_item').selectAll()
    if (unitSiteIds) q = q.where('unit_site_id', 'in', unitSiteIds)
    return (await q.orderBy('unit_site_id').orderBy('sort').orderBy('id').execute()).map(toItem)
  },

  async themesOf(db: Executor, ids: number[]): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>()
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom('service_item_theme')
        .select(['item_id', 'theme'])
        .where('item_id', 'in', ids.slice(i, i + 500))
        .orderBy('theme')
        .execute()
      for (const r of rows) out.set(r.item_id, [...(out.get(r.item_id) ?? []), r.theme])
    }
    return out
  },

  async materialsOf(db: Executor, ids: number[]): Promise<Map<number, ServiceMaterial[]>> {
    const out = new Map<number, ServiceMaterial[]>()
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom('service_material')
        .selectAll()
        .where('item_id', 'in', ids.slice(i, i + 500))
        .orderBy('item_id')
        .orderBy('sort')
        .execute()
      for (const r of rows) {
        const m: ServiceMaterial = {
          name: r.name,
          required: bool(r.required),
          copies: r.copies,
          notes: r.notes,
          templateFileId: r.template_file_id,
          templateUrl: r.template_url,
          templateType: r.template_type,
          sampleFileId: r.sample_file_id,
          sampleUrl: r.sample_url,
          sampleType: r.sample_type,
        }
        out.set(r.item_id, [...(out.get(r.item_id) ?? []), m])
      }
    }
    return out
  },

  /** Item counts per unit site (enabled only), for the public unit facet. */
  async unitCounts(db: Executor): Promise<Map<number, number>> {
    const rows = await db
      .selectFrom('service_item')
      .select(['unit_site_id', sql<number>`count(*)`.as('n')])
      .where('enabled', '=', 1)
      .groupBy('unit_site_id')
      .execute()
    return new Map(rows.map((r) => [r.unit_site_id, toCount(r.n)]))
  },
}

/** Theme counts of enabled items (of these units, or all), for the public theme facet. */
export async function themeCounts(
  db: Executor,
  unitSiteIds?: number[],
): Promise<Map<string, number>> {
  if (unitSiteIds && unitSiteIds.length === 0) return new Map()
  let q = db
    .selectFrom('service_item_theme')
    .innerJoin('service_item', 'service_item.id', 'service_item_theme.item_id')
    .select(['service_item_theme.theme as theme', sql<number>`count(*)`.as('n')])
    .where('service_item.enabled', '=', 1)
  if (unitSiteIds) q = q.where('service_item.unit_site_id', 'in', unitSiteIds)
  const rows = await q.groupBy('service_item_theme.theme').execute()
  return new Map(rows.map((r) => [r.theme, toCount(r.n)]))
}
