import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../paths'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { makeChannel, makePortal, systemCtx } from '../../test/factories'
import { workbook } from './service.test-helpers'

// 1,135 real 政务服务事项 of 广安区 (Apache-2.0, v-luobo/zwfw), read in place from ../shared.
const FILE = path.join(
  PROJECT_ROOT,
  '..',
  'shared/data/lexicon/guangan_service_items/guangan_district_service_items.jsonl',
)
const hasData = fs.existsSync(FILE)
if (!hasData) {
  console.warn(`[services] 跳过真实事项导入测试：未找到 ${FILE}（../shared 不在本机）`)
}

interface RealItem {
  department: string
  item_name: string
  link: string
}

let t: TestApp
beforeAll(async () => {
  if (hasData) t = await buildTestApp()
})
afterAll(async () => t?.close())

describe.skipIf(!hasData)(`importing the 1,135 real 广安区 items (${TEST_DIALECT})`, () => {
  it('imports every row in one go, idempotently, and finds overlaps across departments', async () => {
    const items = fs
      .readFileSync(FILE, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as RealItem)
    expect(items).toHaveLength(1135)
    const portal = await makePortal(t.core)
    const departments = [...new Set(items.map((i) => i.department))]
    for (const name of departments) await makeChannel(t.core, portal, { name })
    const bytes = await workbook(
      ['事项名称', '实施主体', '在线办理'],
      items.map((i) => [i.item_name, i.department, i.link]),
    )
    const started = Date.now()
    const result = await t.core.serviceTransfer.importXlsx(systemCtx, bytes)
    expect(result).toEqual({ created: 1135, updated: 0, total: 1135 })
    expect(Date.now() - started).toBeLessThan(60_000)
    // The same file again changes nothing: generated codes are stable per unit and name.
    expect(await t.core.serviceTransfer.importXlsx(systemCtx, bytes)).toEqual({
      created: 0,
      updated: 1135,
      total: 1135,
    })
    const list = await t.core.services.list(systemCtx, { q: '结婚', pageSize: 50 })
    expect(list.data.map((s) => s.name).sort()).toEqual(['结婚登记预约', '补领结婚证'])
    // Names only: every guide lacks the other seven elements.
    expect(list.data[0]?.missingElements).toHaveLength(7)

    // The real catalogue has no two departments with near-equal names (bigram Jaccard ≥ 0.8);
    // a real name entered again by another department is caught.
    const before = (await t.core.serviceChecks.runNow(systemCtx)).report!
    expect(before.items).toBe(1135)
    expect(before.missing).toHaveLength(1135)
    expect(before.overlaps).toEqual([])
    const real = items.find((i) => i.department === '区人社局')!
    const other = (await t.core.sites.list(systemCtx)).find((s) => s.name === '区行政审批局')!
    await t.core.services.create(systemCtx, {
      name: `${real.item_name}（窗口）`,
      unitSiteId: other.id,
      kind: 'other',
      audience: 'both',
    })
    const after = (await t.core.serviceChecks.runNow(systemCtx)).report!
    expect(after.overlaps).toHaveLength(1)
    expect(after.overlaps[0]?.items.map((i) => i.unitName).sort()).toEqual([
      '区人社局',
      '区行政审批局',
    ])
  })
})
