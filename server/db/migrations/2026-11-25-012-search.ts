import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../dialect'

// Frozen once committed. Cluster search: one row per searchable document (`search_doc`, id =
// a key that sorts by publication time), the engine's index (SQLite: the FTS5 table
// `search_fts`; PostgreSQL: `search_doc.tsv` with a GIN index), a queue of changed sources
// (`search_dirty`, filled by triggers in the same transaction as the change, drained by the
// indexer within a second) and per-site query statistics.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres'

  await db.schema
    .createTable('search_doc')
    // publishedSeconds * 4096 + n: larger is newer, so "newest first" is an index order.
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    // `<type>:<ref_id>`, e.g. `article:42`.
    .addColumn('doc_key', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('type', 'varchar(16)', (c) => c.notNull())
    .addColumn('ref_id', 'integer', (c) => c.notNull())
    .addColumn('site_id', 'integer', (c) => c.notNull())
    .addColumn('column_id', 'integer')
    // A code the public URL is built from (service item code, dataset code); '' if none.
    .addColumn('slug', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    // An article's external link: the result points there.
    .addColumn('link_url', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    .addColumn('title', 'varchar(500)', (c) => c.notNull())
    // Plain text, as published: snippets are cut from it.
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    // Normalised title and body (PostgreSQL: substring verification; SQLite: '').
    .addColumn('title_norm', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .addColumn('body_norm', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('published_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('indexed_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('search_doc_site_idx')
    .on('search_doc')
    .columns(['site_id', 'id'])
    .execute()
  await db.schema
    .createIndex('search_doc_column_idx')
    .on('search_doc')
    .columns(['column_id'])
    .execute()

  await db.schema
    .createTable('search_dirty')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) =>
      pg ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    // article | service | letter | question | dataset | column | site | all
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('ref_id', 'integer', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('search_query_daily')
    .addColumn('site_id', 'integer', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    // Normalised, personal numbers masked.
    .addColumn('query', 'varchar(100)', (c) => c.notNull())
    .addColumn('searches', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('zero_hits', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('search_query_daily_pk', ['site_id', 'day', 'query'])
    .execute()

  if (!pg) {
    // Pre-tokenized text (see search/tokenizer.ts): the `ascii` tokenizer keeps every non-ASCII
    // character inside tokens and splits only at spaces. tb/bb: title/body bigrams; tu/bu:
    // title/body characters; meta: filter tokens (site, type, column).
    await sql`create virtual table search_fts using fts5(tb, bb, tu, bu, meta, tokenize = 'ascii', content = '', contentless_delete = 1)`.execute(
      db,
    )
  }
  if (pg) {
    await sql`alter table search_doc add column tsv tsvector not null default ''::tsvector`.execute(
      db,
    )
    await sql`create index search_doc_tsv_idx on search_doc using gin (tsv)`.execute(db)
    await sql`
      create function search_mark() returns trigger language plpgsql as $$
      declare
        rec jsonb := to_jsonb(case when tg_op = 'DELETE' then old else new end);
      begin
        insert into search_dirty(kind, ref_id) values (tg_argv[0], (rec->>tg_argv[1])::integer);
        if tg_op = 'UPDATE' and tg_argv[1] <> 'id' and (to_jsonb(old)->>tg_argv[1]) is distinct from (rec->>tg_argv[1]) then
          insert into search_dirty(kind, ref_id) values (tg_argv[0], (to_jsonb(old)->>tg_argv[1])::integer);
        end if;
        return null;
      end $$`.execute(db)
  }
  for (const t of TRIGGERS) {
    const changed = t.columns
      .map((c) => (pg ? `old.${c} is distinct from new.${c}` : `old.${c} is not new.${c}`))
      .join(' or ')
    const key = (row: 'new' | 'old') => `${row}.${t.key}`
    for (const op of ['insert', 'update', 'delete'] as const) {
      const name = `${t.table}_search_${op}`
      const when = op === 'update' ? `when (${changed})` : ''
      if (pg) {
        await sql
          .raw(
            `create trigger ${name} after ${op} on ${t.table} for each row ${when} execute function search_mark('${t.kind}', '${t.key}')`,
          )
          .execute(db)
      } else {
        const rows = op === 'delete' ? ['old'] : op === 'insert' ? ['new'] : ['new', 'old']
        const inserts = rows
          .map(
            (r) =>
              `insert into search_dirty(kind, ref_id) values ('${t.kind}', ${key(r as 'new' | 'old')});`,
          )
          .join(' ')
        await sql
          .raw(
            `create trigger ${name} after ${op} on ${t.table} for each row ${when} begin ${inserts} end`,
          )
          .execute(db)
      }
    }
  }
  // Everything already published is indexed by the first indexer run.
  await db.insertInto('search_dirty').values({ kind: 'all', ref_id: 0 }).execute()
}

/** Which source changes make what dirty (the indexer re-reads the source and decides). */
const TRIGGERS: { table: string; kind: string; key: string; columns: string[] }[] = [
  {
    table: 'article',
    kind: 'article',
    key: 'id',
    columns: [
      'title',
      'body_text',
      'status',
      'published_at',
      'site_id',
      'link_url',
      'redirect_url',
    ],
  },
  {
    table: 'placement',
    kind: 'article',
    key: 'article_id',
    columns: ['column_id', 'kind', 'status', 'site_id'],
  },
  { table: 'site', kind: 'site', key: 'id', columns: ['status', 'parent_id', 'name'] },
  {
    table: 'site_column',
    kind: 'column',
    key: 'id',
    columns: ['visible', 'path', 'type', 'site_id', 'settings'],
  },
  {
    table: 'service_item',
    kind: 'service',
    key: 'id',
    columns: [
      'code',
      'name',
      'unit_site_id',
      'enabled',
      'conditions',
      'basis',
      'process',
      'location',
      'faq',
      'kind',
      'audience',
      'updated_at',
    ],
  },
  {
    table: 'letter',
    kind: 'letter',
    key: 'id',
    columns: ['published', 'public_subject', 'public_body', 'public_reply', 'published_at'],
  },
  {
    table: 'question',
    kind: 'question',
    key: 'id',
    columns: ['question', 'detail', 'answer', 'status', 'unit_site_id', 'published_at'],
  },
  {
    table: 'dataset',
    kind: 'dataset',
    key: 'id',
    columns: ['name', 'description', 'is_public', 'site_id', 'code', 'fields', 'row_count'],
  },
]
