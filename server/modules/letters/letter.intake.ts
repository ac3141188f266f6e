import { sql } from 'kysely'
import type { LetterType } from '../../../common/letters'
import {
  LETTER_LIMITS,
  LETTER_PUBLIC_STATE_LABELS,
  LETTER_TYPE_LABELS,
  type LetterState,
} from '../../../common/letters'
import type { Deps } from '../../core-deps'
import type { Trx } from '../../db/database'
import { AppError, conflict, invalid, notFound } from '../../errors'
import { hashPassword, verifyPassword } from '../users/password'
import { dedupeHash, newLetterPassword, newQueryCode, normaliseCode } from './letter.codes'
import { mailboxRepository } from './mailbox.repository'
import type { CalendarService } from '../calendar/calendar.service'
import { effectiveLimits } from './letter-limits'
import { stageLimit, startStage } from './letter.stages'
import { prepareAttachments, type LetterUpload } from './letter.attachments'

/** What the intake needs of the captcha: consumed inside the letter's transaction. */
export interface CaptchaVerifier {
  verify(payload: string | undefined, options: { trx?: Trx }): Promise<void>
}

export interface LetterSubmission {
  mailbox: string
  type: LetterType
  subject: string
  body: string
  name: string
  mobile: string
  email?: string
  public?: boolean
  captcha?: string
  /** Files the writer attached (checked by content; see letter.attachments.ts). */
  attachments?: LetterUpload[]
}

export interface LetterStatus {
  queryCode: string
  mailbox: string
  siteName: string
  type: string
  subject: string
  state: LetterState
  stateLabel: string
  receivedAt: string
  unitName: string | null
  reply: string | null
  repliedAt: string | null
  rating: string | null
  /** What the desk asks the writer to supplement (state `needs_info` only). */
  publicNote: string | null
  /** Until when the reply may be rated (state `answered` only). */
  ratingUntil: string | null
}

const MOBILE_RE = /^1[3-9]\d{9}$/
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
/** The same letter again within this window is the same letter (a double click, a retry). */
const DUPLICATE_WINDOW_MS = 60_000
/** The 查询密码 is random, not chosen by a person: a light scrypt is enough (see hashPassword). */
const PASSWORD_COST = 1024

/**
 * The public side of letters: writing one and checking it. A letter is committed (and its
 * captcha consumed) before the 查询码 and password are returned, so an acknowledged letter is
 * never lost.
 */
export class LetterIntakeService {
  constructor(
    private readonly deps: Deps,
    private readonly captcha: CaptchaVerifier,
    private readonly calendar: CalendarService,
  ) {}

