import { ok, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, fileTicket, type World } from '../support/world';
import { duplicateNotifications, fastPolicy, LiveClock, sleep, slaEventCounts, waitFor, type StepSpec } from './sla-support';

const STEPS: StepSpec[] = [
  { level: 'HANDLER', delayMinutes: 0 },
  { level: 'PROJECT_MANAGER', delayMinutes: 0.005 },
  { level: 'COMPANY', delayMinutes: 0.005 },
  { level: 'COMMUNITY', delayMinutes: 0.005 },
  { level: 'STREET', delayMinutes: 0.005 },
];

/** Real BullMQ workers inside the BFF, second-scale policies, real time. */
jest.setTimeout(180_000);

describe('SLA wake-ups through BullMQ workers', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKERS: 'true', SLA_WORKER_CONCURRENCY: '20', DB_POOL_SIZE: '30', SLA_RECONCILE_INTERVAL_MS: '600000' }, new LiveClock());
    w = await buildWorld(t);
    await fastPolicy(t, w.admin, w.complexA, [
      { target: 'ACCEPT', seconds: 3, warnShare: 0.5, steps: STEPS },
      { target: 'RESOLVE', seconds: 3, warnShare: 0.5, steps: STEPS },
    ]);
  });
  afterAll(() => t.close());

  it('fires each warning, breach and escalation step exactly once, recorded at its own time', async () => {
    const tickets = await Promise.all(Array.from({ length: 20 }, () => fileTicket(t, w.ownerA, w.qrA)));
    const ids = tickets.map((x) => x.id);
    await waitFor('all escalations', async () => {
      const c = await slaEventCounts(t.ds);
      return ids.every((id) => c.get(id)?.SLA_ESCALATION === 5);
    }, 90_000, 100); // on two cores shared with other runs, filing and firing can take a while; exactly-once is checked below
    await sleep(500); // anything late or doubled would show now
    const counts = await slaEventCounts(t.ds);
    for (const id of ids) expect(counts.get(id)).toEqual({ SLA_WARNING: 1, SLA_BREACH: 1, SLA_ESCALATION: 5 });
    // The breach is recorded at the due time itself, whenever the worker got to it.
    const off = await t.ds.query(
      `SELECT COUNT(*) AS n FROM ticket_events e JOIN sla_clocks c ON c.ticket_id = e.ticket_id AND c.target = 'ACCEPT'
       WHERE e.action = 'SLA_BREACH' AND e.created_at <> c.breached_at`,
    );
    expect(Number(off[0].n)).toBe(0);
    expect(await duplicateNotifications(t.ds)).toBe(0);
    // Applied promptly (seconds, not a reconcile interval: the reconciler is off here). Timeline and escalation rows agree on it.
    const lateness = await t.ds.query(`SELECT MAX(TIMESTAMPDIFF(MICROSECOND, due_at, applied_at)) / 1000 AS ms FROM sla_escalations`);
    expect(Number(lateness[0].ms)).toBeLessThan(15_000);
    const eventLate = await t.ds.query(`SELECT COUNT(*) AS n FROM ticket_events WHERE action LIKE 'SLA\\_%' AND (applied_at IS NULL OR applied_at < created_at)`);
    expect(Number(eventLate[0].n)).toBe(0);
  });

  it('a ticket resolved a moment before the deadline is never breached', async () => {
    const q = `query($id: ID!) { ticket(id: $id) { version resolvedAt clocks { target dueAt state } } }`;
    // "A moment before": aim 300 ms ahead of the deadline; on a loaded machine the resolve may land late,
    // then the premise did not hold and we try again with more room (the assertions stay as strict).
    for (let lead = 300; ; lead *= 2) {
      const tk = await fileTicket(t, w.ownerA, w.qrA);
      const acc = ok(await t.gql(`mutation($i: AcceptTicketInput!) { acceptTicket(input: $i) { version } }`, { i: { ticketId: tk.id, version: tk.version } }, w.staffA.token)).acceptTicket;
      const st = ok(await t.gql(`mutation($i: NoteInput!) { startTicket(input: $i) { version } }`, { i: { ticketId: tk.id, version: acc.version } }, w.staffA.token)).startTicket;
      const due = new Date(ok(await t.gql(q, { id: tk.id }, w.staffA.token)).ticket.clocks.find((c: any) => c.target === 'RESOLVE').dueAt);
      await sleep(Math.max(0, +due - Date.now() - lead));
      ok(await t.gql(`mutation($i: ResolveTicketInput!) { resolveTicket(input: $i) { status } }`, { i: { ticketId: tk.id, version: st.version, result: '已处理完毕。' } }, w.staffA.token));
      const after = ok(await t.gql(q, { id: tk.id }, w.staffA.token)).ticket;
      if (+new Date(after.resolvedAt) >= +due) {
        if (lead >= 2400) throw new Error('could not resolve before the deadline in 4 tries');
        continue;
      }
      await sleep(1500); // a breach wake-up still queued would fire now
      const clocks = ok(await t.gql(q, { id: tk.id }, w.staffA.token)).ticket.clocks;
      expect(clocks.find((c: any) => c.target === 'RESOLVE').state).toBe('MET');
      // Accepted at once and resolved in time: the resolve warning at half time (if it came before the resolve), no breach.
      const c = (await slaEventCounts(t.ds)).get(tk.id) ?? {};
      expect(c.SLA_BREACH).toBeUndefined();
      expect(c.SLA_ESCALATION).toBeUndefined();
      expect(c.SLA_WARNING ?? 0).toBeLessThanOrEqual(1);
      return;
    }
  });
});
