/** The captcha module's public surface: public forms verify through `core.captcha`. */
export {
  CAPTCHA_ALGORITHM,
  CAPTCHA_DIFFICULTY,
  CAPTCHA_TTL_MS,
  CaptchaService,
  type CaptchaDifficulty,
  type CaptchaOptions,
  type VerifyOptions,
} from './captcha.service'
export {
  CAPTCHA_FIELD,
  captchaExpired,
  captchaInvalid,
  captchaReplayed,
  captchaRequired,
} from './captcha.errors'
export {
  CaptchaBody,
  CAPTCHA_PAYLOAD_MAX,
  ChallengeQuery,
  ChallengeResponse,
} from './captcha.schema'
export {
  presentCaptchaView,
  presentChallenge,
  type CaptchaView,
  type ChallengeJson,
} from './captcha.presenter'
export { CAPTCHA_ASSET_PREFIX } from './captcha.assets'
export { captchaApiRoutes, captchaAssetRoutes } from './captcha.routes'
export { captchaOffWarning } from './captcha.warning'
