import { sql, type Insertable } from 'kysely'
import { isSearchType, SEARCH_TYPES, type SearchType } from '../../../common/search'
import type { Executor } from '../../db/database'
import type { Deps } from '../../core-deps'
import type { SearchDocTable } from './search.table'
import type { EngineDoc, SearchProvider } from './search.provider'
import { docKey, loadSourceContext, loadSources, type SourceDoc } from './search.sources'
import { normaliseText, tokenize } from './tokenizer'

/**
 * Keeps the index in step with the sources. Triggers on the source tables queue every change in
 * `search_dirty` inside the changing transaction (so nothing is lost, whatever path wrote it:
 * admin, import, job, another instance). The indexer drains the queue in batches, each one
 * transaction: it re-reads the sources, indexes what is visible and removes what is not. It
 * runs as soon as a change is announced on the bus and polls twice a second for changes made
 * by other processes; with several instances an advisory lock lets one drain at a time.
 */

const BATCH = 1000
const POLL_MS = 500
/** A queue longer than this is drained in the engine's bulk mode. */
const BULK_QUEUE = 5000
const LOCK_KEY = 748_201 // pg_advisory_xact_lock key of the indexer

/** publishedSeconds * ID_SLOTS + n: search_doc ids sort by publication time. */
export const ID_SLOTS = 4096

export const idBase = (publishedAt: string): number => {
  const ms = Date.parse(publishedAt)
  return Math.floor((Number.isFinite(ms) ? ms : Date.now()) / 1000) * ID_SLOTS
}

/** The id range of documents published between two days (inclusive, Beijing time). */
export function idRangeOfDays(from?: string, to?: string): { fromId?: number; toId?: number } {
  const out: { fromId?: number; toId?: number } = {}
  // An invalid day sets no bound (callers validate and tell the user).
  const valid = (d?: string): d is string =>
    !!d && /^\d{4}-\d{2}-\d{2}$/.test(d) && Number.isFinite(Date.parse(`${d}T00:00:00+08:00`))
  if (valid(from)) out.fromId = idBase(`${from}T00:00:00+08:00`)
  if (valid(to)) out.toId = idBase(`${to}T23:59:59+08:00`) + ID_SLOTS - 1
  return out
}

export interface DrainProgress {
  done: number
  remaining: number
}

export class SearchIndexer {
  private timer: NodeJS.Timeout | null = null
  private running: Promise<number> | null = null
  private again = false
  private settled = false
  private unsubscribe: (() => void) | null = null

  constructor(
    private readonly deps: Deps,
    readonly provider: SearchProvider,
  ) {}

  /** Drains on every announced change and polls for the others' changes. */
  start(): void {
    if (this.timer) return
    this.unsubscribe = this.deps.bus.subscribe(() => this.kick())
    this.timer = setInterval(() => this.kick(), POLL_MS)
    this.timer.unref()
    this.kick()
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.unsubscribe?.()
    this.unsubscribe = null
    while (this.running) await this.running
  }

  private kick(): void {
    if (this.running) {
      this.again = true
      return
    }
    this.running = this.drain()
      .catch((e: unknown) => {
        this.deps.logger.error({ err: e }, 'search indexing failed')
        return 0
      })
      .finally(() => {
        this.running = null
        if (this.again) {
          this.again = false
          this.kick()
        }
      })
  }

  /** Indexes everything queued; resolves with the number of queue entries processed. */
  async drain(onProgress?: (p: DrainProgress) => void): Promise<number> {
    let done = 0
    const bulk = (await this.pending()) > BULK_QUEUE
    if (bulk) await this.provider.bulk(this.deps.db, true)
    else if (!this.settled) {
      // A bulk drain cut short (crash) leaves the engine in bulk mode: the first drain ends it.
      await this.provider.bulk(this.deps.db, false)
      this.settled = true
    }
    try {
      for (;;) {
        const n = await this.batch()
        if (n === 0) return done
        done += n
        if (onProgress) onProgress({ done, remaining: await this.pending() })
      }
    } finally {
      if (bulk) await this.provider.bulk(this.deps.db, false)
    }
  }

  /** Waits for a running drain, then drains what is left (tests, CLI). */
  async refresh(): Promise<void> {
    while (this.running) await this.running
    await this.drain()
  }

  async pending(): Promise<number> {
    const r = await this.deps.db
      .selectFrom('search_dirty')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst()
    return Number(r?.n ?? 0)
  }

  /** Queues every source for re-indexing (reindex); the index stays online meanwhile. */
  async queueAll(trx: Executor = this.deps.db): Promise<void> {
    await trx.insertInto('search_dirty').values({ kind: 'all', ref_id: 0 }).execute()
  }

