import type { Kysely } from 'kysely'
import { autoIncrementPrimaryKey, idType } from '../dialect'

// Frozen. Letters (来信) on every site: mailboxes, letters with their writer's data kept apart
// from what may be published, the event log of every transition, stage deadlines with their
// on-time result recorded when the stage ends, and attachments.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const id = idType(db)
  const pk = autoIncrementPrimaryKey(db)

  await db.schema
    .createTable('mailbox')
    .addColumn('id', id, pk)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('site.id').onDelete('cascade'))
    .addColumn('code', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    // JSON: per letter type and stage, limits in working days overriding the defaults.
    .addColumn('limits', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('mailbox_site_idx').on('mailbox').column('site_id').execute()

  await db.schema
    .createTable('letter')
    .addColumn('id', id, pk)
    .addColumn('mailbox_id', 'integer', (c) => c.notNull().references('mailbox.id'))
    .addColumn('site_id', 'integer', (c) => c.notNull())
    .addColumn('query_code', 'varchar(20)', (c) => c.notNull().unique())
    .addColumn('password_hash', 'varchar(200)', (c) => c.notNull())
    .addColumn('type', 'varchar(16)', (c) => c.notNull())
    // 归口 category (e.g. from a three-level complaint taxonomy), set at screening.
    .addColumn('category', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    // web | import | phone …; imported letters keep their source id for idempotent re-imports.
    .addColumn('source', 'varchar(16)', (c) => c.notNull().defaultTo('web'))
    .addColumn('external_id', 'varchar(100)')
    .addColumn('subject', 'varchar(200)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // The writer: shown only to the screening desk, the assigned unit and cluster admins.
    .addColumn('writer_name', 'varchar(50)', (c) => c.notNull())
    .addColumn('writer_mobile', 'varchar(20)', (c) => c.notNull())
    .addColumn('writer_email', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('wants_public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('state', 'varchar(24)', (c) => c.notNull())
    .addColumn('unit_site_id', 'integer')
    .addColumn('merged_into', 'integer')
    .addColumn('due_at', 'varchar(32)')
    // JSON: what the current due date was computed from (stage, start, limit, calendar version).
    .addColumn('due_basis', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('paused_at', 'varchar(32)')
    // One extension per letter, approved by the screening desk.
    .addColumn('extended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reply', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('replied_at', 'varchar(32)')
    .addColumn('rating', 'varchar(16)', (c) => c.notNull().defaultTo(''))
    .addColumn('rating_comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('rated_at', 'varchar(32)')
    .addColumn('reopened', 'integer', (c) => c.notNull().defaultTo(0))
    // What the public sees once published: redacted copies, never the originals.
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('public_subject', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('public_body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('public_reply', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('published_at', 'varchar(32)')
    // Same writer, subject and body within a minute: one letter, not two.
    .addColumn('dedupe_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('received_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('letter_mailbox_idx')
    .on('letter')
    .columns(['mailbox_id', 'state', 'received_at'])
    .execute()
  await db.schema
    .createIndex('letter_unit_idx')
    .on('letter')
    .columns(['unit_site_id', 'state', 'due_at'])
    .execute()
  await db.schema
    .createIndex('letter_site_idx')
    .on('letter')
    .columns(['site_id', 'received_at'])
    .execute()
  await db.schema
    .createIndex('letter_dedupe_idx')
    .on('letter')
    .columns(['dedupe_hash', 'received_at'])
    .execute()
  await db.schema
    .createIndex('letter_external_uq')
    .on('letter')
    .columns(['mailbox_id', 'external_id'])
    .unique()
    .execute()
  await db.schema
    .createIndex('letter_public_idx')
    .on('letter')
    .columns(['mailbox_id', 'published', 'published_at'])
    .execute()

  await db.schema
    .createTable('letter_event')
    .addColumn('id', id, pk)
    .addColumn('letter_id', 'integer', (c) =>
      c.notNull().references('letter.id').onDelete('cascade'),
    )
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('action', 'varchar(32)', (c) => c.notNull())
    .addColumn('from_state', 'varchar(24)', (c) => c.notNull().defaultTo(''))
    .addColumn('to_state', 'varchar(24)', (c) => c.notNull().defaultTo(''))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    // Internal notes never reach the public.
    .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute()
  await db.schema
    .createIndex('letter_event_letter_idx')
    .on('letter_event')
    .columns(['letter_id', 'id'])
    .execute()

  await db.schema
    .createTable('letter_stage')
    .addColumn('id', id, pk)
    .addColumn('letter_id', 'integer', (c) =>
      c.notNull().references('letter.id').onDelete('cascade'),
    )
    .addColumn('stage', 'varchar(24)', (c) => c.notNull())
    .addColumn('unit_site_id', 'integer')
    .addColumn('started_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('limit_days', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('ended_at', 'varchar(32)')
    .addColumn('working_days', 'integer')
    // Recorded when the stage ends, so later edits cannot change history.
    .addColumn('on_time', 'integer')
    .execute()
  await db.schema
    .createIndex('letter_stage_letter_idx')
    .on('letter_stage')
    .columns(['letter_id', 'stage'])
    .execute()

  await db.schema
    .createTable('letter_file')
    .addColumn('id', id, pk)
    .addColumn('letter_id', 'integer', (c) =>
      c.notNull().references('letter.id').onDelete('cascade'),
    )
    .addColumn('file_id', 'integer', (c) => c.notNull().references('file.id'))
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('role', 'varchar(16)', (c) => c.notNull().defaultTo('writer'))
    .execute()
  await db.schema
    .createIndex('letter_file_letter_idx')
    .on('letter_file')
    .column('letter_id')
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['letter_file', 'letter_stage', 'letter_event', 'letter', 'mailbox']) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
