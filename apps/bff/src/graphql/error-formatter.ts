import { HttpException, Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '@msb/shared-types';
import { DomainError, isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../common/domain-error';

const log = new Logger('GraphQL');

/** A Fastify/mercurius error answering a bad request (invalid JSON body, GET mutation …): 4xx. */
function clientStatus(e: Error): boolean {
  const status = (e as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * Formats a response's errors. Mercurius reports parse, validation, variable-coercion and query-depth
 * failures as one wrapper error (MER_ERR_GQL_VALIDATION) holding the real ones in `errors`: those are
 * unwrapped, each a BAD_USER_INPUT with its own message and location.
 */
export function formatErrors(errors: readonly GraphQLError[]): GraphQLError[] {
  return errors.flatMap((err) => {
    const inner = (err.originalError as { errors?: unknown } | undefined)?.errors;
    if (!Array.isArray(inner) || inner.length === 0) return [toGraphQLError(err)];
    return inner.map((e: GraphQLError & { code?: string }) => {
      const ext = { ...(e.extensions ?? {}) } as Record<string, unknown>;
      if (e.code === 'MER_ERR_GQL_QUERY_DEPTH') ext.reason = 'QUERY_TOO_DEEP';
      return new GraphQLError(e.message, {
        nodes: e.nodes, source: e.source, positions: e.positions, path: e.path,
        extensions: { ...ext, code: ErrorCode.BAD_USER_INPUT },
      });
    });
  });
}

/** The one place where thrown errors become GraphQL errors with a machine code in `extensions.code`. */
export function toGraphQLError(err: GraphQLError): GraphQLError {
  const original = err.originalError;
  let code: ErrorCode;
  let message = err.message;
  let details: Record<string, unknown> | undefined;
  if (original instanceof DomainError) {
    code = original.code;
    details = original.details;
    if (code === ErrorCode.INTERNAL) log.error(`${original.message} ${JSON.stringify(details ?? {})}`);
  } else if (original instanceof HttpException) {
    const status = original.getStatus();
    code = status === 401 ? ErrorCode.UNAUTHENTICATED : status === 403 ? ErrorCode.FORBIDDEN : status === 404 ? ErrorCode.NOT_FOUND : status === 429 ? ErrorCode.RATE_LIMITED : status < 500 ? ErrorCode.BAD_USER_INPUT : ErrorCode.INTERNAL;
  } else if (
    !original || (original as { extensions?: unknown }).extensions !== undefined || err.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' ||
    clientStatus(original)
  ) {
    // Parse, validation and variable-coercion errors: the request itself is malformed.
    code = (err.extensions?.code as ErrorCode) in ErrorCode ? (err.extensions.code as ErrorCode) : ErrorCode.BAD_USER_INPUT;
  } else if (isDatabaseUnavailable(original)) {
    // The database is down or hung: not a bug, and the client should try again shortly (HTTP 503 below).
    log.warn(`database unavailable: ${original.message}`);
    code = ErrorCode.UNAVAILABLE;
    message = '服务器繁忙，请稍后重试';
    details = { retryAfterSeconds: RETRY_AFTER_SECONDS };
  } else {
    log.error(original.stack ?? String(original));
    code = ErrorCode.INTERNAL;
    message = '服务器内部错误';
  }
  return new GraphQLError(message, {
    nodes: err.nodes, source: err.source, positions: err.positions, path: err.path,
    extensions: { ...(details ?? {}), code },
  });
}

/**
 * The HTTP status of a GraphQL answer: 503 (with Retry-After) when any error is UNAVAILABLE, so proxies
 * and clients can tell an outage from a bug; 200 otherwise (errors are in the body).
 */
export function httpStatusOf(errors: readonly GraphQLError[]): { status: number; retryAfter?: number } {
  return errors.some((e) => e.extensions?.code === ErrorCode.UNAVAILABLE) ? { status: 503, retryAfter: RETRY_AFTER_SECONDS } : { status: 200 };
}
