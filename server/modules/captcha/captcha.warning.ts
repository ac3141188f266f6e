// No imports: the cluster primary prints this without loading the application.

/** The start-up warning for `CAPTCHA=off` (stderr; Chinese first, English for operators). */
export function captchaOffWarning(): string {
  const bar = '!'.repeat(72)
  return [
    '',
    bar,
    '!!  警告：人机验证已关闭（CAPTCHA=off）',
    '!!  写信、留言、征集等公众表单不再做人机验证，任何程序都可以批量提交。',
    '!!  此设置只用于压力测试，切勿用于对外服务的生产环境；去掉 CAPTCHA 或设为 altcha 即恢复。',
    '!!',
    '!!  WARNING: CAPTCHA=off — public forms accept submissions WITHOUT a captcha.',
    '!!  For load tests only. Never run a public-facing server like this.',
    bar,
    '',
    '',
  ].join('\n')
}
