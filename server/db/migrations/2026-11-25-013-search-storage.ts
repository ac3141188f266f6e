import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../dialect'

// Frozen once committed. PostgreSQL: keep search_doc's heap rows small, so a search that visits
// tens of thousands of matches reads few pages — texts and tsvectors go out of line (TOAST)
// while titles, which every search compares, stay in the row. Rows take the layout when written.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return
  await sql`alter table search_doc set (toast_tuple_target = 128)`.execute(db)
  await sql`alter table search_doc alter column title set storage main, alter column title_norm set storage main`.execute(
    db,
  )
}
