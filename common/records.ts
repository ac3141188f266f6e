/** Personal records queries (个人查询): set kinds, their fields and second factors. */

export const RECORDS_KINDS = ['pension', 'medical', 'housing_fund'] as const
export type RecordsKind = (typeof RECORDS_KINDS)[number]
export const RECORDS_KIND_LABELS: Record<RecordsKind, string> = {
  pension: '养老金',
  medical: '医保',
  housing_fund: '住房公积金',
}

/** `month`: 年月 normalised to YYYY-MM; `money`: yuan with two decimals. */
export type RecordsFieldType = 'month' | 'money'
export interface RecordsField {
  key: string
  label: string
  type: RecordsFieldType
}

/** What one row of each kind holds; the import's column headers are the labels. */
export const RECORDS_FIELDS: Record<RecordsKind, readonly RecordsField[]> = {
  pension: [
    { key: 'month', label: '缴费年月', type: 'month' },
    { key: 'paid', label: '缴费金额', type: 'money' },
    { key: 'balance', label: '个人账户余额', type: 'money' },
  ],
  medical: [
    { key: 'month', label: '缴费年月', type: 'month' },
    { key: 'paid', label: '缴费金额', type: 'money' },
    { key: 'credited', label: '个人账户划入', type: 'money' },
    { key: 'balance', label: '个人账户余额', type: 'money' },
  ],
  housing_fund: [
    { key: 'month', label: '缴存年月', type: 'month' },
    { key: 'employer', label: '单位缴存额', type: 'money' },
    { key: 'personal', label: '个人缴存额', type: 'money' },
    { key: 'balance', label: '账户余额', type: 'money' },
  ],
}

/** The second factor a person gives with ID number and name. */
export const RECORDS_SECOND_FACTORS = ['password', 'mobile'] as const
export type RecordsSecondFactor = (typeof RECORDS_SECOND_FACTORS)[number]
export const RECORDS_SECOND_FACTOR_LABELS: Record<RecordsSecondFactor, string> = {
  password: '查询密码',
  mobile: '预留手机号后几位',
}

/** Outcomes of a public query, as the query audit stores them. */
export const RECORDS_OUTCOMES = [
  'found',
  'no_match',
  'invalid_id',
  'invalid_input',
  'captcha_failed',
  'locked',
] as const
export type RecordsOutcome = (typeof RECORDS_OUTCOMES)[number]
export const RECORDS_OUTCOME_LABELS: Record<RecordsOutcome, string> = {
  found: '查询成功',
  no_match: '未匹配',
  invalid_id: '身份证号无效',
  invalid_input: '输入有误',
  captcha_failed: '人机验证未通过',
  locked: '已锁定',
}

export const RECORDS_LIMITS = {
  /** Consecutive failures for one ID number before it is locked. */
  failuresBeforeLock: 5,
  /** First lock; each further failure after a lock doubles it, up to `lockMaxMs`. */
  lockBaseMs: 5 * 60_000,
  lockMaxMs: 24 * 3600_000,
  /** Mobile digits asked for when the second factor is the mobile number. */
  mobileDigitsDefault: 4,
  passwordMax: 32,
  nameMax: 50,
  /** Errors listed per import (the count says how many more). */
  errorsShown: 200,
  /** Versions kept per set: the current one and the previous ones that may be restored. */
  versionsKept: 3,
} as const
