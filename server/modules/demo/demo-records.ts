import type { RecordsKind, RecordsSecondFactor } from '../../../common/records'
import type { Core } from '../../core'
import { fakeRecordsCsv } from '../records/records.fake'
import { systemContext } from '../users/actor'

/**
 * The demo county's 个人查询: one set of each kind, filled with clearly fictional people
 * (测试甲, 测试乙 …, valid-checksum ID numbers from `fakeIdNumber`), twelve months each. How to
 * try them (ID numbers, passwords, mobile digits) is in docs/RECORDS.md.
 */
export const DEMO_RECORDS_PASSWORD = 'cx123456'
export const DEMO_RECORDS_PEOPLE = 10

const SETS: {
  code: string
  name: string
  kind: RecordsKind
  site: string
  unitName: string
  secondFactor: RecordsSecondFactor
  description: string
}[] = [
  {
    code: 'yanglaojin',
    name: '养老保险缴费查询',
    kind: 'pension',
    site: 'bm-rsj',
    unitName: '示例县人力资源和社会保障局',
    secondFactor: 'password',
    description: '查询本人城镇职工基本养老保险的逐月缴费和个人账户余额。演示数据，人员均为虚构。',
  },
  {
    code: 'yibao',
    name: '医保个人账户查询',
    kind: 'medical',
    site: 'bm-ybj',
    unitName: '示例县医疗保障局',
    secondFactor: 'mobile',
    description: '查询本人职工医保的逐月缴费、个人账户划入和余额。演示数据，人员均为虚构。',
  },
  {
    code: 'gongjijin',
    name: '住房公积金缴存查询',
    kind: 'housing_fund',
    site: 'bm-gjj',
    unitName: '示例市住房公积金中心示例县管理部',
    secondFactor: 'password',
    description: '查询本人住房公积金的逐月缴存和账户余额。演示数据，人员均为虚构。',
  },
]

/** Creates the three demo sets and a “个人查询” link under the portal's 政务服务. */
export async function seedDemoRecords(core: Core, siteIds: Map<string, number>): Promise<void> {
  const ctx = systemContext('seed')
  for (const [i, s] of SETS.entries()) {
    const set = await core.records.createSet(ctx, {
      code: s.code,
      name: s.name,
      kind: s.kind,
      siteId: siteIds.get(s.site) ?? null,
      unitName: s.unitName,
      secondFactor: s.secondFactor,
      description: s.description,
      sort: i,
    })
    const csv = fakeRecordsCsv({
      kind: s.kind,
      secondFactor: s.secondFactor,
      people: DEMO_RECORDS_PEOPLE,
      months: 12,
      password: () => DEMO_RECORDS_PASSWORD,
    })
    await core.records.importVersion(ctx, {
      setId: set.id,
      bytes: Buffer.from(csv),
      fileName: `${s.name}（演示数据）.csv`,
    })
  }
  const portalId = siteIds.get('sxx')
  if (!portalId) return
  const zwfw = (await core.columns.listBySite(ctx, portalId)).find((c) => c.path === 'zwfw')
  if (!zwfw) return
  await core.columns.create(ctx, portalId, {
    name: '个人查询',
    slug: 'grcx',
    parentId: zwfw.id,
    type: 'link',
    linkUrl: '/records/',
    updateClass: 'asNeeded',
  })
}
