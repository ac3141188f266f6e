import { LEXICON_KIND_LABELS } from '../../../common/checks'
import type { LexiconEntry } from './lexicon.repository'

/** A word-list entry as JSON. */
export function presentLexiconEntry(e: LexiconEntry) {
  return {
    id: e.id,
    kind: e.kind,
    kindLabel: LEXICON_KIND_LABELS[e.kind] ?? e.kind,
    term: e.term,
    replacement: e.replacement,
    note: e.note,
    createdAt: e.createdAt,
  }
}
