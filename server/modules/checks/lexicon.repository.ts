import type { Selectable } from 'kysely'
import {
  CHECK_RULES,
  RULE_SEVERITIES,
  type CheckRule,
  type LexiconKind,
  type RuleSeverity,
} from '../../../common/checks'
import type { Executor } from '../../db/database'
import { containsInsensitive, toCount } from '../../db/dialect'
import type { LexiconEntryTable } from './lexicon.table'

/** A word-list entry as the rest of the program sees it. */
export interface LexiconEntry {
  id: number
  kind: LexiconKind
  term: string
  replacement: string
  note: string
  createdAt: string
}

function toEntry(r: Selectable<LexiconEntryTable>): LexiconEntry {
  return {
    id: r.id,
    kind: r.kind as LexiconKind,
    term: r.term,
    replacement: r.replacement,
    note: r.note,
    createdAt: r.created_at,
  }
}

export interface LexiconFilter {
  kind?: LexiconKind
  /** Substring of the term, replacement or note. */
  q?: string
}

/** Settings keys of the checks module. */
export const SETTING_RULES = 'checks.rules'
export const SETTING_SEEDED = 'checks.seeded'

/** Every query on `lexicon_entry`, and the module's rows of `setting`. */
export const lexiconRepository = {
  async list(
    db: Executor,
    f: LexiconFilter,
    page: { offset: number; limit: number },
  ): Promise<{ rows: LexiconEntry[]; total: number }> {
    let q = db.selectFrom('lexicon_entry')
    if (f.kind) q = q.where('kind', '=', f.kind)
    const needle = f.q?.trim()
    if (needle) {
      q = q.where((eb) =>
        eb.or([
          containsInsensitive(db, 'term', needle),
          containsInsensitive(db, 'replacement', needle),
          containsInsensitive(db, 'note', needle),
        ]),
      )
    }
    const [rows, count] = await Promise.all([
      q
        .selectAll()
        .orderBy('kind')
        .orderBy('term')
        .orderBy('id')
        .offset(page.offset)
        .limit(page.limit)
        .execute(),
      q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ])
    return { rows: rows.map(toEntry), total: toCount(count.n) }
  },

  /** Every entry (the compiled config, exports): a few thousand short rows. */
  async all(db: Executor, kind?: LexiconKind): Promise<LexiconEntry[]> {
    let q = db.selectFrom('lexicon_entry').selectAll()
    if (kind) q = q.where('kind', '=', kind)
    const rows = await q.orderBy('kind').orderBy('term').orderBy('id').execute()
    return rows.map(toEntry)
  },

  async get(db: Executor, id: number): Promise<LexiconEntry | undefined> {
    const r = await db
      .selectFrom('lexicon_entry')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    return r ? toEntry(r) : undefined
  },

  async findByTerm(
    db: Executor,
    kind: LexiconKind,
    term: string,
  ): Promise<LexiconEntry | undefined> {
    const r = await db
      .selectFrom('lexicon_entry')
      .selectAll()
      .where('kind', '=', kind)
      .where('term', '=', term)
      .executeTakeFirst()
    return r ? toEntry(r) : undefined
  },

  async insert(
    db: Executor,
    e: { kind: LexiconKind; term: string; replacement: string; note: string; createdAt: string },
  ): Promise<number> {
    const r = await db
      .insertInto('lexicon_entry')
      .values({
        kind: e.kind,
        term: e.term,
        replacement: e.replacement,
        note: e.note,
        created_at: e.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return r.id
  },

  /** Bulk insert that skips (kind, term) pairs already present. */
  async insertMany(
    db: Executor,
    entries: { kind: LexiconKind; term: string; replacement: string; note: string }[],
    createdAt: string,
  ): Promise<number> {
    let inserted = 0
    // 200 rows × 5 values stays under SQLite's 999 bound parameters.
    for (let i = 0; i < entries.length; i += 190) {
      const batch = entries.slice(i, i + 190)
      const res = await db
        .insertInto('lexicon_entry')
        .values(batch.map((e) => ({ ...e, created_at: createdAt })))
        .onConflict((oc) => oc.columns(['kind', 'term']).doNothing())
        .executeTakeFirst()
      inserted += Number(res.numInsertedOrUpdatedRows ?? 0)
    }
    return inserted
  },

  async update(
    db: Executor,
    id: number,
    values: { term?: string; replacement?: string; note?: string },
  ): Promise<void> {
    await db.updateTable('lexicon_entry').set(values).where('id', '=', id).execute()
  },

  async delete(db: Executor, id: number): Promise<void> {
    await db.deleteFrom('lexicon_entry').where('id', '=', id).execute()
  },

  async count(db: Executor): Promise<number> {
    const r = await db
      .selectFrom('lexicon_entry')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    return toCount(r.n)
  },

  async getSetting(db: Executor, key: string): Promise<string | undefined> {
    const r = await db
      .selectFrom('setting')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst()
    return r?.value
  },

  /** The cluster's rule severities (setting `checks.rules`); unknown or bad values dropped. */
  async getSeverities(db: Executor): Promise<Partial<Record<CheckRule, RuleSeverity>>> {
    return parseSeverities(await this.getSetting(db, SETTING_RULES))
  },

  async putSetting(db: Executor, key: string, value: string): Promise<void> {
    await db
      .insertInto('setting')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute()
  },
}

function parseSeverities(raw: string | undefined): Partial<Record<CheckRule, RuleSeverity>> {
  if (!raw) return {}
  try {
    const parsed: unknown = JSON.parse(raw)
    if (!parsed || typeof parsed !== 'object') return {}
    const out: Partial<Record<CheckRule, RuleSeverity>> = {}
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
      if (
        (CHECK_RULES as readonly string[]).includes(k) &&
        (RULE_SEVERITIES as readonly unknown[]).includes(v)
      ) {
        out[k as CheckRule] = v as RuleSeverity
      }
    }
    return out
  } catch {
    return {}
  }
}
