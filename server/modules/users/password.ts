import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto'

const scrypt = (pw: string, salt: Buffer, len: number, opts: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scryptCb(pw, salt, len, opts, (err, key) => (err ? reject(err) : resolve(key))),
  )

const N = 16384
const R = 8
const P = 1
const KEYLEN = 64

/**
 * `scrypt$N$r$p$salt$hash`, base64 parts; parameters stored so they can be raised later. A lower
 * `cost` is only for machine-generated random secrets (a letter's 查询密码), never for passwords
 * people choose.
 */
export async function hashPassword(password: string, cost = N): Promise<string> {
  const salt = randomBytes(16)
  const key = await scrypt(password.normalize('NFC'), salt, KEYLEN, {
    N: cost,
    r: R,
    p: P,
    maxmem: 64 * 1024 * 1024,
  })
  return `scrypt$${cost}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [, n, r, p, saltB64, keyB64] = parts
  const expected = Buffer.from(keyB64 ?? '', 'base64')
  const key = await scrypt(
    password.normalize('NFC'),
    Buffer.from(saltB64 ?? '', 'base64'),
    expected.length,
    {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: 64 * 1024 * 1024,
    },
  )
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/** A readable random password for first start and resets (no 0/O/1/l confusion). */
export function generatePassword(length = 16): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789'
  for (;;) {
    const bytes = randomBytes(length)
    let out = ''
    for (const b of bytes) out += alphabet[b % alphabet.length]
    // It must pass our own rule: about one draw in twelve has no digit.
    if (passwordProblem(out) === null) return out
  }
}

/** At least 8 characters with letters and digits. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return '密码至少 8 位'
  if (password.length > 200) return '密码过长'
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码须同时包含字母和数字'
  return null
}
