import type { Executor } from '../../db/database'
import { RecordsKeys } from './records.keys'
import { recordsRepository, type RecordsSet } from './records.repository'

/** What a query asks an adapter: the validated person, and the set's shape. */
export interface RecordsLookup {
  set: RecordsSet
  /** Normalised and validated (checksum, birth date) before any adapter is called. */
  idNumber: string
  /** The keyed hash of `idNumber` (what the file adapter stores). */
  idHash: string
  /** Normalised (NFC, one kind of middle dot). */
  name: string
  /** The query password, or the last `set.mobileDigits` digits of the registered mobile. */
  secret: string
}

/** The person's rows (values in the kind's field order), or null for no match. */
export interface RecordsFound {
  rows: string[][]
  /** When the data was current (the version's activation, or the live system's answer). */
  asOf: string | null
}

/**
 * Where a records set gets its answers. The default is the file-import adapter (`file`): the
 * department uploads exports, queries read the current version. A live adapter (e.g. a
 * provincial social-security platform) implements `lookup` by calling that system, and must
 * answer null alike for an unknown ID, a wrong name and a wrong second factor. Register one
 * with `core.records.registerAdapter(...)` and set the set's `adapter` to its name
 * (docs/RECORDS.md).
 */
export interface RecordsAdapter {
  readonly name: string
  lookup(q: RecordsLookup, db: Executor): Promise<RecordsFound | null>
}

/** The default adapter: the set's current uploaded version, matched by hashes. */
export class FileRecordsAdapter implements RecordsAdapter {
  readonly name = 'file'

  constructor(private readonly keys: () => RecordsKeys) {}

  async lookup(q: RecordsLookup, db: Executor): Promise<RecordsFound | null> {
    const keys = this.keys()
    const secretHash = keys.secretHash(q.idHash, q.secret)
    const versionId = q.set.currentVersionId
    const person = versionId ? await recordsRepository.findPerson(db, versionId, q.idHash) : null
    // Compare even when nobody was found, so timing does not tell whether the ID is known.
    const stored = person ?? { name: '', secretHash: secretHash.replace(/./g, '0'), rows: [] }
    const secretOk = RecordsKeys.same(stored.secretHash, secretHash)
    const nameOk = stored.name === q.name
    if (!person || !secretOk || !nameOk) return null
    const version = versionId ? await recordsRepository.getVersion(db, versionId) : null
    return { rows: person.rows, asOf: version?.activatedAt ?? null }
  }
}
