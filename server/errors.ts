/** The application's small error vocabulary: a status, a stable code and a Chinese message. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    /** Structured detail for programs (e.g. content-check findings). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const notFound = (message = '您访问的内容不存在'): AppError =>
  new AppError(404, 'not_found', message)
export const gone = (message = '该内容已撤销'): AppError => new AppError(410, 'gone', message)
export const unauthorized = (message = '请先登录'): AppError =>
  new AppError(401, 'unauthorized', message)
export const forbidden = (message = '您没有权限执行此操作'): AppError =>
  new AppError(403, 'forbidden', message)
export const invalid = (message: string, fields?: Record<string, string>): AppError =>
  new AppError(400, 'invalid', message, fields)
export const conflict = (message: string, fields?: Record<string, string>): AppError =>
  new AppError(409, 'conflict', message, fields)
export const tooLarge = (message = '文件过大'): AppError => new AppError(413, 'too_large', message)
export const unsupportedType = (message = '不支持的文件类型'): AppError =>
  new AppError(415, 'unsupported_type', message)
export const tooManyRequests = (message = '操作过于频繁，请稍后再试'): AppError =>
  new AppError(429, 'rate_limited', message)
/** The workflow requires review first: submit instead of publishing. */
export const reviewRequired = (message = '该栏目须经审核后发布，请提交审核'): AppError =>
  new AppError(409, 'review_required', message)
/** Content checks found something that must be fixed first; the findings travel in details. */
export const checksBlocked = (
  findings: unknown[],
  message = '内容检查发现须修改的问题',
): AppError => new AppError(422, 'checks_blocked', message, undefined, { findings })
export const locked = (message: string): AppError => new AppError(423, 'locked', message)

export const isAppError = (e: unknown): e is AppError => e instanceof AppError
