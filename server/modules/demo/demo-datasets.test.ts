import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { makeColumn, makePortal } from '../../test/factories'
import { demoDatasets, seedDemoDatasets } from './demo-datasets'

let t: TestApp
const HOST = 'www.demo-datasets.gov.cn'

beforeAll(async () => {
  t = await buildTestApp()
  const portal = await makePortal(t.core, { hosts: [HOST] })
  await makeColumn(t.core, portal, { name: '便民信息', slug: 'bmxx' })
  await seedDemoDatasets(t.core, portal.id)
})
afterAll(async () => t.close())

describe(`demo 便民数据库 (${TEST_DIALECT})`, () => {
  it('seeds valid, fictional datasets and a 便民查询 column listing them', async () => {
    const list = (await t.app.inject({ url: '/api/v1/datasets' })).json().data as {
      code: string
      rowCount: number
    }[]
    expect(list.map((d) => d.code)).toEqual(['yljg', 'xxml', 'bsdh'])
    for (const d of list) expect(d.rowCount).toBeGreaterThan(20)
    expect(JSON.stringify(demoDatasets())).toContain('0399-')
    const index = await t.app.inject({ url: '/bmxx/bmcx/', headers: { host: HOST } })
    expect(index.statusCode).toBe(200)
    expect(index.body).toContain('<a href="/bmxx/bmcx/yljg/">医疗机构名录</a>')
    const q = encodeURIComponent('卫生院')
    const page = await t.app.inject({
      url: `/bmxx/bmcx/yljg/search.html?q=${q}`,
      headers: { host: HOST },
    })
    expect(page.body).toContain('找到 <strong>10</strong> 条符合条件的数据')
  })
})
