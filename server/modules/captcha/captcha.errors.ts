import { AppError } from '../../errors'

/** The form field the widget submits its payload in (the widget's default name). */
export const CAPTCHA_FIELD = 'altcha'

const fail = (code: string, message: string): AppError =>
  new AppError(400, code, message, { [CAPTCHA_FIELD]: message })

/** No payload: the widget was not completed (or JavaScript is off). */
export const captchaRequired = (): AppError => fail('captcha_required', '请完成人机验证')
/** Malformed, tampered, unsigned, signed with another key, wrong solution or another form's. */
export const captchaInvalid = (): AppError => fail('captcha_invalid', '人机验证未通过，请重试')
/** The challenge's expiry has passed; the widget resets itself, so a new check is one click. */
export const captchaExpired = (): AppError =>
  fail('captcha_expired', '人机验证已过期，请重新完成验证后提交')
/** The same solved challenge was submitted before. */
export const captchaReplayed = (): AppError =>
  fail('captcha_replayed', '该验证已使用，请重新完成人机验证')
