import ExcelJS from 'exceljs'
import type { FastifyReply } from 'fastify'

export interface XlsxColumn<T> {
  header: string
  width?: number
  value: (row: T) => string | number | null | undefined
}

/** Builds an .xlsx workbook with one sheet: a bold header row, then one row per item. */
export async function buildXlsx<T>(
  sheetName: string,
  columns: XlsxColumn<T>[],
  rows: T[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = '站群 Zhanqun'
  wb.created = new Date()
  const ws = wb.addWorksheet(sheetName.slice(0, 31))
  ws.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width ?? 16 }))
  ws.getRow(1).font = { bold: true }
  ws.views = [{ state: 'frozen', ySplit: 1 }]
  for (const row of rows) ws.addRow(columns.map((c) => c.value(row) ?? ''))
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** Sends a workbook as a download with a Chinese file name. */
export function sendXlsx(reply: FastifyReply, filename: string, bytes: Buffer): FastifyReply {
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'no-store')
    .send(bytes)
}

/** Reads the first sheet of an uploaded .xlsx into objects keyed by the header row. */
export async function readXlsx(
  bytes: Buffer,
): Promise<{ rowNumber: number; values: Record<string, string> }[]> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  const ws = wb.worksheets[0]
  if (!ws) return []
  const headers: string[] = []
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col] = String(cell.text ?? '').trim()
  })
  const out: { rowNumber: number; values: Record<string, string> }[] = []
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return
    const values: Record<string, string> = {}
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const key = headers[col]
      if (key) values[key] = String(cell.text ?? '').trim()
    })
    out.push({ rowNumber, values })
  })
  return out
}
