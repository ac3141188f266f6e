import { createHmac, randomBytes } from 'node:crypto'
import {
  createChallenge,
  randomInt,
  verifySolution,
  type Challenge,
  type Solution,
  type VerifySolutionResult,
} from 'altcha-lib'
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2'
import type { Deps } from '../../core-deps'
import type { Executor, Trx } from '../../db/database'
import { captchaRepository } from './captcha.repository'
import { captchaExpired, captchaInvalid, captchaReplayed, captchaRequired } from './captcha.errors'
import { presentCaptchaView, type CaptchaView } from './captcha.presenter'
import { CAPTCHA_PAYLOAD_MAX } from './captcha.schema'

/** PBKDF2 runs natively (Web Crypto) in every supported browser; the widget bundles its worker. */
export const CAPTCHA_ALGORITHM = 'PBKDF2/SHA-256'

export interface CaptchaDifficulty {
  /** PBKDF2 iterations per attempt. */
  cost: number
  /** The secret counter the browser must reach is drawn from [counterMin, counterMax]. */
  counterMin: number
  counterMax: number
}

/**
 * ALTCHA v2 in deterministic mode: the browser derives a key for counters 0, 1, 2, … until it
 * meets the one the server drew, so the work is known in advance: at most 200 × 1 000 = 200 000
 * PBKDF2-SHA-256 iterations. A server core does ~4 M/s (≈ 50 ms); an old budget phone ~0.4 M/s
 * per core, split over its 2–4 workers: ≈ 0.25 s, well under a second (the widget shows its
 * spinner for at least 0.5 s anyway). Verifying costs one HMAC. Raise `counterMax` to make bulk
 * submission dearer, never so far that a five-year-old phone takes over ~1 s.
 */
export const CAPTCHA_DIFFICULTY: CaptchaDifficulty = {
  cost: 1_000,
  counterMin: 50,
  counterMax: 200,
}

/**
 * How long a challenge is good for. The widget starts solving when the visitor enters the form,
 * so this is roughly the time to write it; when it runs out the widget says so and one click
 * solves a new one.
 */
export const CAPTCHA_TTL_MS = 20 * 60_000

/** Used challenges are forgotten this long after they expired (instances' clocks may differ). */
const PURGE_GRACE_MS = 60 * 60_000
/** Every this many accepted payloads, a process deletes the long-expired `captcha_used` rows. */
const PURGE_EVERY = 100

export interface CaptchaOptions {
  difficulty?: CaptchaDifficulty
  ttlMs?: number
  /** The clock challenges are issued by (tests issue already expired ones). */
  now?: () => number
}

export interface VerifyOptions {
  /** The submission's transaction: the captcha is used up only if it commits. */
  trx?: Trx
  /** Require a challenge issued for this form (`GET …/challenge?form=`). */
  formId?: string
}

interface Secrets {
  challenge: string
  derivedKey: string
}

/**
 * ALTCHA proof-of-work captchas for public forms (no image: accessible; no third-party service).
 * The HMAC key is generated once and kept in the database, so every process and instance issues
 * and accepts the same challenges, across restarts; a solved challenge is accepted once.
 */
export class CaptchaService {
  private readonly difficulty: CaptchaDifficulty
  private readonly ttlMs: number
  private readonly now: () => number
  private secrets: Secrets | null = null
  private creating: Promise<Secrets> | null = null
  private accepted = 0

  constructor(
    private readonly deps: Deps,
    options: CaptchaOptions = {},
  ) {
    this.difficulty = options.difficulty ?? CAPTCHA_DIFFICULTY
    this.ttlMs = options.ttlMs ?? CAPTCHA_TTL_MS
    this.now = options.now ?? Date.now
  }

  /** False only with `CAPTCHA=off` (load tests). */
  get isEnabled(): boolean {
    return this.deps.config.captcha !== 'off'
  }

  /** A new signed challenge, as JSON the widget understands. */
  async challenge(options: { formId?: string } = {}): Promise<Challenge> {
    const secrets = await this.issuingSecrets()
    const { cost, counterMin, counterMax } = this.difficulty
    return createChallenge({
      algorithm: CAPTCHA_ALGORITHM,
      cost,
      counter: randomInt(counterMax, counterMin),
      deriveKey,
      expiresAt: Math.floor((this.now() + this.ttlMs) / 1000),
      hmacSignatureSecret: secrets.challenge,
      hmacKeySignatureSecret: secrets.derivedKey,
      ...(options.formId ? { data: { form: options.formId } } : {}),
    })
  }

