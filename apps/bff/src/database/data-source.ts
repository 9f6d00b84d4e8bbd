import { DataSource, type DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { ORG_ENTITIES } from '../org/org.entities';
import { TICKET_ENTITIES } from '../tickets/ticket.entities';
import { MIGRATIONS } from './migrations';

export const ENTITIES = [...ORG_ENTITIES, ...TICKET_ENTITIES];

/**
 * With DB_REPLICAS, TypeORM replication: every query goes to the primary (`defaultMode: 'master'`, so an
 * owner always sees the ticket just filed) unless it asks for a replica (ReadReplica: figures, exports,
 * 公示). A replica that fails is left out for DB_REPLICA_RETRY_MS and then tried again (never dropped for good).
 */
export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const node = (host: string, port: number) => ({ host, port, username: config.db.user, password: config.db.password, database: config.db.database });
  const where = config.db.replicas.length
    ? {
      replication: {
        master: node(config.db.host, config.db.port),
        slaves: config.db.replicas.map((r) => node(r.host, r.port)),
        defaultMode: 'master' as const,
        restoreNodeTimeout: config.db.replicaRetryMs,
        removeNodeErrorCount: 1,
        canRetry: true,
        selector: 'RR' as const,
      },
    }
    : node(config.db.host, config.db.port);
  return {
    type: 'mysql',
    ...where,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    supportBigNumbers: true,
    bigNumberStrings: true,
    poolSize: config.db.poolSize,
    connectTimeout: config.db.connectTimeoutMs,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: ['error'],
  };
}

export function createDataSource(config: AppConfig): DataSource {
  return new DataSource(dataSourceOptions(config));
}
