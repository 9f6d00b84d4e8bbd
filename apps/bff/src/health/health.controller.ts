import { Controller, Get, Inject, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import type Redis from 'ioredis';
import { REDIS } from '../redis/redis.module';

/** Liveness: the process answers. Readiness: MariaDB/MySQL and Redis answer within a second. */
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly ds: DataSource, @Inject(REDIS) private readonly redis: Redis) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res() reply: FastifyReply) {
    const within = <T>(p: Promise<T>) => Promise.race([p, new Promise<never>((_, rej) => setTimeout(() => rej(new Error('timeout')), 1000))]);
    const [db, redis] = await Promise.all([
      within(this.ds.query('SELECT 1')).then(() => 'up', (e) => `down: ${e.message}`),
      within(this.redis.ping()).then(() => 'up', (e) => `down: ${e.message}`),
    ]);
    const ok = db === 'up' && redis === 'up';
    if (!ok) reply.header('retry-after', '5');
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', db, redis });
  }
}
