import {
  LETTER_EVENT_LABELS,
  LETTER_OPEN_STATES,
  LETTER_RED_FLAG_MONTHS,
  LETTER_STAGE_LABELS,
  LETTER_STATE_LABELS,
  LETTER_TYPE_LABELS,
  type LetterDueStatus,
  type LetterRating,
  type LetterStage,
  type LetterState,
  type LetterType,
} from '../../../common/letters'
import type { Deps } from '../../core-deps'
import { bool, nowIso, toCount } from '../../db/dialect'
import { forbidden, notFound } from '../../errors'
import { presentSiteAdmin } from '../sites/site.presenter'
import { siteRepository } from '../sites/site.repository'
import { recordAudit } from '../audit/audit.repository'
import type { CalendarService } from '../calendar/calendar.service'
import { addWorkingDays } from '../calendar/working-days'
import type { RequestContext } from '../users/actor'
import {
  letterScopes,
  maskEmail,
  maskMobile,
  maskName,
  maySee,
  redactForPublication,
} from './letter.access'
import { openLetterFile } from './letter.attachments'
import type { LetterDetail, LetterListItem } from '../../../common/letters-api'
import type { LetterHandlingService } from './letter.handling'
import { letterListQuery, type LetterListFilter, type ListRow } from './letter.list-query'
import { factsOf, letterRepository } from './letter.repository'
import { allowedActions, EXTENSION } from './letter.rules'

export type { LetterListFilter } from './letter.list-query'

export type { LetterDetail, LetterListItem } from '../../../common/letters-api'

/** The moment before which a still-open valid letter is flagged red. */
export function redFlagBefore(now: Date): string {
  const d = new Date(now)
  d.setUTCMonth(d.getUTCMonth() - LETTER_RED_FLAG_MONTHS)
  return d.toISOString()
}

/** Where a letter stands against its current deadline (see LETTER_DUE_LABELS). */
export function dueStatus(
  now: string,
  soon: string,
  dueAt: string | null,
  escalateAt: string | null,
): LetterDueStatus {
  if (!dueAt) return 'none'
  if (escalateAt && now > escalateAt) return 'escalated'
  if (now > dueAt) return 'overdue'
  if (dueAt <= soon) return 'due_soon'
  return 'ok'
}

function toItem(r: ListRow, now: string, soon: string, redBefore: string): LetterListItem {
  const state = r.state as LetterState
  return {
    id: r.id,
    queryCode: r.query_code,
    mailboxId: r.mailbox_id,
    mailboxName: r.mailbox_name,
    siteId: r.site_id,
    siteName: r.site_name,
    type: r.type as LetterType,
    typeLabel: LETTER_TYPE_LABELS[r.type as LetterType] ?? r.type,
    category: r.category,
    subject: r.subject,
    state,
    stateLabel: LETTER_STATE_LABELS[state] ?? state,
    unitSiteId: r.unit_site_id,
    unitName: r.unit_name ?? null,
    receivedAt: r.received_at,
    dueAt: r.due_at,
    dueStatus: dueStatus(now, soon, r.due_at, r.escalate_at),
    redFlag: LETTER_OPEN_STATES.includes(state) && r.received_at < redBefore,
    repliedAt: r.replied_at,
    rating: r.rating as LetterRating | '',
    published: bool(r.published),
    source: r.source,
    writerName: maskName(r.writer_name),
  }
}

/** Letters as the admin lists and shows them: scoped to who may see them, writer masked. */
export class LetterReadService {
  constructor(
    private readonly deps: Deps,
    private readonly calendar: CalendarService,
    private readonly handling: LetterHandlingService,
  ) {}

  private async clock(now = new Date()) {
    const cal = await this.calendar.snapshot()
    const at = now.toISOString()
    return { now: at, soon: addWorkingDays(cal, at, 1), redBefore: redFlagBefore(now) }
  }

