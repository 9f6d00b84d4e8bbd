import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import Redis, { Cluster, type RedisOptions } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

export const REDIS = Symbol('REDIS');

/**
 * Connection options for every Redis client of ours. Redis only wakes things up, so a client never
 * waits long for it: reconnects forever (every ≤ 2 s), and — except blocking BullMQ workers, which
 * BullMQ requires to wait (`maxRetriesPerRequest: null`) — a command fails after one reconnect attempt
 * or 2 s, so callers fall back to MySQL (the reconciler and the outbox sweep catch up afterwards).
 */
export function redisOptions(config: AppConfig, kind: 'command' | 'blocking' = 'command'): RedisOptions {
  return {
    host: config.redis.host, port: config.redis.port, password: config.redis.password, db: config.redis.db,
    retryStrategy: (times) => Math.min(200 * times, 2000),
    connectTimeout: 3000,
    ...(kind === 'blocking' ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 1, commandTimeout: 2000 }),
  };
}

/** A Redis client, or a Redis Cluster client (REDIS_CLUSTER_NODES): the same commands for what we use. */
export type RedisClient = Redis | Cluster;

function cluster(config: AppConfig, opts: RedisOptions): Cluster {
  const { retryStrategy, host: _h, port: _p, db: _d, ...redisOptions } = opts;
  return new Cluster(config.redis.cluster!, {
    redisOptions,
    clusterRetryStrategy: retryStrategy as (times: number) => number,
    // A moved slot or a failover: follow it rather than fail the command.
    maxRedirections: 16, retryDelayOnFailover: 200, retryDelayOnClusterDown: 300, retryDelayOnTryAgain: 200,
    slotsRefreshTimeout: 2000,
    lazyConnect: opts.lazyConnect,
  });
}

export function createRedis(config: AppConfig, extra: Partial<RedisOptions> = {}): RedisClient {
  const opts = { ...redisOptions(config), ...extra };
  return config.redis.cluster ? cluster(config, opts) : new Redis(opts);
}

/** Cluster clients handed to BullMQ, which does not close a client it was given: ours to close at shutdown. */
const handedOut = new WeakMap<AppConfig, Set<Cluster>>();

/**
 * What a BullMQ Queue or Worker connects with: options (one Redis: BullMQ makes and closes its own clients),
 * or on a cluster a Cluster client of ours (closed by RedisModule at shutdown, after the workers).
 */
export function bullConnection(config: AppConfig, kind: 'command' | 'blocking'): RedisOptions | Cluster {
  if (!config.redis.cluster) return redisOptions(config, kind);
  const c = cluster(config, redisOptions(config, kind));
  const set = handedOut.get(config) ?? new Set<Cluster>();
  handedOut.set(config, set.add(c));
  return c;
}

/**
 * A queue's BullMQ key prefix. Every key of one queue shares the hash tag `{name}`, so on a Redis Cluster the
 * queue's Lua scripts touch one slot (no CROSSSLOT), and different queues spread over the nodes. The same on
 * one Redis. Never an ioredis keyPrefix (BullMQ refuses it).
 */
export function queuePrefix(queue: string): string {
  return `msb:{${queue}}`;
}

/**
 * Logs a Redis client's (or BullMQ object's) errors, at most once per 10 s per client. An 'error'
 * event nobody listens to ends the process, so every client we create gets this.
 */
export function logRedisErrors(emitter: { on(event: 'error', fn: (e: Error) => void): unknown }, what: string, log = new Logger('Redis')): void {
  let last = 0;
  let dropped = 0;
  emitter.on('error', (e: Error) => {
    const now = Date.now();
    if (now - last < 10_000) {
      dropped += 1;
      return;
    }
    log.warn(`${what}: ${e?.message ?? e}${dropped ? ` (${dropped} more since)` : ''}`);
    last = now;
    dropped = 0;
  });
}

/** `p`, or a rejection after `ms` (for Redis calls a request must not wait on while Redis is away). */
export function withinMs<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms)))])
    .finally(() => clearTimeout(timer));
}

/** One shared ioredis client for health checks and small commands. BullMQ makes its own connections. */
@Global()
@Module({
  providers: [{
    provide: REDIS, inject: [APP_CONFIG],
    useFactory: (c: AppConfig) => {
      const r = createRedis(c);
      logRedisErrors(r, 'shared client');
      return r;
    },
  }],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: RedisClient, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onApplicationShutdown() {
    // QUIT waits for a connection: with Redis down it would never return and shutdown would hang.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => undefined);
    else this.redis.disconnect();
    for (const c of handedOut.get(this.config) ?? []) c.disconnect();
    handedOut.delete(this.config);
  }
}
