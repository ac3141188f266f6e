/** Solved captchas already used once: a second submission of the same challenge is a replay. */
export interface CaptchaUsedTable {
  /** The challenge's HMAC signature (hex): unique per challenge, so the primary key. */
  signature: string
  /** When the challenge itself expires (ISO-8601 UTC); the row may go some time after. */
  expires_at: string
}
