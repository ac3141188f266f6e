/**
 * Letter handling benchmark, in process on SQLite: 5,000 letters taken in, 1,000 of them driven
 * through the whole handling (accept + assign → sign → reply → approve: four transactions each),
 * then the admin's inbox, badge counts, a letter's detail and the statistics timed over them.
 * Run alone: `npx tsx bench/letters-handling.bench.ts`.
 */
import { pathToFileURL } from 'node:url'
import { buildTestApp } from '../server/test/build-test-app'
import { makeChannel, makePortal, makeUser, systemCtx, userCtx } from '../server/test/factories'
import { mailboxRepository } from '../server/modules/letters/mailbox.repository'
import type { LetterType } from '../common/letters'

export interface LettersHandlingResult {
  letters: number
  intakePerSec: number
  handled: number
  handledPerSec: number
  inboxMs: number
  overdueMs: number
  countsMs: number
  detailMs: number
  statisticsMs: number
}

const TYPES: LetterType[] = ['consult', 'complaint', 'suggestion', 'help', 'other']

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? 0
}

async function timed(runs: number, f: () => Promise<unknown>): Promise<number> {
  const ms: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await f()
    ms.push(performance.now() - t0)
  }
  return median(ms)
}

export async function benchLettersHandling(
  total = 5_000,
  handled = 1_000,
): Promise<LettersHandlingResult> {
  const t = await buildTestApp({ captcha: 'off' })
  try {
    const core = t.core
    const portal = await makePortal(core)
    const units = []
    for (let i = 0; i < 10; i++) units.push(await makeChannel(core, portal))
    await mailboxRepository.insert(core.deps.db, {
      siteId: portal.id,
      code: 'bench',
      name: '县长信箱',
    })
    const desk = await userCtx(
      core,
      (await makeUser(core, [{ siteId: portal.id, role: 'admin' }])).id,
    )

    const ids: number[] = []
    const t0 = performance.now()
    for (let i = 0; i < total; i++) {
      const r = await core.letterIntake.submit({
        mailbox: 'bench',
        type: TYPES[i % TYPES.length] as LetterType,
        subject: `关于第${i}号小区物业服务问题的反映`,
        body: `小区物业服务存在问题，编号 ${i}，希望有关部门协调解决。`.repeat(4),
        name: '测试来信人',
        mobile: `139${String(i).padStart(8, '0')}`,
      })
      ids.push(r.letterId)
    }
    const intakePerSec = total / ((performance.now() - t0) / 1000)

    const t1 = performance.now()
    for (let i = 0; i < handled; i++) {
      const id = ids[i] as number
      const unit = units[i % units.length]!
      await core.letters.act(systemCtx, id, 'accept', { unitSiteId: unit.id })
      await core.letters.act(systemCtx, id, 'sign', {})
      await core.letters.act(systemCtx, id, 'submit_reply', { reply: '经核查，已协调物业整改。' })
      await core.letters.act(systemCtx, id, 'approve_reply', {})
    }
    const handledPerSec = handled / ((performance.now() - t1) / 1000)

    const inboxMs = await timed(30, () => core.letterRead.list(desk, { box: 'all' }))
    const overdueMs = await timed(30, () =>
      core.letterRead.list(desk, { box: 'screening', due: 'overdue', q: '物业' }),
    )
    const countsMs = await timed(30, () => core.letterRead.counts(desk))
    const detailMs = await timed(30, () => core.letterRead.detail(desk, ids[0] as number))
    const statisticsMs = await timed(10, () =>
      core.letterStats.statistics(desk, { groupBy: 'unit' }),
    )
    return {
      letters: total,
      intakePerSec,
      handled,
      handledPerSec,
      inboxMs,
      overdueMs,
      countsMs,
      detailMs,
      statisticsMs,
    }
  } finally {
    await t.close()
  }
}

export function lettersHandlingLines(r: LettersHandlingResult): string[] {
  const f = (ms: number) => `${ms.toFixed(1)} ms`
  return [
    `- In process (services, no HTTP), ${r.letters.toLocaleString('en')} letters: intake **${r.intakePerSec.toFixed(0)} letters/s**; full handling of ${r.handled.toLocaleString('en')} (accept + assign, sign, reply, approve — four transactions each, stages and events written) **${r.handledPerSec.toFixed(0)} letters/s**`,
    `- Admin reads (median): inbox first page ${f(r.inboxMs)}; screening box with overdue filter and keyword ${f(r.overdueMs)}; badge counts ${f(r.countsMs)}; a letter's detail ${f(r.detailMs)}; statistics by unit over all letters ${f(r.statisticsMs)}`,
  ]
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await benchLettersHandling()
  console.log(lettersHandlingLines(r).join('\n'))
}
