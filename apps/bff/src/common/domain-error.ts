import { ErrorCode } from '@msb/shared-types';

/** The one error type services throw. Mapped to GraphQL `extensions.code` and HTTP status in one place. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const unauthenticated = (msg = '请先登录') => new DomainError(ErrorCode.UNAUTHENTICATED, msg);
export const forbidden = (msg = '无权执行此操作', details?: Record<string, unknown>) => new DomainError(ErrorCode.FORBIDDEN, msg, details);
export const notFound = (what: string) => new DomainError(ErrorCode.NOT_FOUND, `${what}不存在`);
export const badInput = (msg: string, details?: Record<string, unknown>) => new DomainError(ErrorCode.BAD_USER_INPUT, msg, details);
export const conflict = (msg = '工单已被他人更新，请刷新后重试', details?: Record<string, unknown>) => new DomainError(ErrorCode.CONFLICT, msg, details);
export const invalidTransition = (msg: string, details?: Record<string, unknown>) => new DomainError(ErrorCode.INVALID_TRANSITION, msg, details);
export const rateLimited = (msg: string, details?: Record<string, unknown>) => new DomainError(ErrorCode.RATE_LIMITED, msg, details);

export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  BAD_USER_INPUT: 400,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};
