import {
  PostgresAdapter,
  sql,
  type ColumnDefinitionBuilder,
  type Kysely,
  type RawBuilder,
} from 'kysely'

/** Every difference between SQLite and PostgreSQL lives in this file. */
export type DialectName = 'sqlite' | 'postgres'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

export function dialectOf(db: AnyDb): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite'
}

/** Column type of an auto-incrementing integer primary key. */
export function idType(db: AnyDb): 'serial' | 'integer' {
  return dialectOf(db) === 'postgres' ? 'serial' : 'integer'
}

/**
 * Primary key of an id column: SQLite needs AUTOINCREMENT so deleted ids are never handed out
 * again; PostgreSQL's serial never reuses them.
 */
export function autoIncrementPrimaryKey(
  db: AnyDb,
): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return dialectOf(db) === 'postgres'
    ? (c) => c.primaryKey()
    : (c) => c.primaryKey().autoIncrement()
}

/** Case-insensitive substring match on a column (ILIKE on PostgreSQL, LIKE on SQLite). */
export function containsInsensitive(
  db: AnyDb,
  column: string,
  needle: string,
): RawBuilder<boolean> {
  const pattern = `%${escapeLike(needle)}%`
  return dialectOf(db) === 'postgres'
    ? sql<boolean>`${sql.ref(column)} ilike ${pattern} escape '\\'`
    : sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** `count(*)` comes back as a string from pg (bigint) and a number from SQLite. */
export function toCount(v: unknown): number {
  return typeof v === 'number' ? v : Number(v ?? 0)
}

/** Timestamps are stored as ISO-8601 UTC text on both dialects: sortable and portable. */
export function nowIso(): string {
  return new Date().toISOString()
}

export const bool = (v: unknown): boolean => v === 1 || v === true || v === '1'
export const bit = (v: boolean | undefined | null): 0 | 1 => (v ? 1 : 0)
