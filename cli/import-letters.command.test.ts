import fs from 'node:fs'
import path from 'node:path'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../server/app'
import { openDatabase, type Database } from '../server/db/database'
import { loadConfig } from '../server/env'
import { mailboxRepository } from '../server/modules/letters/mailbox.repository'
import { PROJECT_ROOT } from '../server/paths'
import { TEST_DIALECT } from '../server/test/build-test-app'
import { makePortal } from '../server/test/factories'
import { cli, freshEnv, type CliEnv } from './test-env'

// Real letters are test-only data: read in place, never copied (see ../shared/data/README.md).
const LETTERS_DIR = path.resolve(PROJECT_ROOT, '../shared/data/letters')
const REAL_LETTERS = path.join(LETTERS_DIR, 'messages_with_replies.jsonl')
const TAXONOMY = path.join(LETTERS_DIR, 'category_taxonomy.csv')
const hasRealData = fs.existsSync(REAL_LETTERS) && fs.existsSync(TAXONOMY)
if (!hasRealData) {
  console.warn(
    `跳过真实来信导入测试：未找到 ${LETTERS_DIR}（需要 ../shared/data/letters，见 shared/data/README.md）`,
  )
}

async function withDb<T>(env: CliEnv, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = openDatabase({ dataDir: env.dataDir, databaseUrl: env.databaseUrl, poolSize: 2 })
  try {
    return await fn(database)
  } finally {
    await database.close()
  }
}

/** A migrated database with one portal and a mailbox of the given code. */
async function withMailbox(env: CliEnv, code: string): Promise<number> {
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
  try {
    const portal = await makePortal(built.core)
    return await mailboxRepository.insert(built.core.deps.db, {
      siteId: portal.id,
      code,
      name: '县长信箱',
    })
  } finally {
    await built.app.close()
    await database.close()
  }
}

const letters = (env: CliEnv, mailboxId: number) =>
  withDb(env, ({ db }) =>
    db.selectFrom('letter').selectAll().where('mailbox_id', '=', mailboxId).orderBy('id').execute(),
  )

const countEvents = (env: CliEnv) =>
  withDb(env, async ({ db }) => {
    const r = await db
      .selectFrom('letter_event')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('action', '=', 'import')
      .where('internal', '=', 1)
      .executeTakeFirstOrThrow()
    return Number(r.n)
  })

