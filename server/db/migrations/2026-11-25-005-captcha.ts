import type { Kysely } from 'kysely'

// Frozen. Replay protection for ALTCHA captchas: one row per solved challenge, keyed by the
// challenge's signature, so a payload is accepted once across every process and instance. The
// HMAC key itself lives in `setting` (key `captcha.hmacKey`), created on first use.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('captcha_used')
    .addColumn('signature', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('captcha_used_expires_idx')
    .on('captcha_used')
    .column('expires_at')
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('captcha_used').ifExists().execute()
}
