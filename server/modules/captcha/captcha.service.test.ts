import { createChallenge } from 'altcha-lib'
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Deps } from '../../core-deps'
import { openDatabase, type Database } from '../../db/database'
import { isAppError } from '../../errors'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { CAPTCHA_KEY_SETTING, captchaRepository } from './captcha.repository'
import { CAPTCHA_TTL_MS, CaptchaService } from './captcha.service'
import { decodePayload, encodePayload, solveToPayload } from './captcha.test-helpers'

/** The AppError a promise rejects with (fails the test when it resolves or throws otherwise). */
async function refusal(
  p: Promise<unknown>,
): Promise<{ status: number; code: string; message: string }> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  )
  if (!isAppError(err)) throw new Error(`expected an AppError, got ${String(err)}`)
  return { status: err.status, code: err.code, message: err.message }
}

/** A second database handle on the test database: what another process or instance has. */
function openSecond(t: TestApp): Database {
  return openDatabase({ dataDir: t.dataDir, databaseUrl: t.config.databaseUrl, poolSize: 2 })
}

/**
 * Where a rival process runs *overlapping* transactions. PostgreSQL: its own pool. SQLite: the
 * same connection, because two connections cannot contend inside one process (better-sqlite3
 * waits for a lock synchronously, so the holder could never finish); real SQLite workers are
 * separate processes, and one writer at a time makes insert-if-absent atomic there.
 */
const rivalDb = (t: TestApp, second: Database) =>
  TEST_DIALECT === 'postgres' ? second.db : t.core.deps.db

