import { createHmac } from 'node:crypto'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { isAppError, type AppError } from '../../errors'
import { fakeIdNumber, fakeRecordsCsv } from './records.fake'
import { decodeText, readCsvSheet, readRecordsSheet } from './records.file'
import { parseMonth, parseMoney, prepareVersion, type ImportShape } from './records.import'
import { maskIdNumber, normaliseName, RecordsKeys, validIdNumber } from './records.keys'

const keys = new RecordsKeys(Buffer.alloc(32, 7))
const pension: ImportShape = { kind: 'pension', secondFactor: 'password', mobileDigits: 4 }
const HEAD = '身份证号,姓名,查询密码,缴费年月,缴费金额,个人账户余额'

function refusal(f: () => unknown): AppError {
  try {
    f()
  } catch (err) {
    if (isAppError(err)) return err
    throw err
  }
  throw new Error('expected a refusal')
}

const prepare = (csv: string, shape = pension) => prepareVersion(readCsvSheet(csv), shape, keys)

describe('records import checks', () => {
  it('groups a person’s months, newest first, and stores no ID number or password', () => {
    const id = fakeIdNumber(1)
    const v = prepare(
      `${HEAD}\n${id},测试甲,pw1,2026-01,100,1000\n${id},测试甲,pw1,2026年2月,"1,100.5",2100\n`,
    )
    expect(v.people).toHaveLength(1)
    expect(v.lines).toBe(2)
    const p = v.people[0]
    expect(p?.rows).toEqual([
      ['2026-02', '1100.50', '2100.00'],
      ['2026-01', '100.00', '1000.00'],
    ])
    expect(JSON.stringify(p)).not.toContain(id)
    expect(JSON.stringify(p)).not.toContain('pw1')
    expect(p?.idHash).toBe(keys.idHash(id))
  })

  it('accepts names with middle dots and characters outside the BMP (𠮷)', () => {
    const v = prepare(
      `${HEAD}\n${fakeIdNumber(2)},艾力•买买提,a,2026-01,1,1\n${fakeIdNumber(3)},𠮷野家,b,2026-01,1,1\n`,
    )
    expect(v.people.map((p) => p.name).sort()).toEqual(['艾力·买买提', '𠮷野家'].sort())
    expect(normaliseName(' 阿依古丽・吐尔逊 ')).toBe('阿依古丽·吐尔逊')
  })

  it('lists every bad row with its number and imports nothing', () => {
    const good = fakeIdNumber(4)
    const badCheck = `${good.slice(0, 17)}${good[17] === '1' ? '2' : '1'}`
    const err = refusal(() =>
      prepare(
        [
          HEAD,
          `${good},测试甲,pw,2026-01,100,1000`,
          `${badCheck},测试乙,pw,2026-01,100,1000`,
          `420602199902300012,测试丙,pw,2026-01,100,1000`,
          `${fakeIdNumber(5)},测试1,pw,2026-13,abc,1000`,
          `${good},测试甲,pw,2026-01,100,1000`,
          `${good},测试丁,pw,2026-02,100,1000`,
          `${fakeIdNumber(6)},测试戊,,2026-01,100,1000`,
        ].join('\n'),
      ),
    )
    expect(err.status).toBe(400)
    expect(err.code).toBe('records_import_invalid')
    expect(err.fields).toMatchObject({
      'rows.3': expect.stringContaining('第 3 行：身份证号无效'),
      'rows.4': expect.stringContaining('身份证号无效'),
      'rows.5': expect.stringMatching(/姓名含无效字符.*缴费年月“2026-13”格式不正确.*缴费金额“abc”/),
      'rows.6': '第 6 行：与第 2 行重复（同一身份证号、同一年月）',
      'rows.7': '第 7 行：同一身份证号的姓名与第 2 行不一致',
      'rows.8': '第 8 行：查询密码为空',
    })
    expect(err.fields?.['rows.2']).toBeUndefined()
  })

  it('names missing and unknown columns against the expected header', () => {
    const err = refusal(() => prepare(`身份证号,姓名,密码错列,缴费年月,金额\n1,2,3,4,5\n`))
    expect(err.fields?.columns).toContain('缺少列：查询密码、缴费金额、个人账户余额')
    expect(err.fields?.columns).toContain('无法识别的列：密码错列、金额')
    expect(err.fields?.columns).toContain(`第 1 行应为：${HEAD.replace(/,/g, '、')}`)
  })

  it('skips empty rows with a warning and refuses a file without data', () => {
    const v = prepare(`${HEAD}\n,,,,,\n${fakeIdNumber(7)},测试甲,pw,2026-01,1,1\n\n`)
    expect(v.people).toHaveLength(1)
    expect(v.warnings).toEqual(['第 2 行：空行，已跳过', '第 4 行：空行，已跳过'])
    expect(refusal(() => prepare(`${HEAD}\n,,,,,\n`)).code).toBe('records_import_empty')
  })

  it('keeps only the last digits of a mobile number', () => {
    const shape: ImportShape = { kind: 'medical', secondFactor: 'mobile', mobileDigits: 4 }
    const v = prepare(fakeRecordsCsv({ kind: 'medical', secondFactor: 'mobile', people: 2 }), shape)
    const p = v.people.find((x) => x.idHash === keys.idHash(fakeIdNumber(0)))
    expect(p?.secretHash).toBe(keys.secretHash(p?.idHash ?? '', '0000'))
    const bad = refusal(() =>
      prepare(
        `身份证号,姓名,手机号,缴费年月,缴费金额,个人账户划入,个人账户余额\n${fakeIdNumber(1)},测试甲,12345,2026-01,1,1,1\n`,
        shape,
      ),
    )
    expect(bad.fields?.['rows.2']).toBe('第 2 行：手机号格式不正确')
  })

  it('refuses merged cells in an xlsx, naming the row', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('数据')
    ws.addRow(HEAD.split(','))
    ws.addRow([fakeIdNumber(8), '测试甲', 'pw', '2026-01', 1, 1])
    ws.addRow([fakeIdNumber(9), '测试乙', 'pw', '2026-01', 1, 1])
    ws.mergeCells('B2:B3')
    const sheet = await readRecordsSheet(Buffer.from(await wb.xlsx.writeBuffer()))
    const err = refusal(() => prepareVersion(sheet, pension, keys))
    expect(err.fields?.['rows.2']).toContain('含合并单元格 B2:B3')
  })

  it('reads GBK CSV exports and quoted fields with line breaks', async () => {
    const text = `${HEAD}\r\n${fakeIdNumber(10)},测试甲,"p,w",2026-01,1,1\r\n`
    expect((await readRecordsSheet(Buffer.from(text))).rows[0]?.cells[2]).toBe('p,w')
    // 测试甲 as Excel saves it in a Chinese locale (GBK).
    expect(decodeText(Buffer.from([0xb2, 0xe2, 0xca, 0xd4, 0xbc, 0xd7]))).toBe('测试甲')
    const sheet = readCsvSheet(`a,b\n"x\ny",z\nq,r\n`)
    expect(sheet.rows).toEqual([
      { rowNumber: 2, cells: ['x\ny', 'z'] },
      { rowNumber: 4, cells: ['q', 'r'] },
    ])
  })
})