  async list(
    ctx: RequestContext,
    filter: LetterListFilter,
    paging: { page?: number; pageSize?: number } = {},
  ): Promise<{ rows: LetterListItem[]; total: number; page: number; pageSize: number }> {
    const page = Math.max(1, paging.page ?? 1)
    const pageSize = Math.min(200, Math.max(1, paging.pageSize ?? 20))
    const c = await this.clock()
    const q = letterListQuery(this.deps.db, ctx.actor, filter, c)
    const [rows, count] = await Promise.all([
      q
        .orderBy('l.received_at', 'desc')
        .orderBy('l.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      q
        .clearSelect()
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst(),
    ])
    return {
      rows: rows.map((r) => toItem(r, c.now, c.soon, c.redBefore)),
      total: toCount(count?.n),
      page,
      pageSize,
    }
  }

  /** Every matching letter (up to `limit`) for the spreadsheet export. */
  async exportRows(ctx: RequestContext, filter: LetterListFilter, limit = 20_000) {
    const c = await this.clock()
    const rows = await letterListQuery(this.deps.db, ctx.actor, filter, c)
      .orderBy('l.received_at', 'desc')
      .limit(limit)
      .execute()
    return rows.map((r) => toItem(r, c.now, c.soon, c.redBefore))
  }

  /** Badge counts of the boxes, and how many of my letters are overdue or flagged red. */
  async counts(ctx: RequestContext): Promise<Record<string, number>> {
    const c = await this.clock()
    const boxes = ['screening', 'unit', 'review', 'extension'] as const
    const out: Record<string, number> = {}
    const count = async (f: LetterListFilter) => {
      const r = await letterListQuery(this.deps.db, ctx.actor, f, c)
        .clearSelect()
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst()
      return toCount(r?.n)
    }
    for (const box of boxes) out[box] = await count({ box })
    out.overdue = await count({ box: 'all', due: 'overdue' })
    out.red = await count({ box: 'all', due: 'red' })
    return out
  }

  async detail(ctx: RequestContext, id: number): Promise<LetterDetail> {
    const c = await this.clock()
    const db = this.deps.db
    const row = await letterListQuery(db, ctx.actor, { box: 'all' }, c)
      .where('l.id', '=', id)
      .executeTakeFirst()
    const l = await letterRepository.load(db, id)
    if (!row || !l) throw notFound('来信不存在')
    const [events, stages, files, merged, drafter] = await Promise.all([
      db.selectFrom('letter_event').selectAll().where('letter_id', '=', id).orderBy('id').execute(),
      db
        .selectFrom('letter_stage as st')
        .leftJoin('site as u', 'u.id', 'st.unit_site_id')
        .selectAll('st')
        .select('u.name as unit_name')
        .where('st.letter_id', '=', id)
        .orderBy('st.id')
        .execute(),
      db
        .selectFrom('letter_file')
        .select(['id', 'name'])
        .where('letter_id', '=', id)
        .orderBy('id')
        .execute(),
      l.merged_into
        ? db
            .selectFrom('letter')
            .select(['id', 'query_code'])
            .where('id', '=', l.merged_into)
            .executeTakeFirst()
        : undefined,
      l.reply_by
        ? db
            .selectFrom('app_user')
            .select('display_name')
            .where('id', '=', l.reply_by)
            .executeTakeFirst()
        : undefined,
    ])
    const writer = { name: l.writer_name, mobile: l.writer_mobile, email: l.writer_email }
    const lastExtension = [...events].reverse().find((e) => e.action === 'request_extension')
    const extensionStatus =
      l.extended === EXTENSION.pending
        ? 'pending'
        : l.extended === EXTENSION.granted
          ? 'granted'
          : l.extended === EXTENSION.refused
            ? 'refused'
            : null
    const canReveal = maySee(ctx.actor, { siteId: l.site_id, unitSiteId: l.unit_site_id })
    return {
      ...toItem(row, c.now, c.soon, c.redBefore),
      body: l.body,
      writer: {
        name: maskName(l.writer_name),
        mobile: maskMobile(l.writer_mobile),
        email: maskEmail(l.writer_email),
      },
      wantsPublic: bool(l.wants_public),
      mergedInto: merged ? { id: merged.id, queryCode: merged.query_code } : null,
      publicNote: l.public_note,
      reply: l.reply,
      replyDraft: l.reply_draft,
      replyBy: l.reply_by,
      replyByName: drafter?.display_name ?? '',
      ratingComment: l.rating_comment,
      ratedAt: l.rated_at,
      ratingUntil: l.rating_until,
      reopened: bool(l.reopened),
      extension:
        extensionStatus && lastExtension
          ? {
              status: extensionStatus,
              days: Number((JSON.parse(lastExtension.data) as { days?: number }).days ?? 0),
              reason: lastExtension.note,
            }
          : null,
      events: events.map((e) => ({
        id: e.id,
        at: e.at,
        actorName: e.actor_name,
        action: e.action,
        label: LETTER_EVENT_LABELS[e.action] ?? e.action,
        fromState: e.from_state as LetterState | '',
        toState: e.to_state as LetterState | '',
        note: e.note,
        internal: bool(e.internal),
      })),
      stages: stages.map((s) => ({
        id: s.id,
        stage: s.stage as LetterStage,
        label: LETTER_STAGE_LABELS[s.stage as LetterStage] ?? s.stage,
        unitSiteId: s.unit_site_id,
        unitName: s.unit_name ?? null,
        startedAt: s.started_at,
        limitDays: s.limit_days,
        dueAt: s.due_at,
        endedAt: s.ended_at,
        workingDays: s.working_days,
        onTime: s.on_time === null ? null : bool(s.on_time),
      })),
      files: files.map((f) => ({
        id: f.id,
        name: f.name,
        url: `/api/admin/letters/${id}/files/${f.id}`,
      })),
      publication: {
        published: bool(l.published),
        subject: l.public_subject,
        body: l.public_body,
        reply: l.public_reply,
        publishedAt: l.published_at,
      },
      suggestedPublication: {
        subject: l.public_subject || redactForPublication(l.subject, writer),
        body: l.public_body || redactForPublication(l.body, writer),
        reply: l.public_reply || redactForPublication(l.reply, writer),
      },
      actions: allowedActions(ctx.actor, factsOf(l)),
      canRevealWriter: canReveal,
      suggestedUnitSiteId:
        l.state === 'submitted' || l.state === 'accepted'
          ? await this.handling.suggest(db, l)
          : null,
    }
  }

  /** Every site a letter may be assigned to (any member of staff who handles letters). */
  async units(ctx: RequestContext) {
    const scope = letterScopes(ctx.actor)
    if (scope !== 'all' && scope.desk.length === 0 && scope.units.length === 0) throw forbidden()
    const sites = await siteRepository.listAll(this.deps.db)
    return sites.filter((s) => s.status !== 'archived').map(presentSiteAdmin)
  }

  /** A writer's attachment (personal data): for those who may see the letter; audited. */
  async file(ctx: RequestContext, id: number, fileId: number) {
    const l = await letterRepository.load(this.deps.db, id)
    if (!l || !maySee(ctx.actor, { siteId: l.site_id, unitSiteId: l.unit_site_id })) {
      throw notFound('来信不存在')
    }
    const opened = await openLetterFile(this.deps, id, fileId)
    await this.deps.db.transaction().execute((trx) =>
      recordAudit(trx, ctx, {
        action: 'letter.view_file',
        entity: 'letter',
        entityId: id,
        siteId: l.site_id,
        diff: { fileId, name: opened.name },
      }),
    )
    return opened
  }

  /** The writer's personal data, unmasked: only for those who may see it, and audit-logged. */
  async writer(
    ctx: RequestContext,
    id: number,
  ): Promise<{ name: string; mobile: string; email: string }> {
    const l = await letterRepository.load(this.deps.db, id)
    if (!l || !maySee(ctx.actor, { siteId: l.site_id, unitSiteId: l.unit_site_id })) {
      throw notFound('来信不存在')
    }
    await this.deps.db.transaction().execute(async (trx) => {
      await recordAudit(trx, ctx, {
        action: 'letter.view_writer',
        entity: 'letter',
        entityId: id,
        siteId: l.site_id,
      })
      await letterRepository.event(trx, {
        letterId: id,
        at: nowIso(),
        actor: ctx.actor,
        action: 'view_writer',
      })
    })
    return { name: l.writer_name, mobile: l.writer_mobile, email: l.writer_email }
  }
}
