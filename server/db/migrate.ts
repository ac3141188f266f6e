import { Migrator, type Migration, type MigrationProvider } from 'kysely'
import type { Db } from './database'
import * as m001 from './migrations/2026-11-25-001-core'
import * as m002 from './migrations/2026-11-25-002-article-list-index'
import * as m003 from './migrations/2026-11-25-003-review'
import * as m004 from './migrations/2026-11-25-004-calendar'
import * as m005 from './migrations/2026-11-25-005-captcha'
import * as m006 from './migrations/2026-11-25-006-letters'
import * as m007 from './migrations/2026-11-25-007-letter-handling'
import * as m008 from './migrations/2026-11-25-008-services'
import * as m009 from './migrations/2026-11-25-009-datasets'
import * as m010 from './migrations/2026-11-25-010-records'
import * as m011 from './migrations/2026-11-25-011-hot-questions'
import * as m012 from './migrations/2026-11-25-012-search'
import * as m013 from './migrations/2026-11-25-013-search-storage'
import * as m014 from './migrations/2026-11-25-014-search-queue-key'
import * as m015 from './migrations/2026-11-26-015-cluster'
import * as m016 from './migrations/2026-11-26-016-placement-latest'

/** Migrations are listed here in order; names are their file names and never change. */
const migrations: Record<string, Migration> = {
  '2026-11-25-001-core': m001,
  '2026-11-25-002-article-list-index': m002,
  '2026-11-25-003-review': m003,
  '2026-11-25-004-calendar': m004,
  '2026-11-25-005-captcha': m005,
  '2026-11-25-006-letters': m006,
  '2026-11-25-007-letter-handling': m007,
  '2026-11-25-008-services': m008,
  '2026-11-25-009-datasets': m009,
  '2026-11-25-010-records': m010,
  '2026-11-25-011-hot-questions': m011,
  '2026-11-25-012-search': m012,
  '2026-11-25-013-search-storage': m013,
  '2026-11-25-014-search-queue-key': m014,
  '2026-11-26-015-cluster': m015,
  '2026-11-26-016-placement-latest': m016,
}

const provider: MigrationProvider = { getMigrations: async () => migrations }

/** Brings the schema up to date; returns the names of the migrations applied. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'zq_migration',
    migrationLockTableName: 'zq_migration_lock',
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(String(error))
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
