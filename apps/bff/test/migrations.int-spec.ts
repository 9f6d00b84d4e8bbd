/**
 * Migrations run up from an empty database, down to nothing, and up again — on a database of their
 * own (msb_spine… / msb_test… prefix + _migrations_<worker>), never the worker's shared one.
 */
import mysql from 'mysql2/promise';
import { CATEGORIES } from '@msb/shared-types';
import { prepareDatabase } from '../src/database/database-bootstrap';
import { createDataSource } from '../src/database/data-source';
import { MIGRATIONS } from '../src/database/migrations';
import { testConfig, workerDbName } from './support/test-env';

describe('migrations', () => {
  const config = testConfig({ DB_NAME: `${workerDbName()}_migrations` });
  const { host, port, user, password, database } = config.db;
  let admin: mysql.Connection;

  const tables = async () => {
    const [rows] = await admin.query<any[]>('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name', [database]);
    return rows.map((r) => r.t as string);
  };
  const triggers = async () => {
    const [rows] = await admin.query<any[]>('SELECT trigger_name AS t FROM information_schema.triggers WHERE trigger_schema = ?', [database]);
    return rows.map((r) => r.t as string);
  };

  beforeAll(async () => {
    admin = await mysql.createConnection({ host, port, user, password });
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await admin.end();
  });

  it('run up from an empty database (creating it), down to nothing, and up again', async () => {
    const applied: string[] = [];
    await prepareDatabase(config, (m) => applied.push(m));
    expect(applied).toEqual(MIGRATIONS.map((m) => `migration applied: ${new m().name ?? m.name}`));
    const up = await tables();
    for (const t of ['areas', 'complexes', 'users', 'role_assignments', 'categories', 'tickets', 'ticket_events', 'attachments', 'migrations']) expect(up).toContain(t);
    expect(await triggers()).toEqual(expect.arrayContaining(['trg_ticket_events_no_update', 'trg_ticket_events_no_delete']));
    const [cats] = await admin.query<any[]>(`SELECT COUNT(*) AS n FROM \`${database}\`.categories WHERE parent_code IS NULL`);
    expect(Number(cats[0].n)).toBe(CATEGORIES.length);

    // Running again is a no-op.
    const again: string[] = [];
    await prepareDatabase(config, (m) => again.push(m));
    expect(again).toEqual([]);

    // Down, one migration at a time, to an empty schema (only TypeORM's own bookkeeping table left).
    const ds = createDataSource(config);
    await ds.initialize();
    try {
      for (let i = MIGRATIONS.length; i > 0; i--) {
        await ds.undoLastMigration({ transaction: 'each' });
        const [n] = await ds.query('SELECT COUNT(*) AS n FROM migrations');
        expect(Number(n.n)).toBe(i - 1);
      }
    } finally {
      await ds.destroy();
    }
    expect(await tables()).toEqual(['migrations']);
    expect(await triggers()).toEqual([]);

    // And up again from there.
    await prepareDatabase(config, () => undefined);
    expect(await tables()).toEqual(up);
  });

  it('the ticket timeline is append-only in the database itself', async () => {
    await prepareDatabase(config, () => undefined);
    const db = `\`${database}\``;
    await admin.query(`SET FOREIGN_KEY_CHECKS = 0`); // an event without a ticket, just to have a row
    await admin.query(`INSERT INTO ${db}.ticket_events (ticket_id, actor_role, action, to_status, created_at) VALUES (1, 'SYSTEM', 'X', 'REPORTED', NOW(3))`);
    await admin.query(`SET FOREIGN_KEY_CHECKS = 1`);
    await expect(admin.query(`UPDATE ${db}.ticket_events SET note = 'rewritten'`)).rejects.toThrow(/append-only/);
    await expect(admin.query(`DELETE FROM ${db}.ticket_events`)).rejects.toThrow(/append-only/);
  });
});
