import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { fakeIdNumber, fakeMobile, fakeName } from '../records/records.fake'
import { DEMO_RECORDS_PASSWORD, seedDemoRecords } from './demo-records'
import { systemCtx } from '../../test/factories'

let t: TestApp

beforeAll(async () => {
  t = await buildTestApp({ captcha: 'off' })
  const portal = await t.core.sites.create(systemCtx, {
    code: 'sxx',
    name: '示例县人民政府',
    kind: 'portal',
    isDefault: true,
  })
  await t.core.columns.create(systemCtx, portal.id, {
    name: '政务服务',
    slug: 'zwfw',
    type: 'list',
    updateClass: 'asNeeded',
  })
  await seedDemoRecords(t.core, new Map([['sxx', portal.id]]))
})
afterAll(async () => t.close())

describe(`demo records (${TEST_DIALECT})`, () => {
  it('has one set of each kind that answers the documented fictional people', async () => {
    const sets = (await t.app.inject({ url: '/api/v1/records' })).json().data
    expect(sets.map((s: { kind: string }) => s.kind)).toEqual([
      'pension',
      'medical',
      'housing_fund',
    ])
    const ask = (code: string, secret: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/records/${code}/query`,
        payload: { idNumber: fakeIdNumber(0), name: fakeName(0), secret },
      })
    const pension = await ask('yanglaojin', DEMO_RECORDS_PASSWORD)
    expect(pension.statusCode).toBe(200)
    expect(pension.json().data.rows).toHaveLength(12)
    expect((await ask('yibao', fakeMobile(0).slice(-4))).statusCode).toBe(200)
    expect((await ask('gongjijin', DEMO_RECORDS_PASSWORD)).statusCode).toBe(200)
    expect(fakeName(0)).toBe('测试甲')
    const link = (await t.app.inject({ url: '/' })).body
    expect(link).toContain('href="/records/"')
  })
})
