import { HttpException, Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '@msb/shared-types';
import { DomainError } from '../common/domain-error';

const log = new Logger('GraphQL');

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
  } else if (!original || (original as { extensions?: unknown }).extensions !== undefined || err.extensions?.code === 'GRAPHQL_VALIDATION_FAILED') {
    // Parse, validation and variable-coercion errors: the request itself is malformed.
    code = (err.extensions?.code as ErrorCode) in ErrorCode ? (err.extensions.code as ErrorCode) : ErrorCode.BAD_USER_INPUT;
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
