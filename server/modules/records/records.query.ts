import {
  RECORDS_LIMITS,
  RECORDS_SECOND_FACTOR_LABELS,
  type RecordsOutcome,
} from '../../../common/records'
import type { Deps } from '../../core-deps'
import type { Trx } from '../../db/database'
import { AppError, invalid, notFound } from '../../errors'
import type { RecordsFound } from './records.adapter'
import {
  isValidName,
  maskIdNumber,
  maskName,
  normaliseIdNumber,
  normaliseName,
  validIdNumber,
} from './records.keys'
import { recordsRepository, type RecordsSet } from './records.repository'
import type { RecordsService } from './records.service'

/** What the query needs of the captcha: consumed in the transaction that records the query. */
export interface RecordsCaptcha {
  verify(payload: string | undefined, options: { trx?: Trx; formId?: string }): Promise<void>
}

/** The captcha form id records challenges are issued for. */
export const RECORDS_CAPTCHA_FORM = 'records'

export interface RecordsQueryInput {
  setCode: string
  idNumber: string
  name: string
  secret: string
  captcha?: string
  ip: string
}

export interface RecordsAnswer {
  set: RecordsSet
  maskedId: string
  maskedName: string
  rows: string[][]
  asOf: string | null
}

/** Lock time after `failures` consecutive failures: 5 min at the fifth, doubling after. */
export function lockMs(failures: number): number {
  const over = Math.max(0, failures - RECORDS_LIMITS.failuresBeforeLock)
  return Math.min(RECORDS_LIMITS.lockBaseMs * 2 ** Math.min(over, 20), RECORDS_LIMITS.lockMaxMs)
}

export const recordsLocked = (until: string): AppError => {
  const minutes = Math.max(1, Math.ceil((Date.parse(until) - Date.now()) / 60_000))
  return new AppError(
    429,
    'records_locked',
    `该身份证号查询失败次数过多，已暂时锁定，请 ${minutes} 分钟后再试`,
    undefined,
    { retryAfterSeconds: minutes * 60 },
  )
}

const noMatch = (set: RecordsSet) =>
  new AppError(
    404,
    'records_no_match',
    `未查询到记录，请核对身份证号、姓名和${RECORDS_SECOND_FACTOR_LABELS[set.secondFactor]}`,
  )

/**
 * The public query: ID number (checked before anything is looked up), name and second factor,
 * a captcha, and a lock per ID number after repeated failures. Every query that names an
 * existing set is written to `records_query` with the ID's keyed hash only; nothing personal
 * is logged.
 */
export class RecordsQueryService {
  constructor(
    private readonly deps: Deps,
    private readonly captcha: RecordsCaptcha,
    private readonly records: RecordsService,
  ) {}

  /** Enabled sets, for the public list and the API. */
  async publicSets(): Promise<RecordsSet[]> {
    return (await recordsRepository.listSets(this.deps.db)).filter((s) => s.isEnabled)
  }

  async publicSet(code: string): Promise<RecordsSet> {
    const set = await recordsRepository.getSetByCode(this.deps.db, code)
    if (!set || !set.isEnabled) throw notFound('查询项目不存在')
    return set
  }

  async query(input: RecordsQueryInput): Promise<RecordsAnswer> {
    const db = this.deps.db
    const set = await this.publicSet(input.setCode)
    const keys = this.records.keys()
    const id = validIdNumber(input.idNumber)
    if (!id) {
      const typed = normaliseIdNumber(input.idNumber).slice(0, 40)
      await this.audit(set, typed ? keys.idHash(typed) : '', input.ip, 'invalid_id', 0)
      throw new AppError(400, 'invalid_id_number', '身份证号码不正确，请核对后重新输入', {
        idNumber: '身份证号码不正确（请输入 18 位身份证号码）',
      })
    }
    const idHash = keys.idHash(id)
    const name = normaliseName(input.name)
    const secret = input.secret.replace(/\s+/g, '')
    const fields = this.checkInput(set, name, secret)
    if (fields) {
      await this.audit(set, idHash, input.ip, 'invalid_input', 0)
      throw invalid('请检查填写的内容', fields)
    }
    const attempt = await recordsRepository.getAttempt(db, idHash)
    const now = new Date().toISOString()
    const lockedUntil =
      attempt?.lockedUntil && attempt.lockedUntil > now ? attempt.lockedUntil : null
    let found: RecordsFound | null = null
    if (!lockedUntil) {
      const adapter = this.records.adapterFor(set)
      found = await adapter.lookup({ set, idNumber: id, idHash, name, secret }, db)
    }
    const failure = await db.transaction().execute(async (trx): Promise<AppError | null> => {
      const log = (outcome: RecordsOutcome, rows = 0) =>
        recordsRepository.insertQuery(trx, {
          setId: set.id,
          idHash,
          ip: input.ip,
          outcome,
          rowCount: rows,
        })
      try {
        await this.captcha.verify(input.captcha, { trx, formId: RECORDS_CAPTCHA_FORM })
      } catch (err) {
        if (!(err instanceof AppError)) throw err
        await log('captcha_failed')
        return err
      }
      if (lockedUntil) {
        await log('locked')
        return recordsLocked(lockedUntil)
      }
      if (found) {
        if (attempt) await recordsRepository.clearAttempts(trx, idHash)
        await log('found', found.rows.length)
        return null
      }
      const failures = await recordsRepository.addFailure(trx, idHash)
      if (failures >= RECORDS_LIMITS.failuresBeforeLock) {
        const until = new Date(Date.now() + lockMs(failures)).toISOString()
        await recordsRepository.lockUntil(trx, idHash, until)
      }
      await log('no_match')
      return noMatch(set)
    })
    if (failure || !found) throw failure ?? noMatch(set)
    return {
      set,
      maskedId: maskIdNumber(id),
      maskedName: maskName(name),
      rows: found.rows,
      asOf: found.asOf,
    }
  }

  private checkInput(set: RecordsSet, name: string, secret: string): Record<string, string> | null {
    const fields: Record<string, string> = {}
    if (!name) fields.name = '请填写姓名'
    else if (!isValidName(name, RECORDS_LIMITS.nameMax)) fields.name = '姓名含无效字符'
    if (set.secondFactor === 'mobile') {
      if (!new RegExp(`^\\d{${set.mobileDigits}}$`).test(secret)) {
        fields.secret = `请填写预留手机号的后 ${set.mobileDigits} 位数字`
      }
    } else if (!secret) fields.secret = '请填写查询密码'
    else if (secret.length > RECORDS_LIMITS.passwordMax) fields.secret = '查询密码过长'
    return Object.keys(fields).length > 0 ? fields : null
  }

  private async audit(
    set: RecordsSet,
    idHash: string,
    ip: string,
    outcome: RecordsOutcome,
    rows: number,
  ): Promise<void> {
    await recordsRepository.insertQuery(this.deps.db, {
      setId: set.id,
      idHash,
      ip,
      outcome,
      rowCount: rows,
    })
  }
}
