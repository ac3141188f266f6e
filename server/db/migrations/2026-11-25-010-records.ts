import type { Kysely } from 'kysely'
import { autoIncrementPrimaryKey, idType } from '../dialect'

// Frozen once committed. 个人查询记录集: sets (a kind, a responsible unit, a second factor),
// versions of the department's export, the people of each version keyed by a keyed hash of the
// ID number (never the number itself), the query audit and the per-ID failure counters.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const id = idType(db)
  const pk = autoIncrementPrimaryKey(db)

  await db.schema
    .createTable('records_set')
    .addColumn('id', id, pk)
    .addColumn('code', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    // The responsible unit's site: its admins manage the set.
    .addColumn('site_id', 'integer', (c) => c.references('site.id').onDelete('set null'))
    .addColumn('unit_name', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('second_factor', 'varchar(16)', (c) => c.notNull())
    .addColumn('mobile_digits', 'integer', (c) => c.notNull().defaultTo(4))
    .addColumn('adapter', 'varchar(32)', (c) => c.notNull().defaultTo('file'))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    // The one pointer a new version flips: queries read the version it names, never a mix.
    .addColumn('current_version_id', 'integer')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('records_version')
    .addColumn('id', id, pk)
    .addColumn('set_id', 'integer', (c) =>
      c.notNull().references('records_set.id').onDelete('cascade'),
    )
    // staging (being written, invisible) → ready; failed; purged (rows deleted).
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('file_name', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('people', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lines', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('uploaded_by', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('activated_at', 'varchar(32)')
    .execute()
  await db.schema
    .createIndex('records_version_set_idx')
    .on('records_version')
    .columns(['set_id', 'id'])
    .execute()

  await db.schema
    .createTable('records_person')
    .addColumn('version_id', 'integer', (c) => c.notNull())
    // base64url HMAC-SHA256 of the ID number under the key in DATA_DIR (docs/RECORDS.md).
    .addColumn('id_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('secret_hash', 'varchar(64)', (c) => c.notNull())
    // JSON array of the person's rows, each an array of the kind's field values.
    .addColumn('rows', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('records_person_pk', ['version_id', 'id_hash'])
    .execute()

  await db.schema
    .createTable('records_query')
    .addColumn('id', id, pk)
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('set_id', 'integer', (c) => c.notNull())
    .addColumn('id_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .createIndex('records_query_set_idx')
    .on('records_query')
    .columns(['set_id', 'id'])
    .execute()
  await db.schema
    .createIndex('records_query_hash_idx')
    .on('records_query')
    .columns(['id_hash', 'id'])
    .execute()

  await db.schema
    .createTable('records_attempt')
    .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'varchar(32)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('records_attempt').ifExists().execute()
  await db.schema.dropTable('records_query').ifExists().execute()
  await db.schema.dropTable('records_person').ifExists().execute()
  await db.schema.dropTable('records_version').ifExists().execute()
  await db.schema.dropTable('records_set').ifExists().execute()
}
