/** Personal data that must never be published: ID numbers, mobile numbers, bank card numbers. */
export interface Hit {
  start: number
  end: number
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** ISO 7064 MOD 11-2 check character of the first 17 digits of a PRC ID number. */
export function idCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] as number)
  return ID_CHECK[sum % 11] as string
}

/** A real calendar date between 1900-01-01 and today. */
function isBirthDate(y: number, m: number, d: number, today: Date): boolean {
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false
  return date.getTime() <= today.getTime()
}

/**
 * An 18-character PRC ID number: region code starting 1–8, a real birth date from 1900 to
 * today, three sequence digits and a valid MOD 11-2 check character.
 */
export function isIdNumber(s: string, today = new Date()): boolean {
  if (!/^[1-8]\d{16}[\dXx]$/.test(s)) return false
  const ok = isBirthDate(
    Number(s.slice(6, 10)),
    Number(s.slice(10, 12)),
    Number(s.slice(12, 14)),
    today,
  )
  return ok && idCheckChar(s.slice(0, 17)) === s[17]?.toUpperCase()
}

/** Luhn (mod 10) check used by bank card numbers. */
export function luhnValid(digits: string): boolean {
  let sum = 0
  let double = false
  for (let i = digits.length - 1; i >= 0; i--) {
    let n = digits.charCodeAt(i) - 48
    if (n < 0 || n > 9) return false
    if (double) {
      n *= 2
      if (n > 9) n -= 9
    }
    sum += n
    double = !double
  }
  return sum % 10 === 0
}

/**
 * Issuer prefixes of cards a person may hold: 62 UnionPay (almost every card issued in China),
 * 60/65/9[45] older domestic debit cards and Discover, 4 Visa, 51–55 and 22–27 Mastercard,
 * 35 JCB. Corporate account numbers (often starting 0, 1, 3, 7, 8) are not cards.
 */
const CARD_PREFIX = /^(?:62|60|65|9[45]|4|5[1-5]|2[2-7]|35)/

// Not a digit or a Latin letter on either side: part of a longer code is not a number of its own.
const ID_18 = /(?<![0-9A-Za-z])[1-8]\d{5}(?:19|20)\d{2}[01]\d[0-3]\d\d{3}[\dXx](?![0-9A-Za-z])/g
const ID_15 = /(?<![0-9A-Za-z])[1-8]\d{5}\d{2}[01]\d[0-3]\d\d{3}(?![0-9A-Za-z])/g
/** An organisation's code; an individual's 纳税人识别号 is the ID number itself, so not here. */
const ORG_CODE_LABEL = /(?:信用代码|组织机构代码|注册号)[^\n]{0,6}$/
const ID_LABEL = /(?:身份证|证件号|身份号码|公民身份)[^\n]{0,10}$/
/** Other codes that look like numbers: a label just before says what they are. */
const CODE_LABEL =
  /(?:信用代码|组织机构代码|税号|纳税人识别号|注册号|登记号|索引号|文号|编号|代码|订单号|流水号|条码)[^\n]{0,6}$/

/**
 * 18-character ID numbers, and 15-digit first-generation numbers when a label (身份证…) stands
 * just before them: without a check digit, a bare 15-digit number is as likely a business
 * registration number, so only a labelled one is reported.
 */
export function findIdNumbers(text: string, today = new Date()): Hit[] {
  const hits: Hit[] = []
  for (const m of text.matchAll(ID_18)) {
    const start = m.index
    if (!isIdNumber(m[0], today)) continue
    if (ORG_CODE_LABEL.test(text.slice(Math.max(0, start - 16), start))) continue
    hits.push({ start, end: start + m[0].length })
  }
  for (const m of text.matchAll(ID_15)) {
    const start = m.index
    const s = m[0]
    const before = text.slice(Math.max(0, start - 16), start)
    if (!ID_LABEL.test(before)) continue
    if (
      !isBirthDate(
        1900 + Number(s.slice(6, 8)),
        Number(s.slice(8, 10)),
        Number(s.slice(10, 12)),
        today,
      )
    )
      continue
    hits.push({ start, end: start + s.length })
  }
  return hits
}

// Digits inside a URL (?paperId=18081698829, /h5/1/18081624640/) are identifiers.
const MOBILE =
  /(?<![0-9A-Za-z.=/_%&?#])(?:(?:\+|00)?86[ -]?)?1[3-9]\d([ -]?)\d{4}\1\d{4}(?![0-9A-Za-z@]|\.\d)/g
/** A number followed by a unit is an amount or a count, not a telephone number. */
const UNIT_AFTER =
  /^[ \u3000]*(?:元|万|亿|千|百|吨|公斤|千克|克|斤|平方|亩|米|公里|千米|人|户|个|次|件|股|份|台|辆|套|间|笔|条|项|字|页|张|头|只|立方|度|%|％|kg|km)/i
const MONEY_BEFORE = /(?:[¥￥$]|金额|人民币|资金|总额|合计|共计)[ \u3000:：]*$/

/** Mainland mobile numbers (1[3-9]x, 11 digits), also written 138-1234-5678 or +86 138 …. */
export function findMobiles(text: string): Hit[] {
  const hits: Hit[] = []
  for (const m of text.matchAll(MOBILE)) {
    const start = m.index
    const end = start + m[0].length
    if (UNIT_AFTER.test(text.slice(end, end + 4))) continue
    if (MONEY_BEFORE.test(text.slice(Math.max(0, start - 6), start))) continue
    if (CODE_LABEL.test(text.slice(Math.max(0, start - 16), start))) continue
    hits.push({ start, end })
  }
  return hits
}

const CARD =
  /(?<![0-9A-Za-z.=/_%&?#])(?:\d{16,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?)(?![0-9A-Za-z]|\.\d)/g

/**
 * Bank card numbers: 16–19 digits (or groups of four), a card issuer prefix and a valid Luhn
 * digit. A valid ID number is reported as an ID number, not as a card.
 */
export function findBankCards(text: string, today = new Date()): Hit[] {
  const hits: Hit[] = []
  for (const m of text.matchAll(CARD)) {
    const start = m.index
    const digits = m[0].replace(/\D/g, '')
    if (digits.length < 16 || digits.length > 19) continue
    if (!CARD_PREFIX.test(digits) || !luhnValid(digits)) continue
    if (digits.length === 18 && isIdNumber(m[0], today)) continue
    if (CODE_LABEL.test(text.slice(Math.max(0, start - 16), start))) continue
    hits.push({ start, end: start + m[0].length })
  }
  return hits
}