describe('records helpers', () => {
  it('validates ID numbers by checksum and birth date, folding full-width input', () => {
    const id = fakeIdNumber(11)
    expect(validIdNumber(id)).toBe(id)
    const wide = id.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
    expect(validIdNumber(` ${wide} `)).toBe(id)
    expect(validIdNumber('420602203001010011')).toBeNull()
    expect(validIdNumber('12345')).toBeNull()
  })

  it('hashes with standard HMAC-SHA256', () => {
    const key = Buffer.alloc(32, 7)
    expect(keys.idHash('x')).toBe(createHmac('sha256', key).update('id:x').digest('base64url'))
    expect(keys.idHash('x')).toBe(keys.idHash('x'))
  })

  it('masks all but the first and last four characters', () => {
    expect(maskIdNumber('420602199001011234')).toBe('4206**********1234')
  })

  it('parses months and amounts in the formats departments export', () => {
    expect(['2026-1', '2026/01', '202601', '2026年1月', '2026-01-31'].map(parseMonth)).toEqual(
      Array(5).fill('2026-01'),
    )
    expect(parseMonth('2026-13')).toBeNull()
    // An xlsx date cell, as exceljs gives its text.
    expect(parseMonth('Thu Jan 01 2026 00:00:00 GMT+0000 (Coordinated Universal Time)')).toBe(
      '2026-01',
    )
    expect(parseMoney('¥1,234.5元')).toBe('1234.50')
    expect(parseMoney('12.345')).toBeNull()
  })
})
