import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { resolve } from 'node:path';
import multipart from '@fastify/multipart';
import { MAX_PHOTO_BYTES } from '@msb/shared-types';
import type { AppConfig } from './config/app-config';
import type { Clock } from './common/clock';
import { AppModule } from './app.module';
import { HttpErrorFilter } from './common/http-exception.filter';
import { GRAPHQL_LIMITS, registerGraphqlLimits, registerSecurityHeaders } from './graphql/request-limits';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Metrics } from './observability/metrics';
import { jsonLoggerOptions, PinoNestLogger } from './observability/logger';
import { genReqId, registerRequestObservability, registerRuntimeGauges } from './observability/http-observability';
import { registerQueueDashboard } from './observability/queue-dashboard';

/** A file name with a content hash (app.9f3c4ac5.js, 419.1549b4b5a3.css): its bytes never change. */
const HASHED = /[.-][0-9a-f]{8,}\.(?:js|css|woff2?|png|jpe?g|svg|webp)(?:\.br|\.gz)?$/i;

/** @fastify/static's setHeaders: it hands over the Fastify reply (`header`), older versions the raw response. */
export function h5CacheHeaders(res: { header?(name: string, value: string): unknown; setHeader?(name: string, value: string): unknown }, path: string): void {
  const value = HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
  if (res.header) res.header('cache-control', value);
  else res.setHeader?.('cache-control', value);
}

/** Builds the HTTP app (used by main and by the tests, so both run the same stack). */
export async function createApp(
  config: AppConfig,
  opts: { clock?: Clock; logger?: false | ('log' | 'error' | 'warn')[]; jsonLogs?: boolean; metrics?: Metrics } = {},
): Promise<NestFastifyApplication> {
  const metrics = opts.metrics ?? new Metrics();
  // The body limit is the GraphQL one (uploads are multipart, limited by @fastify/multipart below).
  const adapter = new FastifyAdapter({
    bodyLimit: GRAPHQL_LIMITS.bodyBytes,
    trustProxy: config.trustProxy,
    genReqId,
    logger: opts.jsonLogs ? jsonLoggerOptions(config.ops.logLevel) : false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, { clock: opts.clock, metrics }), adapter, {
    logger: opts.jsonLogs ? undefined : (opts.logger ?? ['log', 'error', 'warn']),
    bufferLogs: !!opts.jsonLogs,
    // The 12345 webhook verifies its HMAC over the exact bytes received.
    rawBody: true,
  });
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  if (opts.jsonLogs) app.useLogger(new PinoNestLogger(fastify.log));
  // First: the request id and context every later hook and handler logs under.
  registerRequestObservability(fastify, metrics);
  registerGraphqlLimits(fastify as any);
  registerSecurityHeaders(fastify as any);
  await app.register(multipart as any, { limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 5 } });
  app.useGlobalFilters(new HttpErrorFilter());
  registerRuntimeGauges(fastify, metrics, app.get<DataSource>(getDataSourceToken()));
  registerMetricsRoute(fastify, metrics, config);
  await registerQueueDashboard(app, fastify);
  if (config.h5Dir) {
    // One origin for the H5 app, /graphql, /uploads, /media and the /q/<token> links.
    // Pre-compressed at build (.br / .gz next to each file, apps/miniapp/scripts/compress-h5.mjs): the variant
    // the browser accepts is sent with Content-Encoding and Vary: Accept-Encoding. Hashed files never change,
    // so they are cached for a year, immutable; index.html is revalidated every time (issue 12 §13).
    app.useStaticAssets({ root: resolve(config.h5Dir), prefix: '/', wildcard: false, preCompressed: true, setHeaders: h5CacheHeaders } as never);
  }
  // CORS only for the origins in CORS_ORIGINS (the H5 app is served from this origin and needs none).
  app.enableCors({ origin: config.corsOrigins === '*' ? true : config.corsOrigins, credentials: false });
  // main.ts handles SIGTERM itself (drain, then exit 0); in-process apps (tests, seed) close explicitly.
  if (!opts.jsonLogs) app.enableShutdownHooks();
  return app;
}

/**
 * GET /metrics in Prometheus text format. With METRICS_TOKEN set it wants `Authorization: Bearer <token>`;
 * without one it is open outside production and loopback-only in production.
 */
function registerMetricsRoute(fastify: FastifyInstance, metrics: Metrics, config: AppConfig): void {
  fastify.get('/metrics', async (req, reply) => {
    const token = config.ops.metricsToken;
    // Production without a token: this machine only (a scraper beside it, or through a local proxy that forwards the client).
    const local = req.ip === '127.0.0.1' || req.ip === '::1' || req.ip === '::ffff:127.0.0.1';
    if ((token && !safeEqual(req.headers.authorization ?? '', `Bearer ${token}`)) || (!token && config.env === 'production' && !local)) {
      return reply.status(401).header('www-authenticate', 'Bearer').send({ code: 'UNAUTHENTICATED', message: 'metrics token required' });
    }
    return reply.header('content-type', metrics.registry.contentType).header('cache-control', 'no-store').send(await metrics.text());
  });
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
