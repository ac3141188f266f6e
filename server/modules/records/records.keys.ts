import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { isIdNumber } from '../checks/personal-data'

/**
 * The keyed hashes that stand in for ID numbers and second factors. The key lives in
 * `<DATA_DIR>/secrets/records-hmac.key` (created on first use, mode 0600), deliberately not in
 * the database: a stolen database dump alone cannot be turned back into ID numbers by
 * enumerating the (small) space of valid numbers. Instances behind a load balancer share it
 * with the rest of DATA_DIR; back it up with the database (docs/RECORDS.md).
 */
export const RECORDS_KEY_FILE = path.join('secrets', 'records-hmac.key')

export class RecordsKeys {
  constructor(private readonly key: Buffer) {}

  /** Reads the key from DATA_DIR, creating it on first use. */
  static fromDataDir(dataDir: string): RecordsKeys {
    const file = path.join(dataDir, RECORDS_KEY_FILE)
    try {
      return new RecordsKeys(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64url'))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
    const fresh = randomBytes(32).toString('base64url')
    try {
      // 'wx': a process that loses the race reads the winner's key instead of overwriting it.
      fs.writeFileSync(file, `${fresh}\n`, { flag: 'wx', mode: 0o600 })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    return new RecordsKeys(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64url'))
  }

  private mac(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url')
  }

  /** The lookup key of a (normalised, valid) ID number. */
  idHash(idNumber: string): string {
    return this.mac(`id:${idNumber}`)
  }

  /** The stored form of a second factor, bound to the person (same secret, different hash). */
  secretHash(idHash: string, secret: string): string {
    return this.mac(`secret:${idHash}:${secret}`)
  }

  /** Constant-time comparison of two hashes. */
  static same(a: string, b: string): boolean {
    const x = Buffer.from(a)
    const y = Buffer.from(b)
    return x.length === y.length && timingSafeEqual(x, y)
  }
}

const FULL_WIDTH = /[\uFF10-\uFF19\uFF38\uFF58]/g

/** An ID number as typed: trimmed, full-width digits and X folded, x upper-cased. */
export function normaliseIdNumber(raw: string): string {
  return raw
    .replace(/\s+/g, '')
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase()
}

/** A normalised, valid 18-character ID number (checksum and birth date), or null. */
export function validIdNumber(raw: string, today = new Date()): string | null {
  const id = normaliseIdNumber(raw)
  return isIdNumber(id, today) ? id : null
}

/** `4206**********1234`: the first four and the last four characters only. */
export function maskIdNumber(id: string): string {
  return `${id.slice(0, 4)}${'*'.repeat(Math.max(0, id.length - 8))}${id.slice(-4)}`
}

// Middle dots as exported by different systems (·, •, ・, ‧, ．, ˙) all mean the one in 艾力·买买提.
const DOTS = /[\u00B7\u2022\u30FB\u2027\uFF0E\u02D9\u2219\u22C5]/g
const NAME_RE = /^[\p{L}\p{M}·]+(?: [\p{L}\p{M}·]+)*$/u

/** A name as compared and stored: NFC, single spaces, one kind of middle dot. */
export function normaliseName(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/g, ' ').replace(DOTS, '·')
}

/** Letters (any script, including 𠮷 outside the BMP), middle dots and single spaces. */
export function isValidName(name: string, max: number): boolean {
  const length = [...name].length
  return length >= 1 && length <= max && NAME_RE.test(name) && !/^·|·$/.test(name)
}

/** `张*`, `艾***`: what a result page shows of the name. */
export function maskName(name: string): string {
  const chars = [...name]
  return `${chars[0] ?? ''}${'*'.repeat(Math.max(1, chars.length - 1))}`
}
