import type { Kysely } from 'kysely'
import { autoIncrementPrimaryKey, idType } from '../dialect'

// Frozen once committed. 热点解答 (咨询答问库): one cluster-wide base of questions and answers,
// each kept by its responsible unit (a site); topics, related service items (by code: the
// catalogue may be re-imported with new ids) and related policies (articles); an entry made
// from an answered letter remembers it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const id = idType(db)
  const pk = autoIncrementPrimaryKey(db)

  await db.schema
    .createTable('question')
    .addColumn('id', id, pk)
    .addColumn('unit_site_id', 'integer', (c) =>
      c.notNull().references('site.id').onDelete('cascade'),
    )
    .addColumn('question', 'varchar(300)', (c) => c.notNull())
    // 问题说明: the longer wording of the question (e.g. a letter's redacted body); may be empty.
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    // Plain text; paragraphs are separated by line breaks.
    .addColumn('answer', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('draft'))
    .addColumn('is_hot', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    // The letter the entry was made from (one entry per letter).
    .addColumn('letter_id', 'integer', (c) => c.unique())
    .addColumn('published_at', 'varchar(32)')
    .addColumn('created_by', 'integer')
    .addColumn('updated_by', 'integer')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('question_public_idx')
    .on('question')
    .columns(['status', 'is_hot', 'sort', 'published_at'])
    .execute()
  await db.schema
    .createIndex('question_unit_idx')
    .on('question')
    .columns(['unit_site_id', 'status', 'updated_at'])
    .execute()

  await db.schema
    .createTable('question_topic')
    .addColumn('question_id', 'integer', (c) =>
      c.notNull().references('question.id').onDelete('cascade'),
    )
    .addColumn('topic', 'varchar(40)', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('question_topic_pk', ['question_id', 'topic'])
    .execute()
  await db.schema
    .createIndex('question_topic_topic_idx')
    .on('question_topic')
    .columns(['topic', 'question_id'])
    .execute()

  await db.schema
    .createTable('question_service')
    .addColumn('question_id', 'integer', (c) =>
      c.notNull().references('question.id').onDelete('cascade'),
    )
    .addColumn('service_code', 'varchar(64)', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('question_service_pk', ['question_id', 'service_code'])
    .execute()
  await db.schema
    .createIndex('question_service_code_idx')
    .on('question_service')
    .columns(['service_code', 'question_id'])
    .execute()

  await db.schema
    .createTable('question_policy')
    .addColumn('question_id', 'integer', (c) =>
      c.notNull().references('question.id').onDelete('cascade'),
    )
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('article.id').onDelete('cascade'),
    )
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('question_policy_pk', ['question_id', 'article_id'])
    .execute()
  await db.schema
    .createIndex('question_policy_article_idx')
    .on('question_policy')
    .column('article_id')
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['question_policy', 'question_service', 'question_topic', 'question']) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
