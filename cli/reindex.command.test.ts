import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../server/app'
import { openDatabase } from '../server/db/database'
import { loadConfig } from '../server/env'
import { TEST_DIALECT } from '../server/test/build-test-app'
import { makeArticle, makeColumn, makePortal } from '../server/test/factories'
import { cli, freshEnv, type CliEnv as Env } from './test-env'

describe(`zhanqun reindex (${TEST_DIALECT})`, () => {
  let env: Env

  beforeAll(async () => {
    env = await freshEnv('zq-reindex')
    const config = loadConfig(
      {},
      { dataDir: env.dataDir, databaseUrl: env.databaseUrl, seedDemo: false, logLevel: 'silent' },
    )
    const database = openDatabase({
      dataDir: env.dataDir,
      databaseUrl: env.databaseUrl,
      poolSize: 2,
    })
    // No indexer here: the command must do all the work itself.
    const built = await buildApp(config, {
      database,
      logger: pino({ level: 'silent' }),
      searchIndexer: false,
    })
    try {
      const portal = await makePortal(built.core)
      const column = await makeColumn(built.core, portal)
      for (const title of ['城乡居民养老保险缴费', '高龄津贴申领', '义务教育招生'])
        await makeArticle(built.core, portal, column, { title })
    } finally {
      await built.app.close()
      await database.close()
    }
  }, 60_000)
  afterAll(async () => {
    await env?.dispose()
  })

  it('rebuilds the index and reports what it indexed', async () => {
    const res = await cli(env, ['reindex'])
    expect(res.code, res.stderr).toBe(0)
    expect(res.stdout).toContain('已索引文档：3 篇')
    expect(res.stdout).toMatch(/索引用时：[\d.]+ 秒（\d+ 篇\/秒），优化用时/)
    expect(res.stdout).toContain('索引大小：')
  }, 120_000)

  it('skips the optimisation with --no-optimize and is idempotent', async () => {
    const res = await cli(env, ['reindex', '--no-optimize'])
    expect(res.code, res.stderr).toBe(0)
    expect(res.stdout).toContain('已索引文档：3 篇')
    expect(res.stdout).not.toContain('优化')
  }, 120_000)
})
