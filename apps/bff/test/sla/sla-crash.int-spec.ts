import { SlaScheduler } from '../../src/sla/jobs/sla-scheduler';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, fileTicket, type World } from '../support/world';
import { duplicateNotifications, fastPolicy, LiveClock, slaEventCounts, spawnWorker, stopWorker, waitFor } from './sla-support';

/**
 * Worker processes (dist/worker.js when current, else src/worker.ts; each awaited on its ready message) against this test's database and Redis db, with short lock and
 * stalled intervals so a killed worker's jobs come back in about a second, not 30.
 */
jest.setTimeout(240_000);

describe('SLA workers as separate processes', () => {
  let t: TestApp;
  let w: World;
  const children: Awaited<ReturnType<typeof spawnWorker>>[] = [];
  const FAST = { SLA_LOCK_DURATION_MS: '1500', SLA_STALLED_INTERVAL_MS: '500', SLA_RECONCILE_INTERVAL_MS: '600000' };

  const complete = (ids: string[]) => async () => {
    const c = await slaEventCounts(t.ds);
    return ids.every((id) => c.get(id)?.SLA_ESCALATION === 3);
  };
  const expectExactlyOnce = async (ids: string[]) => {
    const counts = await slaEventCounts(t.ds);
    const wrong = ids.filter((id) => JSON.stringify(counts.get(id)) !== JSON.stringify({ SLA_BREACH: 1, SLA_ESCALATION: 3, SLA_WARNING: 1 }));
    expect(wrong.map((id) => [id, counts.get(id)])).toEqual([]);
    expect(await duplicateNotifications(t.ds)).toBe(0);
    const steps = await t.ds.query('SELECT COUNT(*) AS n FROM sla_escalations WHERE ticket_id IN (?)', [ids]);
    expect(Number(steps[0].n)).toBe(ids.length * 3);
  };

  beforeAll(async () => {
    t = await startTestApp({}, new LiveClock());
    w = await buildWorld(t);
    await fastPolicy(t, w.admin, w.complexA, [{
      target: 'ACCEPT', seconds: 4, warnShare: 0.5,
      steps: [{ level: 'HANDLER', delayMinutes: 0 }, { level: 'PROJECT_MANAGER', delayMinutes: 0.01 }, { level: 'COMPANY', delayMinutes: 0.01 }],
    }]);
  });
  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => stopWorker(c)));
  });
  afterAll(() => t.close());

  it('a worker SIGKILLed while holding due jobs: every escalation still happens, exactly once', async () => {
    // One DB connection for 100 concurrent jobs, firing one clock per job: the worker holds many due jobs
    // (locked in Redis) when it dies. (With batching it could fire them all in a few transactions first.)
    const a = await spawnWorker({ ...FAST, DB_POOL_SIZE: '1', SLA_WORKER_CONCURRENCY: '100', SLA_FIRE_BATCH: '0' });
    children.push(a);
    // Filed together, so their warnings and breaches fall due together.
    const ids = await Promise.all(Array.from({ length: 150 }, () => fileTicket(t, w.ownerA, w.qrA).then((x) => x.id)));
    await waitFor('the first breach', async () => Number((await t.ds.query(`SELECT COUNT(*) AS n FROM ticket_events WHERE action = 'SLA_BREACH'`))[0].n) > 0, 90_000, 10);
    a.kill('SIGKILL');
    await new Promise((r) => a.once('exit', r));
    const queue = t.app.get(SlaScheduler).queue;
    const activeAtKill = await queue.getActiveCount();
    expect(activeAtKill).toBeGreaterThan(0);
    const b = await spawnWorker({ ...FAST, SLA_WORKER_CONCURRENCY: '20' });
    children.push(b);
    await waitFor('every escalation after the crash', complete(ids), 150_000, 100);
    await new Promise((r) => setTimeout(r, 1000));
    await expectExactlyOnce(ids);
    expect(await queue.getActiveCount()).toBe(0);
  });

  it('two workers at once never escalate twice', async () => {
    const [a, b] = await Promise.all([spawnWorker({ ...FAST, SLA_WORKER_CONCURRENCY: '20' }), spawnWorker({ ...FAST, SLA_WORKER_CONCURRENCY: '20' })]);
    children.push(a, b);
    const ids = await Promise.all(Array.from({ length: 200 }, () => fileTicket(t, w.ownerA, w.qrA).then((x) => x.id)));
    await waitFor('every escalation', complete(ids), 150_000, 100);
    await new Promise((r) => setTimeout(r, 1000));
    await expectExactlyOnce(ids);
  });
});
