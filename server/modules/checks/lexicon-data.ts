import fs from 'node:fs'
import path from 'node:path'
import { PROJECT_ROOT } from '../../paths'
import type { LexiconKind } from '../../../common/checks'
import type { Dictionaries } from './engine'
import { buildSimilarMap } from './names'
import { parseConfusionList, type WrongWord } from './wrong-words'

/**
 * The word lists bundled with the product (see data/README.md for sources and licences).
 * Resolved from the project root: the server also runs bundled from dist/.
 */
export const CHECKS_DATA_DIR = path.join(PROJECT_ROOT, 'server/modules/checks/data')

const read = (rel: string) => fs.readFileSync(path.join(CHECKS_DATA_DIR, rel), 'utf8')

let dictionaries: Dictionaries | null = null

/** Similar characters and the boundary word list; read once per process (~100k words). */
export function loadDictionaries(): Dictionaries {
  if (!dictionaries) {
    const words = new Set<string>()
    for (const w of read('jieba/words.txt').split('\n')) if (w) words.add(w)
    dictionaries = {
      similar: buildSimilarMap(
        read('pycorrector/same_pinyin.txt'),
        read('pycorrector/same_stroke.txt'),
      ),
      words,
    }
  }
  return dictionaries
}

/** pycorrector's wrong → right pairs (about 1,370), as shipped. */
export function bundledWrongWords(): WrongWord[] {
  return parseConfusionList(read('pycorrector/custom_confusion_historical.txt'))
}

/** Wrong forms skipped when seeding (`drop` lines of wrong-word-overrides.txt). */
export function droppedWrongWords(): Set<string> {
  return new Set(
    tsv(read('wrong-word-overrides.txt'))
      .filter((cols) => cols[0] === 'drop' && cols[1])
      .map((cols) => cols[1] as string),
  )
}

/** 的/地/得 differences need grammar, not a word list: 可持续的原则 is right. */
function isParticleOnly(w: WrongWord): boolean {
  if (w.term.length !== w.replacement.length) return false
  let diffs = 0
  for (let i = 0; i < w.term.length; i++) {
    if (w.term[i] === w.replacement[i]) continue
    if (!'的地得'.includes(w.term[i] as string) || !'的地得'.includes(w.replacement[i] as string))
      return false
    diffs++
  }
  return diffs > 0
}

/** A lexicon entry to insert when the cluster's lists are first created. */
export interface SeedEntry {
  kind: LexiconKind
  term: string
  replacement: string
  note: string
}

/** The first-start word lists: wrong words (less the dropped ones), sensitive words, ad domains. */
export function seedEntries(): SeedEntry[] {
  const dropped = droppedWrongWords()
  const out: SeedEntry[] = []
  const seen = new Set<string>()
  const push = (e: SeedEntry) => {
    const key = `${e.kind}\u0000${e.term}`
    if (seen.has(key) || !e.term || e.term.length > 100) return
    seen.add(key)
    out.push(e)
  }
  for (const w of bundledWrongWords()) {
    if (dropped.has(w.term) || isParticleOnly(w)) continue
    push({ kind: 'wrong', term: w.term, replacement: w.replacement.slice(0, 200), note: '' })
  }
  for (const [term, note = ''] of tsv(read('sensitive.txt'))) {
    if (term) push({ kind: 'sensitive', term, replacement: '', note })
  }
  for (const [term, note = ''] of tsv(read('ad-domains.txt'))) {
    if (term) push({ kind: 'ad_domain', term, replacement: '', note })
  }
  return out
}

function tsv(source: string): string[][] {
  return source
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t').map((c) => c.trim()))
}
