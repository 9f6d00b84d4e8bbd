import { ErrorCode } from '@msb/shared-types'

/**
 * Typed API errors. The BFF puts a machine code in `extensions.code` (ErrorCode from
 * @msb/shared-types); pages switch on `code`, never on messages.
 * NETWORK is ours: the request never got an answer (offline, timeout).
 * UNAVAILABLE is the server saying it is busy (its database is down: HTTP 503): not the owner's network.
 * SERVER_BUSY is ours too: any other 5xx without a GraphQL body (a proxy's 502/504) — not the owner's network either.
 */
export type ApiErrorCode = ErrorCode | 'NETWORK' | 'SERVER_BUSY'

export interface GraphQLErrorShape {
  message: string
  path?: readonly (string | number)[]
  extensions?: { code?: string; [k: string]: unknown }
}

const SERVER_CODES = new Set<string>(Object.values(ErrorCode))

export class ApiError extends Error {
  readonly name = 'ApiError'
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details: { errors?: readonly GraphQLErrorShape[]; status?: number; cause?: unknown; extensions?: Record<string, unknown> } = {},
  ) {
    super(message)
  }

  /** Safe to send again unchanged (the request may or may not have reached the server). */
  get retryable(): boolean {
    return this.code === 'NETWORK' || this.code === 'SERVER_BUSY' || this.code === ErrorCode.UNAVAILABLE || this.code === ErrorCode.RATE_LIMITED
  }

  /** The first error's `extensions` (e.g. `field` and `reason` of BAD_USER_INPUT). */
  get extensions(): Record<string, unknown> | undefined {
    return this.details.extensions ?? this.details.errors?.[0]?.extensions
  }
}

export function isApiError(e: unknown, code?: ApiErrorCode): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code)
}

export function toServerCode(code: unknown): ErrorCode {
  return typeof code === 'string' && SERVER_CODES.has(code) ? (code as ErrorCode) : ErrorCode.INTERNAL
}

/** Any thrown thing → the code its copy is looked up by. */
export function errorCodeOf(e: unknown): ApiErrorCode {
  return e instanceof ApiError ? e.code : ErrorCode.INTERNAL
}
