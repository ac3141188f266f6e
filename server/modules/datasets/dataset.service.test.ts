import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChangeEvent } from '../../events'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import {
  adminCall,
  makeChannel,
  makePortal,
  systemCtx,
  signInAs,
  type AdminSession,
} from '../../test/factories'
import type { Role } from '../../../common/permissions'
import type { Site } from '../sites/site.repository'
import { datasetCode, hospitalFields, makeDataset, sampleRows } from './dataset.test-helpers'

let t: TestApp
let portal: Site
let channel: Site
type Session = AdminSession
let clusterAdmin: Session
let siteAdmin: Session
let editor: Session
let channelAdmin: Session
const events: ChangeEvent[] = []

const signIn = (siteId: number | null, role: Role) => signInAs(t, siteId, role)
const call = (
  s: Session | null,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
) => adminCall(t, s, method, url, payload)
const body = (siteId: number | null, extra: object = {}) => ({
  siteId,
  code: datasetCode(),
  name: '学校名录',
  fields: hospitalFields(),
  ...extra,
})

beforeAll(async () => {
  t = await buildTestApp()
  t.bus.subscribe((e) => events.push(e))
  portal = await makePortal(t.core)
  channel = await makeChannel(t.core, portal)
  clusterAdmin = await signIn(null, 'admin')
  siteAdmin = await signIn(portal.id, 'admin')
  editor = await signIn(portal.id, 'editor')
  channelAdmin = await signIn(channel.id, 'admin')
})
afterAll(async () => t.close())

