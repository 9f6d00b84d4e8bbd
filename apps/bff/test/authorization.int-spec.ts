/**
 * The authorization matrix for every query (and the REST photo routes), by every role, inside and outside
 * its scope. Mutations on tickets by every role in every state are covered cell by cell in
 * lifecycle-table.int-spec.ts; here are the scope stories the brief names, end to end.
 *
 * The world: company A serves complex A (community A, under the oversight street); company B serves
 * complex B (community B, another street). teamA is company A's property team; deptCg an outside department.
 */
import { Role, TicketAction as A } from '@msb/shared-types';
import { OrgService } from '../src/org/org.service';
import { codeOf, ok, startTestApp, type GqlResult, type TestApp } from './support/test-app';
import { buildWorld, fileTicket, type World } from './support/world';
import { ACTION_MUTATION, ACTOR_KEYS, ROLE_OF, USER_ACTIONS, act, countRows, walk, type ActorKey } from './support/lifecycle-driver';
import { jpeg, upload } from './support/photos';
import { adminActors } from './support/admin-actors';
import { waitFor } from './notifications/fake-wechat-api';
import { collect, liveClient } from './notifications/live-client';

type Expect = 'OK' | 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED';

describe('the authorization matrix', () => {
  let t: TestApp;
  let w: World;
  /** Tickets: a in complex A, b in complex B, in various states. */
  let a: { id: string; version: number; number: string };
  let b: { id: string; version: number; number: string };
  let aDispatched: { id: string; version: number };
  let aMediating: { id: string; version: number };
  let bMediating: { id: string; version: number };
  let teamB: number;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    teamB = Number((await t.ds.query('INSERT INTO units (kind, name, company_id) SELECT ?, ?, company_id FROM complexes WHERE id = ?', ['PROPERTY_TEAM', '乙工程部', w.complexB])).insertId);
    t.app.get(OrgService).invalidate();
    a = await fileTicket(t, w.ownerA, w.qrA, { contactPhone: '13512345678' });
    b = await fileTicket(t, w.ownerB, w.qrB);
    aDispatched = await walk(t, w, [[A.ACCEPT, 'staffA'], [A.START, 'staffA'], [A.DISPATCH, 'staffA']]);
    aMediating = await walk(t, w, [[A.ACCEPT, 'staffA'], [A.START, 'staffA'], [A.RESOLVE, 'staffA'], [A.REQUEST_MEDIATION, 'ownerA']]);
    // A dispute in complex B: filed, handled and disputed by company B's people.
    let s: { id: string; version: number } = await fileTicket(t, w.ownerB, w.qrB);
    for (const [action, who] of [[A.ACCEPT, w.staffB], [A.START, w.staffB], [A.RESOLVE, w.staffB], [A.REQUEST_MEDIATION, w.ownerB]] as const) {
      const r = await act(t, action, who, s, {}, w);
      s = ok(r)[ACTION_MUTATION[action].name];
    }
    bMediating = s;
  });
  afterAll(() => t.close());

  const code = (r: GqlResult): Expect => (codeOf(r) as Expect | undefined) ?? 'OK';
  const matrix = async (call: (k: ActorKey) => Promise<GqlResult>, want: (k: ActorKey) => Expect) => {
    const got = await Promise.all(ACTOR_KEYS.map(async (k) => ({ who: k, result: code(await call(k)) })));
    expect(got).toEqual(ACTOR_KEYS.map((k) => ({ who: k, result: want(k) })));
  };
  const ticketQ = (id: string, k: ActorKey) => t.gql('query($id: ID!) { ticket(id: $id) { id } }', { id }, w[k].token);
  const inboxIds = async (k: ActorKey, filter: Record<string, unknown> = {}) => {
    const r = await t.gql('query($f: InboxFilterInput) { inbox(filter: $f, first: 50) { nodes { id } } }', { f: filter }, w[k].token);
    return r.errors ? codeOf(r) : (r.data.inbox.nodes as { id: string }[]).map((n) => n.id).sort();
  };

  describe('ticket(id) and ticketByNumber', () => {
    const inA = (k: ActorKey): Expect =>
      ['ownerA', 'staffA', 'staffA2', 'teamStaffA', 'managerA', 'oversightStreet', 'oversightCity', 'admin'].includes(k) ? 'OK' : 'NOT_FOUND';
    const inB = (k: ActorKey): Expect => (['ownerB', 'staffB', 'managerB', 'oversightCity', 'admin'].includes(k) ? 'OK' : 'NOT_FOUND');

    it("a new ticket in complex A: its reporter, complex A's staff, oversight over the area and admins; nobody else", async () => {
      await matrix((k) => ticketQ(a.id, k), inA);
      await matrix((k) => t.gql('query($n: String!) { ticketByNumber(number: $n) { id } }', { n: a.number }, w[k].token), inA);
    });

    it("a ticket in complex B: company B's people, city oversight and admins; not company A, not the street of A", async () => {
      await matrix((k) => ticketQ(b.id, k), inB);
    });

    it('a ticket dispatched to the department is visible to that department too', async () => {
      await matrix((k) => ticketQ(aDispatched.id, k), (k) => (k === 'dept' || k === 'deptHead' ? 'OK' : inA(k)));
    });

    it("a mediator sees only their community's disputes", async () => {
      await matrix((k) => ticketQ(aMediating.id, k), (k) => (k === 'mediatorA' ? 'OK' : inA(k)));
      await matrix((k) => ticketQ(bMediating.id, k), (k) => (k === 'mediatorB' ? 'OK' : inB(k)));
    });

    it('anonymous callers, unknown and malformed ids answer alike', async () => {
      expect(codeOf(await t.gql('query($id: ID!) { ticket(id: $id) { id } }', { id: a.id }))).toBe('UNAUTHENTICATED');
      for (const id of ['99999999', 'abc', '-1', '1 OR 1=1']) expect(codeOf(await ticketQ(id, 'admin'))).toBe('NOT_FOUND');
    });

    it('the contact phone is full for the reporter only, masked for everyone else who may see the ticket', async () => {
      const accepted = await walk(t, w, [[A.ACCEPT, 'staffA']]);
      await t.ds.query("UPDATE tickets SET contact_phone = '13512345678' WHERE id = ?", [accepted.id]);
      for (const k of ['ownerA', 'staffA', 'staffA2', 'managerA', 'oversightStreet', 'admin'] as ActorKey[]) {
        const phone = ok(await t.gql('query($id: ID!) { ticket(id: $id) { contactPhone } }', { id: accepted.id }, w[k].token)).ticket.contactPhone;
        expect({ k, phone }).toEqual({ k, phone: k === 'ownerA' ? '13512345678' : '135****5678' });
      }
    });
  });

  describe('myTickets', () => {
    it("each caller gets their own reports only", async () => {
      for (const k of ACTOR_KEYS) {
        const r = ok(await t.gql('{ myTickets(first: 50) { nodes { id reporter { id } } } }', undefined, w[k].token));
        for (const n of r.myTickets.nodes) expect(n.reporter.id).toBe(w[k].id);
        if (k === 'ownerA2' || ROLE_OF[k] !== Role.OWNER) expect(r.myTickets.nodes).toEqual([]);
      }
      expect(codeOf(await t.gql('{ myTickets { nodes { id } } }'))).toBe('UNAUTHENTICATED');
    });
  });

  describe('inbox', () => {
    it('owners have no inbox; anonymous callers are asked to sign in', async () => {
      for (const k of ['ownerA', 'ownerB'] as const) expect(await inboxIds(k)).toBe('FORBIDDEN');
      expect(codeOf(await t.gql('{ inbox { nodes { id } } }'))).toBe('UNAUTHENTICATED');
    });

    it("staff and managers see their complexes' tickets; filtering on another complex leaks nothing", async () => {
      const all = await t.ds.query('SELECT id, complex_id FROM tickets');
      const ofComplex = (c: number) => all.filter((r: any) => r.complex_id === c).map((r: any) => String(r.id)).sort();
      for (const k of ['staffA', 'staffA2', 'teamStaffA', 'managerA'] as const) expect(await inboxIds(k)).toEqual(ofComplex(w.complexA));
      for (const k of ['staffB', 'managerB'] as const) expect(await inboxIds(k)).toEqual(ofComplex(w.complexB));
      expect(await inboxIds('staffA', { complexId: w.complexB })).toEqual([]);
      expect(await inboxIds('staffB', { complexId: w.complexA })).toEqual([]);
    });

    it('a department handler sees only tickets dispatched to or handled by their unit', async () => {
      expect(await inboxIds('dept')).toEqual([aDispatched.id]);
      const accepted = await walk(t, w, [[A.ACCEPT, 'staffA'], [A.START, 'staffA'], [A.DISPATCH, 'staffA'], [A.ACCEPT_DISPATCH, 'dept']]);
      const returned = await walk(t, w, [[A.ACCEPT, 'staffA'], [A.START, 'staffA'], [A.DISPATCH, 'staffA'], [A.RETURN_DISPATCH, 'dept']]);
      const ids = await inboxIds('dept');
      expect(ids).toEqual([aDispatched.id, accepted.id].sort());
      expect(ids).not.toContain(returned.id);
      // The department's head reads the same inbox as its handlers.
      expect(await inboxIds('deptHead')).toEqual(ids);
    });

    it("a mediator's inbox holds only their community's disputes", async () => {
      expect(await inboxIds('mediatorA')).toEqual([aMediating.id]);
      expect(await inboxIds('mediatorB')).toEqual([bMediating.id]);
    });

    it('oversight sees its area (the street: complex A; the city: everything); admins see everything', async () => {
      const all = (await t.ds.query('SELECT id, complex_id FROM tickets')) as { id: string; complex_id: number }[];
      expect(await inboxIds('oversightStreet')).toEqual(all.filter((r) => r.complex_id === w.complexA).map((r) => String(r.id)).sort());
      const everything = all.map((r) => String(r.id)).sort();
      // first: 50 is enough here
      expect(await inboxIds('oversightCity')).toEqual(everything);
      expect(await inboxIds('admin')).toEqual(everything);
    });

    it('a malformed cursor is bad input', async () => {
      expect(codeOf(await t.gql('{ inbox(after: "zzz") { nodes { id } } }', undefined, w.staffA.token))).toBe('BAD_USER_INPUT');
    });
  });

  describe('oversight reads and urges (督办) but cannot handle', () => {
    const HANDLING = USER_ACTIONS.filter((x) => x !== A.SUPERVISE);

    it('every handling mutation on a visible ticket is refused for oversight viewers and admins; nothing is written', async () => {
      for (const target of [a, aDispatched, aMediating]) {
        const fresh = ok(await ticketQ(target.id, 'admin')) && (await t.ds.query('SELECT version FROM tickets WHERE id = ?', [target.id]))[0];
        const events = await countRows(t, 'ticket_events', 'ticket_id = ?', [target.id]);
        for (const k of ['oversightStreet', 'oversightCity', 'admin'] as ActorKey[]) {
          const answers = await Promise.all(HANDLING.map((action) => act(t, action, w[k], { id: target.id, version: fresh.version }, {}, w)));
          answers.forEach((r, i) => expect({ k, action: HANDLING[i], code: codeOf(r) }).toEqual({ k, action: HANDLING[i], code: expect.stringMatching(/^(FORBIDDEN|INVALID_TRANSITION)$/) }));
        }
        expect(await countRows(t, 'ticket_events', 'ticket_id = ?', [target.id])).toBe(events);
        for (const k of ['oversightStreet', 'oversightCity'] as ActorKey[]) {
          const { availableActions } = ok(await t.gql('query($id: ID!) { ticket(id: $id) { availableActions } }', { id: target.id }, w[k].token)).ticket;
          expect({ k, availableActions }).toEqual({ k, availableActions: [A.SUPERVISE] });
        }
        expect(ok(await t.gql('query($id: ID!) { ticket(id: $id) { availableActions } }', { id: target.id }, w.admin.token)).ticket.availableActions).toEqual([]);
      }
    });

    const SUPERVISE = `mutation($i: SuperviseTicketInput!) { superviseTicket(input: $i) { id status version clocks { target dueAt } timeline { action actorRole note data } } }`;
    const supervise = (k: ActorKey, i: Record<string, unknown>) => t.gql(SUPERVISE, { i }, w[k].token);
    const notes = async (k: ActorKey, ticketId: string) =>
      (await t.ds.query('SELECT kind, title, body FROM notifications WHERE user_id = ? AND ticket_id = ? ORDER BY id', [w[k].id, ticketId])) as { kind: string; title: string; body: string }[];

    it('督办 is for oversight over the ticket\'s area only: the street on its complexes, the city everywhere; nobody else', async () => {
      const fresh = await walk(t, w, [[A.ACCEPT, 'staffA']]);
      await matrix((k) => supervise(k, { ticketId: fresh.id, note: '请尽快处理' }), (k) =>
        k === 'oversightStreet' || k === 'oversightCity' ? 'OK'
          : ['ownerA', 'staffA', 'staffA2', 'teamStaffA', 'managerA', 'admin'].includes(k) ? 'FORBIDDEN' : 'NOT_FOUND');
      const eventsB = await countRows(t, 'ticket_events', 'ticket_id = ?', [b.id]);
      expect(code(await supervise('oversightStreet', { ticketId: b.id, note: '请尽快处理' }))).toBe('NOT_FOUND');
      expect(code(await supervise('oversightCity', { ticketId: b.id, note: '请尽快处理' }))).toBe('OK');
      expect(await countRows(t, 'ticket_events', 'ticket_id = ?', [b.id])).toBe(eventsB + 1);
      expect(code(await t.gql(SUPERVISE, { i: { ticketId: fresh.id, note: '请尽快处理' } }))).toBe('UNAUTHENTICATED');
    });

    it('only while the ticket is open: not once it waits for its owner\'s rating or is closed, refused or withdrawn', async () => {
      const resolved = await walk(t, w, [[A.ACCEPT, 'staffA'], [A.START, 'staffA'], [A.RESOLVE, 'staffA']]);
      const closed = await walk(t, w, [[A.ACCEPT, 'staffA'], [A.START, 'staffA'], [A.RESOLVE, 'staffA'], [A.RATE, 'ownerA']]);
      const withdrawn = await walk(t, w, [[A.WITHDRAW, 'ownerA']]);
      for (const x of [resolved, closed, withdrawn]) expect(code(await supervise('oversightCity', { ticketId: x.id, note: '请尽快处理' }))).toBe('INVALID_TRANSITION');
      for (const x of [a, aDispatched, aMediating]) expect(code(await supervise('oversightStreet', { ticketId: x.id, note: '请尽快处理' }))).toBe('OK');
    });

    it('goes on the timeline, tells the handler and the complex\'s manager, keeps the state; a second round says so', async () => {
      const s = await walk(t, w, [[A.ACCEPT, 'staffA'], [A.START, 'staffA']]);
      const before = (await t.ds.query('SELECT status, version FROM tickets WHERE id = ?', [s.id]))[0];
      // The handler's bell rings live.
      const bell = liveClient(t.url, w.staffA.token);
      const feed = collect(bell, 'subscription { notificationAdded { kind title ticketId } }');
      await new Promise((r) => setTimeout(r, 300));
      const r1 = ok(await supervise('oversightStreet', { ticketId: s.id, note: '业主反映三天无人联系，请今日内回复' })).superviseTicket;
      expect(r1).toMatchObject({ status: 'IN_PROGRESS', version: s.version });
      expect(r1.timeline.at(-1)).toEqual({ action: A.SUPERVISE, actorRole: 'OVERSIGHT', note: '业主反映三天无人联系，请今日内回复', data: JSON.stringify({ round: 1 }) });
      expect((await t.ds.query('SELECT status, version FROM tickets WHERE id = ?', [s.id]))[0]).toEqual(before);
      const number = (await t.ds.query('SELECT number FROM tickets WHERE id = ?', [s.id]))[0].number;
      const rang = await waitFor(() => feed.items.find((n) => n.notificationAdded.kind === 'TICKET_SUPERVISED'), 3000);
      expect(rang.notificationAdded).toEqual({ kind: 'TICKET_SUPERVISED', title: `工单被督办（${number}）`, ticketId: s.id });
      await bell.dispose();
      for (const k of ['staffA', 'managerA'] as ActorKey[]) {
        expect({ k, notes: await notes(k, s.id) }).toEqual({ k, notes: [{ kind: 'TICKET_SUPERVISED', title: `工单被督办（${number}）`, body: '业主反映三天无人联系，请今日内回复' }] });
      }
      for (const k of ['staffA2', 'ownerA', 'oversightStreet', 'staffB', 'managerB'] as ActorKey[]) {
        expect({ k, notes: (await notes(k, s.id)).filter((n) => n.kind === 'TICKET_SUPERVISED') }).toEqual({ k, notes: [] });
      }
      ok(await supervise('oversightCity', { ticketId: s.id, note: '再次督办：仍未回复业主' }));
      expect((await notes('staffA', s.id)).map((n) => n.title)).toEqual([`工单被督办（${number}）`, `工单被再次督办（第2次）（${number}）`]);
      const { notifications } = ok(await t.gql('{ notifications(first: 50) { nodes { kind ticketId } } }', undefined, w.managerA.token));
      expect(notifications.nodes.filter((n: { ticketId: string }) => n.ticketId === s.id)).toEqual([{ kind: 'TICKET_SUPERVISED', ticketId: s.id }, { kind: 'TICKET_SUPERVISED', ticketId: s.id }]);
    });

    it('a new deadline moves the running SLA clock to it (only ever earlier); bad input changes nothing', async () => {
      const s = await walk(t, w, [[A.ACCEPT, 'staffA'], [A.START, 'staffA']]);
      const due = async () => ok(await ticketQ(s.id, 'admin')) && (await t.ds.query("SELECT due_at FROM sla_clocks WHERE ticket_id = ? AND target = 'RESOLVE'", [s.id]))[0].due_at as Date;
      const was = await due();
      const events = await countRows(t, 'ticket_events', 'ticket_id = ?', [s.id]);
      const now = t.clock.now();
      for (const [deadline, why] of [[new Date(+now - 60_000), 'past'], [new Date(+now + 91 * 86_400_000), 'too far'], ['soon', 'not a date']] as const) {
        expect({ why, code: code(await supervise('oversightStreet', { ticketId: s.id, note: '限期办结', deadline })) }).toEqual({ why, code: 'BAD_USER_INPUT' });
      }
      expect(code(await supervise('oversightStreet', { ticketId: s.id, note: '' }))).toBe('BAD_USER_INPUT');
      expect(await countRows(t, 'ticket_events', 'ticket_id = ?', [s.id])).toBe(events);
      expect(+(await due())).toBe(+was);

      const deadline = new Date(Math.floor((+now + 30 * 60_000) / 1000) * 1000);
      expect(+deadline).toBeLessThan(+was);
      const r = ok(await supervise('oversightStreet', { ticketId: s.id, note: '限期半小时内到场', deadline: deadline.toISOString() })).superviseTicket;
      expect(JSON.parse(r.timeline.at(-1).data)).toEqual({ round: 1, deadline: deadline.toISOString() });
      expect(r.clocks.find((c: { target: string }) => c.target === 'RESOLVE').dueAt).toBe(deadline.toISOString());
      expect(+(await due())).toBe(+deadline);
      expect((await notes('staffA', s.id)).at(-1)!.body).toMatch(/^限期半小时内到场，限 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 前办结$/);
      // A later deadline does not extend it.
      ok(await supervise('oversightCity', { ticketId: s.id, note: '再次督办', deadline: new Date(+deadline + 3600_000).toISOString() }));
      expect(+(await due())).toBe(+deadline);
    });

    it('only owners file reports', async () => {
      const before = await countRows(t, 'tickets');
      for (const k of ACTOR_KEYS.filter((x) => ROLE_OF[x] !== Role.OWNER)) {
        const r = await t.gql('mutation($i: ReportTicketInput!) { reportTicket(input: $i) { id } }', {
          i: { qrToken: w.qrA, idempotencyKey: `not-an-owner-${k}`, categoryCode: 'OTHER', text: '我不是业主但想反映问题' },
        }, w[k].token);
        expect({ k, code: codeOf(r) }).toEqual({ k, code: 'FORBIDDEN' });
      }
      expect(await countRows(t, 'tickets')).toBe(before);
    });
  });

  describe("company A's staff cannot touch company B's complex", () => {
    it('every mutation on a complex-B ticket is NOT_FOUND for company A, and nothing is written', async () => {
      const events = await countRows(t, 'ticket_events', 'ticket_id = ?', [b.id]);
      for (const k of ['staffA', 'staffA2', 'teamStaffA', 'managerA', 'dept', 'mediatorA', 'ownerA'] as ActorKey[]) {
        const answers = await Promise.all(USER_ACTIONS.map((action) => act(t, action, w[k], b, {}, w)));
        answers.forEach((r, i) => expect({ k, action: USER_ACTIONS[i], code: codeOf(r) }).toEqual({ k, action: USER_ACTIONS[i], code: 'NOT_FOUND' }));
      }
      expect(await countRows(t, 'ticket_events', 'ticket_id = ?', [b.id])).toBe(events);
    });

    it('handlers(complexId): only staff and managers of that complex; another company’s handlers get NOT_FOUND, other roles FORBIDDEN', async () => {
      const handlers = (c: number) => (k: ActorKey) => t.gql('query($c: Int!) { handlers(complexId: $c) { id } }', { c }, w[k].token);
      const handler = (k: ActorKey) => [Role.STAFF, Role.PROJECT_MANAGER].includes(ROLE_OF[k]);
      await matrix(handlers(w.complexA), (k) => (['staffA', 'staffA2', 'teamStaffA', 'managerA'].includes(k) ? 'OK' : handler(k) ? 'NOT_FOUND' : 'FORBIDDEN'));
      await matrix(handlers(w.complexB), (k) => (['staffB', 'managerB'].includes(k) ? 'OK' : handler(k) ? 'NOT_FOUND' : 'FORBIDDEN'));
      expect(codeOf(await handlers(99999999)('managerA'))).toBe('NOT_FOUND');
      const ids = ok(await handlers(w.complexA)('managerA')).handlers.map((h: { id: string }) => h.id).sort();
      expect(ids).toEqual([w.staffA.id, w.staffA2.id, w.teamStaffA.id, w.managerA.id].sort());
    });

    it("dispatchTargets: outside departments and the caller's own company's teams, never another company's", async () => {
      await matrix((k) => t.gql('{ dispatchTargets { id } }', undefined, w[k].token), (k) =>
        [Role.STAFF, Role.PROJECT_MANAGER, Role.DEPT_HANDLER].includes(ROLE_OF[k]) ? 'OK' : 'FORBIDDEN');
      const targets = async (k: ActorKey) => ok(await t.gql('{ dispatchTargets { id } }', undefined, w[k].token)).dispatchTargets.map((u: { id: number }) => u.id).sort();
      const departments: number[] = (await t.ds.query("SELECT id FROM units WHERE kind = 'DEPARTMENT'")).map((r: { id: number }) => r.id);
      const sorted = (ids: number[]) => [...ids].sort();
      expect(await targets('staffA')).toEqual(sorted([...departments, w.teamA]));
      expect(await targets('managerA')).toEqual(sorted([...departments, w.teamA]));
      expect(await targets('teamStaffA')).toEqual(sorted(departments)); // not their own team
      expect(await targets('staffB')).toEqual(sorted([...departments, teamB]));
      expect(await targets('dept')).not.toContain(w.deptCg); // not their own department
      expect(await targets('dept')).toEqual(expect.arrayContaining([w.teamA, teamB]));
    });

    it('dispatchTargets(ticketId): only the units that ticket may be dispatched to (the DISPATCH rule), on tickets the caller may see', async () => {
      const forTicket = async (k: ActorKey, id: string) => {
        const r = await t.gql('query($id: ID) { dispatchTargets(ticketId: $id) { id } }', { id }, w[k].token);
        return r.errors ? codeOf(r) : r.data.dispatchTargets.map((u: { id: number }) => u.id).sort();
      };
      const departments: number[] = (await t.ds.query("SELECT id FROM units WHERE kind = 'DEPARTMENT'")).map((r: { id: number }) => r.id);
      expect(await forTicket('staffA', a.id)).toEqual([...departments, w.teamA].sort());
      // The department sees every team without a ticket, but a complex A ticket goes only to company A's teams.
      const deptTargets = await forTicket('dept', aDispatched.id);
      expect(deptTargets).toContain(w.teamA);
      expect(deptTargets).not.toContain(teamB);
      expect(deptTargets).not.toContain(w.deptCg);
      expect(await forTicket('staffA', b.id)).toBe('NOT_FOUND');
    });

    it("revokeSpotQr: admins and the complex's manager only", async () => {
      const spots = await Promise.all(ACTOR_KEYS.map(async () => Number((await t.ds.query('INSERT INTO spots (complex_id, kind, name) VALUES (?, ?, ?)', [w.complexA, 'GATE', '西门'])).insertId)));
      const revoke = (spot: number, k: ActorKey) => t.gql('mutation($s: Int!) { revokeSpotQr(spotId: $s) }', { s: spot }, w[k].token);
      const got = await Promise.all(ACTOR_KEYS.map(async (k, i) => ({ k, code: code(await revoke(spots[i], k)) })));
      expect(got).toEqual(ACTOR_KEYS.map((k) => ({ k, code: k === 'managerA' || k === 'admin' ? 'OK' : 'FORBIDDEN' })));
      expect(code(await revoke(w.spotB, 'managerA'))).toBe('FORBIDDEN');
      expect(code(await revoke(99999999, 'managerA'))).toBe('FORBIDDEN');
      const serials = await t.ds.query('SELECT id, qr_serial FROM spots WHERE id IN (?)', [spots]);
      for (const s of serials) expect({ id: s.id, serial: s.qr_serial }).toEqual({ id: s.id, serial: [spots[ACTOR_KEYS.indexOf('managerA')], spots[ACTOR_KEYS.indexOf('admin')]].includes(s.id) ? 2 : 1 });
    });
  });

  describe('case handling: who decides, who urges', () => {
    const DECIDE = 'mutation($i: DecideExtensionInput!) { decideExtension(input: $i) { id version extensionRequestedUntil } }';
    const until = () => new Date(Date.now() + 5 * 24 * 3600_000).toISOString();
    /** As `matrix`, but the refused first: the one permitted call changes the version the others send. */
    const refusedThenOk = async (call: (k: ActorKey) => Promise<GqlResult>, want: (k: ActorKey) => Expect) => {
      const refused = ACTOR_KEYS.filter((k) => want(k) !== 'OK');
      const got = await Promise.all(refused.map(async (k) => ({ who: k, result: code(await call(k)) })));
      expect(got).toEqual(refused.map((k) => ({ who: k, result: want(k) })));
      for (const k of ACTOR_KEYS.filter((x) => want(x) === 'OK')) expect({ who: k, result: code(await call(k)) }).toEqual({ who: k, result: 'OK' });
    };

    it('an extension of the property side is decided by the complex’s project manager; of an outside department by its head; nobody else', async () => {
      const property = await walk(t, w, [[A.ACCEPT, 'staffA'], [A.START, 'staffA'], [A.REQUEST_EXTENSION, 'staffA', { until: until() }]]);
      await refusedThenOk((k) => t.gql(DECIDE, { i: { ticketId: property.id, version: property.version, granted: false, note: '请按原时限' } }, w[k].token), (k) =>
        k === 'managerA' ? 'OK' : ['ownerA', 'staffA', 'staffA2', 'teamStaffA', 'oversightStreet', 'oversightCity', 'admin'].includes(k) ? 'FORBIDDEN' : 'NOT_FOUND');
      const dept = await walk(t, w, [[A.ACCEPT, 'staffA'], [A.START, 'staffA'], [A.DISPATCH, 'staffA'], [A.ACCEPT_DISPATCH, 'dept'], [A.REQUEST_EXTENSION, 'dept', { until: until() }]]);
      await refusedThenOk((k) => t.gql(DECIDE, { i: { ticketId: dept.id, version: dept.version, granted: true } }, w[k].token), (k) =>
        k === 'deptHead' ? 'OK' : ['ownerA', 'staffA', 'staffA2', 'teamStaffA', 'managerA', 'dept', 'oversightStreet', 'oversightCity', 'admin'].includes(k) ? 'FORBIDDEN' : 'NOT_FOUND');
    });

    it('only the reporter urges (催办), and only on a ticket they can see', async () => {
      const s = await walk(t, w, [[A.ACCEPT, 'staffA']]);
      const URGE = 'mutation($i: UrgeTicketInput!) { urgeTicket(input: $i) { id } }';
      await refusedThenOk((k) => t.gql(URGE, { i: { ticketId: s.id } }, w[k].token), (k) =>
        k === 'ownerA' ? 'OK' : ['staffA', 'staffA2', 'teamStaffA', 'managerA', 'oversightStreet', 'oversightCity', 'admin'].includes(k) ? 'FORBIDDEN' : 'NOT_FOUND');
      expect(code(await t.gql(URGE, { i: { ticketId: b.id } }, w.ownerA.token))).toBe('NOT_FOUND');
    });
  });

  describe('public and personal queries', () => {
    it('me: every signed-in role gets themselves with their roles; anonymous is UNAUTHENTICATED', async () => {
      for (const k of ACTOR_KEYS) expect(ok(await t.gql('{ me { id roles } }', undefined, w[k].token)).me).toEqual({ id: w[k].id, roles: [ROLE_OF[k]] });
      expect(codeOf(await t.gql('{ me { id } }'))).toBe('UNAUTHENTICATED');
    });

    it('complexByQrToken and categories are public', async () => {
      const r = ok(await t.gql('query($tk: String!) { complexByQrToken(token: $tk) { complex { id name companyName communityName } spot { id } figures { filed } } categories { code } }', { tk: w.qrA }));
      expect(r.complexByQrToken.complex.id).toBe(w.complexA);
      // Every complex has a company and a community: named wherever a complex is answered.
      expect(r.complexByQrToken.complex).toMatchObject({ companyName: expect.stringMatching(/^甲物业/), communityName: '甲社区' });
      const onTicket = ok(await t.gql('query($id: ID!) { ticket(id: $id) { complex { companyName communityName } } }', { id: a.id }, w.staffA.token)).ticket.complex;
      expect(onTicket).toEqual({ companyName: expect.stringMatching(/^甲物业/), communityName: '甲社区' });
      const inInbox = ok(await t.gql('{ inbox(first: 5) { nodes { complex { companyName communityName } } } }', undefined, w.staffB.token)).inbox.nodes;
      expect(inInbox.length).toBeGreaterThan(0);
      for (const n of inInbox) expect(n.complex).toEqual({ companyName: expect.stringMatching(/^乙物业/), communityName: '乙社区' });
      expect(r.complexByQrToken.spot.id).toBe(w.spotA);
      expect(r.categories.length).toBeGreaterThan(10);
    });
  });

  describe('"me too", followed reports and bulk assignment (issue 13)', () => {
    const isOwner = (k: ActorKey) => ROLE_OF[k] === Role.OWNER;
    it('similar reports are for owners holding the QR code; a public view only for its followers; bulk assignment only for managers', async () => {
      await matrix((k) => t.gql('query($q: String!) { similarTickets(qrToken: $q, categoryCode: "FACILITIES") { id } }', { q: w.qrA }, w[k].token), (k) => (isOwner(k) ? 'OK' : 'FORBIDDEN'));
      await matrix((k) => t.gql('{ followedTickets { id } }', undefined, w[k].token), () => 'OK');
      // Nobody follows `a` (its reporter sees the ticket itself): its public view is NOT_FOUND for everyone.
      await matrix((k) => t.gql('query($id: ID!) { publicTicket(id: $id) { id } }', { id: a.id }, w[k].token), () => 'NOT_FOUND');
      const bulk = (k: ActorKey) => t.gql('mutation($i: BulkAssignInput!) { bulkAssignTickets(input: $i) { ok code } }', { i: { items: [{ ticketId: b.id, version: 1 }], assigneeId: w.staffB.id } }, w[k].token);
      await matrix(bulk, (k) => (ROLE_OF[k] === Role.PROJECT_MANAGER ? 'OK' : 'FORBIDDEN'));
      // A manager of another complex gets a per-ticket NOT_FOUND, not the ticket.
      expect(ok(await bulk('managerA')).bulkAssignTickets).toEqual([{ ok: false, code: 'NOT_FOUND' }]);
      for (const q of ['{ followedTickets { id } }', '{ similarTickets(qrToken: "x", categoryCode: "FACILITIES") { id } }']) expect(codeOf(await t.gql(q))).toBe('UNAUTHENTICATED');
    });
  });

  describe('photos (REST)', () => {
    it('served to the uploader, then to whoever may see the ticket it is attached to; NOT_FOUND for everyone else', async () => {
      const up = await upload(t, w.ownerA, jpeg());
      expect(up.status).toBe(201);
      // The upload's answer is a signed link (a capability for the uploader's own page); the bare path asks for a token.
      const bare = `/media/${up.body.id}`;
      expect(up.body.url).toMatch(new RegExp(`^${bare}\\?exp=\\d+&sig=[\\w-]+$`));
      expect((await fetch(`${t.url}${up.body.url}`)).status).toBe(200);
      const [, exp, sig] = /exp=(\d+)&sig=([\w-]+)/.exec(up.body.url)!;
      const tampered = [`exp=${exp}&sig=${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`, `exp=${Number(exp) + 1}&sig=${sig}`, `exp=1&sig=${sig}`];
      // A wrong or lapsed signature is LINK_EXPIRED (403: the page asks for fresh links), whoever asks.
      for (const q of tampered) expect({ q, status: (await fetch(`${t.url}${bare}?${q}`)).status }).toEqual({ q, status: 403 });
      const get = async (k: ActorKey | null, via: 'header' | 'query' = 'header') => {
        const url = `${t.url}${bare}${k && via === 'query' ? `?access_token=${w[k].token}` : ''}`;
        return (await fetch(url, { headers: k && via === 'header' ? { authorization: `Bearer ${w[k].token}` } : {} })).status;
      };
      // Unbound: the uploader only.
      for (const k of ACTOR_KEYS) expect({ k, status: await get(k) }).toEqual({ k, status: k === 'ownerA' ? 200 : 404 });
      // Attached to a ticket in complex A that has gone to mediation and the department.
      const filed = ok(await t.gql('mutation($i: ReportTicketInput!) { reportTicket(input: $i) { id version } }', {
        i: { qrToken: w.qrA, idempotencyKey: 'photo-visibility-1', categoryCode: 'FACILITIES', text: '单元门闭门器坏了，门关不上。', photoIds: [up.body.id] },
      }, w.ownerA.token)).reportTicket;
      const canSee = (k: ActorKey) => ['ownerA', 'staffA', 'staffA2', 'teamStaffA', 'managerA', 'oversightStreet', 'oversightCity', 'admin'].includes(k);
      for (const k of ACTOR_KEYS) expect({ k, status: await get(k) }).toEqual({ k, status: canSee(k) ? 200 : 404 });
      let s = { id: filed.id, version: filed.version };
      for (const [action, who] of [[A.ACCEPT, w.staffA], [A.START, w.staffA], [A.DISPATCH, w.staffA]] as const) s = ok(await act(t, action, who, s, {}, w))[ACTION_MUTATION[action].name];
      expect(await get('dept')).toBe(200);
      expect(await get('dept', 'query')).toBe(200); // <img src="…?access_token=">
      expect(await get(null)).toBe(401);
      expect((await fetch(`${t.url}/media/abc`, { headers: { authorization: `Bearer ${w.admin.token}` } })).status).toBe(404);
      expect((await fetch(`${t.url}/media/99999999`, { headers: { authorization: `Bearer ${w.admin.token}` } })).status).toBe(404);
    });
  });

  describe('administration (admin/)', () => {
    // Every non-admin role is FORBIDDEN; the bureau admin sees all; scoped admins see their own and get NOT_FOUND outside it.
    const adminQ = { places: '{ adminPlaces { complexes { id } } }', accounts: '{ adminAccounts { id } }', events: '{ adminEvents { id } }' };
    it('admin queries: the bureau admin only among the ticket roles', async () => {
      for (const q of Object.values(adminQ)) await matrix((k) => t.gql(q, {}, w[k].token), (k) => (k === 'admin' ? 'OK' : 'FORBIDDEN'));
      await matrix((k) => t.gql('query($s: Int!) { spotQrLink(spotId: $s) }', { s: w.spotA }, w[k].token), (k) => (k === 'admin' ? 'OK' : 'FORBIDDEN'));
      expect(codeOf(await t.gql(adminQ.places))).toBe('UNAUTHENTICATED');
    });
    it('company and street admins: their complexes only', async () => {
      const s = await adminActors(t, w);
      const complexes = async (a: { token: string }) => ok(await t.gql(adminQ.places, {}, a.token)).adminPlaces.complexes.map((c: { id: number }) => c.id);
      expect([await complexes(s.companyAdminA), await complexes(s.companyAdminB), await complexes(s.streetAdmin)]).toEqual([[w.complexA], [w.complexB], [w.complexA]]);
      const link = (a: { token: string }, spot: number) => t.gql('query($s: Int!) { spotQrLink(spotId: $s) }', { s: spot }, a.token).then(code);
      expect(await Promise.all([link(s.companyAdminA, w.spotA), link(s.companyAdminA, w.spotB), link(s.streetAdmin, w.spotA), link(s.streetAdmin, w.spotB)])).toEqual(['OK', 'NOT_FOUND', 'OK', 'NOT_FOUND']);
      const building = (a: { token: string }, complex: number) => t.gql('mutation($i: CreatePlaceInput!) { createPlace(input: $i) { id } }', { i: { kind: 'BUILDING', parentId: complex, name: `楼${a.token.slice(-6)}` } }, a.token).then(code);
      expect(await Promise.all([building(s.companyAdminB, w.complexA), building(s.companyAdminA, w.complexA), building(w.managerA, w.complexA)])).toEqual(['NOT_FOUND', 'OK', 'FORBIDDEN']);
      // Staff are the company's to appoint: a street admin may not, company A's admin may (not in B).
      const staff = (a: { token: string }, complexId: number, phone: string) => t.gql('mutation($i: InviteAccountInput!) { inviteAccount(input: $i) { userId } }', { i: { phone, name: '新员工', role: 'STAFF', complexId } }, a.token).then(code);
      expect(await Promise.all([staff(s.streetAdmin, w.complexA, '16600000011'), staff(s.companyAdminA, w.complexB, '16600000012'), staff(s.companyAdminA, w.complexA, '16600000013')])).toEqual(['FORBIDDEN', 'NOT_FOUND', 'OK']);
      expect(code(await t.gql('{ adminAccounts(search: "乙员工") { id } }', {}, s.companyAdminA.token))).toBe('OK');
      expect(ok(await t.gql('{ adminAccounts(search: "乙员工") { id } }', {}, s.companyAdminA.token)).adminAccounts).toEqual([]);
    });
  });
});
