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

/** Builds the HTTP app (used by main and by the tests, so both run the same stack). */
export async function createApp(config: AppConfig, opts: { clock?: Clock; logger?: false | ('log' | 'error' | 'warn')[] } = {}): Promise<NestFastifyApplication> {
  // The body limit is the GraphQL one (uploads are multipart, limited by @fastify/multipart below).
  const adapter = new FastifyAdapter({ bodyLimit: GRAPHQL_LIMITS.bodyBytes, trustProxy: config.trustProxy });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, { clock: opts.clock }), adapter, {
    logger: opts.logger ?? ['log', 'error', 'warn'],
    // The 12345 webhook verifies its HMAC over the exact bytes received.
    rawBody: true,
  });
  registerGraphqlLimits(app.getHttpAdapter().getInstance() as any);
  registerSecurityHeaders(app.getHttpAdapter().getInstance() as any);
  await app.register(multipart as any, { limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 5 } });
  app.useGlobalFilters(new HttpErrorFilter());
  if (config.h5Dir) {
    // One origin for the H5 app, /graphql, /uploads, /media and the /q/<token> links.
    app.useStaticAssets({ root: resolve(config.h5Dir), prefix: '/', wildcard: false });
  }
  // CORS only for the origins in CORS_ORIGINS (the H5 app is served from this origin and needs none).
  app.enableCors({ origin: config.corsOrigins === '*' ? true : config.corsOrigins, credentials: false });
  app.enableShutdownHooks();
  return app;
}
