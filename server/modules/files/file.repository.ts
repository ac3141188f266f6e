import type { Insertable } from 'kysely'
import type { Executor } from '../../db/database'
import type { FileTable } from './file.table'

export interface StoredFile {
  id: number
  sha256: string
  size: number
  mime: string
  ext: string
  name: string
  siteId: number | null
  createdBy: number | null
  createdAt: string
}

/** Every query on `file`. */
export const fileRepository = {
  async get(db: Executor, id: number): Promise<StoredFile | undefined> {
    const r = await db.selectFrom('file').selectAll().where('id', '=', id).executeTakeFirst()
    return r ? toFile(r) : undefined
  },

  async getMany(db: Executor, ids: number[]): Promise<StoredFile[]> {
    if (ids.length === 0) return []
    const rows = await db.selectFrom('file').selectAll().where('id', 'in', ids).execute()
    return rows.map(toFile)
  },

  async getBySha(db: Executor, sha256: string): Promise<StoredFile | undefined> {
    const r = await db
      .selectFrom('file')
      .selectAll()
      .where('sha256', '=', sha256)
      .executeTakeFirst()
    return r ? toFile(r) : undefined
  },

  async getByShas(db: Executor, shas: string[]): Promise<StoredFile[]> {
    if (shas.length === 0) return []
    const rows = await db.selectFrom('file').selectAll().where('sha256', 'in', shas).execute()
    return rows.map(toFile)
  },

  async insert(db: Executor, values: Insertable<FileTable>): Promise<StoredFile> {
    const r = await db
      .insertInto('file')
      .values(values)
      .onConflict((oc) => oc.column('sha256').doNothing())
      .returningAll()
      .executeTakeFirst()
    if (r) return toFile(r)
    const existing = await this.getBySha(db, values.sha256)
    if (!existing) throw new Error('file row vanished')
    return existing
  },
}

/** Maps a `file` row once, for every module that reads files. */
export function toFile(r: {
  id: number
  sha256: string
  size: number
  mime: string
  ext: string
  name: string
  site_id: number | null
  created_by: number | null
  created_at: string
}): StoredFile {
  return {
    id: r.id,
    sha256: r.sha256,
    size: r.size,
    mime: r.mime,
    ext: r.ext,
    name: r.name,
    siteId: r.site_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }
}
