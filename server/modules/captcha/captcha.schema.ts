import { Type } from 'typebox'
import { CAPTCHA_FIELD } from './captcha.errors'

/** A payload is ~1 kB of base64; anything much longer is not one of ours. */
export const CAPTCHA_PAYLOAD_MAX = 4096

/** `?form=`: binds the challenge to one form (e.g. `letter`), checked again on submission. */
export const ChallengeQuery = Type.Object({
  form: Type.Optional(
    Type.String({ title: '表单标识', pattern: '^[a-z0-9][a-z0-9_.-]{0,31}$', maxLength: 32 }),
  ),
})

/** The ALTCHA v2 challenge exactly as the widget reads it (not wrapped in `data`). */
export const ChallengeResponse = Type.Object(
  {
    parameters: Type.Object(
      {
        algorithm: Type.String({ description: '工作量证明算法（PBKDF2/SHA-256）' }),
        nonce: Type.String(),
        salt: Type.String(),
        cost: Type.Integer({ description: '每次密钥派生的迭代次数' }),
        keyLength: Type.Integer(),
        keyPrefix: Type.String(),
        keySignature: Type.Optional(Type.String()),
        expiresAt: Type.Integer({ description: '过期时间（Unix 秒）' }),
        data: Type.Optional(
          Type.Record(
            Type.String(),
            Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]),
          ),
        ),
      },
      // Every parameter is covered by the signature: the serializer must not drop any.
      { additionalProperties: true },
    ),
    signature: Type.String({ description: 'HMAC-SHA-256 签名' }),
  },
  { description: 'ALTCHA 挑战（由 altcha-widget 直接读取）' },
)

/** Spread into a public form's body schema: `{ ...CaptchaBody, title: …, … }`. */
export const CaptchaBody = {
  [CAPTCHA_FIELD]: Type.Optional(
    Type.String({ title: '人机验证', maxLength: CAPTCHA_PAYLOAD_MAX }),
  ),
}
