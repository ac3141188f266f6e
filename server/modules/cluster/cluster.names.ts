import type { SelectQueryBuilder } from 'kysely'
import { toCount } from '../../db/dialect'

// What push and submission rows share: where they come from and go to, with the names the
// admin shows (both queries join the target column as `c`), and the paged listing.

/**
 * The selected place columns of a row aliased `row`, joined with its source site as `source`
 * and its target site as `target` (and the target column as `c`).
 */
export function placeColumns<R extends string, S extends string, T extends string>(
  row: R,
  source: S,
  target: T,
) {
  return [
    `${row}.source_site_id`,
    `${source}.name as source_site_name`,
    `${row}.target_site_id`,
    `${target}.name as target_site_name`,
    `${row}.target_column_id`,
    'c.name as target_column_name',
  ] as const
}

/** A row as selected with {@link placeColumns}. */
export interface PlaceRow {
  source_site_id: number
  source_site_name: string
  target_site_id: number
  target_site_name: string
  target_column_id: number | null
  target_column_name: string | null
}

/** The place fields of a push or submission ('' for a column that is gone). */
export function toPlaces(r: PlaceRow) {
  return {
    sourceSiteId: r.source_site_id,
    sourceSiteName: r.source_site_name,
    targetSiteId: r.target_site_id,
    targetSiteName: r.target_site_name,
    targetColumnId: r.target_column_id,
    targetColumnName: r.target_column_name ?? '',
  }
}

/**
 * One page of `q` (ordered and selected by `rows`) and the count of all its rows, read
 * together.
 */
export async function pageWithTotal<DB, TB extends keyof DB, O, R>(
  q: SelectQueryBuilder<DB, TB, O>,
  rows: (q: SelectQueryBuilder<DB, TB, O>) => SelectQueryBuilder<DB, TB, R>,
  page: { offset: number; limit: number },
): Promise<{ rows: R[]; total: number }> {
  const [list, count] = await Promise.all([
    rows(q).offset(page.offset).limit(page.limit).execute(),
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ])
  // Over a generic builder TypeScript cannot resolve the selection's type; the row has `n`.
  return { rows: list, total: toCount((count as { n: unknown }).n) }
}
