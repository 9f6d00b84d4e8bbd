import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Fastify from 'fastify';
import { jsonLoggerOptions, PinoNestLogger } from './observability/logger';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config';
import { CoreModule } from './common/core.module';
import { databaseModule } from './database/database.module';
import { checkRedis, ServiceUnreachableError } from './database/database-bootstrap';
import { RedisModule } from './redis/redis.module';
import { SlaModule } from './sla/sla.module';
import { NotificationsModule } from './notifications/notifications.module';
import { RealtimeModule } from './realtime/realtime.module';
import { FiguresModule } from './figures/figures.module';
import { GqlContextModule } from './graphql/graphql-context';

/**
 * The job workers without HTTP: `pnpm --filter @msb/bff start:worker`. Run as many as you like.
 * SLA wake-ups and the WeChat outbox; changes they make (auto-close) reach notifications and live updates too.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      // GqlContextModule: features register their GraphQL context pieces at start-up; the worker serves no GraphQL but builds the same features.
      imports: [CoreModule.forRoot(config), databaseModule(config), GqlContextModule, RedisModule, SlaModule.forRoot({ resolvers: false }), RealtimeModule, NotificationsModule, FiguresModule.forRoot({ resolvers: false })],
    };
  }
}

async function main() {
  const config = { ...loadConfig(), runWorkers: true };
  // Workers wait for Redis rather than refuse: they connect by themselves when it comes.
  await checkRedis(config).catch((e) => console.warn(`${e.message}\nStarting anyway; the workers connect when Redis is reached.`));
  // Migrations are the BFF's (or `pnpm migrate`'s) job: several workers starting together must not race on them.
  // The same JSON lines as the BFF (Fastify's pino, built without a server): jobs log under the request id
  // that enqueued them.
  const log = Fastify({ logger: jsonLoggerOptions(config.ops.logLevel) }).log;
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: new PinoNestLogger(log) });
  // SIGTERM/SIGINT: workers finish their active jobs, then the process exits 0 (1 past SHUTDOWN_TIMEOUT_MS).
  // Nest's own shutdown hook would re-raise the signal (exit 143: a supervisor reads that as a crash).
  let draining = false;
  const drain = async () => {
    if (draining) return;
    draining = true;
    setTimeout(() => process.exit(1), config.ops.shutdownTimeoutMs).unref();
    try {
      await app.close();
      process.exit(0);
    } catch (e) {
      console.error(e);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void drain());
  process.once('SIGINT', () => void drain());
  log.info({ pid: process.pid }, `码上办 worker ${process.pid} running (SLA and outbox queues, concurrency ${config.sla.workerConcurrency})`);
  process.send?.({ ready: true, pid: process.pid });
}

main().catch((e) => {
  console.error(e instanceof ServiceUnreachableError || e instanceof ConfigError ? `\n${e.message}\n` : e);
  process.exit(1);
});
