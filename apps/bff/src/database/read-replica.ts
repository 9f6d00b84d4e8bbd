import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, QueryRunner } from 'typeorm';
import { isDatabaseUnavailable } from '../common/domain-error';

/**
 * Reads that may be a little behind (figures, exports, 公示) on a read replica when DB_REPLICAS names some,
 * else on the primary. A replica that cannot be reached or errors as unavailable is skipped for this read
 * (the primary answers) and, by the pool's restoreNodeTimeout, tried again DB_REPLICA_RETRY_MS later.
 * Replication lag applies: what was written a moment ago may not be counted yet.
 */
@Injectable()
export class ReadReplica {
  private readonly log = new Logger(ReadReplica.name);
  private lastWarned = 0;

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  get enabled(): boolean {
    return !!(this.ds.options as { replication?: unknown }).replication;
  }

  async query<T = any>(sql: string, params: unknown[] = []): Promise<T> {
    if (!this.enabled) return this.ds.query(sql, params);
    let qr: QueryRunner | null = null;
    try {
      qr = this.ds.createQueryRunner('slave');
      return await qr.query(sql, params);
    } catch (e) {
      const code = (e as { code?: unknown; driverError?: { code?: unknown } })?.code ?? (e as { driverError?: { code?: unknown } })?.driverError?.code;
      // POOL_NONEONLINE / POOL_NOEXIST: every replica is out for now (the pool cluster's own errors).
      if (!isDatabaseUnavailable(e) && !/^POOL_NO/.test(String(code ?? ''))) throw e;
      if (Date.now() - this.lastWarned > 10_000) {
        this.lastWarned = Date.now();
        this.log.warn(`read replica unavailable (${(e as Error)?.message ?? e}); reading from the primary`);
      }
      return this.ds.query(sql, params);
    } finally {
      await qr?.release().catch(() => undefined);
    }
  }
}
