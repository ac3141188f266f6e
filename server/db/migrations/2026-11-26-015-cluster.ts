import type { Kysely } from 'kysely'
import { autoIncrementPrimaryKey, idType } from '../dialect'

// Frozen once committed. The cluster: 信息报送 (submissions from units to another site's
// columns), 一稿多发 (pushes of an article to other sites' columns, linked or copied, with the
// receiving site's acceptance rules) and the origin of copied or adopted articles.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const id = idType(db)
  const pk = autoIncrementPrimaryKey(db)

  // Where a copied or adopted article came from (attribution; unpublishing the source
  // withdraws its copies). No foreign key: the source may be deleted, the record stays.
  await db.schema.alterTable('article').addColumn('origin_article_id', 'integer').execute()
  await db.schema.alterTable('article').addColumn('origin_site_id', 'integer').execute()
  await db.schema
    .createIndex('article_origin_idx')
    .on('article')
    .column('origin_article_id')
    .execute()

  // A placement made by an accepted push: the source's own edits of its column list keep it.
  await db.schema.alterTable('placement').addColumn('push_id', 'integer').execute()

  // Aggregate columns and the portal's cluster-wide latest list read each source column's (or
  // site's) newest items with one short index range scan, whatever the pinned flag.
  await db.schema
    .createIndex('placement_column_latest_idx')
    .on('placement')
    .columns(['column_id', 'status', 'published_at'])
    .execute()

  // What a site accepts from the rest of the cluster. No row: the defaults in common/cluster.ts.
  await db.schema
    .createTable('site_sharing')
    .addColumn('site_id', 'integer', (c) =>
      c.primaryKey().references('site.id').onDelete('cascade'),
    )
    .addColumn('submissions', 'varchar(16)', (c) => c.notNull().defaultTo('none'))
    .addColumn('submission_sources', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('submission_columns', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('pushes', 'varchar(16)', (c) => c.notNull().defaultTo('none'))
    .addColumn('push_sources', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('push_review', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'integer')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('submission')
    .addColumn('id', id, pk)
    .addColumn('source_site_id', 'integer', (c) =>
      c.notNull().references('site.id').onDelete('cascade'),
    )
    // Kept (null) when the source article is deleted: the statistics still count it.
    .addColumn('source_article_id', 'integer', (c) =>
      c.references('article.id').onDelete('set null'),
    )
    .addColumn('target_site_id', 'integer', (c) =>
      c.notNull().references('site.id').onDelete('cascade'),
    )
    .addColumn('target_column_id', 'integer', (c) =>
      c.references('site_column.id').onDelete('set null'),
    )
    .addColumn('title', 'varchar(500)', (c) => c.notNull())
    .addColumn('note', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('pending'))
    .addColumn('reason', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    .addColumn('rounds', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('adopted_article_id', 'integer', (c) =>
      c.references('article.id').onDelete('set null'),
    )
    .addColumn('adopted_home', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submitted_by', 'integer')
    .addColumn('submitted_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('decided_by', 'integer')
    .addColumn('decided_at', 'varchar(32)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('submission_target_idx')
    .on('submission')
    .columns(['target_site_id', 'status', 'submitted_at'])
    .execute()
  await db.schema
    .createIndex('submission_source_idx')
    .on('submission')
    .columns(['source_site_id', 'submitted_at'])
    .execute()
  await db.schema
    .createIndex('submission_article_idx')
    .on('submission')
    .column('source_article_id')
    .execute()

  await db.schema
    .createTable('push')
    .addColumn('id', id, pk)
    .addColumn('article_id', 'integer', (c) => c.references('article.id').onDelete('set null'))
    .addColumn('source_site_id', 'integer', (c) =>
      c.notNull().references('site.id').onDelete('cascade'),
    )
    .addColumn('target_site_id', 'integer', (c) =>
      c.notNull().references('site.id').onDelete('cascade'),
    )
    .addColumn('target_column_id', 'integer', (c) =>
      c.references('site_column.id').onDelete('set null'),
    )
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull().defaultTo('pending'))
    .addColumn('title', 'varchar(500)', (c) => c.notNull())
    .addColumn('reason', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    .addColumn('copy_article_id', 'integer', (c) => c.references('article.id').onDelete('set null'))
    .addColumn('pushed_by', 'integer')
    .addColumn('pushed_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('decided_by', 'integer')
    .addColumn('decided_at', 'varchar(32)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('push_target_idx')
    .on('push')
    .columns(['target_site_id', 'state', 'pushed_at'])
    .execute()
  await db.schema.createIndex('push_article_idx').on('push').column('article_id').execute()
}
