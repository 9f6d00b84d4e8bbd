/**
 * 督办 rounds under concurrency: urges sent at once on one ticket each get their own round (1, 2, …, n in
 * the order they commit), never two of the same number, and the figures count every one of them.
 */
import { ok, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, fileTicket, type World } from '../support/world';

const SUPERVISE = 'mutation($i: SuperviseTicketInput!) { superviseTicket(input: $i) { id } }';

describe('督办 rounds sent at once', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t?.close());

  it('get distinct rounds 1…n on each ticket, over 10 tickets × 4 urges at once', async () => {
    const tickets = await Promise.all(Array.from({ length: 10 }, () => fileTicket(t, w.ownerA, w.qrA)));
    for (const tk of tickets) {
      // Four requests on the wire at once, two oversight accounts.
      const at = await Promise.all([w.oversightStreet, w.oversightCity, w.oversightStreet, w.oversightCity].map((who) =>
        t.gql(SUPERVISE, { i: { ticketId: tk.id, note: '请尽快处理' } }, who.token)));
      for (const r of at) ok(r);
    }
    const rows = await t.ds.query(
      "SELECT ticket_id, JSON_VALUE(data, '$.round') AS round FROM ticket_events WHERE action = 'SUPERVISE' AND ticket_id IN (?) ORDER BY ticket_id, id",
      [tickets.map((tk) => tk.id)],
    );
    const byTicket = new Map<string, number[]>();
    for (const r of rows) (byTicket.get(String(r.ticket_id)) ?? byTicket.set(String(r.ticket_id), []).get(String(r.ticket_id))!).push(Number(r.round));
    for (const tk of tickets) expect({ ticket: tk.id, rounds: byTicket.get(tk.id) }).toEqual({ ticket: tk.id, rounds: [1, 2, 3, 4] });
    const f = ok(await t.gql('query($s: FigureScopeInput!) { figures(scope: $s, period: { kind: DAY }) { current { counts { urges } } } }',
      { s: { kind: 'COMPLEX', id: w.complexA } }, w.oversightCity.token)).figures;
    expect(f.current.counts.urges).toBe(40);
  });
});
