import { createHash, randomInt } from 'node:crypto'

/** No 0/O, 1/I/L: codes are read out over the phone and typed from paper. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

function randomString(length: number): string {
  let s = ''
  for (let i = 0; i < length; i++) s += ALPHABET[randomInt(ALPHABET.length)]
  return s
}

/** 查询码: 10 characters (~49 bits), unique by a database constraint. */
export const newQueryCode = (): string => randomString(10)

/** 查询密码: 8 random characters (~40 bits); only its hash is stored. */
export const newLetterPassword = (): string => randomString(8)

/** Codes are typed by people: ignore case, spaces and dashes. */
export const normaliseCode = (s: string): string => s.toUpperCase().replace(/[\s-]/g, '')

/** The same writer sending the same subject and body: one letter. */
export function dedupeHash(mobile: string, subject: string, body: string): string {
  const squash = (s: string) => s.replace(/\s+/g, '')
  return createHash('sha256')
    .update(`${mobile}\n${squash(subject)}\n${squash(body)}`)
    .digest('hex')
}
