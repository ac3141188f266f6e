import type { Kysely } from 'kysely'

// Frozen once committed. The indexer settles every queued entry of a source at once: it looks
// them up by (kind, ref_id).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('search_dirty_key_idx')
    .on('search_dirty')
    .columns(['kind', 'ref_id'])
    .execute()
}
