import Redis from 'ioredis';
import { SlaReconciler } from '../../src/sla/sla-reconciler';
import { SlaScheduler } from '../../src/sla/jobs/sla-scheduler';
import { ok, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, fileTicket, type World } from '../support/world';
import { duplicateNotifications, fastPolicy, LiveClock, slaEventCounts, spawnWorker, stopWorker, waitFor } from './sla-support';

/** Redis loses everything (FLUSHDB on this test's own db) while clocks are pending: MySQL restores every wake-up. */
jest.setTimeout(180_000);

describe('SLA reconciler after Redis lost its data', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp({}, new LiveClock());
    w = await buildWorld(t);
    await fastPolicy(t, w.admin, w.complexA, [
      { target: 'ACCEPT', seconds: 6, warnShare: 0.5, steps: [{ level: 'HANDLER', delayMinutes: 0 }, { level: 'PROJECT_MANAGER', delayMinutes: 0.01 }] },
      { target: 'RESOLVE', seconds: 3600 }, // far beyond the reconciler's horizon
    ]);
  });
  afterAll(() => t.close());

  it('re-creates every missing wake-up, near and far, and nothing is lost or doubled', async () => {
    const reconciler = t.app.get(SlaReconciler);
    const queue = t.app.get(SlaScheduler).queue;
    const open = await Promise.all(Array.from({ length: 30 }, () => fileTicket(t, w.ownerA, w.qrA)));
    const accepted = await Promise.all(Array.from({ length: 5 }, async () => {
      const tk = await fileTicket(t, w.ownerA, w.qrA);
      ok(await t.gql(`mutation($i: AcceptTicketInput!) { acceptTicket(input: $i) { id } }`, { i: { ticketId: tk.id, version: tk.version } }, w.staffA.token));
      return tk.id;
    }));
    await reconciler.reconcile({ force: true });
    const pending = await t.ds.query('SELECT ticket_id, target, version FROM sla_clocks WHERE next_wake_at IS NOT NULL');
    expect(pending).toHaveLength(30 + 5); // 30 accept clocks; the accepted tickets' resolve clocks (their accept clocks stopped)
    const jobIds = pending.map((p: any) => `sla-${p.ticket_id}-${p.target}-v${p.version}`);
    expect((await Promise.all(jobIds.map((id: string) => queue.getJob(id)))).every(Boolean)).toBe(true);

    const redis = new Redis({ host: t.config.redis.host, port: t.config.redis.port, db: t.config.redis.db });
    await redis.flushdb();
    redis.disconnect();
    expect((await Promise.all(jobIds.map((id: string) => queue.getJob(id)))).some(Boolean)).toBe(false);

    const report = await reconciler.reconcile({ force: true });
    expect(report).toMatchObject({ full: true, restored: pending.length });
    expect((await Promise.all(jobIds.map((id: string) => queue.getJob(id)))).every(Boolean)).toBe(true);
    expect((await reconciler.reconcile({ force: true })).restored).toBe(0);

    const worker = await spawnWorker({ SLA_LOCK_DURATION_MS: '1500', SLA_STALLED_INTERVAL_MS: '500', SLA_RECONCILE_INTERVAL_MS: '600000' });
    try {
      const ids = open.map((x) => x.id);
      await waitFor('escalations', async () => {
        const c = await slaEventCounts(t.ds);
        return ids.every((id) => c.get(id)?.SLA_ESCALATION === 2);
      }, 90_000, 100); // generous for two busy cores; exactly-once is checked below
      await new Promise((r) => setTimeout(r, 500));
      const c = await slaEventCounts(t.ds);
      for (const id of ids) expect(c.get(id)).toEqual({ SLA_WARNING: 1, SLA_BREACH: 1, SLA_ESCALATION: 2 });
      for (const id of accepted) expect(c.get(id)).toBeUndefined();
      expect(await duplicateNotifications(t.ds)).toBe(0);
    } finally {
      await stopWorker(worker);
    }
  });
});
