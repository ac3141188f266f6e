import { describe, expect, it } from 'vitest'
import { ApiError } from '../../api'
import { importErrorLines } from './records-api'

describe('importErrorLines', () => {
  it('lists the column problem first, then rows in numeric order', () => {
    const e = new ApiError(400, 'records_import_invalid', '文件有 3 处错误', {
      'rows.12': '第 12 行：姓名为空',
      'rows.3': '第 3 行：身份证号无效',
      columns: '缺少列：姓名',
    })
    expect(importErrorLines(e)).toEqual([
      '缺少列：姓名',
      '第 3 行：身份证号无效',
      '第 12 行：姓名为空',
    ])
  })
})
