import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { login, makePortal, makeUser, systemCtx } from '../../test/factories'
import type { Site } from '../sites/site.repository'
import { makeDataset } from './dataset.test-helpers'

let t: TestApp
let portal: Site
let session: Awaited<ReturnType<typeof login>>

async function xlsx(rows: unknown[][], merge?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('数据')
  for (const r of rows) ws.addRow(r)
  if (merge) ws.mergeCells(merge)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** Uploads a file the way the admin does (multipart, `file` field). */
async function upload(id: number, bytes: Buffer, name: string, mode = 'replace') {
  const boundary = '----zqtest'
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  )
  const payload = Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)])
  return t.app.inject({
    method: 'POST',
    url: `/api/admin/datasets/${id}/import?mode=${mode}`,
    headers: { ...session.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  })
}
const count = async (id: number) => (await t.core.datasets.get(systemCtx, id)).rowCount

beforeAll(async () => {
  t = await buildTestApp()
  portal = await makePortal(t.core)
  const u = await makeUser(t.core, [{ siteId: portal.id, role: 'editor' }])
  session = await login(t, u.username, u.password, '10.22.0.1')
})
afterAll(async () => t.close())

describe(`dataset import and export (${TEST_DIALECT})`, () => {
  it('maps headers by label or key, keeps typed cells, skips empty rows', async () => {
    const ds = await makeDataset(t.core, portal.id)
    const file = await xlsx([
      ['机构名称', 'kind', ' 所在 乡镇 ', '床位数', '开业日期', '联系电话'],
      ['示例县人民医院', '综合医院', '城关镇', 520, new Date(Date.UTC(1952, 4, 1)), '0826-1234567'],
      [],
      ['青山镇卫生院', '卫生院', '青山镇', '40', '2001/9/1', 13800000001],
    ])
    const res = await upload(ds.id, file, '医疗机构.xlsx')
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().data).toEqual({ imported: 2, skipped: 1, total: 2 })
    const rows = await t.core.datasetRows.list(systemCtx, ds.id, {})
    expect(rows.data.map((r) => r.values)).toEqual([
      {
        name: '示例县人民医院',
        kind: '综合医院',
        town: '城关镇',
        beds: '520',
        opened: '1952-05-01',
        phone: '0826-1234567',
      },
      {
        name: '青山镇卫生院',
        kind: '卫生院',
        town: '青山镇',
        beds: '40',
        opened: '2001-09-01',
        phone: '13800000001',
      },
    ])
    // Append adds; replace starts over.
    await upload(ds.id, file, 'a.xlsx', 'append')
    expect(await count(ds.id)).toBe(4)
    await upload(ds.id, file, 'a.xlsx', 'replace')
    expect(await count(ds.id)).toBe(2)
  })

  it('refuses a file with wrong cells, naming every row, and imports nothing', async () => {
    const ds = await makeDataset(t.core, portal.id)
    await t.core.datasetRows.create(systemCtx, ds.id, { name: '原有数据' })
    const file = await xlsx(
      [
        ['机构名称', '机构类别', '床位数', '开业日期', '联系电话'],
        ['甲医院', '综合医院', '100', '2020-01-01', '0826-1234567'],
        ['乙医院', '药店', '很多', '2020-02-30', '12'],
        ['', '诊所', '3', '', ''],
        ['丙医院', '诊所', '5', '', '110'],
        ['丁医院', '诊所', '6', '', '110'],
      ],
      'B5:B6',
    )
    const res = await upload(ds.id, file, 'bad.xlsx')
    expect(res.statusCode).toBe(400)
    const err = res.json().error
    expect(err.code).toBe('dataset_import_invalid')
    expect(err.message).toContain('未导入任何数据')
    expect(err.fields['rows.3']).toBe(
      '第 3 行：“机构类别”应为以下选项之一：综合医院、中医医院、卫生院、诊所，实为“药店”；“床位数”应为数字（如 120 或 3.5），实为“很多”；“开业日期”应为日期（如 2024-03-01），实为“2020-02-30”；“联系电话”应为电话（如 0826-1234567 或 13800000000），实为“12”',
    )
    expect(err.fields['rows.4']).toBe('第 4 行：“机构名称”不能为空')
    expect(err.fields['rows.5']).toContain('B5:B6 是合并单元格')
    expect(err.fields['rows.2']).toBeUndefined()
    expect(await count(ds.id)).toBe(1)
    const rows = await t.core.datasetRows.list(systemCtx, ds.id, {})
    expect(rows.data.map((r) => r.values.name)).toEqual(['原有数据'])
  })

  it('refuses unknown and duplicated headers, missing required columns, cells without a header', async () => {
    const ds = await makeDataset(t.core, portal.id)
    const res = await upload(
      ds.id,
      await xlsx([
        ['名称', '机构类别', 'kind', '电话号码'],
        ['甲', '诊所', '诊所', '110', '', '多余'],
      ]),
      'x.xlsx',
    )
    expect(res.statusCode).toBe(400)
    const f = res.json().error.fields
    expect(f['header.1']).toContain('表头 A1“名称”不是本数据库的字段')
    expect(f['header.3']).toContain('表头 C1“kind”与 B1 是同一个字段')
    expect(f['header.4']).toContain('D1“电话号码”')
    expect(f['header.missing']).toBe('第 1 行：缺少必填字段的列：机构名称')
    expect(f['rows.2']).toBe('第 2 行：F2 有内容但该列没有表头')
    const empty = await upload(ds.id, await xlsx([['机构名称']]), 'e.xlsx')
    expect(empty.json().error.code).toBe('dataset_import_empty')
    const xls = await upload(ds.id, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), 'old.xls')
    expect(xls.json().error.message).toContain('不支持旧版 .xls')
    expect(await count(ds.id)).toBe(0)
  })

  it('reads CSV in UTF-8 (with BOM) and in GB18030, quoted commas and all', async () => {
    const ds = await makeDataset(t.core, portal.id)
    const text =
      '机构名称,联系电话,所在乡镇\r\n"县医院, 东院",0826-1234567,城关镇\r\n,,\r\n𠮷祥诊所,12345,青山镇\r\n'
    const utf8 = await upload(
      ds.id,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
      'a.csv',
    )
    expect(utf8.json().data).toEqual({ imported: 2, skipped: 1, total: 2 })
    const names = (await t.core.datasetRows.list(systemCtx, ds.id, {})).data.map(
      (r) => r.values.name,
    )
    expect(names.sort()).toEqual(['县医院, 东院', '𠮷祥诊所'].sort())
    // 县医院 in GB18030, then a phone number that stays text (leading zero kept).
    const gbk = Buffer.concat([
      Buffer.from('机构名称,联系电话\n'.replace(/机构名称/, 'name').replace(/联系电话/, 'phone')),
      Buffer.from([0xcf, 0xd8, 0xd2, 0xbd, 0xd4, 0xba]),
      Buffer.from(',08261234567\n'),
    ])
    const res = await upload(ds.id, gbk, 'gbk.csv')
    expect(res.statusCode, res.body).toBe(200)
    const rows = await t.core.datasetRows.list(systemCtx, ds.id, {})
    expect(rows.data[0]?.values).toEqual({ name: '县医院', phone: '08261234567' })
  })

  it('exports every row as xlsx that imports back unchanged', async () => {
    const ds = await makeDataset(t.core, portal.id)
    const rows = Array.from({ length: 1500 }, (_, i) => [
      `机构${String(i).padStart(4, '0')}`,
      i % 2 ? '诊所' : '卫生院',
      i,
      '2020-01-02',
    ])
    const file = await xlsx([['机构名称', '机构类别', '床位数', '开业日期'], ...rows])
    expect((await upload(ds.id, file, 'big.xlsx')).json().data.total).toBe(1500)
    const exp = await t.app.inject({
      url: `/api/admin/datasets/${ds.id}/export.xlsx`,
      headers: session.headers,
    })
    expect(exp.statusCode).toBe(200)
    expect(exp.headers['content-disposition']).toContain(encodeURIComponent('医疗机构名录.xlsx'))
    const back = await upload(ds.id, exp.rawPayload, 'back.xlsx')
    expect(back.json().data).toEqual({ imported: 1500, skipped: 0, total: 1500 })
    const filtered = await t.core.datasetRows.list(systemCtx, ds.id, {
      kind: '诊所',
      beds_from: 1000,
    })
    expect(filtered.total).toBe(250)
  })
})