describe(`dataset definitions (${TEST_DIALECT})`, () => {
  it('lets the cluster admin define a cluster-wide dataset, audited and announced', async () => {
    events.length = 0
    const res = await call(clusterAdmin, 'POST', '/datasets', body(null, { name: ' 办事电话 ' }))
    expect(res.statusCode).toBe(201)
    const ds = res.json().data
    expect(ds).toMatchObject({ siteId: null, siteName: '全站群', name: '办事电话', rowCount: 0 })
    expect(ds.fields[1]).toMatchObject({ key: 'kind', type: 'choice', isFilterable: true })
    expect(events).toContainEqual({
      action: 'dataset.change',
      tags: [`dataset:${ds.id}`, 'datasets'],
    })
    const audit = await t.core.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity', '=', 'dataset')
      .where('entity_id', '=', String(ds.id))
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['dataset.create'])
  })

  it('keeps cluster-wide datasets to the cluster admin and site datasets to site admins', async () => {
    expect((await call(null, 'GET', '/datasets')).statusCode).toBe(401)
    expect((await call(siteAdmin, 'POST', '/datasets', body(null))).statusCode).toBe(403)
    expect((await call(editor, 'POST', '/datasets', body(portal.id))).statusCode).toBe(403)
    expect((await call(channelAdmin, 'POST', '/datasets', body(portal.id))).statusCode).toBe(403)
    const own = await call(siteAdmin, 'POST', '/datasets', body(portal.id))
    expect(own.statusCode).toBe(201)
    const id = own.json().data.id
    expect(own.json().data).toMatchObject({ canDefine: true, canEditRows: true })
    // The channel admin neither sees nor changes the portal's dataset.
    expect((await call(channelAdmin, 'GET', `/datasets/${id}`)).statusCode).toBe(403)
    const listed = (await call(channelAdmin, 'GET', '/datasets')).json().data as { id: number }[]
    expect(listed.some((d) => d.id === id)).toBe(false)
    expect(
      (await call(channelAdmin, 'POST', `/datasets/${id}/rows`, { values: { name: '甲' } }))
        .statusCode,
    ).toBe(403)
    // An editor of the site edits rows but not the definition.
    const row = await call(editor, 'POST', `/datasets/${id}/rows`, { values: { name: '甲' } })
    expect(row.statusCode).toBe(201)
    expect((await call(editor, 'PUT', `/datasets/${id}`, body(portal.id))).statusCode).toBe(403)
    expect((await call(editor, 'DELETE', `/datasets/${id}`)).statusCode).toBe(403)
    // Cluster datasets: rows by the cluster admin only.
    const cluster = await makeDataset(t.core, null)
    const r = await call(siteAdmin, 'POST', `/datasets/${cluster.id}/rows`, {
      values: { name: '乙' },
    })
    expect(r.statusCode).toBe(403)
    expect((await call(editor, 'GET', `/datasets/${cluster.id}/rows`)).statusCode).toBe(200)
  })

  it('refuses bad definitions with the field named', async () => {
    const bad = async (fields: object[], extra: object = {}) => {
      const res = await call(clusterAdmin, 'POST', '/datasets', body(null, { fields, ...extra }))
      expect(res.statusCode).toBe(400)
      return res.json().error as { code: string; message: string; fields: Record<string, string> }
    }
    expect((await bad([])).fields.fields).toBe('至少需要一个字段')
    const dup = await bad([
      { key: 'a', label: '甲', type: 'text' },
      { key: 'a', label: '乙', type: 'text' },
    ])
    expect(dup.fields['fields.1.key']).toContain('重复')
    expect(
      (await bad([{ key: 'Name', label: '甲', type: 'text' }])).fields['fields.0.key'],
    ).toBeTruthy()
    expect((await bad([{ key: 'q', label: '甲', type: 'text' }])).fields['fields.0.key']).toContain(
      '保留字',
    )
    expect(
      (await bad([{ key: 'k', label: '类别', type: 'choice', options: [] }])).fields[
        'fields.0.options'
      ],
    ).toContain('至少需要一个选项')
    expect((await bad([{ key: 'k', label: '类别', type: 'colour' }])).code).toBe('invalid')
    expect(
      (await bad([{ key: 'k', label: '甲', type: 'text' }], { orderField: 'zz' })).fields
        .orderField,
    ).toBeTruthy()
    const code = datasetCode()
    expect((await call(clusterAdmin, 'POST', '/datasets', body(null, { code }))).statusCode).toBe(
      201,
    )
    const taken = await call(clusterAdmin, 'POST', '/datasets', body(null, { code }))
    expect(taken.statusCode).toBe(409)
    expect(taken.json().error.code).toBe('dataset_code_taken')
  })

  it('refuses a field change that existing rows do not fit, and applies one they do', async () => {
    const ds = await makeDataset(t.core, null)
    for (const values of sampleRows()) await t.core.datasetRows.create(systemCtx, ds.id, values)
    await t.core.datasetRows.create(systemCtx, ds.id, { name: '某诊所', town: '三十里铺' })
    const fields = hospitalFields()
    const town = fields.find((f) => f.key === 'town')
    if (town) town.type = 'number'
    const refused = await call(clusterAdmin, 'PUT', `/datasets/${ds.id}`, {
      ...body(null, { code: ds.code }),
      fields,
    })
    expect(refused.statusCode).toBe(409)
    const err = refused.json().error
    expect(err.code).toBe('dataset_fields_conflict')
    expect(err.message).toContain('字段“所在乡镇”：现有 5 条数据不符合新的设置')
    expect((await t.core.datasets.get(systemCtx, ds.id)).fields[2]?.type).toBe('text')
    // number → text is always possible; removing a field drops its values; a new filter works.
    const next = hospitalFields()
      .filter((f) => f.key !== 'note')
      .map((f) => (f.key === 'beds' ? { ...f, type: 'text', isFilterable: false } : f))
      .map((f) => (f.key === 'phone' ? { ...f, isFilterable: true } : f))
    const ok = await call(clusterAdmin, 'PUT', `/datasets/${ds.id}`, {
      ...body(null, { code: ds.code }),
      fields: next,
      orderField: 'beds',
      orderDesc: true,
    })
    expect(ok.statusCode).toBe(200)
    const rows = await t.core.datasetRows.list(systemCtx, ds.id, { phone: '12345' })
    expect(rows.total).toBe(1)
    expect(rows.data[0]?.values).toEqual({
      name: 'ＡＢＣ口腔诊所',
      kind: '诊所',
      town: '城关镇',
      beds: '0',
      phone: '12345',
    })
    const all = await t.core.datasetRows.list(systemCtx, ds.id, {})
    expect(all.data.map((r) => r.values.beds ?? '')).toEqual(['520', '40', '300', '0', ''])
    expect(JSON.stringify(all.data)).not.toContain('内部联系人')
  })

  it('checks hand-edited rows field by field', async () => {
    const ds = await makeDataset(t.core, portal.id)
    const res = await call(siteAdmin, 'POST', `/datasets/${ds.id}/rows`, {
      values: { name: '', phone: '12', opened: '2024-02-30', kind: '药店', url: 'javascript:x' },
    })
    expect(res.statusCode).toBe(400)
    const fields = res.json().error.fields
    expect(Object.keys(fields).sort()).toEqual(
      ['values.kind', 'values.name', 'values.opened', 'values.phone', 'values.url'].sort(),
    )
    expect(fields['values.kind']).toContain('综合医院、中医医院、卫生院、诊所')
    const unknown = await call(siteAdmin, 'POST', `/datasets/${ds.id}/rows`, {
      values: { zz: '1' },
    })
    expect(unknown.statusCode).toBe(400)
    const created = await call(siteAdmin, 'POST', `/datasets/${ds.id}/rows`, {
      values: { name: '甲诊所', beds: '1,200', opened: '2024年3月1日', phone: '0826-1234567转801' },
    })
    expect(created.statusCode).toBe(201)
    const row = created.json().data
    expect(row.values).toEqual({
      name: '甲诊所',
      beds: '1200',
      opened: '2024-03-01',
      phone: '0826-1234567转801',
    })
    const upd = await call(siteAdmin, 'PUT', `/datasets/${ds.id}/rows/${row.id}`, {
      values: { name: '乙诊所' },
    })
    expect(upd.json().data.values).toEqual({ name: '乙诊所' })
    expect((await call(siteAdmin, 'DELETE', `/datasets/${ds.id}/rows/${row.id}`)).statusCode).toBe(
      200,
    )
    expect((await call(siteAdmin, 'DELETE', `/datasets/${ds.id}/rows/${row.id}`)).statusCode).toBe(
      404,
    )
    expect((await t.core.datasets.get(systemCtx, ds.id)).rowCount).toBe(0)
  })

  it('queries by keyword (full-width folded), choice, text and range filters', async () => {
    const ds = await makeDataset(t.core, null)
    for (const values of sampleRows()) await t.core.datasetRows.create(systemCtx, ds.id, values)
    const q = async (params: Record<string, string>) =>
      (
        await call(clusterAdmin, 'GET', `/datasets/${ds.id}/rows?${new URLSearchParams(params)}`)
      ).json()
    const names = async (params: Record<string, string>) =>
      (await q(params)).data.map((r: { values: { name: string } }) => r.values.name)
    expect(await names({ q: 'abc' })).toEqual(['ＡＢＣ口腔诊所'])
    // Ordered by name in code-point order on both databases: 中 (U+4E2D) before 人 (U+4EBA).
    expect(await names({ q: '医院 城关' })).toEqual(['示例县中医医院', '示例县人民医院'])
    expect(await names({ kind: '卫生院' })).toEqual(['青山镇卫生院'])
    expect(await names({ town: '城关镇', beds_from: '100' })).toEqual([
      '示例县中医医院',
      '示例县人民医院',
    ])
    expect(await names({ beds_to: '40' })).toEqual(['ＡＢＣ口腔诊所', '青山镇卫生院'])
    expect(await names({ opened_from: '1950-01-01', opened_to: '1960/12/31' })).toEqual([
      '示例县人民医院',
    ])
    expect((await q({ q: '7654321' })).total).toBe(1)
    expect((await q({ q: '%' })).total).toBe(0)
    const bad = await call(clusterAdmin, 'GET', `/datasets/${ds.id}/rows?beds_from=many`)
    expect(bad.statusCode).toBe(400)
    const paged = await q({ pageSize: '3', page: '2' })
    expect(paged.total).toBe(4)
    expect(paged.data).toHaveLength(1)
  })

  it('deletes a dataset with its rows', async () => {
    const ds = await makeDataset(t.core, portal.id)
    await t.core.datasetRows.create(systemCtx, ds.id, { name: '甲' })
    expect((await call(siteAdmin, 'DELETE', `/datasets/${ds.id}`)).statusCode).toBe(200)
    expect((await call(siteAdmin, 'GET', `/datasets/${ds.id}`)).statusCode).toBe(404)
    const left = await t.core.deps.db
      .selectFrom('dataset_row')
      .select('id')
      .where('dataset_id', '=', ds.id)
      .execute()
    expect(left).toHaveLength(0)
  })
})