  async submit(
    input: LetterSubmission,
  ): Promise<{ letterId: number; queryCode: string; password: string }> {
    const clean = validate(input)
    const files = await prepareAttachments(this.deps, input.attachments ?? [])
    const mailbox = await mailboxRepository.getByCode(this.deps.db, input.mailbox)
    if (!mailbox || !mailbox.enabled) throw notFound('信箱不存在或已停用')
    const site = await this.deps.db
      .selectFrom('site')
      .select(['status'])
      .where('id', '=', mailbox.siteId)
      .executeTakeFirst()
    if (site?.status !== 'open') throw conflict('该网站已关停，暂不接收来信')
    const password = newLetterPassword()
    const passwordHash = await hashPassword(password, PASSWORD_COST)
    const hash = dedupeHash(clean.mobile, clean.subject, clean.body)
    const cal = await this.calendar.snapshot()
    const screenDays = stageLimit(effectiveLimits(mailbox.limits), 'screen', clean.type)
    // Blobs are on disk before the transaction; a refused letter removes the new ones.
    const saved = this.deps.db.transaction().execute(async (trx) => {
      const now = new Date()
      // The captcha first: nothing about earlier letters is said to an unverified sender.
      await this.captcha.verify(input.captcha, { trx })
      // Two copies of one letter arriving together on PostgreSQL: the second waits for the
      // first to commit, then finds it (SQLite writes one transaction at a time anyway).
      if (this.deps.dialect === 'postgres') {
        await sql`select pg_advisory_xact_lock(hashtext(${hash}))`.execute(trx)
      }
      const twin = await trx
        .selectFrom('letter')
        .select(['query_code'])
        .where('dedupe_hash', '=', hash)
        .where('received_at', '>=', new Date(now.getTime() - DUPLICATE_WINDOW_MS).toISOString())
        .executeTakeFirst()
      if (twin) {
        throw new AppError(
          409,
          'duplicate_letter',
          `您刚刚已提交过相同的来信（查询码 ${twin.query_code}），请勿重复提交`,
        )
      }
      const queryCode = await uniqueCode(trx)
      const at = now.toISOString()
      const row = await trx
        .insertInto('letter')
        .values({
          mailbox_id: mailbox.id,
          site_id: mailbox.siteId,
          query_code: queryCode,
          password_hash: passwordHash,
          type: clean.type,
          subject: clean.subject,
          body: clean.body,
          writer_name: clean.name,
          writer_mobile: clean.mobile,
          writer_email: clean.email,
          wants_public: clean.wantsPublic ? 1 : 0,
          state: 'submitted',
          dedupe_hash: hash,
          received_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('letter_event')
        .values({
          letter_id: row.id,
          at,
          actor_name: '来信人',
          action: 'submit',
          to_state: 'submitted',
          internal: 0,
        })
        .execute()
      await startStage(trx, cal, {
        letterId: row.id,
        stage: 'screen',
        unitSiteId: null,
        at,
        limitDays: screenDays,
      })
      await files.link(trx, row.id, at)
      return { letterId: row.id, queryCode, password }
    })
    return files.settle(saved)
  }

  /** A letter's state for its writer; a wrong code or password are the same 404. */
  async lookup(queryCode: string, password: string): Promise<LetterStatus> {
    const r = await this.deps.db
      .selectFrom('letter as l')
      .innerJoin('mailbox as m', 'm.id', 'l.mailbox_id')
      .innerJoin('site as s', 's.id', 'l.site_id')
      .leftJoin('site as u', 'u.id', 'l.unit_site_id')
      .select([
        'l.query_code',
        'l.password_hash',
        'l.type',
        'l.subject',
        'l.state',
        'l.received_at',
        'l.reply',
        'l.replied_at',
        'l.rating',
        'l.rating_until',
        'l.public_note',
        'l.merged_into',
        'm.name as mailbox_name',
        's.name as site_name',
        'u.name as unit_name',
      ])
      .where('l.query_code', '=', normaliseCode(queryCode))
      .executeTakeFirst()
    const wrong = notFound('查询码或查询密码不正确')
    if (!r) {
      // Spend the same time as a real check: the answer must not tell which part was wrong.
      await verifyPassword(password, DUMMY_HASH)
      throw wrong
    }
    if (!(await verifyPassword(password.trim().toUpperCase(), r.password_hash))) throw wrong
    const state = r.state as LetterState
    const answered = state === 'answered' || state === 'closed'
    // A merged letter is answered by the reply of the letter it was merged into.
    const into = state === 'merged' && r.merged_into ? await this.answerOf(r.merged_into) : null
    return {
      queryCode: r.query_code,
      mailbox: r.mailbox_name,
      siteName: r.site_name,
      type: LETTER_TYPE_LABELS[r.type as LetterType] ?? r.type,
      subject: r.subject,
      state,
      stateLabel: LETTER_PUBLIC_STATE_LABELS[state] ?? state,
      receivedAt: r.received_at,
      unitName: into?.unitName ?? r.unit_name ?? null,
      reply: answered ? r.reply : (into?.reply ?? null),
      repliedAt: answered ? r.replied_at : (into?.repliedAt ?? null),
      rating: r.rating || null,
      publicNote: state === 'needs_info' ? r.public_note : null,
      ratingUntil: state === 'answered' && !r.rating ? r.rating_until : null,
    }
  }

  /** The reply of an answered letter (following merges), or null while it is not answered. */
  private async answerOf(
    id: number,
    depth = 0,
  ): Promise<{ reply: string; repliedAt: string | null; unitName: string | null } | null> {
    const t = await this.deps.db
      .selectFrom('letter as l')
      .leftJoin('site as u', 'u.id', 'l.unit_site_id')
      .select(['l.state', 'l.reply', 'l.replied_at', 'l.merged_into', 'u.name as unit_name'])
      .where('l.id', '=', id)
      .executeTakeFirst()
    if (!t) return null
    if (t.state === 'merged' && t.merged_into && depth < 5)
      return this.answerOf(t.merged_into, depth + 1)
    if (t.state !== 'answered' && t.state !== 'closed') return null
    return { reply: t.reply, repliedAt: t.replied_at, unitName: t.unit_name ?? null }
  }
}

/** Verified against when a 查询码 is unknown, so the answer takes as long as a real check. */
export const DUMMY_HASH = `scrypt$${PASSWORD_COST}$8$1$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(64).toString('base64')}`

async function uniqueCode(trx: Trx): Promise<string> {
  for (;;) {
    const code = newQueryCode()
    const taken = await trx
      .selectFrom('letter')
      .select('id')
      .where('query_code', '=', code)
      .executeTakeFirst()
    if (!taken) return code
  }
}

function validate(input: LetterSubmission) {
  const subject = input.subject.trim()
  const body = input.body.trim()
  const name = input.name.trim()
  const mobile = input.mobile.replace(/[\s-]/g, '')
  const email = input.email?.trim() ?? ''
  const fields: Record<string, string> = {}
  if (!subject) fields.subject = '请填写标题'
  else if (subject.length > LETTER_LIMITS.subjectMax)
    fields.subject = `标题不超过 ${LETTER_LIMITS.subjectMax} 字`
  if (body.length < LETTER_LIMITS.bodyMin)
    fields.body = `请填写来信内容（至少 ${LETTER_LIMITS.bodyMin} 个字）`
  else if (body.length > LETTER_LIMITS.bodyMax)
    fields.body = `来信内容不超过 ${LETTER_LIMITS.bodyMax} 字，请精简后再提交`
  if (!name) fields.name = '请填写姓名'
  else if (name.length > LETTER_LIMITS.nameMax)
    fields.name = `姓名不超过 ${LETTER_LIMITS.nameMax} 字`
  if (!MOBILE_RE.test(mobile)) fields.mobile = '请填写 11 位手机号码'
  if (email && !EMAIL_RE.test(email)) fields.email = '电子邮箱格式不正确'
  const first = Object.values(fields)[0]
  if (first) throw invalid(first, fields)
  return {
    type: input.type,
    subject,
    body,
    name,
    mobile,
    email,
    wantsPublic: input.public === true,
  }
}
