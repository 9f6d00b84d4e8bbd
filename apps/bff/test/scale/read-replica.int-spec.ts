/**
 * Read replicas (issue 16 #3), against a real second MariaDB replicating the first (own datadirs and ports,
 * binlog replication set up here): the figures read from the replica, everything else from the primary (an
 * owner sees the ticket just filed); a stopped replica falls back to the primary at once and is used again
 * once it is back (DB_REPLICA_RETRY_MS), never dropped for good.
 */
import { prepareDatabase } from '../../src/database/database-bootstrap';
import { ReadReplica } from '../../src/database/read-replica';
import { FiguresRepository } from '../../src/figures/figures.repository';
import { OwnMariadb, until } from '../support/own-servers';
import { ok, startTestApp, type TestApp } from '../support/test-app';
import { testConfig } from '../support/test-env';
import { buildWorld, fileTicket, type World } from '../support/world';

jest.setTimeout(180_000);

describe('figures on a read replica', () => {
  let primary: OwnMariadb;
  let replica: OwnMariadb;
  let t: TestApp;
  let w: World;
  const DB = 'msb_replicated';

  const filedOnReplica = async () => Number((await replica.sql<any[]>(`SELECT COUNT(*) AS n FROM ${DB}.tickets`))[0].n);
  const figuresFiled = async () => {
    const day = (d: number) => new Date(Date.now() + d * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
    const [all] = await t.app.get(FiguresRepository).sums({ complexIds: null, from: day(-2), to: day(2) });
    return all.counters.filed;
  };
  const caughtUp = () => until('the replica to catch up', async () => {
    const [p] = await primary.sql<any[]>(`SELECT COUNT(*) AS n FROM ${DB}.tickets`);
    return Number(p.n) === (await filedOnReplica());
  }, 30_000);

  beforeAll(async () => {
    [primary, replica] = await Promise.all([OwnMariadb.start('primary', { serverId: 1, binlog: true }), OwnMariadb.start('replica', { serverId: 2 })]);
    await replica.follow(primary);
    const env = { DB_HOST: '127.0.0.1', DB_PORT: String(primary.port), DB_NAME: DB, DB_REPLICAS: `127.0.0.1:${replica.port}`, DB_REPLICA_RETRY_MS: '1500', DB_CONNECT_TIMEOUT_MS: '1000' };
    await prepareDatabase(testConfig(env), () => undefined);
    await until('the schema on the replica', async () => (await replica.sql<any[]>(`SHOW TABLES FROM ${DB} LIKE 'figure_rollups'`)).length === 1, 30_000);
    t = await startTestApp(env);
    w = await buildWorld(t);
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([primary?.remove(), replica?.remove()]);
  });

  it('figures come from the replica; the owner’s own ticket from the primary at once', async () => {
    expect(t.app.get(ReadReplica).enabled).toBe(true);
    await fileTicket(t, w.ownerA, w.qrA);
    await caughtUp();
    const before = await figuresFiled();
    expect(before).toBeGreaterThanOrEqual(1);
    // Replication paused: a new ticket is on the primary only. Its owner sees it; the figures (replica) not yet.
    await replica.sql('STOP SLAVE');
    const tk = await fileTicket(t, w.ownerA, w.qrA);
    expect(ok(await t.gql('query($id: ID!) { ticket(id: $id) { id status } }', { id: tk.id }, w.ownerA.token)).ticket).toMatchObject({ id: tk.id, status: 'REPORTED' });
    expect(await figuresFiled()).toBe(before);
    await replica.sql('START SLAVE');
    await caughtUp();
    expect(await figuresFiled()).toBe(before + 1);
  });

  it('a stopped replica: figures answer from the primary; once it is back, from the replica again', async () => {
    const now = await figuresFiled();
    await replica.down();
    const t0 = Date.now();
    expect(await figuresFiled()).toBe(now);
    expect(Date.now() - t0).toBeLessThan(10_000);
    await fileTicket(t, w.ownerA, w.qrA);
    expect(await figuresFiled()).toBe(now + 1); // the primary's own count
    await replica.up();
    await until('replication running again', async () => (await replica.sql<any[]>('SHOW SLAVE STATUS'))[0]?.Slave_SQL_Running === 'Yes', 30_000);
    await caughtUp();
    // Back in the pool after DB_REPLICA_RETRY_MS: pause it again and the figures show its (stale) view.
    await replica.sql('STOP SLAVE');
    await fileTicket(t, w.ownerA, w.qrA);
    await until('figures read from the replica again', async () => (await figuresFiled()) === now + 1, 20_000);
    await replica.sql('START SLAVE');
  });
});
