import mysql from 'mysql2/promise';
import { prepareDatabase } from '../../src/database/database-bootstrap';
import { testConfig } from './test-env';

/** Creates the per-worker test databases from nothing and migrates them once per run. */
export default async function globalSetup(): Promise<void> {
  const workers = Math.max(4, Number(process.env.JEST_MAX_WORKERS ?? 4));
  for (let i = 1; i <= workers; i++) {
    process.env.JEST_WORKER_ID = String(i);
    const config = testConfig();
    const conn = await mysql.createConnection({ host: config.db.host, port: config.db.port, user: config.db.user, password: config.db.password });
    await conn.query(`DROP DATABASE IF EXISTS \`${config.db.database}\``);
    await conn.end();
    await prepareDatabase(config, () => undefined);
  }
  delete process.env.JEST_WORKER_ID;
}
