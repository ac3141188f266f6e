import type { Kysely } from 'kysely'
import { autoIncrementPrimaryKey, idType } from '../dialect'

// Frozen: never edit a migration that has shipped; add a new one.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const id = idType(db)
  // Ids are never reused after a delete (audit history and cache tags key on them).
  const pk = autoIncrementPrimaryKey(db)

  await db.schema
    .createTable('site')
    .addColumn('id', id, pk)
    .addColumn('code', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('short_name', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('site.id'))
    .addColumn('base_path', 'varchar(200)', (c) => c.notNull().defaultTo('/'))
    .addColumn('grouping', 'varchar(32)', (c) => c.notNull().defaultTo(''))
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('site_id_code', 'varchar(32)', (c) => c.notNull().defaultTo(''))
    .addColumn('sponsor', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('organizer', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('icp', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('psb', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_phone', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_email', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_address', 'varchar(300)', (c) => c.notNull().defaultTo(''))
    .addColumn('responsible', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('keywords', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .addColumn('theme', 'varchar(64)', (c) => c.notNull().defaultTo('default'))
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('open'))
    .addColumn('closed_notice', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('closed_at', 'varchar(32)')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('site_parent_idx').on('site').column('parent_id').execute()

  await db.schema
    .createTable('site_host')
    .addColumn('id', id, pk)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('site.id').onDelete('cascade'))
    .addColumn('host', 'varchar(255)', (c) => c.notNull().unique())
    .execute()

  await db.schema
    .createTable('site_column')
    .addColumn('id', id, pk)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('site.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.references('site_column.id'))
    .addColumn('slug', 'varchar(64)', (c) => c.notNull())
    .addColumn('path', 'varchar(600)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('type', 'varchar(32)', (c) => c.notNull().defaultTo('list'))
    .addColumn('update_class', 'varchar(16)', (c) => c.notNull().defaultTo('asNeeded'))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('visible', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('home_block', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('keywords', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .addColumn('link_url', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('site_column_path_uq', ['site_id', 'path'])
    .execute()
  await db.schema
    .createIndex('site_column_parent_idx')
    .on('site_column')
    .column('parent_id')
    .execute()

  await db.schema
    .createTable('app_user')
    .addColumn('id', id, pk)
    .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'varchar(32)', (c) => c.notNull().defaultTo(''))
    .addColumn('unit', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('active'))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'varchar(32)')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_login_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('role_grant')
    .addColumn('id', id, pk)
    .addColumn('user_id', 'integer', (c) =>
      c.notNull().references('app_user.id').onDelete('cascade'),
    )
    .addColumn('site_id', 'integer', (c) => c.references('site.id').onDelete('cascade'))
    .addColumn('role', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('role_grant_user_idx').on('role_grant').column('user_id').execute()

  await db.schema
    .createTable('session')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) =>
      c.notNull().references('app_user.id').onDelete('cascade'),
    )
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .addColumn('user_agent', 'varchar(300)', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute()

  await db.schema
    .createTable('file')
    .addColumn('id', id, pk)
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('mime', 'varchar(100)', (c) => c.notNull())
    .addColumn('ext', 'varchar(16)', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('site_id', 'integer', (c) => c.references('site.id').onDelete('set null'))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('article')
    .addColumn('id', id, pk)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('site.id').onDelete('cascade'))
    .addColumn('external_id', 'varchar(200)')
    .addColumn('title', 'varchar(500)', (c) => c.notNull())
    .addColumn('subtitle', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .addColumn('source', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('author', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cover_file_id', 'integer', (c) => c.references('file.id'))
    .addColumn('cover_alt', 'varchar(300)', (c) => c.notNull().defaultTo(''))
    .addColumn('keywords', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .addColumn('link_url', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    .addColumn('index_no', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('doc_no', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('issuer', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('written_at', 'varchar(32)')
    .addColumn('subject_category', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('validity', 'varchar(16)', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('draft'))
    .addColumn('published_at', 'varchar(32)')
    .addColumn('unpublished_at', 'varchar(32)')
    .addColumn('view_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer')
    .addColumn('updated_by', 'integer')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('article_site_status_idx')
    .on('article')
    .columns(['site_id', 'status', 'published_at'])
    .execute()
  await db.schema
    .createIndex('article_external_uq')
    .on('article')
    .columns(['site_id', 'external_id'])
    .unique()
    .execute()
  await db.schema.createIndex('article_updated_idx').on('article').column('updated_at').execute()

  await db.schema
    .createTable('placement')
    .addColumn('id', id, pk)
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('article.id').onDelete('cascade'),
    )
    .addColumn('column_id', 'integer', (c) =>
      c.notNull().references('site_column.id').onDelete('cascade'),
    )
    .addColumn('site_id', 'integer', (c) => c.notNull().references('site.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull().defaultTo('primary'))
    .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    // Denormalised from the article so a column list is one index range scan.
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('published_at', 'varchar(32)')
    .addUniqueConstraint('placement_article_column_uq', ['article_id', 'column_id'])
    .execute()
  await db.schema
    .createIndex('placement_list_idx')
    .on('placement')
    .columns(['column_id', 'status', 'pinned', 'published_at'])
    .execute()
  await db.schema
    .createIndex('placement_site_list_idx')
    .on('placement')
    .columns(['site_id', 'status', 'published_at'])
    .execute()
  await db.schema
    .createIndex('placement_article_idx')
    .on('placement')
    .column('article_id')
    .execute()

  await db.schema
    .createTable('article_file')
    .addColumn('id', id, pk)
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('article.id').onDelete('cascade'),
    )
    .addColumn('file_id', 'integer', (c) => c.notNull().references('file.id'))
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .createIndex('article_file_article_idx')
    .on('article_file')
    .column('article_id')
    .execute()
  await db.schema
    .createIndex('article_file_file_idx')
    .on('article_file')
    .column('file_id')
    .execute()

  await db.schema
    .createTable('theme_template')
    .addColumn('id', id, pk)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('site.id').onDelete('cascade'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('theme_template_uq', ['site_id', 'name'])
    .execute()

  await db.schema
    .createTable('audit_event')
    .addColumn('id', id, pk)
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('ip', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .addColumn('action', 'varchar(64)', (c) => c.notNull())
    .addColumn('entity', 'varchar(32)', (c) => c.notNull())
    .addColumn('entity_id', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .addColumn('site_id', 'integer')
    .addColumn('diff', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute()
  await db.schema.createIndex('audit_event_at_idx').on('audit_event').column('at').execute()
  await db.schema
    .createIndex('audit_event_entity_idx')
    .on('audit_event')
    .columns(['entity', 'entity_id'])
    .execute()
  await db.schema
    .createIndex('audit_event_site_idx')
    .on('audit_event')
    .columns(['site_id', 'at'])
    .execute()

  await db.schema
    .createTable('visit_daily')
    .addColumn('entity', 'varchar(16)', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('visit_daily_pk', ['entity', 'entity_id', 'day'])
    .execute()

  await db.schema
    .createTable('job')
    .addColumn('id', id, pk)
    .addColumn('kind', 'varchar(64)', (c) => c.notNull())
    .addColumn('run_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('locked_by', 'varchar(64)')
    .addColumn('locked_at', 'varchar(32)')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done_at', 'varchar(32)')
    .addColumn('error', 'text')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('job_due_idx').on('job').columns(['done_at', 'run_at']).execute()

  await db.schema
    .createTable('setting')
    .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'setting',
    'job',
    'visit_daily',
    'audit_event',
    'theme_template',
    'article_file',
    'placement',
    'article',
    'file',
    'session',
    'role_grant',
    'app_user',
    'site_column',
    'site_host',
    'site',
  ]) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
