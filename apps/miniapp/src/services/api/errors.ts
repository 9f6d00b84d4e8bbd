/**
 * Typed API errors. The BFF puts a machine code in `extensions.code` (codes live in
 * packages/shared-types ErrorCode); pages switch on `code`, never on messages.
 * NETWORK is ours: the request never got a GraphQL answer (offline, timeout, 5xx).
 */
export const SERVER_ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'BAD_USER_INPUT',
  'RATE_LIMITED',
  'INTERNAL',
] as const

export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number]
export type ApiErrorCode = ServerErrorCode | 'NETWORK'

export interface GraphQLErrorShape {
  message: string
  path?: readonly (string | number)[]
  extensions?: { code?: string; [k: string]: unknown }
}

export class ApiError extends Error {
  readonly name = 'ApiError'
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details: { errors?: readonly GraphQLErrorShape[]; status?: number; cause?: unknown } = {},
  ) {
    super(message)
  }

  /** Safe to send again unchanged (the request may or may not have reached the server). */
  get retryable(): boolean {
    return this.code === 'NETWORK' || this.code === 'RATE_LIMITED'
  }

  /** The first error's `extensions` (e.g. field errors of BAD_USER_INPUT). */
  get extensions(): Record<string, unknown> | undefined {
    return this.details.errors?.[0]?.extensions
  }
}

export function isApiError(e: unknown, code?: ApiErrorCode): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code)
}

export function toServerCode(code: unknown): ServerErrorCode {
  return (SERVER_ERROR_CODES as readonly unknown[]).includes(code) ? (code as ServerErrorCode) : 'INTERNAL'
}

/** Any thrown thing → the code its copy is looked up by. */
export function errorCodeOf(e: unknown): ApiErrorCode {
  return e instanceof ApiError ? e.code : 'INTERNAL'
}
