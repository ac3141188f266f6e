import type { RecordsKind, RecordsSecondFactor } from '../../../common/records'
import type { TestApp } from '../../test/build-test-app'
import { systemCtx } from '../../test/factories'
import { fakeRecordsCsv } from './records.fake'
import type { RecordsSet } from './records.repository'

let n = 0

/** A records set with `people` fictional people imported (passwords `pw<i>`, mobiles 139…). */
export async function makeRecordsSet(
  t: TestApp,
  options: {
    kind?: RecordsKind
    secondFactor?: RecordsSecondFactor
    people?: number
    months?: number
    siteId?: number | null
  } = {},
): Promise<RecordsSet> {
  const kind = options.kind ?? 'pension'
  const secondFactor = options.secondFactor ?? 'password'
  const set = await t.core.records.createSet(systemCtx, {
    code: `rs-${process.pid}-${++n}`,
    name: `测试${kind}查询${n}`,
    kind,
    siteId: options.siteId ?? null,
    unitName: '测试县人力资源和社会保障局',
    secondFactor,
  })
  const csv = fakeRecordsCsv({
    kind,
    secondFactor,
    people: options.people ?? 20,
    months: options.months ?? 3,
  })
  await t.core.records.importVersion(systemCtx, {
    setId: set.id,
    bytes: Buffer.from(csv),
    fileName: 'test.csv',
  })
  return t.core.records.getSet(systemCtx, set.id)
}
