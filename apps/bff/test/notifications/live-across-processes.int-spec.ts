import type { Client } from 'graphql-ws';
import { startTestApp, ok, type TestApp } from '../support/test-app';
import { buildWorld, fileTicket, type World } from '../support/world';
import { waitFor } from './fake-wechat-api';
import { collect, liveClient } from './live-client';

const TICKET_CHANGED = `subscription($f: TicketChangedFilter) { ticketChanged(filter: $f) { ticketId number action fromStatus toStatus version complexId at } }`;

/**
 * Two BFF instances on one database and one Redis: each has its own Redis-backed emitter, so an
 * event raised by one reaches a socket held by the other only through Redis pub/sub.
 */
describe('live ticket updates across BFF processes', () => {
  let a: TestApp;
  let b: TestApp;
  let w: World;
  const clients: Client[] = [];
  const client = (app: TestApp, token: string | null) => {
    const c = liveClient(app.url, token);
    clients.push(c);
    return c;
  };
  // Subscriptions register with Redis asynchronously; give them a moment before raising events.
  const settle = () => new Promise((r) => setTimeout(r, 400));

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp();
    w = await buildWorld(a);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await a.close();
    await b.close();
  });

  it('a report filed through process A reaches staff subscribed on process B, and nobody outside the complex', async () => {
    const staffOnB = collect(client(b, w.staffA.token), TICKET_CHANGED);
    const otherCompanyOnB = collect(client(b, w.staffB.token), TICKET_CHANGED);
    const deptOnA = collect(client(a, w.dept.token), TICKET_CHANGED);
    await settle();

    const started = Date.now();
    const t = await fileTicket(a, w.ownerA, w.qrA);
    const got = await waitFor(() => staffOnB.items.find((e) => e.ticketChanged.ticketId === t.id), 2000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(got.ticketChanged).toMatchObject({ number: t.number, action: 'REPORT', fromStatus: null, toStatus: 'REPORTED', version: 1, complexId: w.complexA });

    // Accept on B: the subscriber on B sees it too (same path through Redis).
    ok(await b.gql('mutation($i: AcceptTicketInput!) { acceptTicket(input: $i) { version } }', { i: { ticketId: t.id, version: 1 } }, w.staffA.token));
    await waitFor(() => staffOnB.items.find((e) => e.ticketChanged.action === 'ACCEPT'), 2000);

    await new Promise((r) => setTimeout(r, 300));
    expect(otherCompanyOnB.items).toEqual([]);
    expect(deptOnA.items).toEqual([]);
    expect(staffOnB.errors).toEqual([]);
  });

  it('a department sees a ticket live once it is dispatched to it; filters narrow to one ticket', async () => {
    const t = await fileTicket(a, w.ownerA, w.qrA);
    const deptOnB = collect(client(b, w.dept.token), TICKET_CHANGED);
    const oneTicket = collect(client(b, w.staffA.token), TICKET_CHANGED, { f: { ticketId: t.id } });
    const other = await fileTicket(a, w.ownerA, w.qrA);
    await settle();
    const accepted = ok(await a.gql('mutation($i: AcceptTicketInput!) { acceptTicket(input: $i) { version } }', { i: { ticketId: t.id, version: 1 } }, w.staffA.token));
    ok(await a.gql('mutation($i: DispatchTicketInput!) { dispatchTicket(input: $i) { version } }', { i: { ticketId: t.id, version: accepted.acceptTicket.version, targetUnitId: w.deptCg, reason: '占道经营，属城管职责' } }, w.staffA.token));
    ok(await a.gql('mutation($i: AcceptTicketInput!) { acceptTicket(input: $i) { version } }', { i: { ticketId: other.id, version: 1 } }, w.staffA.token));

    const dispatched = await waitFor(() => deptOnB.items.find((e) => e.ticketChanged.action === 'DISPATCH'), 2000);
    expect(dispatched.ticketChanged).toMatchObject({ ticketId: t.id, toStatus: 'DISPATCHED' });
    // The department never saw the ticket before it was handed to it.
    expect(deptOnB.items.map((e) => e.ticketChanged.action)).toEqual(['DISPATCH']);
    await waitFor(() => oneTicket.items.length >= 2, 2000);
    await new Promise((r) => setTimeout(r, 300));
    expect(oneTicket.items.every((e) => e.ticketChanged.ticketId === t.id)).toBe(true);
  });

  it('a socket without a valid token is refused', async () => {
    const anon = collect(client(b, null), TICKET_CHANGED);
    await waitFor(() => anon.errors.length > 0 || anon.done, 2000);
    const forged = collect(client(b, 'not-a-jwt'), TICKET_CHANGED);
    await waitFor(() => forged.errors.length > 0 || forged.done, 2000);
    expect(anon.items).toEqual([]);
    expect(forged.items).toEqual([]);
  });
});
