import type { ColumnDefinitionBuilder, Kysely } from 'kysely'
import { autoIncrementPrimaryKey, idType } from '../dialect'

// Frozen. Review before publishing: workflows, reviews and their steps, revisions, scheduling,
// unpublishing types, content-check word lists and in-app notifications.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const id = idType(db)
  const pk = autoIncrementPrimaryKey(db)

  // Working copies, open reviews, schedules and the unpublishing type live on the article.
  type Build = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder
  const articleColumns: [string, 'integer' | 'text' | `varchar(${number})`, Build][] = [
    ['working_revision_id', 'integer', (c) => c],
    ['review_id', 'integer', (c) => c],
    ['unreviewed', 'integer', (c) => c.notNull().defaultTo(0)],
    ['publish_at', 'varchar(32)', (c) => c],
    ['unpublish_at', 'varchar(32)', (c) => c],
    ['unpublish_kind', 'varchar(16)', (c) => c.notNull().defaultTo('')],
    ['unpublish_reason', 'text', (c) => c.notNull().defaultTo('')],
    ['redirect_url', 'varchar(500)', (c) => c.notNull().defaultTo('')],
    ['backdate_reason', 'text', (c) => c.notNull().defaultTo('')],
  ]
  for (const [name, type, build] of articleColumns) {
    await db.schema.alterTable('article').addColumn(name, type, build).execute()
  }

  await db.schema
    .createTable('workflow')
    .addColumn('id', id, pk)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('site.id').onDelete('cascade'))
    .addColumn('column_id', 'integer', (c) => c.references('site_column.id').onDelete('cascade'))
    .addColumn('levels', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('updated_by', 'integer')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('workflow_site_idx').on('workflow').columns(['site_id']).execute()

  await db.schema
    .createTable('article_revision')
    .addColumn('id', id, pk)
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('article.id').onDelete('cascade'),
    )
    .addColumn('no', 'integer', (c) => c.notNull())
    .addColumn('action', 'varchar(32)', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_by_name', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('article_revision_article_idx')
    .on('article_revision')
    .columns(['article_id', 'no'])
    .unique()
    .execute()

  await db.schema
    .createTable('review')
    .addColumn('id', id, pk)
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('article.id').onDelete('cascade'),
    )
    .addColumn('site_id', 'integer', (c) => c.notNull())
    .addColumn('revision_id', 'integer')
    .addColumn('levels', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('emergency', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submitted_by', 'integer')
    .addColumn('submitted_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(32)')
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema
    .createIndex('review_state_idx')
    .on('review')
    .columns(['state', 'site_id'])
    .execute()
  await db.schema.createIndex('review_article_idx').on('review').columns(['article_id']).execute()

  await db.schema
    .createTable('review_step')
    .addColumn('id', id, pk)
    .addColumn('review_id', 'integer', (c) =>
      c.notNull().references('review.id').onDelete('cascade'),
    )
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('decision', 'varchar(16)', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('review_step_review_idx')
    .on('review_step')
    .column('review_id')
    .execute()

  await db.schema
    .createTable('lexicon_entry')
    .addColumn('id', id, pk)
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('term', 'varchar(100)', (c) => c.notNull())
    .addColumn('replacement', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('note', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('lexicon_entry_uq')
    .on('lexicon_entry')
    .columns(['kind', 'term'])
    .unique()
    .execute()

  await db.schema
    .createTable('notification')
    .addColumn('id', id, pk)
    .addColumn('user_id', 'integer', (c) =>
      c.notNull().references('app_user.id').onDelete('cascade'),
    )
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('entity', 'varchar(32)', (c) => c.notNull().defaultTo(''))
    .addColumn('entity_id', 'integer')
    .addColumn('site_id', 'integer')
    .addColumn('read_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('notification_user_idx')
    .on('notification')
    .columns(['user_id', 'read_at', 'id'])
    .execute()

  // A job may name what it acts on, so rescheduling can cancel the old job.
  await db.schema
    .alterTable('job')
    .addColumn('ref', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema.createIndex('job_ref_idx').on('job').columns(['ref', 'done_at']).execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'notification',
    'lexicon_entry',
    'review_step',
    'review',
    'article_revision',
    'workflow',
  ]) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