  private async batch(): Promise<number> {
    return this.deps.db.transaction().execute(async (trx) => {
      if (this.deps.dialect === 'postgres')
        await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx)
      const dirty = await trx
        .selectFrom('search_dirty')
        .select(['id', 'kind', 'ref_id'])
        .orderBy('id')
        .limit(BATCH)
        .execute()
      if (dirty.length === 0) return 0
      const byType = new Map<SearchType, Set<number>>()
      for (const d of dirty) {
        if (isSearchType(d.kind)) {
          const set = byType.get(d.kind) ?? new Set<number>()
          set.add(d.ref_id)
          byType.set(d.kind, set)
        } else {
          await expand(trx, d.kind, d.ref_id)
        }
      }
      const ids = new Set(dirty.map((d) => Number(d.id)))
      if (byType.size > 0) {
        // Later entries for the same sources (an insert queues the article, then its
        // placement, then its publication) are settled by this read too: take the ones
        // committed so far now, before the sources are read, so none committed after is lost.
        for (const [type, refs] of byType) {
          const list = [...refs]
          for (let i = 0; i < list.length; i += 500) {
            const same = await trx
              .selectFrom('search_dirty')
              .select('id')
              .where('kind', '=', type)
              .where('ref_id', 'in', list.slice(i, i + 500))
              .execute()
            for (const r of same) ids.add(Number(r.id))
          }
        }
        const ctx = await loadSourceContext(trx)
        for (const [type, refs] of byType) {
          const list = [...refs]
          await this.apply(trx, type, list, await loadSources(trx, ctx, type, list))
        }
      }
      const done = [...ids]
      for (let i = 0; i < done.length; i += 500) {
        await trx
          .deleteFrom('search_dirty')
          .where('id', 'in', done.slice(i, i + 500))
          .execute()
      }
      return done.length
    })
  }

  private async apply(
    trx: Executor,
    type: SearchType,
    refIds: number[],
    docs: SourceDoc[],
  ): Promise<void> {
    const wanted = new Map(docs.map((d) => [d.key, d]))
    const keys = refIds.map((id) => docKey(type, id))
    const existing = await trx
      .selectFrom('search_doc')
      .select(['id', 'doc_key'])
      .where('doc_key', 'in', keys)
      .execute()
    // Rewritten documents keep their id unless their publication second changed.
    const keep = new Map<string, number>()
    const stale: number[] = []
    for (const r of existing) {
      const id = Number(r.id)
      const d = wanted.get(r.doc_key)
      if (d && Math.floor(id / ID_SLOTS) * ID_SLOTS === idBase(d.publishedAt))
        keep.set(r.doc_key, id)
      stale.push(id)
    }
    if (stale.length) {
      await this.provider.remove(trx, stale)
      for (let i = 0; i < stale.length; i += 500) {
        await trx
          .deleteFrom('search_doc')
          .where('id', 'in', stale.slice(i, i + 500))
          .execute()
      }
    }
    const now = new Date().toISOString()
    const pg = this.deps.dialect === 'postgres'
    const used = new Map<number, Set<number>>()
    // Each new document's preferred id (its slot by ref id), checked in one query per 500.
    const preferred = new Map<string, number>()
    for (const d of docs) {
      if (!keep.has(d.key)) preferred.set(d.key, idBase(d.publishedAt) + (d.refId % ID_SLOTS))
    }
    const taken = new Set<number>()
    const wantedIds = [...preferred.values()]
    for (let i = 0; i < wantedIds.length; i += 500) {
      const rows = await trx
        .selectFrom('search_doc')
        .select('id')
        .where('id', 'in', wantedIds.slice(i, i + 500))
        .execute()
      for (const r of rows) taken.add(Number(r.id))
    }
    const engineDocs: EngineDoc[] = []
    const rows: Insertable<SearchDocTable>[] = []
    for (const d of docs) {
      const title = normaliseText(d.title)
      const body = normaliseText(d.body)
      let id = keep.get(d.key) ?? preferred.get(d.key)!
      if (!keep.has(d.key)) {
        if (taken.has(id)) id = await freeId(trx, used, idBase(d.publishedAt), d.refId, taken)
        taken.add(id)
      }
      const doc: EngineDoc = {
        id,
        siteId: d.siteId,
        type: d.type,
        columnId: d.columnId,
        title: tokenize(title),
        body: tokenize(body),
      }
      engineDocs.push(doc)
      rows.push({
        id,
        doc_key: d.key,
        type: d.type,
        ref_id: d.refId,
        site_id: d.siteId,
        column_id: d.columnId,
        slug: d.slug.slice(0, 100),
        link_url: d.linkUrl.slice(0, 1000),
        title: d.title.slice(0, 500),
        body: d.body,
        title_norm: pg ? title.slice(0, 500) : '',
        body_norm: pg ? body : '',
        published_at: d.publishedAt,
        indexed_at: now,
        ...this.provider.columns(doc),
      })
    }
    // Multi-row inserts: statements, not rows, are what a bulk build pays for.
    for (let i = 0; i < rows.length; i += 100) {
      await trx
        .insertInto('search_doc')
        .values(rows.slice(i, i + 100))
        .execute()
    }
    await this.provider.write(trx, engineDocs)
  }
}

