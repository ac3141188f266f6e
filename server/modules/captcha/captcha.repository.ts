import type { Executor, Trx } from '../../db/database'

/** The `setting` row holding the captchas' HMAC master key (random, base64url). */
export const CAPTCHA_KEY_SETTING = 'captcha.hmacKey'

/** Every query of the captcha module. */
export const captchaRepository = {
  async getKey(db: Executor): Promise<string | undefined> {
    const row = await db
      .selectFrom('setting')
      .select('value')
      .where('key', '=', CAPTCHA_KEY_SETTING)
      .executeTakeFirst()
    return row?.value
  },

  /**
   * Stores `candidate` unless a key exists, then reads back whichever key won: processes and
   * instances starting together all end up with the same key (insert-if-absent is atomic on both
   * dialects; PostgreSQL makes a concurrent insert wait for the first one's commit).
   */
  async ensureKey(trx: Trx, candidate: string): Promise<string> {
    await trx
      .insertInto('setting')
      .values({ key: CAPTCHA_KEY_SETTING, value: candidate })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute()
    const key = await captchaRepository.getKey(trx)
    if (!key) throw new Error('captcha key missing after insert')
    return key
  },

  /**
   * Records a solved challenge as used; false when it already was (a replay). One atomic
   * insert-if-absent, so two concurrent submissions of one payload cannot both pass; inside the
   * caller's transaction the mark disappears with a rollback.
   */
  async markUsed(db: Executor, signature: string, expiresAt: string): Promise<boolean> {
    const r = await db
      .insertInto('captcha_used')
      .values({ signature, expires_at: expiresAt })
      .onConflict((oc) => oc.column('signature').doNothing())
      .executeTakeFirst()
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1
  },

  /** Forgets used challenges that expired before `before`; returns how many. */
  async purgeExpired(db: Executor, before: string): Promise<number> {
    const r = await db
      .deleteFrom('captcha_used')
      .where('expires_at', '<', before)
      .executeTakeFirst()
    return Number(r.numDeletedRows)
  },
}
