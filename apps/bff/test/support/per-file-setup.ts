import mysql from 'mysql2/promise';
import Redis from 'ioredis';
import { testConfig } from './test-env';

/** Every integration file starts from empty tables (reference data kept) and an empty Redis db. */
const KEEP = new Set(['migrations', 'categories']);

beforeAll(async () => {
  const config = testConfig();
  const conn = await mysql.createConnection({ host: config.db.host, port: config.db.port, user: config.db.user, password: config.db.password, database: config.db.database });
  const [rows] = await conn.query<any[]>('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ? AND table_type = "BASE TABLE"', [config.db.database]);
  await conn.query('SET FOREIGN_KEY_CHECKS = 0');
  for (const { t } of rows) if (!KEEP.has(t)) await conn.query(`TRUNCATE TABLE \`${t}\``);
  await conn.query('SET FOREIGN_KEY_CHECKS = 1');
  await conn.end();
  const redis = new Redis({ host: config.redis.host, port: config.redis.port, db: config.redis.db });
  await redis.flushdb();
  redis.disconnect();
});