describe(`CaptchaService (${TEST_DIALECT})`, () => {
  let t: TestApp
  let captcha: CaptchaService
  let second: Database

  beforeAll(async () => {
    t = await buildTestApp()
    captcha = t.core.captcha
    second = openSecond(t)
  })
  afterAll(async () => {
    await second.close()
    await t.close()
  })

  it('accepts a solved challenge once, then refuses it as replayed', async () => {
    const payload = await solveToPayload(await captcha.challenge())
    await expect(captcha.verify(payload)).resolves.toBeUndefined()
    expect(await refusal(captcha.verify(payload))).toEqual({
      status: 400,
      code: 'captcha_replayed',
      message: '该验证已使用，请重新完成人机验证',
    })
  })

  it('issues signed, expiring PBKDF2 challenges and keeps the key in the setting table', async () => {
    const c = await captcha.challenge()
    expect(c.parameters.algorithm).toBe('PBKDF2/SHA-256')
    expect(c.signature).toMatch(/^[0-9a-f]{64}$/)
    expect(c.parameters.keySignature).toMatch(/^[0-9a-f]{64}$/)
    const ttl = (c.parameters.expiresAt ?? 0) * 1000 - Date.now()
    expect(ttl).toBeGreaterThan(CAPTCHA_TTL_MS - 5_000)
    expect(ttl).toBeLessThanOrEqual(CAPTCHA_TTL_MS)
    const key = await captchaRepository.getKey(t.core.deps.db)
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/)
    // The stored key is a master key: what is sent to browsers never contains it.
    expect(JSON.stringify(c)).not.toContain(key)
  })

  it('refuses a missing payload as captcha_required', async () => {
    for (const payload of [undefined, '']) {
      expect(await refusal(captcha.verify(payload))).toEqual({
        status: 400,
        code: 'captcha_required',
        message: '请完成人机验证',
      })
    }
  })

  it('refuses tampered, malformed, foreign and test-mode payloads as captcha_invalid', async () => {
    const good = decodePayload(await solveToPayload(await captcha.challenge()))
    const foreign = await createChallenge({
      algorithm: 'PBKDF2/SHA-256',
      cost: 10,
      counter: 3,
      deriveKey,
      expiresAt: new Date(Date.now() + 60_000),
      hmacSignatureSecret: 'not-our-key',
      hmacKeySignatureSecret: 'not-our-key-either',
    })
    const bad = [
      // Easier work claimed: the signature no longer matches.
      encodePayload({
        ...good,
        challenge: { ...good.challenge, parameters: { ...good.challenge.parameters, cost: 1 } },
      }),
      // Wrong answer.
      encodePayload({ ...good, solution: { counter: 1, derivedKey: '00'.repeat(32) } }),
      // No signature at all.
      encodePayload({ ...good, challenge: { parameters: good.challenge.parameters } }),
      // Solved, but issued with someone else's key.
      await solveToPayload(foreign),
      // The widget's `test` mode.
      encodePayload({ challenge: null, solution: null, test: true }),
      'not base64 json',
      encodePayload([1, 2, 3]),
      'A'.repeat(5000),
    ]
    for (const payload of bad) {
      const r = await refusal(captcha.verify(payload))
      expect(r, payload.slice(0, 40)).toEqual({
        status: 400,
        code: 'captcha_invalid',
        message: '人机验证未通过，请重试',
      })
    }
    // None of them used up the genuine challenge.
    await expect(captcha.verify(encodePayload(good))).resolves.toBeUndefined()
  })

  it('refuses an expired challenge as captcha_expired', async () => {
    const past = new CaptchaService(t.core.deps, { now: () => Date.now() - 2 * CAPTCHA_TTL_MS })
    const payload = await solveToPayload(await past.challenge())
    expect(await refusal(captcha.verify(payload))).toEqual({
      status: 400,
      code: 'captcha_expired',
      message: '人机验证已过期，请重新完成验证后提交',
    })
  })

  it('binds a challenge issued for a form to that form', async () => {
    const forLetter = await solveToPayload(await captcha.challenge({ formId: 'letter' }))
    expect((await refusal(captcha.verify(forLetter, { formId: 'survey' }))).code).toBe(
      'captcha_invalid',
    )
    await expect(captcha.verify(forLetter, { formId: 'letter' })).resolves.toBeUndefined()
    const unbound = await solveToPayload(await captcha.challenge())
    expect((await refusal(captcha.verify(unbound, { formId: 'letter' }))).code).toBe(
      'captcha_invalid',
    )
  })

  it('uses the captcha up only when the submission transaction commits', async () => {
    const db = t.core.deps.db
    const payload = await solveToPayload(await captcha.challenge())
    await expect(
      db.transaction().execute(async (trx) => {
        await captcha.verify(payload, { trx })
        throw new Error('保存失败')
      }),
    ).rejects.toThrow('保存失败')
    // Rolled back: still good, once.
    await db.transaction().execute((trx) => captcha.verify(payload, { trx }))
    expect((await refusal(captcha.verify(payload))).code).toBe('captcha_replayed')
  })

  it('shares the key across processes: one issues, another verifies and refuses the replay', async () => {
    // A fresh service over its own connection, as in another worker process or app instance.
    const other = new CaptchaService({ ...t.core.deps, db: second.db })
    const payload = await solveToPayload(await captcha.challenge())
    // Its first verification reads the key inside the caller's transaction.
    await second.db.transaction().execute((trx) => other.verify(payload, { trx }))
    expect((await refusal(captcha.verify(payload))).code).toBe('captcha_replayed')
    const theirs = await solveToPayload(await other.challenge())
    await expect(captcha.verify(theirs)).resolves.toBeUndefined()
    expect((await refusal(other.verify(theirs))).code).toBe('captcha_replayed')
  })

  it('lets exactly one of two simultaneous submissions of one payload through', async () => {
    const db2 = rivalDb(t, second)
    const other = new CaptchaService({ ...t.core.deps, db: db2 })
    const payload = await solveToPayload(await captcha.challenge())
    const results = await Promise.allSettled([
      t.core.deps.db.transaction().execute((trx) => captcha.verify(payload, { trx })),
      db2.transaction().execute((trx) => other.verify(payload, { trx })),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const rejected = results.find((r) => r.status === 'rejected')
    expect(isAppError(rejected?.reason) && rejected.reason.code).toBe('captcha_replayed')
  })

  it('purges the replay marks of long-expired challenges only', async () => {
    const db = t.core.deps.db
    const old = new Date(Date.now() - 2 * 3600_000).toISOString()
    await captchaRepository.markUsed(db, 'f'.repeat(64), old)
    const payload = await solveToPayload(await captcha.challenge())
    await captcha.verify(payload)
    expect(await captcha.purgeExpired()).toBeGreaterThanOrEqual(1)
    const left = await db.selectFrom('captcha_used').select('signature').execute()
    expect(left.map((r) => r.signature)).not.toContain('f'.repeat(64))
    expect(left.map((r) => r.signature)).toContain(decodePayload(payload).challenge.signature)
    expect((await refusal(captcha.verify(payload))).code).toBe('captcha_replayed')
  })

  it('does nothing when CAPTCHA=off', async () => {
    const deps: Deps = { ...t.core.deps, config: { ...t.core.deps.config, captcha: 'off' } }
    const off = new CaptchaService(deps)
    expect(off.isEnabled).toBe(false)
    await expect(off.verify(undefined)).resolves.toBeUndefined()
    await expect(off.verify('garbage')).resolves.toBeUndefined()
    expect(off.view('letter')).toMatchObject({ enabled: false, scriptUrl: '' })
  })
})

describe(`CaptchaService key creation (${TEST_DIALECT})`, () => {
  let t: TestApp
  let second: Database

  beforeAll(async () => {
    t = await buildTestApp()
    second = openSecond(t)
  })
  afterAll(async () => {
    await second.close()
    await t.close()
  })

  it('creates one key when two processes issue their first challenges at once', async () => {
    expect(await captchaRepository.getKey(t.core.deps.db)).toBeUndefined()
    const a = new CaptchaService(t.core.deps)
    const b = new CaptchaService({ ...t.core.deps, db: rivalDb(t, second) })
    const [ca, cb] = await Promise.all([a.challenge(), b.challenge()])
    const rows = await t.core.deps.db
      .selectFrom('setting')
      .selectAll()
      .where('key', '=', CAPTCHA_KEY_SETTING)
      .execute()
    expect(rows).toHaveLength(1)
    // Each verifies what the other issued: they signed with the same key.
    await expect(b.verify(await solveToPayload(ca))).resolves.toBeUndefined()
    await expect(a.verify(await solveToPayload(cb))).resolves.toBeUndefined()
  })

  it('refuses a payload before any key exists, without creating one inside the transaction', async () => {
    const fresh = await buildTestApp()
    try {
      const foreign = await createChallenge({
        algorithm: 'PBKDF2/SHA-256',
        cost: 10,
        counter: 2,
        deriveKey,
        expiresAt: new Date(Date.now() + 60_000),
        hmacSignatureSecret: 'x',
        hmacKeySignatureSecret: 'y',
      })
      const payload = await solveToPayload(foreign)
      const code = await fresh.core.deps.db
        .transaction()
        .execute((trx) => refusal(fresh.core.captcha.verify(payload, { trx })))
      expect(code.code).toBe('captcha_invalid')
      expect(await captchaRepository.getKey(fresh.core.deps.db)).toBeUndefined()
    } finally {
      await fresh.close()
    }
  })
})
