import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { openDatabase } from '../server/db/database'
import { cliConfig } from './shared'

const PG_HINT =
  '当前使用 PostgreSQL：请用 pg_dump 备份（pg_dump -Fc "$DATABASE_URL" -f zhanqun.dump），用 pg_restore 恢复。'

/** Online backup of the SQLite database (the server may keep running). */
export async function runBackup(file: string): Promise<void> {
  const config = cliConfig()
  if (config.databaseUrl) throw new Error(PG_HINT)
  const source = path.join(config.dataDir, 'zhanqun.db')
  if (!fs.existsSync(source)) throw new Error(`数据库不存在：${source}`)
  const target = path.resolve(file)
  if (fs.existsSync(target)) throw new Error(`目标文件已存在：${target}`)
  const database = openDatabase({ dataDir: config.dataDir, databaseUrl: null })
  try {
    let last = -1
    await database.sqlite?.backup(target, {
      progress: ({ totalPages, remainingPages }) => {
        const pct = totalPages
          ? Math.floor(((totalPages - remainingPages) * 100) / totalPages)
          : 100
        if (pct !== last && pct % 10 === 0) process.stdout.write(`\r备份进度：${pct}%`)
        last = pct
        return 200
      },
    })
    process.stdout.write('\n')
    console.log(`已备份到 ${target}（${(fs.statSync(target).size / 1048576).toFixed(1)} MB）`)
    console.log(`提示：上传的附件保存在 ${path.join(config.dataDir, 'files')}，请一并备份该目录。`)
    const secrets = path.join(config.dataDir, 'secrets')
    if (fs.existsSync(secrets)) {
      // The records key: without it no imported ID number can be found again.
      const copy = `${target}.secrets`
      fs.cpSync(secrets, copy, { recursive: true })
      fs.chmodSync(copy, 0o700)
      console.log(`个人查询密钥已复制到 ${copy}（请妥善保管；恢复时放回 ${secrets}）`)
    }
  } finally {
    await database.close()
  }
}

/** Replaces the SQLite database with a backup; the current one is kept beside it. */
export async function runRestore(file: string, options: { yes?: boolean }): Promise<void> {
  const config = cliConfig()
  if (config.databaseUrl) throw new Error(PG_HINT)
  const source = path.resolve(file)
  if (!fs.existsSync(source)) throw new Error(`备份文件不存在：${source}`)
  let check: BetterSqlite3.Database | null = null
  try {
    check = new BetterSqlite3(source, { readonly: true, fileMustExist: true })
    const ok = check
      .prepare("select name from sqlite_master where type='table' and name='zq_migration'")
      .get()
    if (!ok) throw new Error('not a zhanqun database')
    const integrity = check.pragma('quick_check', { simple: true })
    if (integrity !== 'ok') throw new Error(`integrity: ${String(integrity)}`)
  } catch (e) {
    throw new Error(`不是有效的站群数据库备份：${e instanceof Error ? e.message : String(e)}`)
  } finally {
    check?.close()
  }
  if (!options.yes) throw new Error('恢复会覆盖当前数据库，请先停止服务器，并加 --yes 确认')
  const target = path.join(config.dataDir, 'zhanqun.db')
  fs.mkdirSync(config.dataDir, { recursive: true })
  const tmp = `${target}.restoring`
  fs.copyFileSync(source, tmp)
  if (fs.existsSync(target)) {
    const keep = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`
    // Fold the WAL into the old database before setting it aside.
    const old = new BetterSqlite3(target)
    old.pragma('wal_checkpoint(TRUNCATE)')
    old.close()
    fs.renameSync(target, keep)
    console.log(`原数据库已保留为 ${keep}`)
  }
  for (const ext of ['-wal', '-shm']) fs.rmSync(`${target}${ext}`, { force: true })
  fs.renameSync(tmp, target)
  console.log(`已从 ${source} 恢复数据库`)
}
