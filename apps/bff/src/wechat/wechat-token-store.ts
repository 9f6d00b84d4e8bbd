import { Inject, Injectable, Logger } from '@nestjs/common';
import { REDIS, type RedisClient, withinMs } from '../redis/redis.module';

export interface SharedToken {
  value: string;
  expiresAt: number;
}

const KEY = 'msb:wechat:access-token';
const LOCK = 'msb:wechat:access-token-lock';
const REDIS_MS = 1000;

/**
 * The mini-program's access token, shared by every BFF and worker process through Redis. WeChat issues one
 * token per app at a time: each fetch invalidates the previous token 5 minutes later, so processes each
 * keeping their own would knock each other's out (and spend the daily /cgi-bin/token quota). One process
 * fetches under a short lock; the others wait for its token. With Redis away every call answers null and
 * the client fetches for itself, as a single process would.
 */
@Injectable()
export class WechatTokenStore {
  private readonly log = new Logger(WechatTokenStore.name);

  constructor(@Inject(REDIS) private readonly redis: RedisClient) {}

  async get(): Promise<SharedToken | null> {
    try {
      const raw = await withinMs(REDIS_MS, this.redis.get(KEY));
      const t = raw ? (JSON.parse(raw) as SharedToken) : null;
      return t && typeof t.value === 'string' && Date.now() < t.expiresAt ? t : null;
    } catch {
      return null;
    }
  }

  async put(t: SharedToken): Promise<void> {
    const ttl = t.expiresAt - Date.now();
    if (ttl <= 0) return;
    await withinMs(REDIS_MS, this.redis.set(KEY, JSON.stringify(t), 'PX', ttl)).catch((e) => this.log.warn(`could not share the access token: ${e?.message ?? e}`));
  }

  /** True when this process may fetch a new token now (nobody else is); also true when Redis does not answer. */
  async lock(me: string): Promise<boolean> {
    try {
      return (await withinMs(REDIS_MS, this.redis.set(LOCK, me, 'PX', 10_000, 'NX'))) === 'OK';
    } catch {
      return true;
    }
  }

  async unlock(me: string): Promise<void> {
    await withinMs(REDIS_MS, this.redis.eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end", 1, LOCK, me)).catch(() => undefined);
  }
}
