/** Limits shared by server validation and admin forms. */
export const LIMITS = {
  titleMax: 500,
  bodyMaxChars: 2_000_000,
  pageSizeMax: 100,
  usernameMin: 3,
  usernameMax: 64,
  passwordMin: 8,
  maxLoginFailures: 5,
  lockMinutes: 15,
} as const
