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
  UNAVAILABLE: 503,
};

/** Seconds a client is told to wait (Retry-After) when the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

export const unavailable = (msg = '服务器繁忙，请稍后重试', details?: Record<string, unknown>) => new DomainError(ErrorCode.UNAVAILABLE, msg, details);

/** Error codes of a database that is down, unreachable, restarting or not answering (mysql2, Node sockets, our timeouts). */
const DB_DOWN_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'ER_CON_COUNT_ERROR', 'ER_SERVER_SHUTDOWN', 'ER_CONNECTION_KILLED',
  'DB_ACQUIRE_TIMEOUT', 'DB_QUERY_TIMEOUT',
]);
/** 1040 too many connections, 1053 shutdown in progress, 1927 connection killed, 2002/2003/2006/2013 client-side lost or refused. */
const DB_DOWN_ERRNOS = new Set([1040, 1053, 1927, 2002, 2003, 2006, 2013]);

/**
 * Whether `e` says the database could not be reached or did not answer in time (not that a query was
 * wrong). TypeORM's QueryFailedError carries the driver's error as `driverError`.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  for (let x = e as { code?: unknown; errno?: unknown; driverError?: unknown; cause?: unknown; thrownValue?: unknown; message?: unknown } | undefined, depth = 0; x && depth < 4; depth++) {
    if (typeof x.code === 'string' && DB_DOWN_CODES.has(x.code)) return true;
    if (typeof x.errno === 'number' && DB_DOWN_ERRNOS.has(x.errno)) return true;
    if (typeof x.message === 'string' && /Pool is closed|connection is in closed state|Connection lost/i.test(x.message)) return true;
    x = (x.driverError ?? x.cause ?? x.thrownValue) as typeof x;
  }
  return false;
}
