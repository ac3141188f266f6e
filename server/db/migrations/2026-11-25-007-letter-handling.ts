import type { Kysely } from 'kysely'
import { autoIncrementPrimaryKey, idType } from '../dialect'

// Frozen. Handling letters: routing rules (归口 by site, mailbox, type and category), and what
// the statistics need recorded once and never recomputed: when a letter was accepted, answered
// and closed, its working days to the reply and whether every stage was on time; the current
// stage's 督办 moment (twice its limit) so overdue lists filter in SQL; the extension request.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const id = idType(db)
  const pk = autoIncrementPrimaryKey(db)

  await db.schema
    .createTable('letter_route')
    .addColumn('id', id, pk)
    // The site whose screening desk the rule serves (the mailbox's site).
    .addColumn('site_id', 'integer', (c) => c.notNull().references('site.id').onDelete('cascade'))
    // null: every mailbox of the site.
    .addColumn('mailbox_id', 'integer', (c) => c.references('mailbox.id').onDelete('cascade'))
    // '': every type.
    .addColumn('type', 'varchar(16)', (c) => c.notNull().defaultTo(''))
    // Matches a category equal to it or below it (`城乡建设` matches `城乡建设/住房`); '': any.
    .addColumn('category_prefix', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('unit_site_id', 'integer', (c) =>
      c.notNull().references('site.id').onDelete('cascade'),
    )
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('letter_route_site_idx')
    .on('letter_route')
    .column('site_id')
    .execute()

  await db.schema.alterTable('letter').addColumn('accepted_at', 'varchar(32)').execute()
  await db.schema.alterTable('letter').addColumn('closed_at', 'varchar(32)').execute()
  // 督办: the moment the current stage is twice its limit overdue.
  await db.schema.alterTable('letter').addColumn('escalate_at', 'varchar(32)').execute()
  // Working days from receipt to the approved reply, recorded when it is sent.
  await db.schema.alterTable('letter').addColumn('reply_days', 'integer').execute()
  // 1 when every stage up to the reply ended on time, recorded with the reply.
  await db.schema.alterTable('letter').addColumn('on_time', 'integer').execute()
  // Who drafted the reply under review (four eyes: they may not approve it).
  await db.schema.alterTable('letter').addColumn('reply_by', 'integer').execute()
  // The reply being drafted or under review; `reply` holds the one sent to the writer.
  await db.schema
    .alterTable('letter')
    .addColumn('reply_draft', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema.alterTable('letter').addColumn('rating_until', 'varchar(32)').execute()
  // The writer's view of needs_info: what to supplement (public, unlike reject reasons).
  await db.schema
    .alterTable('letter')
    .addColumn('public_note', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema
    .createIndex('letter_escalate_idx')
    .on('letter')
    .columns(['state', 'escalate_at'])
    .execute()
  await db.schema
    .createIndex('letter_stats_idx')
    .on('letter')
    .columns(['site_id', 'mailbox_id', 'received_at'])
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('letter_route').ifExists().execute()
  for (const c of [
    'accepted_at',
    'closed_at',
    'escalate_at',
    'reply_days',
    'on_time',
    'reply_by',
    'reply_draft',
    'rating_until',
    'public_note',
  ]) {
    await db.schema.alterTable('letter').dropColumn(c).execute()
  }
}
