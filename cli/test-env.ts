import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { dropTestDatabase } from '../server/test/drop-database'

// Helpers for tests that run the real `zhanqun` binary as a child process.

export const ROOT = path.resolve(import.meta.dirname, '..')
export const BIN = path.join(ROOT, 'bin', 'zhanqun.js')
const ADMIN_URL = process.env.DATABASE_URL ?? null

/** A data directory and, on PostgreSQL, a database of its own. */
export interface CliEnv {
  dataDir: string
  databaseUrl: string | null
  dispose(): Promise<void>
}

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

export async function freshEnv(prefix = 'zq-cli'): Promise<CliEnv> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`))
  if (!ADMIN_URL) {
    return {
      dataDir,
      databaseUrl: null,
      dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    }
  }
  const name = `zq_cli_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: ADMIN_URL })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const u = new URL(ADMIN_URL)
  u.pathname = `/${name}`
  return {
    dataDir,
    databaseUrl: u.toString(),
    async dispose() {
      await dropTestDatabase(ADMIN_URL, name)
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Runs `node bin/zhanqun.js …` as a child process on the given environment. */
export function cli(env: Pick<CliEnv, 'dataDir' | 'databaseUrl'>, args: string[]): Promise<CliRun> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: env.dataDir, LOG_LEVEL: 'warn' }
  delete childEnv.DATABASE_URL
  delete childEnv.ZHANQUN_ADMIN_PASSWORD
  if (env.databaseUrl) childEnv.DATABASE_URL = env.databaseUrl
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, env: childEnv, timeout: 90_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0
        resolve({ code, stdout: String(stdout), stderr: String(stderr) })
      },
    )
  })
}
