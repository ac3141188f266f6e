import fs from 'node:fs'
import path from 'node:path'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../server/app'
import { openDatabase, type Database } from '../server/db/database'
import { loadConfig } from '../server/env'
import { TEST_DIALECT } from '../server/test/build-test-app'
import { cli, freshEnv, type CliEnv as Env, type CliRun as Run } from './test-env'

async function withDb<T>(env: Env, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = openDatabase({ dataDir: env.dataDir, databaseUrl: env.databaseUrl, poolSize: 2 })
  try {
    return await fn(database)
  } finally {
    await database.close()
  }
}

describe(`zhanqun CLI (${TEST_DIALECT})`, () => {
  it('migrate creates the schema, and a second run has nothing to do', async () => {
    const env = await freshEnv('zq-cli')
    try {
      const first = await cli(env, ['migrate'])
      expect(first.code, first.stderr).toBe(0)
      expect(first.stdout).toContain('已执行迁移')
      const tables = await withDb(env, async ({ db }) =>
        (await db.introspection.getTables()).map((t) => t.name),
      )
      expect(tables).toEqual(
        expect.arrayContaining([
          'site',
          'site_column',
          'article',
          'placement',
          'app_user',
          'visit_daily',
        ]),
      )
      const second = await cli(env, ['migrate'])
      expect(second.code).toBe(0)
      expect(second.stdout).toContain('数据库已是最新结构')
    } finally {
      await env.dispose()
    }
  })

  describe('on the demo county', () => {
    let env: Env
    let seed: Run

    beforeAll(async () => {
      env = await freshEnv('zq-cli')
      seed = await cli(env, ['seed', '--demo', '--articles', '300'])
    })
    afterAll(async () => {
      await env?.dispose()
    })

    it('seed --demo --articles 300 creates 57 sites and about 300 articles', async () => {
      expect(seed.code, seed.stderr).toBe(0)
      expect(seed.stdout).toMatch(/完成：57 个站点、\d+ 个栏目、\d+ 篇信息/)
      const counts = await withDb(env, async ({ db }) => {
        const sites = await db
          .selectFrom('site')
          .select(['kind', 'grouping', 'parent_id'])
          .execute()
        const articles = await db
          .selectFrom('article')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
        const published = await db
          .selectFrom('article')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('status', '=', 'published')
          .executeTakeFirstOrThrow()
        return { sites, articles: Number(articles.n), published: Number(published.n) }
      })
      const kinds = (k: string) => counts.sites.filter((s) => s.kind === k)
      expect(counts.sites).toHaveLength(57)
      expect(kinds('portal')).toHaveLength(1)
      expect(kinds('channel').filter((s) => s.grouping === '部门')).toHaveLength(44)
      expect(kinds('channel').filter((s) => s.grouping === '乡镇')).toHaveLength(10)
      expect(kinds('standalone')).toHaveLength(2)
      expect(kinds('channel').every((s) => s.parent_id !== null)).toBe(true)
      expect(counts.articles).toBeGreaterThanOrEqual(285)
      expect(counts.articles).toBeLessThanOrEqual(330)
      expect(counts.published).toBe(counts.articles)
      // Seeding twice is refused instead of doubling the county.
      const again = await cli(env, ['seed', '--demo', '--articles', '10'])
      expect(again.code).not.toBe(0)
      expect(again.stderr).toContain('数据库中已有站点')
    })

    it('user add --admin prints a generated password that signs in', async () => {
      const res = await cli(env, ['user', 'add', '--username', 'cliadmin', '--admin'])
      expect(res.code, res.stderr).toBe(0)
      expect(res.stdout).toContain('已创建用户 cliadmin')
      const password = /初始密码：(\S+?)（/.exec(res.stdout)?.[1]
      expect(password).toBeDefined()
      expect((password ?? '').length).toBeGreaterThanOrEqual(12)
      const row = await withDb(env, ({ db }) =>
        db
          .selectFrom('app_user')
          .select(['username', 'password_hash'])
          .where('username', '=', 'cliadmin')
          .executeTakeFirst(),
      )
      expect(row?.username).toBe('cliadmin')
      expect(row?.password_hash).not.toContain(password ?? '')
      // The password really works: sign in over HTTP on the same database.
      const app = await openApp(env)
      try {
        const login = await app.inject({
          method: 'POST',
          url: '/api/admin/session',
          payload: { username: 'cliadmin', password },
        })
        expect(login.statusCode).toBe(200)
      } finally {
        await app.close()
      }
      const dup = await cli(env, ['user', 'add', '--username', 'cliadmin', '--admin'])
      expect(dup.code).not.toBe(0)
    })

    it('imports good JSONL rows, reports bad ones by line, and re-imports idempotently', async () => {
      const app = await openApp(env)
      let columnPath: string
      try {
        const res = await app.inject({ url: '/api/v1/sites/sxx/columns' })
        const columns = (res.json() as { data: { path: string; type: string }[] }).data
        const list = columns.find((c) => c.type === 'list' && c.path.includes('/'))
        expect(list).toBeDefined()
        columnPath = list?.path ?? ''
      } finally {
        await app.close()
      }
      const file = path.join(env.dataDir, 'import.jsonl')
      const rows = (titleSuffix: string) =>
        [
          JSON.stringify({
            title: `导入测试一${titleSuffix}`,
            body: '第一段。\n第二段。',
            date: '2023-05-17',
            source: '县政府办',
            externalId: 'cli-1',
          }),
          JSON.stringify({
            title: '导入测试二',
            html: '<p>富文本<script>x()</script></p>',
            date: '2023-05-18 10:30',
            externalId: 'cli-2',
          }),
          '{这不是 JSON',
          JSON.stringify({ body: '没有标题', date: '2023-05-19', externalId: 'cli-x' }),
          JSON.stringify({
            title: '日期错误',
            body: '正文',
            date: '2023-13-45',
            externalId: 'cli-y',
          }),
          '',
          JSON.stringify({
            title: '导入测试三',
            body: '正文三',
            date: '2023/05/20',
            externalId: 'cli-3',
          }),
          JSON.stringify({
            title: '重复编号',
            body: '正文',
            date: '2023-05-21',
            externalId: 'cli-1',
          }),
        ].join('\n')
      fs.writeFileSync(file, `${rows('')}\n`)

      const first = await cli(env, [
        'import',
        'articles',
        file,
        '--site',
        'sxx',
        '--column',
        columnPath,
      ])
      expect(first.stderr).not.toContain('错误')
      expect(first.stdout).toContain('导入完成：新增 3 篇，更新 0 篇，跳过 4 行')
      expect(first.stdout).toContain('第 3 行：不是有效的 JSON')
      expect(first.stdout).toContain('第 4 行：缺少标题（title）')
      expect(first.stdout).toContain('第 5 行：日期格式无法识别')
      expect(first.stdout).toMatch(/第 8 行：外部编号与第 1 行重复/)
      // Rows were skipped: the exit status says so, for scripts.
      expect(first.code).toBe(3)

      const imported = () =>
        withDb(env, ({ db }) =>
          db
            .selectFrom('article')
            .select(['id', 'external_id', 'title', 'source', 'body_html', 'status', 'published_at'])
            .where('external_id', 'like', 'cli-%')
            .orderBy('external_id')
            .execute(),
        )
      const after1 = await imported()
      expect(after1.map((a) => a.external_id)).toEqual(['cli-1', 'cli-2', 'cli-3'])
      expect(after1[0]).toMatchObject({
        title: '导入测试一',
        source: '县政府办',
        status: 'published',
      })
      // Dates are Beijing time: 2023-05-17 00:00 +08:00.
      expect(after1[0]?.published_at).toBe('2023-05-16T16:00:00.000Z')
      expect(after1[0]?.body_html).toBe('<p>第一段。</p>\n<p>第二段。</p>')
      expect(after1[1]?.body_html).not.toContain('<script')

      fs.writeFileSync(file, `${rows('（修订）')}\n`)
      const second = await cli(env, [
        'import',
        'articles',
        file,
        '--site',
        'sxx',
        '--column',
        `/${columnPath}/`,
      ])
      expect(second.stdout).toContain('导入完成：新增 0 篇，更新 3 篇，跳过 4 行')
      const after2 = await imported()
      expect(after2.map((a) => a.id)).toEqual(after1.map((a) => a.id))
      expect(after2[0]?.title).toBe('导入测试一（修订）')

      const badColumn = await cli(env, [
        'import',
        'articles',
        file,
        '--site',
        'sxx',
        '--column',
        'no/such/column',
      ])
      expect(badColumn.code).toBe(1)
      expect(badColumn.stderr).toContain('栏目不存在')
    })
  })

  it('backup and restore --yes round-trip the SQLite database (PostgreSQL: point to pg_dump)', async () => {
    const env = await freshEnv('zq-cli')
    try {
      if (TEST_DIALECT === 'postgres') {
        for (const args of [
          ['backup', path.join(env.dataDir, 'x.db')],
          ['restore', path.join(env.dataDir, 'x.db'), '--yes'],
        ]) {
          const res = await cli(env, args)
          expect(res.code).toBe(1)
          expect(res.stderr).toContain('当前使用 PostgreSQL：请用 pg_dump 备份')
        }
        expect(fs.existsSync(path.join(env.dataDir, 'x.db'))).toBe(false)
        return
      }
      expect(
        (await cli(env, ['user', 'add', '--username', 'before', '--password', 'Passw0rd!before']))
          .code,
      ).toBe(0)
      // The records key lives beside the database and is copied with it.
      fs.mkdirSync(path.join(env.dataDir, 'secrets'), { recursive: true })
      fs.writeFileSync(path.join(env.dataDir, 'secrets', 'records-hmac.key'), 'k'.repeat(64))
      const file = path.join(env.dataDir, 'backup.db')
      const backup = await cli(env, ['backup', file])
      expect(backup.code, backup.stderr).toBe(0)
      expect(backup.stdout).toContain('已备份到')
      expect(fs.statSync(file).size).toBeGreaterThan(0)
      expect(fs.readFileSync(`${file}.secrets/records-hmac.key`, 'utf8')).toBe('k'.repeat(64))
      // A second backup never overwrites the first.
      const over = await cli(env, ['backup', file])
      expect(over.code).toBe(1)
      expect(over.stderr).toContain('目标文件已存在')

      expect(
        (await cli(env, ['user', 'add', '--username', 'after', '--password', 'Passw0rd!after']))
          .code,
      ).toBe(0)
      const unconfirmed = await cli(env, ['restore', file])
      expect(unconfirmed.code).toBe(1)
      expect(unconfirmed.stderr).toContain('--yes')
      const restore = await cli(env, ['restore', file, '--yes'])
      expect(restore.code, restore.stderr).toBe(0)
      expect(restore.stdout).toContain('已从')
      const users = await withDb(env, async ({ db }) =>
        (await db.selectFrom('app_user').select('username').execute()).map((u) => u.username),
      )
      expect(users).toContain('before')
      expect(users).not.toContain('after')
      // The replaced database is kept beside it.
      expect(
        fs.readdirSync(env.dataDir).some((f) => f.startsWith('zhanqun.db.before-restore-')),
      ).toBe(true)

      const notDb = path.join(env.dataDir, 'junk.db')
      fs.writeFileSync(notDb, 'not a database')
      const bad = await cli(env, ['restore', notDb, '--yes'])
      expect(bad.code).toBe(1)
      expect(bad.stderr).toContain('不是有效的站群数据库备份')
    } finally {
      await env.dispose()
    }
  })
})

/** The server's app on the CLI's database, to read it the way clients do. */
async function openApp(env: Env) {
  const config = loadConfig(
    {},
    {
      dataDir: env.dataDir,
      databaseUrl: env.databaseUrl,
      seedDemo: false,
      accessLog: false,
      logLevel: 'silent',
    },
  )
  const database = openDatabase({ dataDir: env.dataDir, databaseUrl: env.databaseUrl, poolSize: 2 })
  const built = await buildApp(config, { database, logger: pino({ level: 'silent' }) })
  return {
    inject: built.app.inject.bind(built.app),
    async close() {
      await built.app.close()
      await database.close()
    },
  }
}
