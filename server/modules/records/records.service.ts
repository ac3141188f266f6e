import {
  RECORDS_KINDS,
  RECORDS_LIMITS,
  RECORDS_SECOND_FACTORS,
  type RecordsKind,
  type RecordsSecondFactor,
} from '../../../common/records'
import type { Deps } from '../../core-deps'
import { conflict, forbidden, invalid, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import type { RequestContext } from '../users/actor'
import { FileRecordsAdapter, type RecordsAdapter } from './records.adapter'
import { readRecordsSheet } from './records.file'
import { prepareVersion } from './records.import'
import { RecordsKeys } from './records.keys'
import { can, canCreate, scope } from './records.policy'
import {
  recordsRepository,
  type RecordsQueryRow,
  type RecordsSet,
  type RecordsVersion,
} from './records.repository'

export interface SetCreate {
  code: string
  name: string
  kind: RecordsKind
  siteId: number | null
  unitName: string
  secondFactor: RecordsSecondFactor
  mobileDigits?: number
  description?: string
  sort?: number
}

export type SetUpdate = Partial<Omit<SetCreate, 'code' | 'kind'>> & { isEnabled?: boolean }

export interface ImportResult {
  version: RecordsVersion
  warnings: string[]
  ms: number
}

export interface QueryListFilter {
  setId?: number
  idNumber?: string
  outcome?: string
  from?: string
  to?: string
  page?: number
  pageSize?: number
}

/** People written per transaction: short write locks, so the sites keep serving meanwhile. */
const PEOPLE_PER_TRANSACTION = 20_000
/** A staging version this old was left by a crashed import. */
const STALE_STAGING_MS = 3600_000
const CODE_RE = /^[a-z][a-z0-9-]{1,63}$/

/** Records sets, their versions and the query audit, for the back office and the CLI. */
export class RecordsService {
  private cachedKeys: RecordsKeys | null = null
  private readonly adapters = new Map<string, RecordsAdapter>()

  constructor(private readonly deps: Deps) {
    this.registerAdapter(new FileRecordsAdapter(() => this.keys()))
  }

  /** The HMAC key in DATA_DIR (see records.keys.ts), read once. */
  keys(): RecordsKeys {
    this.cachedKeys ??= RecordsKeys.fromDataDir(this.deps.config.dataDir)
    return this.cachedKeys
  }

  /** Plugs in a live adapter (e.g. a provincial platform); sets name it in `adapter`. */
  registerAdapter(adapter: RecordsAdapter): void {
    this.adapters.set(adapter.name, adapter)
  }

  adapterFor(set: RecordsSet): RecordsAdapter {
    const adapter = this.adapters.get(set.adapter)
    if (!adapter) throw notFound('查询项目暂不可用')
    return adapter
  }

  async listSets(ctx: RequestContext): Promise<RecordsSet[]> {
    return recordsRepository.listSets(this.deps.db, scope(ctx.actor))
  }

  async getSet(ctx: RequestContext, id: number): Promise<RecordsSet> {
    const set = await recordsRepository.getSet(this.deps.db, id)
    if (!set) throw notFound('查询项目不存在')
    if (!can(ctx.actor, 'read', set)) throw forbidden()
    return set
  }

  async createSet(ctx: RequestContext, input: SetCreate): Promise<RecordsSet> {
    if (!canCreate(ctx.actor, input.siteId)) throw forbidden()
    if (!CODE_RE.test(input.code)) {
      throw invalid('代码格式不正确', { code: '以小写字母开头，只含小写字母、数字和连字符' })
    }
    if (!RECORDS_KINDS.includes(input.kind)) throw invalid('类型无效', { kind: '类型无效' })
    if (!RECORDS_SECOND_FACTORS.includes(input.secondFactor)) {
      throw invalid('第二验证方式无效', { secondFactor: '第二验证方式无效' })
    }
    const id = await this.deps.db.transaction().execute(async (trx) => {
      if (await recordsRepository.getSetByCode(trx, input.code)) {
        throw conflict('代码已被使用', { code: '代码已被使用' })
      }
      const id = await recordsRepository.insertSet(trx, {
        ...input,
        mobileDigits: input.mobileDigits ?? RECORDS_LIMITS.mobileDigitsDefault,
      })
      await recordAudit(trx, ctx, {
        action: 'records.set_create',
        entity: 'records_set',
        entityId: id,
        siteId: input.siteId,
        diff: { code: input.code, name: input.name, kind: input.kind },
      })
      return id
    })
    this.changed()
    return this.getSet(ctx, id)
  }

  async updateSet(ctx: RequestContext, id: number, patch: SetUpdate): Promise<RecordsSet> {
    const set = await this.getSet(ctx, id)
    if (!can(ctx.actor, 'manage', set)) throw forbidden()
    if (patch.siteId !== undefined && !canCreate(ctx.actor, patch.siteId)) throw forbidden()
    if (patch.secondFactor && patch.secondFactor !== set.secondFactor && set.currentVersionId) {
      throw conflict('已有数据的查询项目不能更改第二验证方式，请新建查询项目', {
        secondFactor: '已有数据时不能更改',
      })
    }
    await this.deps.db.transaction().execute(async (trx) => {
      await recordsRepository.updateSet(trx, id, patch)
      await recordAudit(trx, ctx, {
        action: 'records.set_update',
        entity: 'records_set',
        entityId: id,
        siteId: set.siteId,
        diff: patch,
      })
    })
    this.changed()
    return this.getSet(ctx, id)
  }

  async listVersions(ctx: RequestContext, setId: number): Promise<RecordsVersion[]> {
    await this.getSet(ctx, setId)
    return recordsRepository.listVersions(this.deps.db, setId)
  }

  /**
   * Uploads an export as a new version: every row is checked first (one error listing them
   * all, nothing stored); then the people are written under a staging version that no query
   * sees, and one pointer update makes it current. The previous versions stay restorable.
   */
  async importVersion(
    ctx: RequestContext,
    input: {
      setId: number
      bytes: Buffer
      fileName: string
      onProgress?: (done: number, total: number) => void
    },
  ): Promise<ImportResult> {
    const t0 = performance.now()
    const set = await this.getSet(ctx, input.setId)
    if (!can(ctx.actor, 'manage', set)) throw forbidden()
    if (set.adapter !== 'file') throw conflict('该查询项目连接业务系统，不需要上传数据')
    // The sheet is not kept past this line: a million rows of cells can be freed while writing.
    const prepared = prepareVersion(await readRecordsSheet(input.bytes), set, this.keys())
    const db = this.deps.db
    await this.purgeStale(set.id)
    const versionId = await recordsRepository.createVersion(db, {
      setId: set.id,
      fileName: input.fileName,
      uploadedBy: ctx.actor.username,
    })
    const people = prepared.people
    try {
      for (let i = 0; i < people.length; i += PEOPLE_PER_TRANSACTION) {
        const chunk = people.slice(i, i + PEOPLE_PER_TRANSACTION)
        await db
          .transaction()
          .execute((trx) => recordsRepository.insertPeople(trx, versionId, chunk))
        input.onProgress?.(Math.min(i + chunk.length, people.length), people.length)
      }
      await db.transaction().execute(async (trx) => {
        await recordsRepository.setVersionState(trx, versionId, 'ready', {
          people: people.length,
          lines: prepared.lines,
        })
        await recordsRepository.pointTo(trx, set.id, versionId)
        await recordAudit(trx, ctx, {
          action: 'records.version_import',
          entity: 'records_set',
          entityId: set.id,
          siteId: set.siteId,
          diff: { versionId, people: people.length, lines: prepared.lines, file: input.fileName },
        })
      })
    } catch (err) {
      await recordsRepository.deletePeople(db, versionId)
      await recordsRepository.setVersionState(db, versionId, 'failed')
      throw err
    }
    await this.purgeOld(set.id)
    const version = await recordsRepository.getVersion(db, versionId)
    if (!version) throw notFound('版本不存在')
    return { version, warnings: prepared.warnings, ms: Math.round(performance.now() - t0) }
  }

  /** Makes an earlier version current again (one pointer update). */
  async activateVersion(
    ctx: RequestContext,
    setId: number,
    versionId: number,
  ): Promise<RecordsSet> {
    const set = await this.getSet(ctx, setId)
    if (!can(ctx.actor, 'manage', set)) throw forbidden()
    const version = await recordsRepository.getVersion(this.deps.db, versionId)
    if (!version || version.setId !== setId) throw notFound('版本不存在')
    if (version.state !== 'ready') {
      throw conflict('该版本的数据已清理或导入未完成，不能恢复', { versionId: '不能恢复' })
    }
    await this.deps.db.transaction().execute(async (trx) => {
      await recordsRepository.pointTo(trx, setId, versionId)
      await recordAudit(trx, ctx, {
        action: 'records.version_activate',
        entity: 'records_set',
        entityId: setId,
        siteId: set.siteId,
        diff: { from: set.currentVersionId, to: versionId },
      })
    })
    return this.getSet(ctx, setId)
  }

  async listQueries(
    ctx: RequestContext,
    f: QueryListFilter,
  ): Promise<{
    rows: RecordsQueryRow[]
    total: number
    page: number
    pageSize: number
    sets: RecordsSet[]
  }> {
    const sets = await this.listSets(ctx)
    const page = f.page ?? 1
    const pageSize = f.pageSize ?? 20
    const idHash = f.idNumber ? this.keys().idHash(f.idNumber.trim().toUpperCase()) : undefined
    const { rows, total } = await recordsRepository.listQueries(
      this.deps.db,
      {
        setIds: sets.map((s) => s.id),
        setId: f.setId,
        idHash,
        outcome: f.outcome,
        from: f.from,
        to: f.to,
      },
      { offset: (page - 1) * pageSize, limit: pageSize },
    )
    return { rows, total, page, pageSize, sets }
  }

  /** The public list and form pages are cached under the `records` tag. */
  private changed(): void {
    this.deps.bus.publish({ action: 'records', tags: ['records'] })
  }

  /** Versions past the kept ones lose their people (the version row stays, as history). */
  private async purgeOld(setId: number): Promise<void> {
    const db = this.deps.db
    const set = await recordsRepository.getSet(db, setId)
    const ready = (await recordsRepository.listVersions(db, setId)).filter(
      (v) => v.state === 'ready',
    )
    for (const v of ready.slice(RECORDS_LIMITS.versionsKept)) {
      if (v.id === set?.currentVersionId) continue
      await recordsRepository.deletePeople(db, v.id)
      await recordsRepository.setVersionState(db, v.id, 'purged')
    }
  }

  private async purgeStale(setId: number): Promise<void> {
    const db = this.deps.db
    const before = new Date(Date.now() - STALE_STAGING_MS).toISOString()
    for (const v of await recordsRepository.listVersions(db, setId)) {
      if (v.state !== 'staging' || v.createdAt > before) continue
      await recordsRepository.deletePeople(db, v.id)
      await recordsRepository.setVersionState(db, v.id, 'failed')
    }
  }
}
