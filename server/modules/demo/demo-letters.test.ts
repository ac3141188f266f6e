import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../test/build-test-app'
import { seedDemo } from './seed-demo'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
  await seedDemo(t.core, { articles: 200 })
}, 120_000)
afterAll(async () => t.close())

describe('demo letters', () => {
  it('leaves synthetic letters in every stage on the 县长信箱, one published', async () => {
    const rows = await t.core.deps.db
      .selectFrom('letter')
      .select(['state', 'published', 'writer_name', 'unit_site_id'])
      .execute()
    expect(rows).toHaveLength(6)
    expect(new Set(rows.map((r) => r.state))).toEqual(
      new Set(['closed', 'answered', 'in_progress', 'assigned', 'submitted']),
    )
    expect(rows.filter((r) => r.published === 1)).toHaveLength(2)
    expect(rows.every((r) => r.writer_name === '示例来信人')).toBe(true)
    expect(rows.filter((r) => r.state !== 'submitted').every((r) => r.unit_site_id !== null)).toBe(
      true,
    )
  })
})
