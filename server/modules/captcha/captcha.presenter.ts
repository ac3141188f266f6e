import type { Challenge } from 'altcha-lib'
import type { Static } from 'typebox'
import { widgetAssets } from './captcha.assets'
import { CAPTCHA_FIELD } from './captcha.errors'
import type { ChallengeResponse } from './captcha.schema'

export type ChallengeJson = Static<typeof ChallengeResponse>

/** A challenge for the widget: every signed parameter, unchanged (the signature covers them). */
export function presentChallenge(challenge: Challenge): ChallengeJson {
  const { parameters, signature } = challenge
  const { expiresAt } = parameters
  if (!signature || expiresAt === undefined) throw new Error('captcha challenge not signed')
  return { parameters: { ...parameters, expiresAt }, signature }
}

/** What `partials/captcha.liquid` reads (template variable `captcha`). */
export interface CaptchaView {
  /** False when CAPTCHA=off: the partial renders nothing. */
  enabled: boolean
  challengeUrl: string
  scriptUrl: string
  styleUrl: string
  /** The form field that carries the payload. */
  fieldName: string
}

export const CHALLENGE_PATH = '/api/v1/captcha/challenge'

/** The captcha's template variables; `formId` binds the challenges to one form. */
export function presentCaptchaView(enabled: boolean, formId?: string): CaptchaView {
  if (!enabled) {
    return { enabled, challengeUrl: '', scriptUrl: '', styleUrl: '', fieldName: CAPTCHA_FIELD }
  }
  const assets = widgetAssets()
  return {
    enabled,
    challengeUrl: formId ? `${CHALLENGE_PATH}?form=${encodeURIComponent(formId)}` : CHALLENGE_PATH,
    scriptUrl: assets.scriptUrl,
    styleUrl: assets.styleUrl,
    fieldName: CAPTCHA_FIELD,
  }
}
