import type { Generated } from 'kysely'

/** One entry of a cluster word list: sensitive, wrong (with its correction), protected name, ad domain. */
export interface LexiconEntryTable {
  id: Generated<number>
  kind: string
  term: string
  replacement: Generated<string>
  note: Generated<string>
  created_at: string
}