/** A free id in the document's second: its slot by ref id, else the next free one. */
async function freeId(
  trx: Executor,
  used: Map<number, Set<number>>,
  base: number,
  refId: number,
  takenInBatch: Set<number>,
): Promise<number> {
  let taken = used.get(base)
  if (!taken) {
    const rows = await trx
      .selectFrom('search_doc')
      .select('id')
      .where('id', '>=', base)
      .where('id', '<', base + ID_SLOTS)
      .execute()
    taken = new Set(rows.map((r) => Number(r.id)))
    used.set(base, taken)
  }
  for (let i = 0; i < ID_SLOTS; i++) {
    const id = base + ((refId + i) % ID_SLOTS)
    if (!taken.has(id) && !takenInBatch.has(id)) {
      taken.add(id)
      return id
    }
  }
  throw new Error(`search: more than ${ID_SLOTS} documents published in one second`)
}

/** Turns a site, column or "everything" change into the documents it touches. */
async function expand(trx: Executor, kind: string, refId: number): Promise<void> {
  const queue = async (type: SearchType, select: () => Promise<{ id: number }[]>) => {
    const rows = await select()
    for (let i = 0; i < rows.length; i += 1000) {
      await trx
        .insertInto('search_dirty')
        .values(rows.slice(i, i + 1000).map((r) => ({ kind: type, ref_id: Number(r.id) })))
        .execute()
    }
  }
  const indexed = (filter: (q: ReturnType<typeof base>) => ReturnType<typeof base>) =>
    filter(base()).select(['type', 'ref_id']).execute()
  const base = () => trx.selectFrom('search_doc')
  const requeueIndexed = async (rows: { type: string; ref_id: number }[]) => {
    for (let i = 0; i < rows.length; i += 1000) {
      await trx
        .insertInto('search_dirty')
        .values(rows.slice(i, i + 1000).map((r) => ({ kind: r.type, ref_id: r.ref_id })))
        .execute()
    }
  }
  if (kind === 'all') {
    await requeueIndexed(await indexed((q) => q))
    for (const type of SEARCH_TYPES) await queue(type, () => allOf(trx, type))
  } else if (kind === 'site') {
    await requeueIndexed(await indexed((q) => q.where('site_id', '=', refId)))
    // A site's open/closed state also decides where its units' items are shown.
    for (const type of SEARCH_TYPES) {
      await queue(type, () => (type === 'article' ? allOf(trx, type, refId) : allOf(trx, type)))
    }
  } else if (kind === 'column') {
    await requeueIndexed(await indexed((q) => q.where('column_id', '=', refId)))
    await queue('article', () =>
      trx
        .selectFrom('placement')
        .select('article_id as id')
        .where('column_id', '=', refId)
        .where('kind', '=', 'primary')
        .where('status', '=', 'published')
        .execute(),
    )
    // Services, letters, questions and datasets link to the first column of their kind.
    for (const type of ['service', 'letter', 'question', 'dataset'] as const) {
      await queue(type, () => allOf(trx, type))
    }
  }
}

function allOf(trx: Executor, type: SearchType, siteId?: number): Promise<{ id: number }[]> {
  switch (type) {
    case 'article': {
      let q = trx.selectFrom('article').select('id').where('status', '=', 'published')
      if (siteId != null) q = q.where('site_id', '=', siteId)
      return q.execute()
    }
    case 'service':
      return trx.selectFrom('service_item').select('id').where('enabled', '=', 1).execute()
    case 'letter':
      return trx.selectFrom('letter').select('id').where('published', '=', 1).execute()
    case 'question':
      return trx.selectFrom('question').select('id').where('status', '=', 'published').execute()
    case 'dataset':
      return trx.selectFrom('dataset').select('id').where('is_public', '=', 1).execute()
  }
}
