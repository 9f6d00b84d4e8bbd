import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ErrorCode } from '@msb/shared-types';
import { DomainError, HTTP_STATUS, isDatabaseUnavailable, RETRY_AFTER_SECONDS } from './domain-error';

/** REST routes answer errors as `{ code, message, ...details }` with a matching status. GraphQL has its own formatter. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('HTTP');

  catch(err: unknown, host: ArgumentsHost) {
    if (host.getType() !== 'http') throw err;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (err instanceof DomainError) {
      if (err.code === ErrorCode.UNAVAILABLE) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return reply.status(HTTP_STATUS[err.code]).send({ ...(err.details ?? {}), code: err.code, message: err.message });
    }
    if (err instanceof HttpException) {
      const status = err.getStatus();
      const code = status === 404 ? ErrorCode.NOT_FOUND : status === 413 ? ErrorCode.BAD_USER_INPUT : status < 500 ? ErrorCode.BAD_USER_INPUT : ErrorCode.INTERNAL;
      return reply.status(status).send({ code, message: err.message });
    }
    const e = err as { statusCode?: number; code?: string; message?: string };
    if (e?.statusCode && e.statusCode < 500) {
      // Fastify/multipart errors, e.g. FST_REQ_FILE_TOO_LARGE, FST_FILES_LIMIT.
      return reply.status(e.statusCode === 413 ? 400 : e.statusCode).send({ code: ErrorCode.BAD_USER_INPUT, message: e.message, reason: e.code });
    }
    if (isDatabaseUnavailable(err)) {
      this.log.warn(`database unavailable: ${(err as Error).message}`);
      return reply.status(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send({ code: ErrorCode.UNAVAILABLE, message: '服务器繁忙，请稍后重试' });
    }
    this.log.error((err as Error)?.stack ?? String(err));
    return reply.status(500).send({ code: ErrorCode.INTERNAL, message: '服务器内部错误' });
  }
}
