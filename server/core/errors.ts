/** An error the user is meant to read: a 4xx status, a stable code and a Chinese message. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export const badRequest = (code: string, message: string) => new AppError(400, code, message)
export const unauthorized = (message = '请先登录') => new AppError(401, 'UNAUTHORIZED', message)
export const forbidden = (message = '您没有权限进行此操作') => new AppError(403, 'FORBIDDEN', message)
export const notFound = (message = '记录不存在') => new AppError(404, 'NOT_FOUND', message)
export const conflict = (code: string, message: string) => new AppError(409, code, message)
export const unprocessable = (code: string, message: string) => new AppError(422, code, message)
export const tooMany = (message = '操作过于频繁，请稍后再试') => new AppError(429, 'RATE_LIMITED', message)
