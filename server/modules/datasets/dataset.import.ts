import { DATASET_LIMITS, type DatasetField } from '../../../common/datasets'
import { AppError } from '../../errors'
import { headerIndex, normaliseRow, normaliseText } from './dataset.fields'
import { columnName, type Sheet } from './dataset.sheet'

/** At most this many problems are listed; the message gives the full count. */
const MAX_LISTED = 200

/**
 * Checks a whole sheet against a dataset's fields before anything is written: the header must
 * name fields (by label or key), every required field needs a column, merged cells and cells
 * outside the header are refused, and every value must fit its field. Empty rows are skipped.
 * Any problem refuses the whole file: 400 `dataset_import_invalid`, one line per row
 * (`rows.<n>`), the header's problems under `header`.
 */
export function checkSheet(
  fields: DatasetField[],
  sheet: Sheet,
): { rows: Record<string, string>[]; skipped: number } {
  const problems: Record<string, string> = {}
  let count = 0
  const add = (key: string, line: string) => {
    count++
    if (Object.keys(problems).length < MAX_LISTED) {
      problems[key] = problems[key] ? `${problems[key]}；${line.replace(/^第 \d+ 行：/, '')}` : line
    }
  }
  const index = headerIndex(fields)
  const columns = new Map<number, DatasetField>()
  const seen = new Map<string, number>()
  for (const [col, text] of sheet.headers) {
    const f = index.get(normaliseText(text).replace(/\s+/g, ''))
    const at = `${columnName(col)}1`
    if (!f) {
      add(
        `header.${col}`,
        `第 1 行：表头 ${at}“${text}”不是本数据库的字段（应为：${fields.map((x) => x.label).join('、')}）`,
      )
      continue
    }
    const dup = seen.get(f.key)
    if (dup !== undefined) {
      add(`header.${col}`, `第 1 行：表头 ${at}“${text}”与 ${columnName(dup)}1 是同一个字段`)
      continue
    }
    seen.set(f.key, col)
    columns.set(col, f)
  }
  if (sheet.headers.size === 0) add('header', '第 1 行：没有表头，第 1 行应为字段名称')
  const missing = fields.filter((f) => f.isRequired && !seen.has(f.key))
  if (sheet.headers.size > 0 && missing.length > 0) {
    add('header.missing', `第 1 行：缺少必填字段的列：${missing.map((f) => f.label).join('、')}`)
  }
  const headerOk = count === 0
  for (const m of sheet.merges) {
    const where = m.firstRow <= 1 ? 'header.merge' : `rows.${m.firstRow}`
    add(where, `第 ${m.firstRow} 行：${m.range} 是合并单元格，请取消合并并在每一行填上各自的值`)
  }
  if (sheet.rows.length > DATASET_LIMITS.importRowsMax) {
    const message = `一次最多导入 ${DATASET_LIMITS.importRowsMax} 行，文件中有 ${sheet.rows.length} 行，请分批导入`
    throw new AppError(400, 'dataset_import_too_large', message, { file: message })
  }
  const rows: Record<string, string>[] = []
  for (const { rowNumber, cells } of sheet.rows) {
    const raw: Record<string, unknown> = {}
    for (const [col, v] of cells) {
      const f = columns.get(col)
      if (f) raw[f.key] = v
      else if (!sheet.headers.has(col)) {
        add(
          `rows.${rowNumber}`,
          `第 ${rowNumber} 行：${columnName(col)}${rowNumber} 有内容但该列没有表头`,
        )
      }
    }
    if (!headerOk) continue
    const { data, errors } = normaliseRow(fields, raw)
    if (errors.length > 0) {
      add(`rows.${rowNumber}`, `第 ${rowNumber} 行：${errors.map((e) => e.message).join('；')}`)
    }
    rows.push(data)
  }
  if (count > 0) {
    const first = Object.values(problems)[0] ?? ''
    throw new AppError(
      400,
      'dataset_import_invalid',
      `导入失败：发现 ${count} 处问题，未导入任何数据（如 ${first}）。请修改后重新上传。`,
      problems,
    )
  }
  if (rows.length === 0) {
    const message = '文件中没有数据行（第 1 行为表头，数据从第 2 行开始）'
    throw new AppError(400, 'dataset_import_empty', message, { file: message })
  }
  const last = sheet.rows[sheet.rows.length - 1]?.rowNumber ?? 1
  return { rows, skipped: Math.max(0, last - 1 - sheet.rows.length) }
}
