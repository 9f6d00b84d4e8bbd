import mysql from 'mysql2/promise';
import type { AppConfig } from '../config/app-config';
import { createDataSource } from './data-source';
import { createRedis } from '../redis/redis.module';

export class ServiceUnreachableError extends Error {}

/** Creates the database when missing and runs pending migrations. Explains an unreachable server plainly. */
export async function prepareDatabase(config: AppConfig, log: (m: string) => void = console.log): Promise<void> {
  const { host, port, user, password, database } = config.db;
  let conn: mysql.Connection;
  try {
    conn = await mysql.createConnection({ host, port, user, password, connectTimeout: 5000 });
  } catch (e) {
    throw new ServiceUnreachableError(
      `Cannot reach MySQL/MariaDB at ${host}:${port} as ${user} (${(e as Error).message}).\n` +
        `Start it locally, or run \`docker compose up -d mysql redis\`, or set DB_HOST/DB_PORT/DB_USER/DB_PASSWORD.`,
    );
  }
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`DB_NAME must be letters, digits or _, got ${database}`);
  await conn.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  const ds = createDataSource(config);
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    for (const m of ran) log(`migration applied: ${m.name}`);
  } finally {
    await ds.destroy();
  }
}

export async function checkRedis(config: AppConfig): Promise<void> {
  const r = createRedis(config, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null, connectTimeout: 3000 });
  try {
    await r.connect();
    await r.ping();
  } catch (e) {
    throw new ServiceUnreachableError(
      `Cannot reach Redis at ${config.redis.host}:${config.redis.port} (${(e as Error).message}).\n` +
        `Start it locally (redis-server), or run \`docker compose up -d mysql redis\`, or set REDIS_HOST/REDIS_PORT.`,
    );
  } finally {
    r.disconnect();
  }
}
