import type { Client } from 'graphql-ws';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, fileTicket, type World } from '../support/world';
import { collect, liveClient } from '../notifications/live-client';
import { fastPolicy, LiveClock, waitFor } from './sla-support';

const NOTIFICATION_ADDED = 'subscription { notificationAdded { id kind title body ticketId createdAt } }';

/**
 * SLA warnings, breaches and escalations are notices like any other: written through the notifications
 * service in the clock's transaction and announced after commit, so the staff bell updates live.
 * Real BFF with its BullMQ workers, real Redis, a graphql-ws client signed in as the complex's staff.
 */
jest.setTimeout(120_000);

describe('the staff bell for SLA notices', () => {
  let t: TestApp;
  let w: World;
  const clients: Client[] = [];

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKERS: 'true', SLA_RECONCILE_INTERVAL_MS: '600000' }, new LiveClock());
    w = await buildWorld(t);
    await fastPolicy(t, w.admin, w.complexA, [{ target: 'ACCEPT', seconds: 3, warnShare: 0.5, steps: [{ level: 'HANDLER', delayMinutes: 0 }] }]);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await t.close();
  });

  it('an unaccepted ticket: its warning, breach and escalation reach the complex staff live, as the rows the centre lists', async () => {
    const staff = liveClient(t.url, w.staffA.token);
    const other = liveClient(t.url, w.staffB.token);
    clients.push(staff, other);
    const mine = collect(staff, NOTIFICATION_ADDED);
    const theirs = collect(other, NOTIFICATION_ADDED);
    await new Promise((r) => setTimeout(r, 400)); // subscriptions register with Redis asynchronously

    const tk = await fileTicket(t, w.ownerA, w.qrA);
    const slaKinds = () => mine.items.map((i) => i.notificationAdded).filter((n) => n.ticketId === tk.id && n.kind.startsWith('SLA_'));
    await waitFor('SLA notices on the live bell', async () => ['SLA_WARNING', 'SLA_BREACH', 'SLA_ESCALATION'].every((k) => slaKinds().some((n) => n.kind === k)), 20_000);

    expect(mine.errors).toEqual([]);
    const live = slaKinds();
    expect(live.map((n) => n.kind).sort()).toEqual(['SLA_BREACH', 'SLA_ESCALATION', 'SLA_WARNING']);
    // Each pushed notice is the stored row, id and all (what the bell then marks read).
    const rows = await t.ds.query(
      "SELECT id, kind, title FROM notifications WHERE ticket_id = ? AND user_id = ? AND kind LIKE 'SLA\\_%' ORDER BY id", [tk.id, w.staffA.id],
    );
    expect(rows.map((r: any) => ({ id: String(r.id), kind: r.kind, title: r.title }))).toEqual(
      [...live].sort((a, b) => Number(a.id) - Number(b.id)).map((n) => ({ id: n.id, kind: n.kind, title: n.title })),
    );
    // Another company's staff hear nothing of it.
    expect(theirs.items.filter((i) => i.notificationAdded.ticketId === tk.id)).toEqual([]);
  });
});
