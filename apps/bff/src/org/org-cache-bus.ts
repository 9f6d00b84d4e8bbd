import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { logRedisErrors, REDIS } from '../redis/redis.module';
import { OrgService } from './org.service';

const CHANNEL = 'msb:org:changed';

/**
 * Org's caches (directory, display names) across processes: an org change made in one BFF process is published
 * on Redis and every other process drops its caches. Without Redis a message may be lost; the caches' own
 * 60 s time to live bounds how long a stale name can be shown then.
 */
@Injectable()
export class OrgCacheBus implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger(OrgCacheBus.name);
  private readonly me = randomUUID();
  private sub: Redis | null = null;

  constructor(private readonly org: OrgService, @Inject(REDIS) private readonly redis: Redis) {}

  onModuleInit(): void {
    this.org.broadcast = () => void this.redis.publish(CHANNEL, this.me).catch((e) => this.log.warn(`publish: ${e?.message ?? e}`));
    const sub = this.redis.duplicate();
    logRedisErrors(sub, 'org cache subscriber', this.log);
    sub.on('message', (_channel: string, from: string) => {
      if (from !== this.me) this.org.invalidate({ fromPeer: true });
    });
    // After a reconnect we may have missed messages: start clean.
    sub.on('ready', () => this.org.invalidate({ fromPeer: true }));
    void sub.subscribe(CHANNEL).catch((e) => this.log.warn(`subscribe: ${e?.message ?? e}`));
    this.sub = sub;
  }

  onApplicationShutdown(): void {
    this.org.broadcast = null;
    this.sub?.disconnect();
  }
}
