import type { Kysely } from 'kysely'
import { autoIncrementPrimaryKey, idType } from '../dialect'

// Frozen once committed. 便民数据库: admin-defined datasets and their rows.
// A row keeps its values as JSON (`data`), plus what queries need, derived at write time:
// `search_text` (normalised searchable values, for keyword LIKE), `sort_key` (the ordering
// field, encoded to sort as text) and one `dataset_facet` row per filterable field (indexed
// equality and range filters). See docs/DATASETS.md.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const id = idType(db)
  const pk = autoIncrementPrimaryKey(db)

  await db.schema
    .createTable('dataset')
    .addColumn('id', id, pk)
    // null: cluster-wide (平台管理员); otherwise the site that owns it (站点管理员).
    .addColumn('site_id', 'integer', (c) => c.references('site.id').onDelete('cascade'))
    .addColumn('code', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner_unit', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    // JSON array of field definitions (key, label, type, options, flags).
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('order_field', 'varchar(32)', (c) => c.notNull().defaultTo(''))
    .addColumn('order_desc', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('row_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('dataset_site_idx').on('dataset').column('site_id').execute()

  await db.schema
    .createTable('dataset_row')
    .addColumn('id', id, pk)
    .addColumn('dataset_id', 'integer', (c) =>
      c.notNull().references('dataset.id').onDelete('cascade'),
    )
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sort_key', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('dataset_row_order_idx')
    .on('dataset_row')
    .columns(['dataset_id', 'sort_key', 'id'])
    .execute()

  await db.schema
    .createTable('dataset_facet')
    .addColumn('row_id', 'integer', (c) =>
      c.notNull().references('dataset_row.id').onDelete('cascade'),
    )
    .addColumn('dataset_id', 'integer', (c) => c.notNull())
    .addColumn('field', 'varchar(32)', (c) => c.notNull())
    // Normalised text (dates as YYYY-MM-DD sort as text); numbers also in `num` for ranges.
    .addColumn('value', 'varchar(200)', (c) => c.notNull())
    .addColumn('num', 'double precision')
    .execute()
  await db.schema
    .createIndex('dataset_facet_value_idx')
    .on('dataset_facet')
    .columns(['dataset_id', 'field', 'value', 'row_id'])
    .execute()
  await db.schema
    .createIndex('dataset_facet_num_idx')
    .on('dataset_facet')
    .columns(['dataset_id', 'field', 'num', 'row_id'])
    .execute()
  await db.schema
    .createIndex('dataset_facet_row_idx')
    .on('dataset_facet')
    .column('row_id')
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('dataset_facet').ifExists().execute()
  await db.schema.dropTable('dataset_row').ifExists().execute()
  await db.schema.dropTable('dataset').ifExists().execute()
}
