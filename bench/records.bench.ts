/**
 * Personal records benchmark, in process on SQLite: a 1,000,000-person export (one CSV line
 * each) imported as a version of a pension set — read, every row checked (ID checksum and
 * birth date, name, amounts), hashed, written under a staging version and switched in — then
 * personal queries timed through the service and through HTTP (`app.inject`: routing, schema,
 * rate limit, presenter), each also writing its audit row. Goals (issue 6): import < 60 s,
 * query p99 < 20 ms. Run alone: `npx tsx bench/records.bench.ts [people]`.
 */
import { pathToFileURL } from 'node:url'
import { buildTestApp } from '../server/test/build-test-app'
import { systemCtx } from '../server/test/factories'
import { fakeIdNumber, fakeName, fakeRecordsCsv } from '../server/modules/records/records.fake'

export interface RecordsBenchResult {
  people: number
  csvMb: number
  importMs: number
  /** CPU time of the import (user + system): what it costs on a machine that is not shared. */
  importCpuMs: number
  service: { p50: number; p99: number; n: number }
  /** CPU time per service query (user + system): the cost without waiting for a core. */
  serviceCpu: { p50: number; p99: number; n: number }
  http: { p50: number; p99: number; n: number }
  noMatch: { p50: number; p99: number; n: number }
  rssMb: number
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))] ?? 0
}

const stats = (ms: number[]) => ({ p50: pct(ms, 50), p99: pct(ms, 99), n: ms.length })

export async function benchRecords(
  people = 1_000_000,
  queries = 2_000,
): Promise<RecordsBenchResult> {
  const t = await buildTestApp({ captcha: 'off' })
  try {
    const core = t.core
    const set = await core.records.createSet(systemCtx, {
      code: 'bench-pension',
      name: '养老保险缴费查询',
      kind: 'pension',
      siteId: null,
      unitName: '基准测试',
      secondFactor: 'password',
    })
    const csv = Buffer.from(
      fakeRecordsCsv({ kind: 'pension', secondFactor: 'password', people, months: 1 }),
    )
    const t0 = performance.now()
    const cpu0 = process.cpuUsage()
    await core.records.importVersion(systemCtx, {
      setId: set.id,
      bytes: csv,
      fileName: 'bench.csv',
    })
    const importMs = performance.now() - t0
    const cpu = process.cpuUsage(cpu0)
    const importCpuMs = (cpu.user + cpu.system) / 1000
    const rssMb = process.memoryUsage().rss / 1048576

    const pick = (k: number) => Math.floor((k * 7919 + 13) % people)
    const ask = (i: number, secret = `pw${i % 1_000_000}`) => ({
      setCode: set.code,
      idNumber: fakeIdNumber(i),
      name: fakeName(i),
      secret,
      ip: '127.0.0.1',
    })
    for (let k = 0; k < 100; k++) await core.recordsQuery.query(ask(pick(k))) // warm up
    const service: number[] = []
    const serviceCpu: number[] = []
    for (let k = 0; k < queries; k++) {
      const q = ask(pick(k + 100))
      const c = process.cpuUsage()
      const s = performance.now()
      await core.recordsQuery.query(q)
      service.push(performance.now() - s)
      const used = process.cpuUsage(c)
      serviceCpu.push((used.user + used.system) / 1000)
    }
    const http: number[] = []
    for (let k = 0; k < queries; k++) {
      const i = pick(k + 5_000)
      const s = performance.now()
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/records/${set.code}/query`,
        payload: { idNumber: fakeIdNumber(i), name: fakeName(i), secret: `pw${i % 1_000_000}` },
        remoteAddress: `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}`,
      })
      http.push(performance.now() - s)
      if (res.statusCode !== 200) throw new Error(`query answered ${res.statusCode}`)
    }
    const noMatch: number[] = []
    for (let k = 0; k < Math.min(queries, 1000); k++) {
      const s = performance.now()
      await core.recordsQuery.query(ask(pick(k + 9_000), 'wrong')).catch(() => undefined)
      noMatch.push(performance.now() - s)
    }
    return {
      people,
      csvMb: csv.length / 1048576,
      importMs,
      importCpuMs,
      service: stats(service),
      serviceCpu: stats(serviceCpu),
      http: stats(http),
      noMatch: stats(noMatch),
      rssMb,
    }
  } finally {
    await t.close()
  }
}

export function recordsBenchLines(r: RecordsBenchResult): string[] {
  const f = (ms: number) => `${ms.toFixed(2)} ms`
  const q = (s: RecordsBenchResult['service']) => `p50 ${f(s.p50)} / p99 **${f(s.p99)}** (${s.n})`
  return [
    `- SQLite, in process: import of ${r.people.toLocaleString('en')} people (${r.csvMb.toFixed(0)} MB CSV, every row checked and hashed, staged then switched in) **${(r.importMs / 1000).toFixed(1)} s** wall, ${(r.importCpuMs / 1000).toFixed(1)} s CPU (goal < 60 s); RSS after import ${r.rssMb.toFixed(0)} MB`,
    `- Personal query with ${r.people.toLocaleString('en')} records loaded (ID check, lookup by (version, ID hash), name and password compared, audit row written): service ${q(r.service)} (CPU time per query p50 ${f(r.serviceCpu.p50)} / p99 ${f(r.serviceCpu.p99)}); over HTTP (\`app.inject\`) ${q(r.http)}; wrong password ${q(r.noMatch)} (goal p99 < 20 ms)`,
  ]
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const people = Number(process.argv[2] ?? 1_000_000)
  const r = await benchRecords(people)
  console.log(recordsBenchLines(r).join('\n'))
}
