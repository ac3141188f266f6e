import type { Trx } from '../../../db/database'

/** An imported letter as already stored: what a re-import may change. */
export interface StoredImport {
  id: number
  externalId: string
  state: string
  reply: string
  repliedAt: string | null
  category: string
  subject: string
  body: string
}

export interface NewImportedLetter {
  queryCode: string
  passwordHash: string
  type: string
  category: string
  externalId: string
  subject: string
  body: string
  writerName: string
  writerMobile: string
  state: string
  reply: string
  repliedAt: string | null
  dedupeHash: string
  receivedAt: string
  replyDays: number | null
  onTime: number | null
}

export interface ImportEvent {
  letterId: number
  fromState: string
  toState: string
  note: string
  data: Record<string, unknown>
}

// SQLite allows 32,766 bound values; 100 letters of 18 columns stay well inside every limit.
const INSERT_CHUNK = 100

/** Every query of the letters import; the command holds only logic. */
export const letterImportRepository = {
  async findByExternalIds(
    trx: Trx,
    mailboxId: number,
    externalIds: string[],
  ): Promise<Map<string, StoredImport>> {
    const found = new Map<string, StoredImport>()
    if (externalIds.length === 0) return found
    const rows = await trx
      .selectFrom('letter')
      .select(['id', 'external_id', 'state', 'reply', 'replied_at', 'category', 'subject', 'body'])
      .where('mailbox_id', '=', mailboxId)
      .where('external_id', 'in', externalIds)
      .execute()
    for (const r of rows) {
      if (r.external_id === null) continue
      found.set(r.external_id, {
        id: r.id,
        externalId: r.external_id,
        state: r.state,
        reply: r.reply,
        repliedAt: r.replied_at,
        category: r.category,
        subject: r.subject,
        body: r.body,
      })
    }
    return found
  },

  /** The query codes among these that are already taken. */
  async takenQueryCodes(trx: Trx, codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set()
    const rows = await trx
      .selectFrom('letter')
      .select('query_code')
      .where('query_code', 'in', codes)
      .execute()
    return new Set(rows.map((r) => r.query_code))
  },

  /** Inserts letters of one mailbox; returns their ids by external id. */
  async insertMany(
    trx: Trx,
    mailbox: { id: number; siteId: number },
    letters: NewImportedLetter[],
    at: string,
  ): Promise<Map<string, number>> {
    const ids = new Map<string, number>()
    for (let i = 0; i < letters.length; i += INSERT_CHUNK) {
      const rows = await trx
        .insertInto('letter')
        .values(
          letters.slice(i, i + INSERT_CHUNK).map((l) => ({
            mailbox_id: mailbox.id,
            site_id: mailbox.siteId,
            query_code: l.queryCode,
            password_hash: l.passwordHash,
            type: l.type,
            category: l.category,
            source: 'import',
            external_id: l.externalId,
            subject: l.subject,
            body: l.body,
            writer_name: l.writerName,
            writer_mobile: l.writerMobile,
            state: l.state,
            reply: l.reply,
            replied_at: l.repliedAt,
            dedupe_hash: l.dedupeHash,
            received_at: l.receivedAt,
            accepted_at: l.receivedAt,
            reply_days: l.replyDays,
            on_time: l.onTime,
            updated_at: at,
          })),
        )
        .returning(['id', 'external_id'])
        .execute()
      for (const r of rows) if (r.external_id !== null) ids.set(r.external_id, r.id)
    }
    return ids
  },

  async updateImported(
    trx: Trx,
    id: number,
    patch: {
      state: string
      reply: string
      repliedAt: string | null
      category: string
      subject: string
      body: string
      replyDays: number | null
      onTime: number | null
    },
    at: string,
  ): Promise<void> {
    await trx
      .updateTable('letter')
      .set({
        state: patch.state,
        reply: patch.reply,
        replied_at: patch.repliedAt,
        category: patch.category,
        subject: patch.subject,
        body: patch.body,
        reply_days: patch.replyDays,
        on_time: patch.onTime,
        updated_at: at,
      })
      .where('id', '=', id)
      .execute()
  },

  async insertEvents(trx: Trx, events: ImportEvent[], at: string, actorName: string) {
    for (let i = 0; i < events.length; i += INSERT_CHUNK) {
      const chunk = events.slice(i, i + INSERT_CHUNK)
      await trx
        .insertInto('letter_event')
        .values(
          chunk.map((e) => ({
            letter_id: e.letterId,
            at,
            actor_name: actorName,
            action: 'import',
            from_state: e.fromState,
            to_state: e.toState,
            note: e.note,
            internal: 1,
            data: JSON.stringify(e.data),
          })),
        )
        .execute()
    }
  },
}
