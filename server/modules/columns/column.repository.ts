import type { Insertable, Selectable, Updateable } from 'kysely'
import type { ColumnType, UpdateClass } from '../../../common/enums'
import type { Executor } from '../../db/database'
import { bool, toCount } from '../../db/dialect'
import type { ColumnTable } from './column.table'

export type ColumnRow = Selectable<ColumnTable>

export interface Column {
  id: number
  siteId: number
  parentId: number | null
  slug: string
  path: string
  name: string
  type: ColumnType
  updateClass: UpdateClass
  sort: number
  visible: boolean
  homeBlock: boolean
  description: string
  keywords: string
  linkUrl: string
  settings: Record<string, unknown>
  createdAt: string
  updatedAt: string
}

export function toColumn(r: ColumnRow): Column {
  let settings: Record<string, unknown> = {}
  try {
    const parsed: unknown = JSON.parse(r.settings)
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      settings = parsed as Record<string, unknown>
    }
  } catch {
    settings = {}
  }
  return {
    id: r.id,
    siteId: r.site_id,
    parentId: r.parent_id,
    slug: r.slug,
    path: r.path,
    name: r.name,
    type: r.type as ColumnType,
    updateClass: r.update_class as UpdateClass,
    sort: r.sort,
    visible: bool(r.visible),
    homeBlock: bool(r.home_block),
    description: r.description,
    keywords: r.keywords,
    linkUrl: r.link_url,
    settings,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

/** Every query on `site_column`. */
export const columnRepository = {
  async listBySite(db: Executor, siteId: number): Promise<Column[]> {
    const rows = await db
      .selectFrom('site_column')
      .selectAll()
      .where('site_id', '=', siteId)
      .orderBy('sort')
      .orderBy('id')
      .execute()
    return rows.map(toColumn)
  },

  async listAll(db: Executor): Promise<Column[]> {
    const rows = await db
      .selectFrom('site_column')
      .selectAll()
      .orderBy('sort')
      .orderBy('id')
      .execute()
    return rows.map(toColumn)
  },

  async get(db: Executor, id: number): Promise<Column | undefined> {
    const row = await db
      .selectFrom('site_column')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    return row ? toColumn(row) : undefined
  },

  async getByPath(db: Executor, siteId: number, path: string): Promise<Column | undefined> {
    const row = await db
      .selectFrom('site_column')
      .selectAll()
      .where('site_id', '=', siteId)
      .where('path', '=', path)
      .executeTakeFirst()
    return row ? toColumn(row) : undefined
  },

  async insert(db: Executor, values: Insertable<ColumnTable>): Promise<number> {
    const r = await db
      .insertInto('site_column')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow()
    return r.id
  },

  async update(db: Executor, id: number, values: Updateable<ColumnTable>): Promise<void> {
    await db.updateTable('site_column').set(values).where('id', '=', id).execute()
  },

  async delete(db: Executor, id: number): Promise<void> {
    await db.deleteFrom('site_column').where('id', '=', id).execute()
  },

  async countChildren(db: Executor, id: number): Promise<number> {
    const r = await db
      .selectFrom('site_column')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('parent_id', '=', id)
      .executeTakeFirstOrThrow()
    return toCount(r.n)
  },

  async maxSort(db: Executor, siteId: number, parentId: number | null): Promise<number> {
    const r = await db
      .selectFrom('site_column')
      .select((eb) => eb.fn.max('sort').as('m'))
      .where('site_id', '=', siteId)
      .where('parent_id', parentId === null ? 'is' : '=', parentId)
      .executeTakeFirst()
    return r?.m == null ? 0 : Number(r.m)
  },

  async siblingSlugTaken(
    db: Executor,
    siteId: number,
    parentId: number | null,
    slug: string,
    exceptId: number | null,
  ): Promise<boolean> {
    let q = db
      .selectFrom('site_column')
      .select('id')
      .where('site_id', '=', siteId)
      .where('parent_id', parentId === null ? 'is' : '=', parentId)
      .where('slug', '=', slug)
    if (exceptId !== null) q = q.where('id', '!=', exceptId)
    return (await q.executeTakeFirst()) !== undefined
  },
}
