import type { Trx } from '../../db/database'
import type { CalendarSnapshot } from '../calendar/working-days'
import type { MailMessage } from '../notifications/mailer'
import type { NotificationService } from '../notifications/notification.service'
import type { RequestContext } from '../users/actor'
import { effectiveLimits } from './letter-limits'
import { letterRepository, type LetterRow } from './letter.repository'
import { endStage, stageLimit, startStage } from './letter.stages'

/** One transition in progress: the letter, the moment, and what to do once it commits. */
export class Step {
  readonly mails: MailMessage[] = []
  readonly tags = new Set<string>()
  constructor(
    readonly trx: Trx,
    readonly cal: CalendarSnapshot,
    readonly ctx: RequestContext,
    readonly letter: LetterRow,
    readonly at: string,
    private readonly notifications: NotificationService,
  ) {}

  get actor() {
    return this.ctx.actor
  }

  /** Updates the letter (and its state) and writes the event of the transition. */
  async apply(
    action: string,
    patch: Partial<Omit<LetterRow, 'id'>>,
    event: { note?: string; internal?: boolean; data?: unknown } = {},
  ): Promise<void> {
    const from = this.letter.state
    const to = patch.state ?? from
    await this.trx
      .updateTable('letter')
      .set({ ...patch, updated_at: this.at })
      .where('id', '=', this.letter.id)
      .execute()
    Object.assign(this.letter, patch)
    await letterRepository.event(this.trx, {
      letterId: this.letter.id,
      at: this.at,
      actor: this.actor,
      action,
      from: to !== from ? from : '',
      to: to !== from ? to : '',
      note: event.note,
      internal: event.internal,
      data: event.data,
    })
  }

  async limits() {
    const mailbox = await this.trx
      .selectFrom('mailbox')
      .select('limits')
      .where('id', '=', this.letter.mailbox_id)
      .executeTakeFirst()
    return effectiveLimits(mailbox?.limits ?? '{}')
  }

  async startStage(
    stage: 'screen' | 'sign' | 'handle' | 'review',
    options: {
      unitSiteId?: number | null
      continueHandling?: boolean
      extensionDays?: number
    } = {},
  ): Promise<void> {
    await startStage(this.trx, this.cal, {
      letterId: this.letter.id,
      stage,
      unitSiteId: options.unitSiteId ?? null,
      at: this.at,
      limitDays: stageLimit(await this.limits(), stage, this.letter.type),
      extensionDays: options.extensionDays,
      continueHandling: options.continueHandling,
    })
  }

  endStage() {
    return endStage(this.trx, this.cal, this.letter.id, this.at)
  }

  async notify(userIds: number[], title: string, body = ''): Promise<void> {
    const others = userIds.filter((u) => u !== this.actor.id)
    this.mails.push(
      ...(await this.notifications.notify(this.trx, others, {
        kind: 'letter.task',
        title,
        body,
        entity: 'letter',
        entityId: this.letter.id,
        siteId: this.letter.site_id,
      })),
    )
  }
}
