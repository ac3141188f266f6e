import type { Kysely } from 'kysely'

// Frozen. The back office lists a site's articles newest-edited first; without this index a site
// with 40,000 articles sorts them all for every page.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('article_site_updated_idx')
    .on('article')
    .columns(['site_id', 'updated_at', 'id'])
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('article_site_updated_idx').ifExists().execute()
}
