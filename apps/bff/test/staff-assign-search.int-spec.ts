/**
 * Issue 12 §11, the staff side over HTTP (real MariaDB): 指派 is offered only where the table and the input rule
 * allow it, and `assignees` lists exactly the people the server then accepts (a manager: the team; staff: only
 * themselves; never who holds it); 受理并指派 in one mutation; the inbox's search by ticket number finds only
 * tickets the caller may see.
 */
import { TicketAction as A } from '@msb/shared-types';
import { shanghaiDay } from '../src/common/clock';
import { codeOf, ok, startTestApp, type TestApp } from './support/test-app';
import { buildWorld, fileTicket, type Actor, type World } from './support/world';
import { must } from './support/lifecycle-driver';

describe('staff: whom to assign, accept and assign in one step, search by number', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const assignees = async (who: Actor, ticketId: string): Promise<string[]> =>
    ok(await t.gql('query($id: ID!) { assignees(ticketId: $id) { id name openCount } }', { id: ticketId }, who.token)).assignees.map((h: { id: string }) => h.id);
  const offered = async (who: Actor, id: string): Promise<string[]> => ok(await t.gql('query($id: ID!) { ticket(id: $id) { availableActions } }', { id }, who.token)).ticket.availableActions;

  it('a manager may give a new ticket to anyone on the team; staff (who accept for themselves) get no list', async () => {
    const fresh = await fileTicket(t, w.ownerA, w.qrA);
    expect((await assignees(w.managerA, fresh.id)).sort()).toEqual([w.staffA.id, w.staffA2.id, w.teamStaffA.id, w.managerA.id].sort());
    expect(await assignees(w.staffA, fresh.id)).toEqual([]);
    // Outside the complex: NOT_FOUND, as for the ticket itself.
    expect(codeOf(await t.gql('query($id: ID!) { assignees(ticketId: $id) { id } }', { id: fresh.id }, w.managerB.token))).toBe('NOT_FOUND');
    expect(await assignees(w.ownerA, fresh.id)).toEqual([]);
  });

  it('受理并指派: one acceptTicket with the chosen person; the ticket is ACCEPTED and theirs', async () => {
    const fresh = await fileTicket(t, w.ownerA, w.qrA);
    const r = ok(await t.gql('mutation($i: AcceptTicketInput!) { acceptTicket(input: $i) { status assignee { id } availableActions } }', { i: { ticketId: fresh.id, version: fresh.version, assigneeId: w.staffA2.id } }, w.managerA.token)).acceptTicket;
    expect(r).toMatchObject({ status: 'ACCEPTED', assignee: { id: w.staffA2.id } });
    const events = await t.ds.query('SELECT action FROM ticket_events WHERE ticket_id = ? ORDER BY id', [fresh.id]);
    expect(events.map((e: { action: string }) => e.action)).toEqual([A.REPORT, A.ACCEPT]);
  });

  it('指派 is not offered to the staff member who holds the ticket (they could only choose themselves), and the list never offers the holder', async () => {
    const fresh = await fileTicket(t, w.ownerA, w.qrA);
    const mine = await must(t, w, A.ACCEPT, w.staffA, fresh);
    expect(await offered(w.staffA, mine.id)).not.toContain(A.ASSIGN);
    expect(await assignees(w.staffA, mine.id)).toEqual([]);
    // A colleague may take it over (only themselves), a manager may give it to anyone but the holder.
    expect(await offered(w.staffA2, mine.id)).toContain(A.ASSIGN);
    expect(await assignees(w.staffA2, mine.id)).toEqual([w.staffA2.id]);
    const team = await assignees(w.managerA, mine.id);
    expect(team).not.toContain(w.staffA.id);
    expect(team).toContain(w.staffA2.id);
    // Every listed person is accepted by the server: the list and the rule agree.
    for (const id of team) {
      const cur = ok(await t.gql('query($id: ID!) { ticket(id: $id) { version assignee { id } } }', { id: mine.id }, w.managerA.token)).ticket;
      if (cur.assignee?.id === id) continue;
      const r = await t.gql('mutation($i: AssignTicketInput!) { assignTicket(input: $i) { assignee { id } } }', { i: { ticketId: mine.id, version: cur.version, assigneeId: id } }, w.managerA.token);
      expect({ id, code: codeOf(r) }).toEqual({ id, code: undefined });
    }
  });

  it('search by number: the whole number, a day with its sequence, or a bare sequence of the last days; only visible tickets', async () => {
    const fresh = await fileTicket(t, w.ownerA, w.qrA);
    const [, day, seq] = /^MSB-(\d{8})-(\d{4})$/.exec(fresh.number)!;
    const search = async (who: Actor, q: string): Promise<string[]> =>
      ok(await t.gql('query($q: String!) { searchTicketNumber(query: $q) { id number } }', { q }, who.token)).searchTicketNumber.map((x: { number: string }) => x.number);
    expect(await search(w.staffA, fresh.number)).toEqual([fresh.number]);
    expect(await search(w.staffA, fresh.number.toLowerCase())).toEqual([fresh.number]);
    expect(await search(w.staffA, `${day}-${Number(seq)}`)).toEqual([fresh.number]);
    expect(await search(w.staffA, ` ${Number(seq)} `)).toContain(fresh.number);
    // The day is Shanghai's (the number's own).
    expect(day).toBe(shanghaiDay(t.clock.now()));
    // Another company's staff, an unrelated owner: nothing, not even that it exists.
    expect(await search(w.staffB, fresh.number)).toEqual([]);
    expect(await search(w.ownerB, fresh.number)).toEqual([]);
    expect(await search(w.staffA, 'MSB-2026')).toEqual([]);
    expect(codeOf(await t.gql('query($q: String!) { searchTicketNumber(query: $q) { id } }', { q: 'x'.repeat(41) }, w.staffA.token))).toBe('BAD_USER_INPUT');
  });
});
