/** The application's small error vocabulary: a status, a stable code and a Chinese message. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
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
export const locked = (message: string): AppError => new AppError(423, 'locked', message)

export const isAppError = (e: unknown): e is AppError => e instanceof AppError
