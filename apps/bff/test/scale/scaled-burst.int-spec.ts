/**
 * Issue 16's done-when: 2 BFF processes and 2 worker processes (real child processes, separate ports) on a
 * MariaDB primary with a replica, a 3-node Redis Cluster and S3 storage (s3rver). A mixed burst — owners
 * filing with photos through either BFF, staff accepting some, second-scale SLA clocks firing on the rest —
 * then: every ticket exactly once, every escalation exactly once, every live notice delivered to a staff
 * client connected to the other BFF, every photo readable through either BFF.
 */
import type { Client } from 'graphql-ws';
import { prepareDatabase } from '../../src/database/database-bootstrap';
import { collect, liveClient } from '../notifications/live-client';
import { fastPolicy, slaEventCounts, spawnWorker, stopWorker, waitFor, LiveClock } from '../sla/sla-support';
import { OwnMariadb, OwnRedisCluster } from '../support/own-servers';
import { OwnS3 } from '../support/own-s3';
import { jpeg, upload } from '../support/photos';
import { spawnBff, type BffProcess } from '../support/processes';
import { startTestApp, type TestApp } from '../support/test-app';
import { testConfig } from '../support/test-env';
import { buildWorld, type World } from '../support/world';

jest.setTimeout(300_000);

const N = 24;
const REPORT = 'mutation($input: ReportTicketInput!) { reportTicket(input: $input) { id version } }';

describe('2 BFFs + 2 workers on a replica, a Redis Cluster and S3', () => {
  let primary: OwnMariadb;
  let replica: OwnMariadb;
  let cluster: OwnRedisCluster;
  let s3: OwnS3;
  let setup: TestApp;
  let w: World;
  let bffs: BffProcess[] = [];
  let workers: Awaited<ReturnType<typeof spawnWorker>>[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    [primary, replica, cluster, s3] = await Promise.all([
      OwnMariadb.start('burst-primary', { serverId: 1, binlog: true }), OwnMariadb.start('burst-replica', { serverId: 2 }), OwnRedisCluster.start(3), OwnS3.start(),
    ]);
    await replica.follow(primary);
    const env = {
      DB_HOST: '127.0.0.1', DB_PORT: String(primary.port), DB_NAME: 'msb_burst', DB_REPLICAS: `127.0.0.1:${replica.port}`,
      ...cluster.env(), ...s3.env(), SLA_RECONCILE_INTERVAL_MS: '600000', SLA_LOCK_DURATION_MS: '5000', SLA_STALLED_INTERVAL_MS: '2000', DB_POOL_SIZE: '8',
    };
    await prepareDatabase(testConfig(env), () => undefined);
    // The world (places, people, a 6-second accept limit) is made in-process; the burst goes to the children.
    setup = await startTestApp(env, new LiveClock());
    w = await buildWorld(setup);
    await fastPolicy(setup, w.admin, w.complexA, [{ target: 'ACCEPT', seconds: 6, warnShare: 0.5, steps: [{ level: 'HANDLER', delayMinutes: 0 }] }]);
    bffs = await Promise.all([spawnBff({ ...env, RUN_WORKERS: 'false' }), spawnBff({ ...env, RUN_WORKERS: 'false' })]);
    workers = await Promise.all([spawnWorker(env), spawnWorker(env)]);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await Promise.all([...bffs.map((b) => b.stop()), ...workers.map((x) => stopWorker(x))]);
    await setup?.close();
    await Promise.all([primary?.remove(), replica?.remove(), cluster?.stop(), s3?.stop()]);
  });

  it('every ticket once, every escalation once, every notice on the other BFF, every photo through either BFF', async () => {
    const [one, two] = bffs;
    const bell = collect(liveClient(two.url, w.staffA.token), 'subscription { notificationAdded { id kind ticketId } }');
    await new Promise((r) => setTimeout(r, 800));

    // Filing with photos, alternately through each BFF; every report sent twice with its key (a client retry).
    const owners = [w.ownerA, w.ownerA2];
    const filed = await Promise.all(Array.from({ length: N }, async (_, i) => {
      const via = i % 2 ? two : one;
      const owner = owners[i % 2];
      const photo = await upload({ url: via.url } as TestApp, owner, jpeg(), 'p.jpg', 'image/jpeg');
      expect(photo.status).toBe(201);
      const input = { qrToken: w.qrA, idempotencyKey: `burst-${process.pid}-${i}`, categoryCode: 'FACILITIES', text: '楼道灯坏了，晚上很黑。', photoIds: [photo.body.id] };
      const [a, b] = await Promise.all([via.gql(REPORT, { input }, owner.token, 30_000), (i % 2 ? one : two).gql(REPORT, { input }, owner.token, 30_000)]);
      expect(a.body.errors).toBeUndefined();
      expect(b.body.data?.reportTicket.id ?? a.body.data!.reportTicket.id).toBe(a.body.data!.reportTicket.id);
      return { id: a.body.data!.reportTicket.id as string, photoId: photo.body.id as string, owner };
    }));
    // Handling: staff accept a third of them at once through BFF 1 (their clocks stop).
    const accepted = new Set(filed.filter((_, i) => i % 3 === 0).map((f) => f.id));
    await Promise.all([...accepted].map((id) => one.gql('mutation($i: AcceptTicketInput!) { acceptTicket(input: $i) { version } }', { i: { ticketId: id, version: 1 } }, w.staffA.token, 30_000)));

    const ids = new Set(filed.map((f) => f.id));
    expect(ids.size).toBe(N);
    expect(Number((await primary.sql<any[]>('SELECT COUNT(*) AS n FROM msb_burst.tickets'))[0].n)).toBe(N);

    const open = filed.filter((f) => !accepted.has(f.id));
    const slaHeard = () => bell.items.map((x) => x.notificationAdded).filter((n) => ids.has(n.ticketId) && n.kind.startsWith('SLA_'));
    await waitFor('every SLA notice on the bell connected to BFF 2', async () => slaHeard().length >= open.length * 3, 90_000);
    await new Promise((r) => setTimeout(r, 2000));
    const counts = await slaEventCounts(setup.ds);
    for (const f of open) expect([f.id, counts.get(f.id)]).toEqual([f.id, { SLA_WARNING: 1, SLA_BREACH: 1, SLA_ESCALATION: 1 }]);
    // Accepted ones may have been warned (or more) before the accept reached them, never twice.
    for (const id of accepted) for (const n of Object.values(counts.get(id) ?? {})) expect(n).toBe(1);
    // Each SLA event written is heard exactly once on the bell of the other BFF.
    const written = [...ids].flatMap((id) => Object.keys(counts.get(id) ?? {}).map((k) => `${id}:${k}`)).sort();
    expect(slaHeard().map((n) => `${n.ticketId}:${n.kind}`).sort()).toEqual(written);
    expect(bell.errors).toEqual([]);

    // Every photo through either BFF: a redirect to a presigned GET of the shared store, which serves it.
    for (const f of filed) {
      for (const via of bffs) {
        const r = await fetch(`${via.url}/media/${f.photoId}`, { headers: { authorization: `Bearer ${f.owner.token}` }, redirect: 'manual' });
        expect(r.status).toBe(302);
        expect((await fetch(r.headers.get('location')!)).status).toBe(200);
      }
    }
    console.log(`burst: ${N} tickets (each sent twice), ${accepted.size} accepted, ${written.length} SLA events once each, ${slaHeard().length} notices heard on BFF 2, ${N * 2} photo reads`);
  });
});
