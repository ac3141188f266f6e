import { LETTER_TYPE_LABELS, type LetterType } from '../../../common/letters'
import type { Executor } from '../../db/database'

/**
 * The read model of published letters (公开来信): only rows with `published = 1`, and of them
 * only the redacted copies the desk approved (`public_subject`, `public_body`, `public_reply`).
 * The writer's name, mobile and email and the original body and reply are never selected here.
 */

export interface PublishedLetterItem {
  id: number
  mailboxId: number
  mailboxName: string
  siteId: number
  subject: string
  type: string
  typeLabel: string
  receivedAt: string
  repliedAt: string | null
  publishedAt: string | null
  unitName: string
}

export interface PublishedLetterDetail extends PublishedLetterItem {
  body: string
  reply: string
}

/** Published letters per page on the pages and in the API. */
export const PUBLISHED_PAGE_SIZE = 20

function base(db: Executor) {
  return db
    .selectFrom('letter as l')
    .innerJoin('mailbox as m', 'm.id', 'l.mailbox_id')
    .innerJoin('site as s', 's.id', 'l.site_id')
    .leftJoin('site as u', 'u.id', 'l.unit_site_id')
    .where('l.published', '=', 1)
}

const ITEM_COLUMNS = [
  'l.id',
  'l.mailbox_id',
  'l.site_id',
  'l.public_subject',
  'l.type',
  'l.received_at',
  'l.replied_at',
  'l.published_at',
  'm.name as mailbox_name',
  's.name as site_name',
  'u.name as unit_name',
] as const

interface ItemRow {
  id: number
  mailbox_id: number
  site_id: number
  public_subject: string
  type: string
  received_at: string
  replied_at: string | null
  published_at: string | null
  mailbox_name: string
  site_name: string
  unit_name: string | null
}

function toItem(r: ItemRow): PublishedLetterItem {
  return {
    id: r.id,
    mailboxId: r.mailbox_id,
    mailboxName: r.mailbox_name,
    siteId: r.site_id,
    subject: r.public_subject,
    type: r.type,
    typeLabel: LETTER_TYPE_LABELS[r.type as LetterType] ?? r.type,
    receivedAt: r.received_at,
    repliedAt: r.replied_at,
    publishedAt: r.published_at,
    // Answered by the desk itself when no unit was assigned.
    unitName: r.unit_name ?? r.site_name,
  }
}

export const publishedLetters = {
  /** A page of the published letters of these mailboxes, newest published first. */
  async list(
    db: Executor,
    mailboxIds: number[],
    page: number,
    pageSize = PUBLISHED_PAGE_SIZE,
  ): Promise<{ items: PublishedLetterItem[]; total: number }> {
    if (mailboxIds.length === 0) return { items: [], total: 0 }
    const [rows, count] = await Promise.all([
      base(db)
        .select(ITEM_COLUMNS)
        .where('l.mailbox_id', 'in', mailboxIds)
        .orderBy('l.published_at', 'desc')
        .orderBy('l.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      base(db)
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('l.mailbox_id', 'in', mailboxIds)
        .executeTakeFirst(),
    ])
    return { items: rows.map(toItem), total: Number(count?.n ?? 0) }
  },

  /** One published letter; undefined when unknown or not published. */
  async get(db: Executor, id: number): Promise<PublishedLetterDetail | undefined> {
    const r = await base(db)
      .select([...ITEM_COLUMNS, 'l.public_body', 'l.public_reply'])
      .where('l.id', '=', id)
      .executeTakeFirst()
    if (!r) return undefined
    return { ...toItem(r), body: r.public_body, reply: r.public_reply }
  },
}
