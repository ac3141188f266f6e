import type { Kysely } from 'kysely'
import { autoIncrementPrimaryKey, idType } from '../dialect'

// Frozen once committed. 办事事项、办事指南与表格: the items of each responsible unit (a site),
// their themes, their materials with blank template and filled sample (an uploaded file or a
// URL each), and the runs of the 检查 report (missing elements, forms that don't download,
// overlapping items) with their progress.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const id = idType(db)
  const pk = autoIncrementPrimaryKey(db)

  await db.schema
    .createTable('service_item')
    .addColumn('id', id, pk)
    .addColumn('code', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(300)', (c) => c.notNull())
    .addColumn('unit_site_id', 'integer', (c) => c.notNull().references('site.id'))
    .addColumn('kind', 'varchar(24)', (c) => c.notNull())
    .addColumn('audience', 'varchar(16)', (c) => c.notNull())
    // The key elements besides name and materials (empty = missing).
    .addColumn('basis', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('conditions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('hours', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('process', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('fee_free', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fee_standard', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('fee_basis', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('legal_limit', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('promised_limit', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('online_url', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    // JSON [{ question, answer }].
    .addColumn('faq', 'text', (c) => c.notNull().defaultTo('[]'))
    // Denormalised at every write: JSON list of missing element keys, and how many.
    .addColumn('missing', 'varchar(200)', (c) => c.notNull().defaultTo('[]'))
    .addColumn('missing_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer')
    .addColumn('updated_by', 'integer')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('service_item_unit_idx')
    .on('service_item')
    .columns(['unit_site_id', 'sort', 'id'])
    .execute()
  await db.schema
    .createIndex('service_item_audience_idx')
    .on('service_item')
    .columns(['audience', 'enabled'])
    .execute()

  await db.schema
    .createTable('service_item_theme')
    .addColumn('item_id', 'integer', (c) =>
      c.notNull().references('service_item.id').onDelete('cascade'),
    )
    .addColumn('theme', 'varchar(16)', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_item_theme_pk', ['item_id', 'theme'])
    .execute()
  await db.schema
    .createIndex('service_item_theme_idx')
    .on('service_item_theme')
    .columns(['theme', 'item_id'])
    .execute()

  await db.schema
    .createTable('service_material')
    .addColumn('id', id, pk)
    .addColumn('item_id', 'integer', (c) =>
      c.notNull().references('service_item.id').onDelete('cascade'),
    )
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('name', 'varchar(300)', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('copies', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    // Each form is an uploaded file or a URL, with the type it is declared to be (docx, pdf …).
    .addColumn('template_file_id', 'integer', (c) => c.references('file.id'))
    .addColumn('template_url', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    .addColumn('template_type', 'varchar(16)', (c) => c.notNull().defaultTo(''))
    .addColumn('sample_file_id', 'integer', (c) => c.references('file.id'))
    .addColumn('sample_url', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    .addColumn('sample_type', 'varchar(16)', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema
    .createIndex('service_material_item_idx')
    .on('service_material')
    .columns(['item_id', 'sort'])
    .execute()

  await db.schema
    .createTable('service_check_run')
    .addColumn('id', id, pk)
    // JSON list of unit site ids checked, or null for the whole cluster.
    .addColumn('scope', 'text')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('report', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('error', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('started_by', 'integer')
    .addColumn('started_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(32)')
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('service_check_run').ifExists().execute()
  await db.schema.dropTable('service_material').ifExists().execute()
  await db.schema.dropTable('service_item_theme').ifExists().execute()
  await db.schema.dropTable('service_item').ifExists().execute()
}