  /**
   * Accepts a widget payload once, or throws a 400 AppError: `captcha_required`,
   * `captcha_invalid`, `captcha_expired` or `captcha_replayed`. Call it inside the submission's
   * transaction (`{ trx }`) so a failed submission leaves the captcha usable. No-op when off.
   */
  async verify(payload: string | undefined, options: VerifyOptions = {}): Promise<void> {
    if (!this.isEnabled) return
    if (!payload) throw captchaRequired()
    const parsed = parsePayload(payload)
    if (!parsed) throw captchaInvalid()
    const db = options.trx ?? this.deps.db
    const secrets = await this.verifyingSecrets(db)
    if (!secrets) throw captchaInvalid()
    let result: VerifySolutionResult
    try {
      result = await verifySolution({
        challenge: parsed.challenge,
        solution: parsed.solution,
        deriveKey,
        hmacSignatureSecret: secrets.challenge,
        hmacKeySignatureSecret: secrets.derivedKey,
      })
    } catch {
      throw captchaInvalid()
    }
    if (result.expired) throw captchaExpired()
    if (!result.verified) throw captchaInvalid()
    const { parameters, signature } = parsed.challenge
    // Ours always expire (an unexpiring one would be a replay-table leak), and a challenge issued
    // for one form is good for that form only.
    if (typeof parameters.expiresAt !== 'number' || !signature) throw captchaInvalid()
    if (options.formId !== undefined && parameters.data?.form !== options.formId) {
      throw captchaInvalid()
    }
    const expiresAt = new Date(parameters.expiresAt * 1000).toISOString()
    if (!(await captchaRepository.markUsed(db, signature, expiresAt))) throw captchaReplayed()
    if (++this.accepted % PURGE_EVERY === 0) {
      // Outside the caller's transaction: awaiting the shared SQLite connection here would
      // wait for the very transaction we are in.
      this.purgeExpired().catch((err: unknown) =>
        this.deps.logger.warn({ err }, 'purging used captchas failed'),
      )
    }
  }

  /** Deletes the replay marks of long-expired challenges; returns how many. */
  async purgeExpired(): Promise<number> {
    const before = new Date(Date.now() - PURGE_GRACE_MS).toISOString()
    return captchaRepository.purgeExpired(this.deps.db, before)
  }

  /** Template variables for `partials/captcha.liquid`. */
  view(formId?: string): CaptchaView {
    return presentCaptchaView(this.isEnabled, formId)
  }

  /** Issuing creates the key on first use (one transaction; the first process to insert wins). */
  private issuingSecrets(): Promise<Secrets> {
    if (this.secrets) return Promise.resolve(this.secrets)
    this.creating ??= this.deps.db
      .transaction()
      .execute((trx) => captchaRepository.ensureKey(trx, randomBytes(32).toString('base64url')))
      .then((master) => (this.secrets = deriveSecrets(master)))
      .finally(() => {
        this.creating = null
      })
    return this.creating
  }

  /**
   * Verifying reads the key through the caller's executor and never creates it: on SQLite the
   * caller's transaction holds the only connection, and with no key nothing was ever issued.
   */
  private async verifyingSecrets(db: Executor): Promise<Secrets | null> {
    if (this.secrets) return this.secrets
    const master = await captchaRepository.getKey(db)
    if (!master) return null
    this.secrets = deriveSecrets(master)
    return this.secrets
  }
}

/** Separate secrets for the two signatures, derived from the stored master key. */
function deriveSecrets(master: string): Secrets {
  const derive = (purpose: string) => createHmac('sha256', master).update(purpose).digest('hex')
  return {
    challenge: derive('zhanqun altcha challenge signature'),
    derivedKey: derive('zhanqun altcha derived key signature'),
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** The widget's field: base64 of `{challenge:{parameters,signature},solution}`; null if not. */
function parsePayload(payload: string): { challenge: Challenge; solution: Solution } | null {
  if (payload.length > CAPTCHA_PAYLOAD_MAX) return null
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'))
  } catch {
    return null
  }
  if (!isRecord(value) || !isRecord(value.challenge) || !isRecord(value.solution)) return null
  const { challenge, solution } = value
  if (!isRecord(challenge.parameters) || typeof challenge.signature !== 'string') return null
  // Shapes checked here; every value is checked by verifySolution against the signature.
  return { challenge: challenge as unknown as Challenge, solution: solution as unknown as Solution }
}
