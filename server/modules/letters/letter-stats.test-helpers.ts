import { randomBytes } from 'node:crypto'
import type { Insertable } from 'kysely'
import type { Executor } from '../../db/database'
import type { LetterTable } from './letter.table'

/** Inserts a letter row directly, in whatever state a test needs (no workflow, no events). */
export async function insertLetter(
  db: Executor,
  l: { mailboxId: number; siteId: number; receivedAt: string } & Partial<Insertable<LetterTable>>,
): Promise<number> {
  const { mailboxId, siteId, receivedAt, ...rest } = l
  const code = randomBytes(5).toString('hex').toUpperCase()
  const r = await db
    .insertInto('letter')
    .values({
      mailbox_id: mailboxId,
      site_id: siteId,
      query_code: code,
      password_hash: 'x',
      type: 'consult',
      subject: `测试来信${code}`,
      body: '测试来信内容',
      writer_name: '张三',
      writer_mobile: '13800000000',
      state: 'submitted',
      dedupe_hash: code,
      received_at: receivedAt,
      updated_at: receivedAt,
      ...rest,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return r.id
}
