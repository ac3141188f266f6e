import { randomBytes } from 'node:crypto'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { login, makeChannel, makePortal, makeUser } from '../../test/factories'
import type { Site } from '../sites/site.repository'
import { fakeIdNumber, fakeName, fakeRecordsCsv } from './records.fake'

let t: TestApp
let portal: Site
let unit: Site
let admin: Record<string, string>
let unitAdmin: Record<string, string>
let editor: Record<string, string>

function multipart(bytes: Buffer, name: string) {
  const boundary = `----zqrec${randomBytes(8).toString('hex')}`
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
          'Content-Type: text/csv\r\n\r\n',
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  }
}

const api = (
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  headers: Record<string, string>,
  payload?: object,
) => t.app.inject({ method, url: `/api/admin${url}`, headers, ...(payload ? { payload } : {}) })

async function upload(
  setId: number,
  headers: Record<string, string>,
  bytes: Buffer,
  name = 'v.csv',
) {
  const body = multipart(bytes, name)
  return t.app.inject({
    method: 'POST',
    url: `/api/admin/records/sets/${setId}/versions`,
    headers: { ...headers, 'content-type': body.contentType },
    payload: body.payload,
  })
}

beforeAll(async () => {
  t = await buildTestApp({ captcha: 'off' })
  portal = await makePortal(t.core)
  unit = await makeChannel(t.core, portal)
  const a = await makeUser(t.core, [{ siteId: null, role: 'admin' }])
  const u = await makeUser(t.core, [{ siteId: unit.id, role: 'admin' }])
  const e = await makeUser(t.core, [{ siteId: unit.id, role: 'editor' }])
  admin = (await login(t, a.username, a.password, '10.70.0.1')).headers
  unitAdmin = (await login(t, u.username, u.password, '10.70.0.2')).headers
  editor = (await login(t, e.username, e.password, '10.70.0.3')).headers
})
afterAll(async () => t.close())

describe(`records admin (${TEST_DIALECT})`, () => {
  it('lets the unit’s admin manage its set, not an editor; uploads and restores versions', async () => {
    const created = await api('POST', '/records/sets', unitAdmin, {
      code: 'hf-admin',
      name: '住房公积金查询',
      kind: 'housing_fund',
      siteId: unit.id,
      unitName: '测试县住房公积金管理中心',
      secondFactor: 'mobile',
    })
    expect(created.statusCode).toBe(201)
    const set = created.json().data
    expect(set).toMatchObject({ secondFactor: 'mobile', mobileDigits: 4, currentVersionId: null })
    expect((await api('GET', '/records/sets', editor)).json().data).toEqual([])
    expect((await api('GET', `/records/sets/${set.id}/versions`, editor)).statusCode).toBe(403)
    const cluster = await api('POST', '/records/sets', unitAdmin, {
      code: 'x-cluster',
      name: 'x',
      kind: 'pension',
      siteId: null,
      unitName: '',
      secondFactor: 'password',
    })
    expect(cluster.statusCode).toBe(403)

    const csv = (first: number) =>
      Buffer.from(
        fakeRecordsCsv({
          kind: 'housing_fund',
          secondFactor: 'mobile',
          people: 8,
          months: 2,
          first,
        }),
      )
    const v1 = await upload(set.id, unitAdmin, csv(0))
    expect(v1.statusCode).toBe(201)
    expect(v1.json().data.version).toMatchObject({ people: 8, lines: 16, isCurrent: true })
    expect((await upload(set.id, editor, csv(0))).statusCode).toBe(403)

    const bad = await upload(set.id, unitAdmin, Buffer.from('身份证号,姓名\n1,2\n'), 'bad.csv')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('records_import_invalid')
    expect(bad.json().error.fields.columns).toContain('缺少列')

    const v2 = await upload(set.id, unitAdmin, csv(50))
    expect(v2.statusCode).toBe(201)
    const versions = (await api('GET', `/records/sets/${set.id}/versions`, unitAdmin)).json().data
    // The refused file never became a version.
    expect(versions.map((v: { isCurrent: boolean }) => v.isCurrent)).toEqual([true, false])
    expect(versions.map((v: { state: string }) => v.state)).toEqual(['ready', 'ready'])
    const missing = await api('POST', `/records/sets/${set.id}/versions/99999/activate`, unitAdmin)
    expect(missing.statusCode).toBe(404)
    const restore = await api(
      'POST',
      `/records/sets/${set.id}/versions/${versions[1].id}/activate`,
      unitAdmin,
    )
    expect(restore.statusCode).toBe(200)
    expect(restore.json().data.currentVersionId).toBe(versions[1].id)

    const audit = await api('GET', `/audit?entity=records_set&entityId=${set.id}`, admin)
    expect(audit.json().data.map((e: { action: string }) => e.action)).toEqual([
      'records.version_activate',
      'records.version_import',
      'records.version_import',
      'records.set_create',
    ])
  })

  it('lists queries with hashed IDs only, finds them by ID number, exports xlsx', async () => {
    const set = (await api('GET', '/records/sets', unitAdmin)).json().data[0]
    const id = fakeIdNumber(3)
    const secret = '00000003'.slice(-4)
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/v1/records/${set.code}/query`,
      payload: { idNumber: id, name: fakeName(3), secret },
      remoteAddress: '10.71.0.1',
    })
    expect(ok.statusCode).toBe(200)
    expect(ok.json().data.rows[0]).toMatchObject({ month: '2026-10' })
    const list = await api('GET', `/records/queries?idNumber=${id}`, unitAdmin)
    expect(list.statusCode).toBe(200)
    const rows = list.json().data
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ outcome: 'found', outcomeLabel: '查询成功', rowCount: 2 })
    expect(rows[0].idHash).toBe(t.core.records.keys().idHash(id))
    expect(list.body).not.toContain(id)
    expect((await api('GET', '/records/queries', editor)).json().data).toEqual([])

    const xlsx = await api('GET', '/records/queries/export.xlsx', unitAdmin)
    expect(xlsx.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    expect(ws?.getRow(1).getCell(3).text).toBe('身份证号哈希')
    expect(ws?.getRow(2).getCell(3).text).toBe(rows[0].idHash)
  })
})
