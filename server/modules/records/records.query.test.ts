import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { systemCtx } from '../../test/factories'
import { fakeIdNumber, fakeName, fakeRecordsCsv } from './records.fake'
import { lockMs } from './records.query'
import { makeRecordsSet } from './records.test-helpers'
import { recordsRepository, type RecordsSet } from './records.repository'

let t: TestApp
let set: RecordsSet
let ip = 0

const query = (code: string, body: Record<string, string>, remoteAddress?: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/records/${code}/query`,
    payload: body,
    remoteAddress: remoteAddress ?? `10.61.0.${(++ip % 250) + 1}`,
  })
const person = (i: number) => ({ idNumber: fakeIdNumber(i), name: fakeName(i), secret: `pw${i}` })

async function auditOf(idHash: string) {
  const { rows } = await recordsRepository.listQueries(
    t.core.deps.db,
    { setIds: [set.id], idHash },
    { offset: 0, limit: 100 },
  )
  return rows.map((r) => r.outcome)
}

beforeAll(async () => {
  t = await buildTestApp({ captcha: 'off' })
  set = await makeRecordsSet(t, { people: 30, months: 3 })
})
afterAll(async () => t.close())

describe(`records queries (${TEST_DIALECT})`, () => {
  it('lists the enabled sets with their second factor', async () => {
    const res = await t.app.inject({ url: '/api/v1/records' })
    expect(res.statusCode).toBe(200)
    expect(res.json().data).toContainEqual(
      expect.objectContaining({ code: set.code, name: set.name, secondFactor: 'password' }),
    )
  })

  it('answers only that person’s rows, with the ID number and name masked, never cached', async () => {
    const p = person(3)
    const res = await query(set.code, p)
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['x-robots-tag']).toContain('noindex')
    const data = res.json().data
    expect(data.idNumber).toBe(`${p.idNumber.slice(0, 4)}**********${p.idNumber.slice(-4)}`)
    expect(data.name).toBe('测**')
    expect(data.rows).toHaveLength(3)
    expect(data.rows[0]).toEqual({ month: '2026-10', paid: '103.00', balance: '203.00' })
    expect(res.body).not.toContain(p.idNumber)
    expect(res.body).not.toContain(p.name)
    expect(await auditOf(t.core.records.keys().idHash(p.idNumber))).toEqual(['found'])
  })

  it('refuses a malformed ID number with 400 before looking anything up', async () => {
    const bad = `${fakeIdNumber(4).slice(0, 17)}${fakeIdNumber(4)[17] === '1' ? '2' : '1'}`
    const res = await query(set.code, { ...person(4), idNumber: bad })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('invalid_id_number')
    const hash = t.core.records.keys().idHash(bad)
    expect(await recordsRepository.getAttempt(t.core.deps.db, hash)).toBeNull()
    expect(await auditOf(hash)).toEqual(['invalid_id'])
    const birth = await query(set.code, { ...person(4), idNumber: '420602209913320011' })
    expect(birth.statusCode).toBe(400)
  })

  it('answers 404 alike for an unknown person, a wrong name and a wrong password', async () => {
    const p = person(5)
    const wrongs = [
      { ...p, idNumber: fakeIdNumber(999_999) },
      { ...p, name: '测试癸' },
      { ...p, secret: 'nope' },
    ]
    const bodies = []
    for (const w of wrongs) {
      const res = await query(set.code, w)
      expect(res.statusCode).toBe(404)
      bodies.push(res.json())
    }
    expect(bodies[1]).toEqual(bodies[2])
    expect(bodies[0].error.code).toBe('records_no_match')
    expect((await query('no-such-set', p)).statusCode).toBe(404)
  })

  it('locks an ID number after five failures, even for the right answer, with a growing delay', async () => {
    const p = person(6)
    for (let i = 0; i < 5; i++) {
      expect((await query(set.code, { ...p, secret: `wrong${i}` })).statusCode).toBe(404)
    }
    const locked = await query(set.code, p)
    expect(locked.statusCode).toBe(429)
    expect(locked.json().error.code).toBe('records_locked')
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0)
    const hash = t.core.records.keys().idHash(p.idNumber)
    expect(await auditOf(hash)).toEqual(['locked', ...Array(5).fill('no_match')])
    expect(lockMs(5)).toBe(5 * 60_000)
    expect(lockMs(6)).toBe(10 * 60_000)
    expect(lockMs(100)).toBe(24 * 3600_000)
    // Once the lock has run out, the right answer gets through and clears the count.
    await recordsRepository.lockUntil(
      t.core.deps.db,
      hash,
      new Date(Date.now() - 1000).toISOString(),
    )
    expect((await query(set.code, p)).statusCode).toBe(200)
    expect(await recordsRepository.getAttempt(t.core.deps.db, hash)).toBeNull()
  })

  it('limits queries per address', async () => {
    const statuses = []
    for (let i = 0; i < 21; i++) {
      statuses.push((await query(set.code, { ...person(7), secret: 'x' }, '10.62.0.1')).statusCode)
    }
    expect(statuses.at(-1)).toBe(429)
  })

  it('switches to a new version atomically and restores the previous one', async () => {
    const s = await makeRecordsSet(t, { people: 5, months: 1 })
    const first = s.currentVersionId
    const old = person(2)
    expect((await query(s.code, old)).statusCode).toBe(200)
    // The new export has other people (100–104) and a different password for person 2's ID.
    const csv = fakeRecordsCsv({ kind: 'pension', secondFactor: 'password', people: 5, first: 100 })
    const { version } = await t.core.records.importVersion(systemCtx, {
      setId: s.id,
      bytes: Buffer.from(csv),
      fileName: 'v2.csv',
    })
    expect((await query(s.code, old)).statusCode).toBe(404)
    expect((await query(s.code, person(101))).statusCode).toBe(200)
    const bad = `${csv}${fakeIdNumber(1)},测试乙,pw,2026-01,x,1\n`
    await expect(
      t.core.records.importVersion(systemCtx, {
        setId: s.id,
        bytes: Buffer.from(bad),
        fileName: 'bad.csv',
      }),
    ).rejects.toMatchObject({ status: 400, code: 'records_import_invalid' })
    const versions = await t.core.records.listVersions(systemCtx, s.id)
    expect(versions.map((v) => v.state)).toEqual(['ready', 'ready'])
    expect((await t.core.records.getSet(systemCtx, s.id)).currentVersionId).toBe(version.id)

    await t.core.records.activateVersion(systemCtx, s.id, first ?? 0)
    expect((await query(s.code, old)).statusCode).toBe(200)
    expect((await query(s.code, person(101))).statusCode).toBe(404)
  })
})
