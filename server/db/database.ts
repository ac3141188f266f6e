import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type SqliteDatabase,
  type Transaction,
} from 'kysely'
import pg from 'pg'
import type { DB } from './schema'
import type { DialectName } from './dialect'

export type Db = Kysely<DB>
export type Trx = Transaction<DB>
/** A database handle or an open transaction: repositories accept either. */
export type Executor = Db | Trx

export interface Database {
  db: Db
  dialect: DialectName
  /** The raw SQLite connection (online backup), when on SQLite. */
  sqlite: BetterSqlite3.Database | null
  /** The pg pool (LISTEN/NOTIFY), when on PostgreSQL. */
  pool: pg.Pool | null
  close(): Promise<void>
}

export interface DatabaseOptions {
  dataDir: string
  databaseUrl: string | null
  /** SQLite file name inside dataDir; tests use their own. */
  sqliteFile?: string
  poolSize?: number
}

/**
 * Kysely prepares a statement on every query; better-sqlite3 statements are reusable, so keep
 * the most recent ones (a page render runs the same handful of queries every time).
 */
function withStatementCache(sqlite: BetterSqlite3.Database, max = 500): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>()
  return {
    close: () => sqlite.close(),
    prepare(query: string) {
      // Every transaction takes the write lock when it begins. A deferred one that reads and
      // then writes fails at once (SQLITE_BUSY, no waiting) if another worker process wrote in
      // between; an immediate one waits its turn (busy_timeout) instead.
      const sql = query === 'begin' ? 'begin immediate' : query
      let stmt = cache.get(sql)
      if (stmt) {
        cache.delete(sql)
      } else {
        stmt = sqlite.prepare(sql)
        if (cache.size >= max) {
          const oldest = cache.keys().next().value
          if (oldest !== undefined) cache.delete(oldest)
        }
      }
      cache.set(sql, stmt)
      return stmt
    },
  }
}

/** The only place that chooses the dialect. */
export function openDatabase(options: DatabaseOptions): Database {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 })
    // A connection the server ends while it is idle or closing (PostgreSQL restarted, backend
    // terminated) must not crash the process: the pool drops it and opens a new one; queries in
    // flight fail with their own errors.
    pool.on('error', () => {})
    pool.on('connect', (client) => client.on('error', () => {}))
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
    return {
      db,
      dialect: 'postgres',
      sqlite: null,
      pool,
      close: () => db.destroy(),
    }
  }
  fs.mkdirSync(options.dataDir, { recursive: true })
  const file = path.join(options.dataDir, options.sqliteFile ?? 'zhanqun.db')
  const sqlite = new BetterSqlite3(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('cache_size = -16384')
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  })
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    pool: null,
    close: () => db.destroy(),
  }
}
