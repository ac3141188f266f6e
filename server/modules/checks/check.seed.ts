import type { Core } from '../../core'
import { nowIso } from '../../db/dialect'
import { recordAudit } from '../audit/audit.repository'
import { systemContext } from '../users/actor'
import { seedEntries } from './lexicon-data'
import { lexiconRepository, SETTING_SEEDED } from './lexicon.repository'

/**
 * First start: fills the word lists from the bundled files (wrong words, a few sensitive words,
 * ad domains) once. An admin who empties a list later does not get it back on restart.
 * Returns the number of entries inserted.
 */
export async function seedLexicon(core: Core): Promise<number> {
  const db = core.deps.db
  if ((await lexiconRepository.getSetting(db, SETTING_SEEDED)) !== undefined) return 0
  const entries = (await lexiconRepository.count(db)) === 0 ? seedEntries() : []
  const inserted = await db.transaction().execute(async (trx) => {
    const n = await lexiconRepository.insertMany(trx, entries, nowIso())
    await lexiconRepository.putSetting(trx, SETTING_SEEDED, nowIso())
    if (n > 0) {
      await recordAudit(trx, systemContext('bootstrap'), {
        action: 'lexicon.seed',
        entity: 'lexicon',
        diff: { inserted: n },
      })
    }
    return n
  })
  if (inserted > 0) core.checks.announce()
  return inserted
}
