import type { Selectable } from 'kysely'
import type { RecordsKind, RecordsOutcome, RecordsSecondFactor } from '../../../common/records'
import { chinaDayStartUtc } from '../../../common/time'
import type { Executor } from '../../db/database'
import { bool, nowIso, toCount } from '../../db/dialect'
import type { RecordsSetTable, RecordsVersionTable } from './records.table'
import type { PreparedPerson } from './records.import'

export interface RecordsSet {
  id: number
  code: string
  name: string
  kind: RecordsKind
  siteId: number | null
  unitName: string
  secondFactor: RecordsSecondFactor
  mobileDigits: number
  adapter: string
  description: string
  isEnabled: boolean
  sort: number
  currentVersionId: number | null
  createdAt: string
  updatedAt: string
}

export interface RecordsVersion {
  id: number
  setId: number
  state: 'staging' | 'ready' | 'failed' | 'purged'
  fileName: string
  people: number
  lines: number
  uploadedBy: string
  createdAt: string
  activatedAt: string | null
}

export interface StoredPerson {
  name: string
  secretHash: string
  rows: string[][]
}

export interface RecordsQueryRow {
  id: number
  at: string
  setId: number
  idHash: string
  ip: string
  outcome: RecordsOutcome
  rowCount: number
}

export interface RecordsQueryFilter {
  setIds: number[]
  setId?: number
  idHash?: string
  outcome?: string
  from?: string
  to?: string
}

export type SetInput = Pick<
  RecordsSet,
  'code' | 'name' | 'kind' | 'siteId' | 'unitName' | 'secondFactor' | 'mobileDigits'
> &
  Partial<Pick<RecordsSet, 'description' | 'sort' | 'adapter'>>

const toSet = (r: Selectable<RecordsSetTable>): RecordsSet => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind as RecordsKind,
  siteId: r.site_id,
  unitName: r.unit_name,
  secondFactor: r.second_factor as RecordsSecondFactor,
  mobileDigits: r.mobile_digits,
  adapter: r.adapter,
  description: r.description,
  isEnabled: bool(r.enabled),
  sort: r.sort,
  currentVersionId: r.current_version_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

const toVersion = (r: Selectable<RecordsVersionTable>): RecordsVersion => ({
  id: r.id,
  setId: r.set_id,
  state: r.state as RecordsVersion['state'],
  fileName: r.file_name,
  people: r.people,
  lines: r.lines,
  uploadedBy: r.uploaded_by,
  createdAt: r.created_at,
  activatedAt: r.activated_at,
})

/** Rows per INSERT: 5 parameters each, well under both dialects' limits. */
const INSERT_ROWS = 1000

