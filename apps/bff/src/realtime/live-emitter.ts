import mqemitterRedis from 'mqemitter-redis';
import type { AppConfig } from '../config/app-config';

export const LIVE_EMITTER = Symbol('LIVE_EMITTER');

export type LiveEmitter = ReturnType<typeof mqemitterRedis>;

/**
 * The emitter Mercurius's subscriptions run on: mqemitter over Redis pub/sub, so an event published
 * by any BFF process reaches subscribers connected to every other one.
 */
export function createLiveEmitter(config: AppConfig): LiveEmitter {
  return mqemitterRedis({ host: config.redis.host, port: config.redis.port, password: config.redis.password, db: config.redis.db });
}
