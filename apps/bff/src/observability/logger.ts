import type { LoggerService } from '@nestjs/common';
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import { currentRequestId } from './request-context';
import { scrub, scrubValue } from './log-scrub';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Fastify's pino, writing one JSON object a line to stdout: `reqId` on every line of a request (Fastify's
 * own lines and, through the request context, everything Nest's Logger writes meanwhile), phones and
 * tokens scrubbed (log-scrub.ts), the Authorization and Cookie headers never serialised.
 */
export function jsonLoggerOptions(level: LogLevel): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    base: { service: 'msb-bff' },
    messageKey: 'msg',
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie'], censor: '[redacted]' },
    serializers: {
      req: (req: { method?: string; url?: string; ip?: string; headers?: Record<string, string> }) => ({ method: req.method, url: scrub(req.url ?? ''), remoteAddress: req.ip }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    hooks: {
      logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
        // Fastify's per-request child logger has the id bound already.
        const bound = (this as { bindings?: () => Record<string, unknown> }).bindings?.().reqId;
        const reqId = bound ? undefined : currentRequestId();
        const scrubbed = args.map((a) => scrubValue(a));
        // Lines written outside Fastify's child logger (jobs, timers, Nest's Logger) get the context's id.
        if (reqId) {
          if (scrubbed.length > 0 && typeof scrubbed[0] === 'object' && scrubbed[0] !== null) {
            scrubbed[0] = { reqId, ...(scrubbed[0] as object) };
          } else {
            scrubbed.unshift({ reqId });
          }
        }
        method.apply(this, scrubbed);
      },
    },
  } as NonNullable<FastifyServerOptions['logger']>;
}

/** Nest's Logger API on top of pino: `context` becomes a field, the level maps one to one. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: FastifyBaseLogger) {}

  private write(level: LogLevel, message: unknown, rest: unknown[]) {
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (level === 'error' && typeof rest[0] === 'string' && rest[0].includes('\n')) fields.stack = rest.shift();
    if (message instanceof Error) return this.pino[level]({ ...fields, err: message }, message.message);
    if (typeof message === 'object' && message !== null) return this.pino[level]({ ...fields, ...(message as object) });
    this.pino[level](fields, String(message));
  }

  log(message: unknown, ...rest: unknown[]) { this.write('info', message, rest); }
  error(message: unknown, ...rest: unknown[]) { this.write('error', message, rest); }
  warn(message: unknown, ...rest: unknown[]) { this.write('warn', message, rest); }
  debug(message: unknown, ...rest: unknown[]) { this.write('debug', message, rest); }
  verbose(message: unknown, ...rest: unknown[]) { this.write('trace', message, rest); }
  fatal(message: unknown, ...rest: unknown[]) { this.write('fatal', message, rest); }
}