export const recordsRepository = {
  async listSets(db: Executor, siteIds: 'all' | number[] = 'all'): Promise<RecordsSet[]> {
    let q = db.selectFrom('records_set').selectAll()
    if (siteIds !== 'all') {
      if (siteIds.length === 0) return []
      q = q.where('site_id', 'in', siteIds)
    }
    return (await q.orderBy('sort').orderBy('id').execute()).map(toSet)
  },

  async getSet(db: Executor, id: number): Promise<RecordsSet | null> {
    const r = await db.selectFrom('records_set').selectAll().where('id', '=', id).executeTakeFirst()
    return r ? toSet(r) : null
  },

  async getSetByCode(db: Executor, code: string): Promise<RecordsSet | null> {
    const r = await db
      .selectFrom('records_set')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirst()
    return r ? toSet(r) : null
  },

  async insertSet(db: Executor, s: SetInput): Promise<number> {
    const now = nowIso()
    const r = await db
      .insertInto('records_set')
      .values({
        code: s.code,
        name: s.name,
        kind: s.kind,
        site_id: s.siteId,
        unit_name: s.unitName,
        second_factor: s.secondFactor,
        mobile_digits: s.mobileDigits,
        adapter: s.adapter ?? 'file',
        description: s.description ?? '',
        sort: s.sort ?? 0,
        current_version_id: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return r.id
  },

  async updateSet(
    db: Executor,
    id: number,
    p: Partial<Omit<SetInput, 'code' | 'kind'>> & { isEnabled?: boolean },
  ): Promise<void> {
    await db
      .updateTable('records_set')
      .set({
        ...(p.name !== undefined ? { name: p.name } : {}),
        ...(p.siteId !== undefined ? { site_id: p.siteId } : {}),
        ...(p.unitName !== undefined ? { unit_name: p.unitName } : {}),
        ...(p.secondFactor !== undefined ? { second_factor: p.secondFactor } : {}),
        ...(p.mobileDigits !== undefined ? { mobile_digits: p.mobileDigits } : {}),
        ...(p.description !== undefined ? { description: p.description } : {}),
        ...(p.sort !== undefined ? { sort: p.sort } : {}),
        ...(p.isEnabled !== undefined ? { enabled: p.isEnabled ? 1 : 0 } : {}),
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute()
  },

  async listVersions(db: Executor, setId: number): Promise<RecordsVersion[]> {
    const rows = await db
      .selectFrom('records_version')
      .selectAll()
      .where('set_id', '=', setId)
      .orderBy('id', 'desc')
      .execute()
    return rows.map(toVersion)
  },

  async getVersion(db: Executor, id: number): Promise<RecordsVersion | null> {
    const r = await db
      .selectFrom('records_version')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    return r ? toVersion(r) : null
  },

  async createVersion(
    db: Executor,
    v: { setId: number; fileName: string; uploadedBy: string },
  ): Promise<number> {
    const r = await db
      .insertInto('records_version')
      .values({
        set_id: v.setId,
        state: 'staging',
        file_name: v.fileName.slice(0, 200),
        uploaded_by: v.uploadedBy.slice(0, 100),
        created_at: nowIso(),
        activated_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return r.id
  },

  /** Writes people of a staging version (invisible to queries until the set points at it). */
  async insertPeople(db: Executor, versionId: number, people: PreparedPerson[]): Promise<void> {
    for (let i = 0; i < people.length; i += INSERT_ROWS) {
      const chunk = people.slice(i, i + INSERT_ROWS)
      await db
        .insertInto('records_person')
        .values(
          chunk.map((p) => ({
            version_id: versionId,
            id_hash: p.idHash,
            name: p.name,
            secret_hash: p.secretHash,
            rows: JSON.stringify(p.rows),
          })),
        )
        .execute()
    }
  },

  async setVersionState(
    db: Executor,
    id: number,
    state: RecordsVersion['state'],
    counts?: { people: number; lines: number },
  ): Promise<void> {
    await db
      .updateTable('records_version')
      .set({ state, ...(counts ?? {}) })
      .where('id', '=', id)
      .execute()
  },

  /** The one pointer update that switches every query to another version. */
  async pointTo(db: Executor, setId: number, versionId: number): Promise<void> {
    const now = nowIso()
    await db
      .updateTable('records_set')
      .set({ current_version_id: versionId, updated_at: now })
      .where('id', '=', setId)
      .execute()
    await db
      .updateTable('records_version')
      .set({ activated_at: now })
      .where('id', '=', versionId)
      .execute()
  },

  async deletePeople(db: Executor, versionId: number): Promise<void> {
    await db.deleteFrom('records_person').where('version_id', '=', versionId).execute()
  },

  async findPerson(db: Executor, versionId: number, idHash: string): Promise<StoredPerson | null> {
    const r = await db
      .selectFrom('records_person')
      .select(['name', 'secret_hash', 'rows'])
      .where('version_id', '=', versionId)
      .where('id_hash', '=', idHash)
      .executeTakeFirst()
    if (!r) return null
    return { name: r.name, secretHash: r.secret_hash, rows: JSON.parse(r.rows) as string[][] }
  },

  async getAttempt(
    db: Executor,
    idHash: string,
  ): Promise<{ failures: number; lockedUntil: string | null } | null> {
    const r = await db
      .selectFrom('records_attempt')
      .select(['failures', 'locked_until'])
      .where('id_hash', '=', idHash)
      .executeTakeFirst()
    return r ? { failures: r.failures, lockedUntil: r.locked_until } : null
  },

  /** Counts one more failure atomically; returns the new count. */
  async addFailure(db: Executor, idHash: string): Promise<number> {
    const now = nowIso()
    const r = await db
      .insertInto('records_attempt')
      .values({ id_hash: idHash, failures: 1, locked_until: null, updated_at: now })
      .onConflict((oc) =>
        oc.column('id_hash').doUpdateSet((eb) => ({
          failures: eb('records_attempt.failures', '+', 1),
          updated_at: now,
        })),
      )
      .returning('failures')
      .executeTakeFirstOrThrow()
    return r.failures
  },

  async lockUntil(db: Executor, idHash: string, until: string): Promise<void> {
    await db
      .updateTable('records_attempt')
      .set({ locked_until: until })
      .where('id_hash', '=', idHash)
      .execute()
  },

  async clearAttempts(db: Executor, idHash: string): Promise<void> {
    await db.deleteFrom('records_attempt').where('id_hash', '=', idHash).execute()
  },

  async insertQuery(
    db: Executor,
    q: { setId: number; idHash: string; ip: string; outcome: RecordsOutcome; rowCount: number },
  ): Promise<void> {
    await db
      .insertInto('records_query')
      .values({
        at: nowIso(),
        set_id: q.setId,
        id_hash: q.idHash,
        ip: q.ip.slice(0, 64),
        outcome: q.outcome,
        row_count: q.rowCount,
      })
      .execute()
  },

  async listQueries(
    db: Executor,
    f: RecordsQueryFilter,
    page: { offset: number; limit: number },
  ): Promise<{ rows: RecordsQueryRow[]; total: number }> {
    if (f.setIds.length === 0) return { rows: [], total: 0 }
    let q = db.selectFrom('records_query').where('set_id', 'in', f.setIds)
    if (f.setId) q = q.where('set_id', '=', f.setId)
    if (f.idHash) q = q.where('id_hash', '=', f.idHash)
    if (f.outcome) q = q.where('outcome', '=', f.outcome)
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
        setId: r.set_id,
        idHash: r.id_hash,
        ip: r.ip,
        outcome: r.outcome as RecordsOutcome,
        rowCount: r.row_count,
      })),
      total: toCount(count.n),
    }
  },
}
