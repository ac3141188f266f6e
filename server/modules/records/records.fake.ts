import { RECORDS_FIELDS, type RecordsKind, type RecordsSecondFactor } from '../../../common/records'
import { idCheckChar } from '../checks/personal-data'
import { templateHeader } from './records.import'

/**
 * Clearly fictional people for the demo, the tests and the benchmark: valid-checksum ID numbers
 * drawn deterministically from an index (20 million distinct), names like 测试甲.
 */

const DAY = 86400_000
const BASE = Date.UTC(1950, 0, 1)
const STEMS = '甲乙丙丁戊己庚辛壬癸'

/** The n-th fictional ID number: region 420602, a birth date from 1950 on, a valid check. */
export function fakeIdNumber(n: number, region = '420602'): string {
  const d = new Date(BASE + (n % 20_000) * DAY)
  const ymd = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`
  const seq = String(Math.floor(n / 20_000) % 1000).padStart(3, '0')
  const first17 = `${region}${ymd}${seq}`
  return `${first17}${idCheckChar(first17)}`
}

const DIGITS = '零一二三四五六七八九'

/** 测试甲, 测试乙 … 测试癸, then 测试甲一 … 测试癸九九: obviously not real people. */
export function fakeName(n: number): string {
  const stem = STEMS[n % 10] as string
  const round = Math.floor(n / 10)
  const suffix = round === 0 ? '' : String(round).replace(/\d/g, (d) => DIGITS[Number(d)] as string)
  return `测试${stem}${suffix}`
}

export function fakeMobile(n: number): string {
  return `139${String(n % 100_000_000).padStart(8, '0')}`
}

/** One CSV line per person and month (newest first), in the import template's columns. */
export function fakeRecordsCsv(options: {
  kind: RecordsKind
  secondFactor: RecordsSecondFactor
  people: number
  months?: number
  first?: number
  password?: (n: number) => string
  /** The newest month (YYYY-MM); each person's months count back from it. */
  lastMonth?: string
}): string {
  const { kind, secondFactor, people } = options
  const months = options.months ?? 1
  const first = options.first ?? 0
  const [lastYear, lastMonth] = (options.lastMonth ?? '2026-10').split('-').map(Number) as [
    number,
    number,
  ]
  const header = templateHeader({ kind, secondFactor, mobileDigits: 4 })
  const fields = RECORDS_FIELDS[kind]
  const parts: string[] = [header.join(',')]
  for (let i = first; i < first + people; i++) {
    const id = fakeIdNumber(i)
    const name = fakeName(i)
    const secret =
      secondFactor === 'mobile' ? fakeMobile(i) : (options.password?.(i) ?? `pw${i % 1_000_000}`)
    for (let m = 0; m < months; m++) {
      const back = lastYear * 12 + (lastMonth - 1) - m
      const month = `${Math.floor(back / 12)}-${String((back % 12) + 1).padStart(2, '0')}`
      const values = fields.slice(1).map((_, k) => ((i % 900) + 100 * (k + 1) + m).toFixed(2))
      parts.push(`${id},${name},${secret},${month},${values.join(',')}`)
    }
  }
  return `${parts.join('\n')}\n`
}
