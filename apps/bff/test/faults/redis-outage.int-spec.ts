import Redis from 'ioredis';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, TICKET_FIELDS, type World } from '../support/world';
import { fastPolicy, LiveClock, slaEventCounts, sleep, waitFor } from '../sla/sla-support';
import { OwnRedis, readiness, spawnBff, type BffProcess } from '../support/processes';

jest.setTimeout(180_000);

const REPORT = `mutation($input: ReportTicketInput!) { reportTicket(input: $input) { ${TICKET_FIELDS} } }`;
const TICKET = `query($id: ID!) { ticket(id: $id) { id status version } }`;

/**
 * A BFF process on a Redis of this test's own. Redis is killed (its data lost, as after a crash
 * without persistence) while the BFF serves; MySQL is the truth, so filing and reading go on, the BFF
 * reports not-ready, reconnects by itself, and the wake-ups it could not enqueue are caught up.
 */
describe('a Redis outage', () => {
  let t: TestApp;
  let w: World;
  let redis: OwnRedis;
  let bff: BffProcess | null = null;
  let seq = 0;
  const env = () => ({ REDIS_PORT: String(redis.port), REDIS_DB: '0', RUN_WORKERS: 'true', SLA_RECONCILE_INTERVAL_MS: '1000', SLA_RECONCILE_GRACE_MS: '500' });
  const file = (b: BffProcess, owner = w.ownerA) =>
    b.gql(REPORT, { input: { qrToken: w.qrA, idempotencyKey: `outage-${process.pid}-${++seq}`, categoryCode: 'FACILITIES', text: '楼道灯坏了，晚上很黑。' } }, owner.token);
  /** Any wake-up job of the ticket in our Redis (job ids are sla-<ticket>-<target>-v<clock version>). */
  const wakeExists = async (ticketId: string) => {
    const r = new Redis({ port: redis.port, maxRetriesPerRequest: 1 });
    try {
      return (await r.keys(`msb:{sla}:sla:sla-${ticketId}-*`)).length > 0;
    } finally {
      r.disconnect();
    }
  };

  beforeAll(async () => {
    redis = await OwnRedis.start();
    t = await startTestApp({}, new LiveClock());
    w = await buildWorld(t);
    // Accept within 6 s, warning at 3 s: deadlines fall inside the outage.
    await fastPolicy(t, w.admin, w.complexA, [{ target: 'ACCEPT', seconds: 6, warnShare: 0.5 }]);
  });
  afterEach(async () => {
    await bff?.stop();
    bff = null;
    await redis.up();
  });
  afterAll(async () => {
    await t.close();
    await redis.down();
  });

  it('serves reads and filing while Redis is down, reports not-ready, reconnects, and catches the wake-ups up', async () => {
    bff = await spawnBff(env());
    await waitFor('ready', async () => (await readiness(bff!.url)) === 200, 30_000, 100);
    const before = await file(bff);
    expect(before.body.errors).toBeUndefined();

    await redis.down();
    await sleep(2500);
    expect(bff.alive()).toBe(true);
    expect(await readiness(bff.url)).toBe(503);

    // Filing and reading answer promptly, from MySQL.
    const started = Date.now();
    const during = await file(bff);
    expect(during.body.errors).toBeUndefined();
    const id = during.body.data.reportTicket.id as string;
    const read = await bff.gql(TICKET, { id }, w.ownerA.token);
    expect(read.body.data?.ticket).toMatchObject({ id, status: 'REPORTED' });
    expect(Date.now() - started).toBeLessThan(5000);

    // The warning (3 s) falls due while Redis is still down: the reconciler applies it from MySQL.
    await waitFor('the warning applied without Redis', async () => (await slaEventCounts(t.ds)).get(id)?.SLA_WARNING === 1, 10_000, 100);
    expect(bff.alive()).toBe(true);

    await redis.up();
    await waitFor('ready again', async () => (await readiness(bff!.url)) === 200, 20_000, 200);
    // Redis came back empty: the reconciler's full pass re-creates the wake-up of the report filed
    // during the outage (or the breach fires through it / the reconciler) — the breach is recorded once.
    await waitFor('the breach after the outage', async () => (await slaEventCounts(t.ds)).get(id)?.SLA_BREACH === 1, 20_000, 100);
    const after = await file(bff);
    expect(after.body.errors).toBeUndefined();
    await waitFor('the new report\'s wake-up in Redis', () => wakeExists(after.body.data.reportTicket.id), 10_000, 100);
    expect(bff.alive()).toBe(true);
    expect(bff.output()).not.toMatch(/Unhandled error event/);
  });

  it('starts while Redis is down (serving, not ready) and becomes ready when Redis comes', async () => {
    await redis.down();
    bff = await spawnBff(env());
    expect(await readiness(bff.url)).toBe(503);
    const r = await file(bff);
    expect(r.body.errors).toBeUndefined();
    const id = r.body.data.reportTicket.id as string;
    await sleep(1500);
    expect(bff.alive()).toBe(true);
    await redis.up();
    await waitFor('ready', async () => (await readiness(bff!.url)) === 200, 20_000, 200);
    await waitFor('the breach of the report filed before Redis came', async () => (await slaEventCounts(t.ds)).get(id)?.SLA_BREACH === 1, 20_000, 100);
    expect(bff.alive()).toBe(true);
  });
});
