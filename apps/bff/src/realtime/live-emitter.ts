import mqemitterRedis from 'mqemitter-redis';
import type { AppConfig } from '../config/app-config';
import { createRedis, logRedisErrors, redisOptions } from '../redis/redis.module';

export const LIVE_EMITTER = Symbol('LIVE_EMITTER');

export type LiveEmitter = ReturnType<typeof mqemitterRedis>;

/**
 * The emitter Mercurius's subscriptions run on: mqemitter over Redis pub/sub, so an event published
 * by any BFF process reaches subscribers connected to every other one. While Redis is down a publish
 * fails fast (clients refetch on reconnect) and the subscriber connection resubscribes when it returns.
 * On a Redis Cluster both connections are cluster clients: a PUBLISH on any node reaches subscribers
 * on every node (the cluster bus broadcasts it), so any BFF may subscribe through any node.
 */
export function createLiveEmitter(config: AppConfig): LiveEmitter {
  const opts = config.redis.cluster
    ? { subConn: createRedis(config, { enableAutoPipelining: true }), pubConn: createRedis(config, { enableAutoPipelining: true }) }
    : redisOptions(config);
  const emitter = mqemitterRedis(opts as any);
  logRedisErrors((emitter as any).state, 'live updates');
  return emitter;
}
