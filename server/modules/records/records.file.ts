import ExcelJS from 'exceljs'
import { invalid } from '../../errors'

/** A department's export as a grid of text cells, with the row numbers a person sees. */
export interface RecordsSheet {
  header: string[]
  rows: { rowNumber: number; cells: string[] }[]
  /** Merged ranges in the data (xlsx only), e.g. `A2:A3`, with the first row they touch. */
  merged: { rowNumber: number; range: string }[]
}

const isZip = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03

/** Reads an .xlsx (first sheet) or a CSV (UTF-8 with or without BOM, else GB18030). */
export async function readRecordsSheet(bytes: Buffer): Promise<RecordsSheet> {
  if (bytes.length === 0) throw invalid('文件是空的', { file: '文件是空的' })
  return isZip(bytes) ? readXlsxSheet(bytes) : readCsvSheet(decodeText(bytes))
}

/** Excel in China saves CSV as GBK unless told otherwise; UTF-8 is tried first. */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

async function readXlsxSheet(bytes: Buffer): Promise<RecordsSheet> {
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    throw invalid('无法读取该 Excel 文件，请另存为 .xlsx 或 CSV 后重试', { file: '文件无法读取' })
  }
  const ws = wb.worksheets[0]
  if (!ws) return { header: [], rows: [], merged: [] }
  const width = ws.columnCount
  const cellsOf = (row: ExcelJS.Row) => {
    const cells: string[] = []
    for (let c = 1; c <= width; c++) cells.push(String(row.getCell(c).text ?? '').trim())
    return cells
  }
  const header = cellsOf(ws.getRow(1))
  const rows: RecordsSheet['rows'] = []
  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    if (rowNumber > 1) rows.push({ rowNumber, cells: cellsOf(row) })
  })
  const merges = (ws.model as { merges?: string[] }).merges ?? []
  const merged = merges.map((range) => ({
    range,
    rowNumber: Number(/\d+/.exec(range)?.[0] ?? 0),
  }))
  return { header, rows, merged }
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function readCsvSheet(text: string): RecordsSheet {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const records: { rowNumber: number; cells: string[] }[] = []
  let line = 1
  let pos = 0
  const n = src.length
  while (pos < n) {
    const start = line
    // Fast path: a line without quotes (nearly every line of an export) is split as it is.
    const eol = src.indexOf('\n', pos)
    const stop = eol < 0 ? n : eol
    const plain = src.slice(pos, stop)
    if (!plain.includes('"')) {
      const text = plain.endsWith('\r') ? plain.slice(0, -1) : plain
      const cells = text.split(',')
      for (let i = 0; i < cells.length; i++) {
        const c = cells[i] as string
        if (c.length > 0 && (c.charCodeAt(0) <= 32 || c.charCodeAt(c.length - 1) <= 32))
          cells[i] = c.trim()
      }
      records.push({ rowNumber: start, cells })
      pos = stop + 1
      line++
      continue
    }
    const cells: string[] = []
    for (;;) {
      if (src.charCodeAt(pos) === 34 /* " */) {
        let value = ''
        let i = pos + 1
        for (;;) {
          const q = src.indexOf('"', i)
          if (q < 0) {
            value += src.slice(i)
            i = n
            break
          }
          value += src.slice(i, q)
          if (src.charCodeAt(q + 1) === 34) {
            value += '"'
            i = q + 2
            continue
          }
          i = q + 1
          break
        }
        for (let k = 0; k < value.length; k++) if (value.charCodeAt(k) === 10) line++
        // Anything between the closing quote and the separator is kept, as Excel does.
        let end = i
        while (end < n && src[end] !== ',' && src[end] !== '\n' && src[end] !== '\r') end++
        cells.push((value + src.slice(i, end)).trim())
        pos = end
      } else {
        let end = pos
        while (end < n) {
          const ch = src.charCodeAt(end)
          if (ch === 44 || ch === 10 || ch === 13) break
          end++
        }
        cells.push(src.slice(pos, end).trim())
        pos = end
      }
      if (pos >= n) break
      const ch = src.charCodeAt(pos)
      if (ch === 44) {
        pos++
        continue
      }
      // \r\n, \n or \r ends the record.
      pos += ch === 13 && src.charCodeAt(pos + 1) === 10 ? 2 : 1
      line++
      break
    }
    records.push({ rowNumber: start, cells })
  }
  const [head, ...rows] = records
  return { header: head?.cells ?? [], rows, merged: [] }
}
