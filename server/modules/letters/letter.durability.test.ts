import { spawn, type ChildProcess } from 'node:child_process'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN, ROOT, freshEnv, type CliEnv } from '../../../cli/test-env'
import { buildApp } from '../../app'
import { openDatabase } from '../../db/database'
import { loadConfig } from '../../env'
import { TEST_DIALECT } from '../../test/build-test-app'
import { makePortal } from '../../test/factories'
import { mailboxRepository } from './mailbox.repository'

// An acknowledged letter is never lost: the server is killed (SIGKILL, every process) in the
// middle of 1,000 concurrent submissions, started again, and every 查询码 it handed out is there.

let env: CliEnv
const port = 39_000 + Math.floor(Math.random() * 2000)
const base = `http://127.0.0.1:${port}`

function start(): ChildProcess {
  const child = spawn(process.execPath, [BIN, 'start'], {
    cwd: ROOT,
    detached: true, // its own process group: the kill takes the workers too
    stdio: 'ignore',
    env: {
      ...process.env,
      DATA_DIR: env.dataDir,
      DATABASE_URL: env.databaseUrl ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      WORKERS: '2',
      CAPTCHA: 'off',
      SEED_DEMO: 'off',
      ACCESS_LOG: 'off',
      LOG_LEVEL: 'silent',
      // Each request says it comes from its own address, so the per-address limit is not hit.
      TRUST_PROXY: 'true',
      ZHANQUN_ADMIN_PASSWORD: 'Durability123',
    },
  })
  return child
}

async function waitUp(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('server did not start')
}

beforeAll(async () => {
  env = await freshEnv('zq-letters')
  const config = loadConfig(
    {},
    { dataDir: env.dataDir, databaseUrl: env.databaseUrl, seedDemo: false, logLevel: 'silent' },
  )
  const database = openDatabase({ dataDir: env.dataDir, databaseUrl: env.databaseUrl, poolSize: 2 })
  const built = await buildApp(config, { database, logger: pino({ level: 'silent' }) })
  const portal = await makePortal(built.core)
  await mailboxRepository.insert(built.core.deps.db, {
    siteId: portal.id,
    code: 'xzxx',
    name: '县长信箱',
  })
  await built.app.close()
  await database.close()
})
afterAll(async () => env.dispose())

describe(`letters survive a crash (${TEST_DIALECT})`, () => {
  it('finds every acknowledged 查询码 after SIGKILL during 1,000 concurrent submissions', async () => {
    const server = start()
    await waitUp()
    const acked: { queryCode: string; password: string }[] = []
    let sent = 0
    let killed = false
    const submitOne = async (i: number) => {
      try {
        const res = await fetch(`${base}/api/v1/letters`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-forwarded-for': `10.${i >> 8}.${i & 255}.9`,
          },
          body: JSON.stringify({
            mailbox: 'xzxx',
            type: 'suggestion',
            subject: `关于第${i}号路口增设红绿灯的建议`,
            body: `第${i}号路口车流量大，建议增设红绿灯，保障行人安全。`,
            name: '李四',
            mobile: '13900001111',
            public: false,
          }),
        })
        if (res.status === 201)
          acked.push(((await res.json()) as { data: (typeof acked)[number] }).data)
      } catch {
        // Cut off by the kill: not acknowledged, so not promised.
      }
    }
    const workers = Array.from({ length: 50 }, async () => {
      while (sent < 1000) {
        const i = sent++
        await submitOne(i)
        if (!killed && acked.length >= 300) {
          killed = true
          process.kill(-(server.pid as number), 'SIGKILL')
        }
      }
    })
    await Promise.all(workers)
    expect(killed).toBe(true)
    expect(acked.length).toBeGreaterThanOrEqual(300)
    // Some requests were in flight when the server died: the kill really hit mid-stream.
    expect(acked.length).toBeLessThan(1000)
    console.info(`[durability] ${acked.length} of 1,000 acknowledged before SIGKILL`)

    const again = start()
    try {
      await waitUp()
      // Every acknowledged letter is there, with the password it was given.
      const database = openDatabase({
        dataDir: env.dataDir,
        databaseUrl: env.databaseUrl,
        poolSize: 2,
      })
      try {
        const codes = new Set(
          (await database.db.selectFrom('letter').select('query_code').execute()).map(
            (r) => r.query_code,
          ),
        )
        const missing = acked.filter((a) => !codes.has(a.queryCode))
        expect(missing).toEqual([])
      } finally {
        await database.close()
      }
      for (const a of acked.slice(0, 20)) {
        const res = await fetch(`${base}/api/v1/letters/${a.queryCode}?password=${a.password}`, {
          headers: { 'x-forwarded-for': `10.200.0.${acked.indexOf(a)}` },
        })
        expect(res.status).toBe(200)
      }
    } finally {
      process.kill(-(again.pid as number), 'SIGKILL')
    }
  }, 180_000)
})
