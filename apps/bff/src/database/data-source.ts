import { DataSource, type DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { ORG_ENTITIES } from '../org/org.entities';
import { TICKET_ENTITIES } from '../tickets/ticket.entities';
import { MIGRATIONS } from './migrations';

export const ENTITIES = [...ORG_ENTITIES, ...TICKET_ENTITIES];

export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  return {
    type: 'mysql',
    host: config.db.host,
    port: config.db.port,
    username: config.db.user,
    password: config.db.password,
    database: config.db.database,
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
