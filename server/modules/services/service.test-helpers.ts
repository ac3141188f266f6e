import ExcelJS from 'exceljs'
import { randomBytes } from 'node:crypto'
import type { Core } from '../../core'
import type { ServiceInput } from './service.schema'
import { systemContext } from '../users/actor'

/** Test helpers of the services module: complete items, workbooks and multipart bodies. */

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

/** A real .xlsx file's bytes (for forms declared as xlsx). */
export async function xlsxBytes(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.addWorksheet('表').addRow(['申请人', '日期'])
  return Buffer.from(await wb.xlsx.writeBuffer())
}

export function completeInput(unitSiteId: number, extra: Partial<ServiceInput> = {}): ServiceInput {
  return {
    name: `结婚登记${randomBytes(3).toString('hex')}`,
    unitSiteId,
    kind: 'confirmation',
    audience: 'person',
    themes: ['p12'],
    basis: '《婚姻登记条例》第四条、第五条',
    conditions: '男女双方自愿结婚，均无配偶，达到法定婚龄。',
    location: '示例县民政局婚姻登记处（县政务服务中心一楼）',
    hours: '工作日上午 9:00–12:00，下午 13:30–17:00',
    phone: '0399-1234567',
    process: '申请\n受理\n审查\n登记发证',
    feeFree: true,
    legalLimit: '即时办结',
    promisedLimit: '即时办结',
    onlineUrl: 'https://zwfw.example.gov.cn/item/1',
    faq: [{ question: '可以异地登记吗？', answer: '可以，凭户口簿和身份证在试点地区办理。' }],
    materials: [{ name: '本人的户口簿、身份证', copies: '原件 1 份' }],
    ...extra,
  }
}

export async function uploadForm(core: Core, siteId: number, name: string, bytes: Buffer) {
  return core.files.upload(systemContext('test'), { siteId, name, bytes })
}

export async function workbook(
  headers: string[],
  rows: (string | number)[][],
  setup?: (ws: ExcelJS.Worksheet) => void,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('事项')
  ws.addRow(headers)
  for (const r of rows) ws.addRow(r)
  setup?.(ws)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** A multipart/form-data body: optional fields first, then one `file` part. */
export function multipart(bytes: Buffer, fields: Record<string, string> = {}, name = '事项.xlsx') {
  const boundary = `----zqtest${randomBytes(8).toString('hex')}`
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  )
  return {
    payload: Buffer.concat([
      Buffer.from(
        `${parts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(name)}"\r\n` +
          'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  }
}
