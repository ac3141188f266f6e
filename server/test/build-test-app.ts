import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import pino from 'pino'
import { buildApp, type BuiltApp } from '../app'
import { openDatabase } from '../db/database'
import { loadConfig, type Config } from '../env'
import { dropTestDatabase } from './drop-database'

/** Which database the suite runs on: PostgreSQL when DATABASE_URL is set, else SQLite. */
export const TEST_DIALECT: 'sqlite' | 'postgres' = process.env.DATABASE_URL ? 'postgres' : 'sqlite'

export interface TestApp extends BuiltApp {
  config: Config
  dataDir: string
  close(): Promise<void>
}

/**
 * A fresh application on its own database (a temp SQLite file, or a new PostgreSQL database
 * created through DATABASE_URL) and its own data directory. No demo seed; no listening.
 */
export async function buildTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zq-test-'))
  let databaseUrl: string | null = null
  let dropDb: (() => Promise<void>) | null = null
  const adminUrl = process.env.DATABASE_URL
  if (adminUrl) {
    const name = `zq_t_${process.pid}_${randomBytes(4).toString('hex')}`
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    await admin.query(`create database ${name}`)
    await admin.end()
    const u = new URL(adminUrl)
    u.pathname = `/${name}`
    databaseUrl = u.toString()
    dropDb = () => dropTestDatabase(adminUrl, name)
  }
  const config = loadConfig(
    {},
    {
      dataDir,
      databaseUrl,
      seedDemo: false,
      accessLog: false,
      logLevel: 'silent',
      visitFlushMs: 3600_000,
      jobsIntervalMs: 0,
      ...overrides,
    },
  )
  const database = openDatabase({ dataDir, databaseUrl, poolSize: 4 })
  const built = await buildApp(config, {
    database,
    logger: pino({ level: 'silent' }),
    strictTemplates: true,
  })
  return {
    ...built,
    config,
    dataDir,
    async close() {
      await built.app.close()
      await database.close()
      if (dropDb) await dropDb()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