describe(`zhanqun import letters (${TEST_DIALECT})`, () => {
  let env: CliEnv
  let mailboxId: number

  beforeAll(async () => {
    env = await freshEnv('zq-letters')
    mailboxId = await withMailbox(env, 'xzxx')
  }, 60_000)
  afterAll(async () => {
    await env?.dispose()
  })

  it('imports good lines, reports bad ones by line number, and re-imports without duplicates', async () => {
    const file = path.join(env.dataDir, 'letters.jsonl')
    const good = (o: Record<string, unknown>) => JSON.stringify(o)
    const lines = [
      good({
        id: 'a1',
        user: 'U001',
        subject: '小区路灯不亮',
        body: '我们小区的路灯坏了一个月了。',
        posted_at: '2019/1/2 10:10:10',
        reply: '已通知物业维修。',
        replied_at: '2019/1/5 9:00:00',
      }),
      good({
        externalId: 42,
        name: '张三',
        mobile: '138-0000-0000',
        type: '咨询',
        subject: '社保卡如何补办',
        body: '社保卡丢了，请问如何补办？',
        receivedAt: '2024-03-01T08:00:00+08:00',
      }),
      '{not json',
      good({ id: 'a4', subject: '', body: '没有标题', posted_at: '2019/1/2' }),
      good({ id: 'a5', subject: '日期不对', body: '日期无法识别', posted_at: '2019/13/45' }),
      '',
      good({ id: 'a7', subject: '太长', body: '长'.repeat(20_001), posted_at: '2019/1/2' }),
      good({ id: 'a1', subject: '重复编号', body: '与第一行同号', posted_at: '2019/1/2' }),
      good({
        subject: '没有编号的来信',
        body: '按内容保持幂等。',
        posted_at: '2020/5/6 7:08:09',
        category: '城乡建设/城市建设和市政管理',
      }),
    ]
    fs.writeFileSync(file, lines.join('\n') + '\n')

    const first = await cli(env, ['import', 'letters', file, '--mailbox', 'xzxx'])
    expect(first.code, first.stderr).toBe(3)
    expect(first.stdout).toContain('新增 3 件，更新 0 件，未变化 0 件，跳过 5 行')
    expect(first.stdout).toContain('第 3 行：不是有效的 JSON')
    expect(first.stdout).toContain('第 4 行：缺少标题（subject）')
    expect(first.stdout).toContain('第 5 行：来信日期格式无法识别')
    expect(first.stdout).toContain('第 7 行：来信内容超过 20000 个字符')
    expect(first.stdout).toContain('第 8 行：编号与第 1 行重复')

    const rows = await letters(env, mailboxId)
    expect(rows).toHaveLength(3)
    const [a1, b, c] = rows
    expect(a1).toMatchObject({
      external_id: 'a1',
      source: 'import',
      state: 'answered',
      writer_name: 'U001',
      writer_mobile: '',
      reply: '已通知物业维修。',
      received_at: '2019-01-02T02:10:10.000Z',
      replied_at: '2019-01-05T01:00:00.000Z',
      type: 'other',
    })
    expect(a1?.query_code).toMatch(/^[2-9A-Z]{10}$/)
    // No password was ever given to an imported writer: the stored hash is of a discarded secret.
    expect(a1?.password_hash).toMatch(/^scrypt\$1024\$/)
    expect(b).toMatchObject({
      external_id: '42',
      state: 'accepted',
      writer_name: '张三',
      writer_mobile: '13800000000',
      type: 'consult',
      replied_at: null,
      received_at: '2024-03-01T00:00:00.000Z',
    })
    expect(c?.external_id).toMatch(/^sha256:/)
    expect(c?.category).toBe('城乡建设/城市建设和市政管理')
    expect(await countEvents(env)).toBe(3)

    // The county answers letter 42 later and exports again: updated, nothing duplicated.
    const answered = lines.map((l, i) =>
      i === 1
        ? good({
            ...JSON.parse(l),
            reply: '请携带身份证到服务大厅补办。',
            repliedAt: '2024-03-05 10:00',
          })
        : l,
    )
    fs.writeFileSync(file, answered.join('\n'))
    const second = await cli(env, ['import', 'letters', file, '--mailbox', 'xzxx'])
    expect(second.stdout).toContain('新增 0 件，更新 1 件，未变化 2 件，跳过 5 行')
    const after = await letters(env, mailboxId)
    expect(after).toHaveLength(3)
    expect(after[1]).toMatchObject({
      state: 'answered',
      reply: '请携带身份证到服务大厅补办。',
      replied_at: '2024-03-05T02:00:00.000Z',
      query_code: b?.query_code,
    })
    expect(await countEvents(env)).toBe(4)
  }, 120_000)

  it('fails clearly on an unknown mailbox', async () => {
    const file = path.join(env.dataDir, 'none.jsonl')
    fs.writeFileSync(file, '')
    const r = await cli(env, ['import', 'letters', file, '--mailbox', 'nope'])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toContain('信箱不存在：nope')
  }, 60_000)

  it.skipIf(!hasRealData)(
    'imports the 2,816 real letters with the taxonomy, all answered, and re-imports as a no-op',
    async () => {
      const realBox = await withMailbox(env, 'real')
      const lines = fs
        .readFileSync(REAL_LETTERS, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
      const withReply = lines.filter((l) => {
        const o = JSON.parse(l) as { reply?: string }
        return typeof o.reply === 'string' && o.reply.trim() !== ''
      }).length

      const first = await cli(env, [
        'import',
        'letters',
        REAL_LETTERS,
        '--mailbox',
        'real',
        '--taxonomy',
        TAXONOMY,
      ])
      expect(first.code, first.stdout + first.stderr).toBe(0)
      console.log(
        `[real letters] ${first.stdout
          .split('\n')
          .filter((l) => !l.includes('|'))
          .join('\n')}`,
      )
      expect(first.stdout).toContain(`新增 ${lines.length} 件，更新 0 件，未变化 0 件，跳过 0 行`)

      const rows = await letters(env, realBox)
      expect(rows).toHaveLength(lines.length)
      expect(rows.filter((r) => r.state === 'answered')).toHaveLength(withReply)
      expect(rows.every((r) => r.source === 'import' && r.writer_mobile === '')).toBe(true)
      const categorized = rows.filter((r) => r.category !== '').length
      console.log(
        `[real letters] ${categorized}/${rows.length} letters got a category (${((categorized * 100) / rows.length).toFixed(1)}%)`,
      )
      // Observed: 1,532 of 2,816 (54.4%) with the keyword rules of letter-taxonomy.ts.
      expect(categorized).toBeGreaterThan(rows.length * 0.5)
      expect(rows.every((r) => r.category === '' || r.category.split('/').length >= 2)).toBe(true)

      const again = await cli(env, [
        'import',
        'letters',
        REAL_LETTERS,
        '--mailbox',
        'real',
        '--taxonomy',
        TAXONOMY,
      ])
      expect(again.code, again.stderr).toBe(0)
      expect(again.stdout).toContain(`新增 0 件，更新 0 件，未变化 ${lines.length} 件`)
      expect(await letters(env, realBox)).toHaveLength(lines.length)
    },
    300_000,
  )
})
