import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

export const REDIS = Symbol('REDIS');

export function createRedis(config: AppConfig, extra: Partial<import('ioredis').RedisOptions> = {}): Redis {
  return new Redis({ host: config.redis.host, port: config.redis.port, password: config.redis.password, db: config.redis.db, maxRetriesPerRequest: null, ...extra });
}

/** One shared ioredis client for health checks and small commands. BullMQ makes its own connections. */
@Global()
@Module({
  providers: [{ provide: REDIS, inject: [APP_CONFIG], useFactory: (c: AppConfig) => createRedis(c, { lazyConnect: false }) }],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown() {
    // QUIT waits for a connection: with Redis down it would never return and shutdown would hang.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => undefined);
    else this.redis.disconnect();
  }
}
