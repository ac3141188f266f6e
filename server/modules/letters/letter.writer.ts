import {
  LETTER_LIMITS,
  LETTER_RATINGS,
  type LetterRating,
  type LetterState,
} from '../../../common/letters'
import type { Deps } from '../../core-deps'
import { nowIso } from '../../db/dialect'
import { AppError, invalid, notFound } from '../../errors'
import type { CalendarService } from '../calendar/calendar.service'
import type { NotificationService } from '../notifications/notification.service'
import type { RequestContext } from '../users/actor'
import { verifyPassword } from '../users/password'
import { normaliseCode } from './letter.codes'
import { DUMMY_HASH } from './letter.intake'
import { Step } from './letter.step'
import { letterRepository, type LetterRow } from './letter.repository'
import { deskUsers, unitUsers } from './letter.rules'

/** The writer as an actor in the letter's timeline. */
const WRITER: RequestContext = {
  actor: { id: null, username: 'writer', displayName: '来信人', isClusterAdmin: false, grants: [] },
  ip: '',
}

const WRONG = '查询码或查询密码不正确'
const COMMENT_MAX = 500
const WITHDRAWABLE: readonly LetterState[] = ['submitted', 'needs_info', 'accepted']
const FINISHED: readonly LetterState[] = ['answered', 'closed', 'withdrawn', 'rejected', 'merged']

/**
 * What the writer may do with their letter, proven by its 查询码 and password: supplement it
 * when asked, withdraw it before it is assigned, and rate the reply within the window (a first
 * 不满意 sends it back for a second handling).
 */
export class LetterWriterService {
  constructor(
    private readonly deps: Deps,
    private readonly calendar: CalendarService,
    private readonly notifications: NotificationService,
  ) {}

  async rate(code: string, password: string, rating: string, comment = ''): Promise<void> {
    if (!(LETTER_RATINGS as readonly string[]).includes(rating)) {
      throw invalid('请选择满意、基本满意或不满意', { rating: '请选择评价' })
    }
    const note = comment.trim()
    if (note.length > COMMENT_MAX) {
      throw invalid(`评价意见不超过 ${COMMENT_MAX} 字`, { comment: `不超过 ${COMMENT_MAX} 字` })
    }
    await this.step(code, password, async (s) => {
      if (s.letter.state !== 'answered' || s.letter.rating) {
        throw new AppError(409, 'not_ratable', '该来信当前不能评价（尚未答复或已评价）')
      }
      if (s.letter.rating_until && s.at > s.letter.rating_until) {
        throw new AppError(409, 'rating_closed', '评价期已过，不能再评价')
      }
      const r = rating as LetterRating
      const reopen = r === 'unsatisfied' && s.letter.reopened === 0
      await s.apply(
        'rate',
        {
          rating: r,
          rating_comment: note,
          rated_at: s.at,
          ...(reopen ? {} : { state: 'closed', closed_at: s.at }),
        },
        { note, internal: false, data: { rating: r } },
      )
      if (!reopen) return
      await s.apply(
        'reopen',
        { state: 'in_progress', reopened: 1, rating: '' },
        {
          note: '来信人不满意，重新办理',
          internal: false,
          data: { previousRating: r },
        },
      )
      await s.startStage('handle', { unitSiteId: s.letter.unit_site_id })
      const people = [
        ...(s.letter.unit_site_id ? await unitUsers(s.trx, s.letter.unit_site_id) : []),
        ...(await deskUsers(s.trx, s.letter.site_id)),
      ]
      await s.notify(people, `来信人不满意，来信重新办理：${s.letter.subject}`, note)
    })
  }

  async supplement(code: string, password: string, text: string): Promise<void> {
    const t = text.trim()
    if (t.length < LETTER_LIMITS.bodyMin) {
      throw invalid('请填写补充的内容', { text: '请填写补充的内容' })
    }
    await this.step(code, password, async (s) => {
      if (s.letter.state !== 'needs_info') {
        throw new AppError(409, 'not_needs_info', '该来信当前不需要补充材料')
      }
      const body = `${s.letter.body}\n\n【补充材料 ${s.at.slice(0, 10)}】\n${t}`
      if (body.length > LETTER_LIMITS.bodyMax * 2) {
        throw invalid('补充内容过长，请精简后再提交', { text: '补充内容过长' })
      }
      await s.apply(
        'supplement',
        { state: 'submitted', body, paused_at: null, public_note: '' },
        { internal: false },
      )
      // The clock restarts: screening starts again from the supplement.
      await s.startStage('screen')
      await s.notify(
        await deskUsers(s.trx, s.letter.site_id),
        `来信人已补充材料：${s.letter.subject}`,
      )
    })
  }

  async withdraw(code: string, password: string): Promise<void> {
    await this.step(code, password, async (s) => {
      if (!WITHDRAWABLE.includes(s.letter.state as LetterState)) {
        const finished = FINISHED.includes(s.letter.state as LetterState)
        throw new AppError(
          409,
          'not_withdrawable',
          finished ? '来信已办结，不能撤回' : '来信已交办承办单位，不能撤回',
        )
      }
      await s.endStage()
      await s.apply('withdraw', { state: 'withdrawn', closed_at: s.at }, { internal: false })
    })
  }

  /** Proves the password, then runs one transition in one transaction. */
  private async step(code: string, password: string, run: (s: Step) => Promise<void>) {
    const found = await letterRepository.byQueryCode(this.deps.db, normaliseCode(code))
    // The same work whether or not the code exists: the timing must not tell.
    const ok = await verifyPassword(
      password.trim().toUpperCase(),
      found?.password_hash ?? DUMMY_HASH,
    )
    if (!found || !ok) throw notFound(WRONG)
    const cal = await this.calendar.snapshot()
    const step = await this.deps.db.transaction().execute(async (trx) => {
      const letter = (await letterRepository.load(trx, found.id, true)) as LetterRow
      const s = new Step(trx, cal, WRITER, letter, nowIso(), this.notifications)
      await run(s)
      return s
    })
    this.notifications.deliver(step.mails)
  }
}
