import {
  LETTER_EXTENSION_MAX_DAYS,
  LETTER_RATING_WINDOW_DAYS,
  type LetterAction,
  type LetterState,
} from '../../../common/letters'
import type { Deps } from '../../core-deps'
import type { Executor } from '../../db/database'
import { nowIso } from '../../db/dialect'
import { AppError, invalid, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import type { CalendarService } from '../calendar/calendar.service'
import { workingDaysBetween } from '../calendar/working-days'
import type { NotificationService } from '../notifications/notification.service'
import type { RequestContext } from '../users/actor'
import { maySee } from './letter.access'
import { Step } from './letter.step'
import { checkPublication, cleanAction, type ActionInput } from './letter.actions'
import { normaliseCode } from './letter.codes'
import { factsOf, letterRepository, type LetterRow } from './letter.repository'
import { assertAllowed, deskUsers, EXTENSION, unitUsers } from './letter.rules'
import { allStagesOnTime, baseDates, openStage, parseBasis } from './letter.stages'
import { suggestUnit } from './letter-route.service'

type Handler = (s: Step, input: ActionInput) => Promise<void>

async function unitName(s: Step, unitSiteId: number): Promise<string> {
  const site = await s.trx
    .selectFrom('site')
    .select(['name', 'status'])
    .where('id', '=', unitSiteId)
    .executeTakeFirst()
  if (!site) throw invalid('承办单位不存在', { unitSiteId: '承办单位不存在' })
  return site.name
}

async function assignTo(s: Step, action: 'assign' | 'transfer', unitSiteId: number, note: string) {
  const name = await unitName(s, unitSiteId)
  const previous = s.letter.unit_site_id
  if (action === 'transfer') {
    if (previous === unitSiteId) {
      throw invalid('请选择另一个承办单位', { unitSiteId: '转办须交给另一个单位' })
    }
    await s.endStage()
    await lapseExtension(s, '来信已转办，未审批的延期申请自动撤销')
  }
  await s.apply(
    action,
    { state: 'assigned', unit_site_id: unitSiteId },
    { note, data: { fromUnitSiteId: previous, unitSiteId, unitName: name } },
  )
  await s.startStage('sign', { unitSiteId })
  await s.notify(
    await unitUsers(s.trx, unitSiteId),
    `${action === 'transfer' ? '转办' : '交办'}来信待签收：${s.letter.subject}`,
    note,
  )
}

/** A pending extension request lapses when the handling it was for ends. */
async function lapseExtension(s: Step, note: string): Promise<void> {
  if (s.letter.extended !== EXTENSION.pending) return
  await s.apply(
    'decide_extension',
    { extended: EXTENSION.refused },
    { note, data: { lapsed: true } },
  )
}

const HANDLERS: Record<LetterAction, Handler> = {
  async accept(s, input) {
    await s.endStage()
    await s.apply(
      'accept',
      {
        state: 'accepted',
        accepted_at: s.at,
        ...(input.category !== undefined ? { category: input.category } : {}),
      },
      { note: input.note },
    )
    if (input.unitSiteId) await assignTo(s, 'assign', input.unitSiteId, '')
  },
  async reject(s, input) {
    await s.endStage()
    await s.apply('reject', { state: 'rejected', closed_at: s.at }, { note: input.reason })
  },
  async request_info(s, input) {
    await s.endStage()
    await s.apply(
      'request_info',
      { state: 'needs_info', paused_at: s.at, public_note: input.message },
      { note: input.message, internal: false },
    )
  },
  async merge(s, input) {
    const target = await findTarget(s, input.into ?? '')
    await s.endStage()
    await s.apply(
      'merge',
      { state: 'merged', merged_into: target.id, closed_at: s.at },
      { note: input.note, data: { into: target.id, queryCode: target.query_code } },
    )
  },
  async assign(s, input) {
    await assignTo(s, 'assign', input.unitSiteId as number, input.note ?? '')
  },
  async transfer(s, input) {
    await assignTo(s, 'transfer', input.unitSiteId as number, input.reason ?? '')
  },
  async sign(s) {
    await s.endStage()
    await s.apply('sign', { state: 'signed' })
    const extensionDays = s.letter.extended === EXTENSION.granted ? await grantedDays(s) : 0
    await s.startStage('handle', { unitSiteId: s.letter.unit_site_id, extensionDays })
  },
  async save_reply(s, input) {
    await s.apply('save_reply', { state: 'in_progress', reply_draft: input.reply })
  },
  async submit_reply(s, input) {
    await s.endStage()
    await lapseExtension(s, '答复已提交，未审批的延期申请自动撤销')
    await s.apply('submit_reply', {
      state: 'reply_drafted',
      reply_draft: input.reply,
      reply_by: s.actor.id,
    })
    await s.startStage('review')
    await s.notify(await deskUsers(s.trx, s.letter.site_id), `来信答复待审核：${s.letter.subject}`)
  },
  async approve_reply(s, input) {
    await s.endStage()
    const first = s.letter.reply_days === null
    await s.apply(
      'approve_reply',
      {
        state: 'answered',
        reply: s.letter.reply_draft,
        replied_at: s.at,
        rating: '',
        rating_until: new Date(
          Date.parse(s.at) + LETTER_RATING_WINDOW_DAYS * 86_400_000,
        ).toISOString(),
        // The first reply's figures are history: a second handling does not rewrite them.
        ...(first
          ? {
              reply_days: workingDaysBetween(s.cal, s.letter.received_at, s.at),
              on_time: (await allStagesOnTime(s.trx, s.letter.id)) ? 1 : 0,
            }
          : {}),
      },
      { note: input.comment, internal: true },
    )
    if (s.letter.reply_by === s.actor.id) {
      await recordAudit(s.trx, s.ctx, {
        action: 'letter.approve_reply',
        entity: 'letter',
        entityId: s.letter.id,
        siteId: s.letter.site_id,
        diff: { selfApproved: true },
      })
    }
    if (s.letter.reply_by !== null) {
      await s.notify([s.letter.reply_by], `来信答复已审核通过：${s.letter.subject}`)
    }
    if (s.letter.writer_email) {
      s.mails.push({
        to: s.letter.writer_email,
        subject: '您的来信已答复',
        text: `您好！您的来信（查询码 ${s.letter.query_code}）已答复，请凭查询码和查询密码在网站“查询来信”中查看答复并评价。`,
      })
    }
  },
  async return_reply(s, input) {
    await s.endStage()
    await s.apply('return_reply', { state: 'in_progress' }, { note: input.reason })
    // Sending a reply back gives no extra time: the handling keeps its due date.
    await s.startStage('handle', { unitSiteId: s.letter.unit_site_id, continueHandling: true })
    if (s.letter.reply_by !== null) {
      await s.notify([s.letter.reply_by], `来信答复被退回修改：${s.letter.subject}`, input.reason)
    }
  },
  async request_extension(s, input) {
    await s.apply(
      'request_extension',
      { extended: EXTENSION.pending },
      { note: input.reason, data: { days: input.days } },
    )
    await s.notify(await deskUsers(s.trx, s.letter.site_id), `来信延期待审批：${s.letter.subject}`)
  },
  async decide_extension(s, input) {
    const days = await grantedDays(s, true)
    await s.apply(
      'decide_extension',
      { extended: input.grant ? EXTENSION.granted : EXTENSION.refused },
      { note: input.note, data: { grant: input.grant, days } },
    )
    if (input.grant) await extendOpenHandling(s, days)
  },
  async note(s, input) {
    await s.apply('note', {}, { note: input.note })
  },
  async close(s, input) {
    await s.apply('close', { state: 'closed', closed_at: s.at }, { note: input.note })
  },
  async publish(s, input) {
    checkPublication(input)
    await s.apply('publish', {
      published: 1,
      public_subject: input.subject,
      public_body: input.body,
      public_reply: input.reply,
      published_at: s.letter.published_at ?? s.at,
    })
    publicationTags(s)
  },
  async unpublish(s, input) {
    await s.apply('unpublish', { published: 0 }, { note: input.reason })
    publicationTags(s)
  },
}

function publicationTags(s: Step): void {
  s.tags.add(`letters:${s.letter.mailbox_id}`)
  s.tags.add(`letters-site:${s.letter.site_id}`)
  s.tags.add(`letter:${s.letter.id}`)
}

/** The days of the letter's extension request (the latest `request_extension` event). */
async function grantedDays(s: Step, pending = false): Promise<number> {
  const e = await s.trx
    .selectFrom('letter_event')
    .select('data')
    .where('letter_id', '=', s.letter.id)
    .where('action', '=', 'request_extension')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  const days = Number((JSON.parse(e?.data ?? '{}') as { days?: number }).days ?? 0)
  if (pending && !days) throw new AppError(409, 'no_extension', '没有待审批的延期申请')
  return days
}

/** A granted extension moves the open handling stage's due date on by its days. */
async function extendOpenHandling(s: Step, days: number): Promise<void> {
  const open = await openStage(s.trx, s.letter.id)
  const basis = parseBasis(s.letter.due_basis)
  if (!open || open.stage !== 'handle' || !basis.handleBase) return
  const base = { ...basis.handleBase, extensionDays: days }
  const dates = baseDates(s.cal, base)
  await s.trx
    .updateTable('letter_stage')
    .set({ limit_days: base.limitDays + days, due_at: dates.dueAt })
    .where('id', '=', open.id)
    .execute()
  await s.trx
    .updateTable('letter')
    .set({
      due_at: dates.dueAt,
      escalate_at: dates.escalateAt,
      due_basis: JSON.stringify({ ...basis, ...base, handleBase: base }),
    })
    .where('id', '=', s.letter.id)
    .execute()
}

async function findTarget(s: Step, into: string): Promise<LetterRow> {
  const trimmed = into.trim()
  const target = /^\d+$/.test(trimmed)
    ? await letterRepository.load(s.trx, Number(trimmed))
    : await letterRepository.byQueryCode(s.trx, normaliseCode(trimmed))
  const field = { into: '请填写重复来信的查询码' }
  if (!target || !maySee(s.actor, { siteId: target.site_id, unitSiteId: target.unit_site_id })) {
    throw invalid('找不到要合并到的来信', field)
  }
  if (target.id === s.letter.id) throw invalid('不能合并到来信本身', field)
  const closedStates: LetterState[] = ['merged', 'withdrawn', 'rejected']
  if (closedStates.includes(target.state as LetterState)) {
    throw invalid('只能合并到有效的来信', field)
  }
  return target
}

/** Handling letters: every admin transition, in one transaction with its events. */
export class LetterHandlingService {
  constructor(
    private readonly deps: Deps,
    private readonly calendar: CalendarService,
    private readonly notifications: NotificationService,
  ) {}

  async act(
    ctx: RequestContext,
    id: number,
    action: LetterAction,
    body: Record<string, unknown>,
  ): Promise<void> {
    const input = cleanAction(action, body)
    if (action === 'request_extension' && (input.days ?? 0) > LETTER_EXTENSION_MAX_DAYS) {
      throw invalid(`延期不超过 ${LETTER_EXTENSION_MAX_DAYS} 个工作日`)
    }
    const cal = await this.calendar.snapshot()
    const step = await this.deps.db.transaction().execute(async (trx) => {
      const letter = await letterRepository.load(trx, id, true)
      if (
        !letter ||
        !maySee(ctx.actor, { siteId: letter.site_id, unitSiteId: letter.unit_site_id })
      ) {
        throw notFound('来信不存在')
      }
      assertAllowed(ctx.actor, action, factsOf(letter))
      if (action === 'accept' && input.unitSiteId === undefined) {
        input.unitSiteId = (await this.suggest(trx, letter)) ?? undefined
      }
      const s = new Step(trx, cal, ctx, letter, nowIso(), this.notifications)
      await HANDLERS[action](s, input)
      return s
    })
    this.notifications.deliver(step.mails)
    if (step.tags.size > 0)
      this.deps.bus.publish({ action: `letter.${action}`, tags: [...step.tags] })
  }

  /** The unit the routing rules give a letter (the desk may choose another). */
  suggest(db: Executor, letter: LetterRow): Promise<number | null> {
    return suggestUnit(db, {
      siteId: letter.site_id,
      mailboxId: letter.mailbox_id,
      type: letter.type,
      category: letter.category,
    })
  }
}
