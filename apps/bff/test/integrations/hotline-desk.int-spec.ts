/**
 * The 12345 desk over real HTTP against MariaDB: the lifecycle table's HOTLINE_* cells (record contact,
 * request return, request extension) walked on real hotline orders, every actor of the test world in every
 * situation those rows name, against an oracle written here in terms of who the actors are; the authorization
 * matrix of the order on the ticket and of its confidential caller; and what each desk action writes for the
 * hotline (one outbox row in the action's own transaction, or nothing at all when it is refused).
 */
import { HOTLINE_ONLY_ACTIONS, Role, TicketAction as A, TicketStatus as S, ruleFor, type Relation } from '@msb/shared-types';
import { shanghaiIso, sign } from '../../src/integrations/hotline/hotline-contract';
import { ACTION_MUTATION, ACTOR_KEYS, ROLE_OF, act, countRows, must, walk, type ActorKey, type Step, type TicketState } from '../support/lifecycle-driver';
import { codeOf, ok, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

const IN_SECRET = 'hotline-to-us-secret-0123456789abcdef';
const H = 3600_000;
type Desk = A.HOTLINE_RECORD_CONTACT | A.HOTLINE_REQUEST_RETURN | A.HOTLINE_REQUEST_EXTENSION;
const DESK = HOTLINE_ONLY_ACTIONS as readonly Desk[];
const OUTBOUND: Record<Desk, string> = {
  HOTLINE_RECORD_CONTACT: 'order.contacted',
  HOTLINE_REQUEST_RETURN: 'order.return.requested',
  HOTLINE_REQUEST_EXTENSION: 'order.extension.requested',
};

type UnitRef = 'dept' | null;
interface Situation {
  name: string;
  status: S;
  steps: Step[];
  assignee: ActorKey | null;
  handlingUnit: UnitRef;
  dispatchTarget: UnitRef;
}

const toHandling: Step[] = [[A.ACCEPT, 'staffA'], [A.START, 'staffA']];
const SITUATIONS: Situation[] = [
  { name: 'REPORTED', status: S.REPORTED, steps: [], assignee: null, handlingUnit: null, dispatchTarget: null },
  { name: 'ACCEPTED', status: S.ACCEPTED, steps: [[A.ACCEPT, 'staffA']], assignee: 'staffA', handlingUnit: null, dispatchTarget: null },
  { name: 'IN_PROGRESS (property staff)', status: S.IN_PROGRESS, steps: toHandling, assignee: 'staffA', handlingUnit: null, dispatchTarget: null },
  { name: 'DISPATCHED (to a department)', status: S.DISPATCHED, steps: [...toHandling, [A.DISPATCH, 'staffA']], assignee: 'staffA', handlingUnit: null, dispatchTarget: 'dept' },
  {
    name: 'IN_PROGRESS (outside department)', status: S.IN_PROGRESS, steps: [...toHandling, [A.DISPATCH, 'staffA'], [A.ACCEPT_DISPATCH, 'dept']],
    assignee: 'dept', handlingUnit: 'dept', dispatchTarget: null,
  },
  { name: 'RESOLVED', status: S.RESOLVED, steps: [...toHandling, [A.RESOLVE, 'staffA']], assignee: 'staffA', handlingUnit: null, dispatchTarget: null },
];

// ---- the oracle ----------------------------------------------------------------------------

const SERVES_A: ActorKey[] = ['staffA', 'staffA2', 'teamStaffA', 'managerA'];

/** A hotline order's reporter is the hotline's own account: no owner of the test world sees it. */
function canView(who: ActorKey, f: Situation): boolean {
  if (['admin', 'oversightStreet', 'oversightCity', ...SERVES_A].includes(who)) return true;
  // The department's handler and its head see what the department works on (as in the lifecycle table's oracle).
  if (who === 'dept' || who === 'deptHead') return f.handlingUnit === 'dept' || f.dispatchTarget === 'dept';
  return false;
}

function stands(rel: Relation, who: ActorKey, f: Situation): boolean {
  switch (rel) {
    case 'SERVES_COMPLEX': return SERVES_A.includes(who);
    case 'ASSIGNEE': return who === f.assignee && f.handlingUnit !== 'dept';
    case 'HANDLING_UNIT': return f.handlingUnit === 'dept' && who === 'dept';
    default: throw new Error(`the oracle does not know ${rel}: a desk row uses a new relation`);
  }
}

function expected(action: Desk, who: ActorKey, f: Situation): 'OK' | 'NOT_FOUND' | 'INVALID_TRANSITION' | 'FORBIDDEN' {
  if (!canView(who, f)) return 'NOT_FOUND';
  const rule = ruleFor(f.status, action);
  if (!rule) return 'INVALID_TRANSITION';
  const rel = (rule.by as Partial<Record<Role, Relation>>)[ROLE_OF[who]];
  return rel && stands(rel, who, f) ? 'OK' : 'FORBIDDEN';
}

// ---- the tests -----------------------------------------------------------------------------

describe('the 12345 desk', () => {
  let t: TestApp;
  let w: World;
  let orderSeq = 0;

  const push = async (orderNo: string, seq: number, type: string, data: Record<string, unknown>) => {
    const body = JSON.stringify({ eventId: `desk-${orderNo}-${seq}`, type, occurredAt: shanghaiIso(t.clock.now()), orderNo, seq, data });
    const ts = String(Math.floor(t.clock.now().getTime() / 1000));
    const res = await fetch(`${t.url}/integrations/12345/events`, {
      method: 'POST', body, headers: { 'content-type': 'application/json', 'x-hotline-timestamp': ts, 'x-hotline-signature': sign(IN_SECRET, ts, body) },
    });
    expect(await res.json()).toEqual({ code: 0, message: 'ok' });
  };
  /** A new order dispatched to complex A; answers its ticket. */
  const order = async (over: Record<string, unknown> = {}): Promise<TicketState & { orderNo: string }> => {
    const orderNo = `DESK${++orderSeq}`;
    const now = t.clock.now().getTime();
    await push(orderNo, 1, 'order.dispatched', {
      channel: '电话', caller: { name: '王先生', phone: '13700000001' }, confidential: false, requestType: '投诉', category: { code: '010503' },
      title: '楼道灯不亮', content: '3号楼2单元楼道灯坏了一周', address: { district: '测试区', street: '测试街道', complex: '甲小区', text: '3号楼2单元' },
      deadlines: { signBy: shanghaiIso(new Date(now + 2 * H)), contactBy: shanghaiIso(new Date(now + 24 * H)), resolveBy: shanghaiIso(new Date(now + 5 * 24 * H)) },
      ...over,
    });
    const [r] = await t.ds.query('SELECT t.id, t.version, t.status FROM tickets t JOIN hotline_orders o ON o.ticket_id = t.id WHERE o.order_no = ?', [orderNo]);
    return { orderNo, id: String(r.id), version: r.version, status: r.status, assignee: null, handlingUnit: null, dispatchTarget: null };
  };
  const walkOrder = async (steps: readonly Step[], over: Record<string, unknown> = {}) => {
    const o = await order(over);
    let s: TicketState = o;
    for (const [action, who, extra] of steps) s = await must(t, w, action, w[who], s, extra ?? {});
    return { ...s, orderNo: o.orderNo };
  };
  const written = async (ticketId: string, orderNo: string) => ({
    events: await countRows(t, 'ticket_events', 'ticket_id = ?', [ticketId]),
    outbox: await countRows(t, 'hotline_outbox', 'order_no = ?', [orderNo]),
    row: (await t.ds.query('SELECT status, version FROM tickets WHERE id = ?', [ticketId]))[0],
  });
  const outbox = async (orderNo: string) =>
    (await t.ds.query('SELECT event_id, type, payload FROM hotline_outbox WHERE order_no = ? ORDER BY seq', [orderNo])).map((r: any) => ({
      eventId: r.event_id, type: r.type, payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
    }));

  beforeAll(async () => {
    t = await startTestApp({ HOTLINE_INBOUND_SECRET: IN_SECRET });
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  describe.each(SITUATIONS)('$name', (sit) => {
    it('availableActions offers each viewer exactly the desk actions the table gives them', async () => {
      const s = await walkOrder(sit.steps);
      expect(s.status).toBe(sit.status);
      for (const k of ACTOR_KEYS.filter((x) => canView(x, sit))) {
        const got = ok(await t.gql('query($id: ID!) { ticket(id: $id) { availableActions hotlineOrder { orderNo } } }', { id: s.id }, w[k].token)).ticket;
        expect({ k, desk: got.availableActions.filter((a: A) => DESK.includes(a as Desk)).sort() }).toEqual({ k, desk: DESK.filter((a) => expected(a, k, sit) === 'OK').sort() });
        expect(got.hotlineOrder).toEqual({ orderNo: s.orderNo });
      }
    });

    it.each(DESK.map((a) => [a]))('%s: refused for everyone else with the designed code and nothing written; each permitted actor is sent back to the hotline once', async (action) => {
      const s = await walkOrder(sit.steps);
      const before = await written(s.id, s.orderNo);
      const refused = ACTOR_KEYS.filter((k) => expected(action, k, sit) !== 'OK');
      const answers = await Promise.all(refused.map((k) => act(t, action, w[k], s, {}, w)));
      refused.forEach((k, i) => expect({ k, code: codeOf(answers[i]) }).toEqual({ k, code: expected(action, k, sit) }));
      expect(await written(s.id, s.orderNo)).toEqual(before);

      const allowed = ACTOR_KEYS.filter((k) => expected(action, k, sit) === 'OK');
      if (!ruleFor(sit.status, action)) expect(allowed).toEqual([]);
      for (const [i, k] of allowed.entries()) {
        const r = await act(t, action, w[k], s, {}, w);
        expect({ k, errors: r.errors }).toEqual({ k, errors: undefined });
        // Record-only: same state and version; one timeline event by this actor; one outbound event for its order.
        expect(r.data![ACTION_MUTATION[action].name]).toMatchObject({ status: sit.status, version: s.version });
        const now = await written(s.id, s.orderNo);
        expect(now).toEqual({ events: before.events + i + 1, outbox: before.outbox + i + 1, row: before.row });
        const [last] = await t.ds.query('SELECT id, action, actor_id, actor_role FROM ticket_events WHERE ticket_id = ? ORDER BY id DESC LIMIT 1', [s.id]);
        expect(last).toMatchObject({ action, actor_id: w[k].id, actor_role: expect.any(String) });
        const out = (await outbox(s.orderNo)).pop();
        expect(out).toMatchObject({ eventId: `msb-${last.id}`, type: OUTBOUND[action] });
      }
    });
  });

  it('each desk action carries what the contract asks for, in the hotline’s words', async () => {
    const s = await walkOrder([[A.ACCEPT, 'staffA']]);
    const until = new Date(t.clock.now().getTime() + 10 * 24 * H);
    await must(t, w, A.HOTLINE_RECORD_CONTACT, w.staffA, s, { method: 'visit', note: '已上门与来电人确认位置' });
    await must(t, w, A.HOTLINE_REQUEST_RETURN, w.managerA, s, { reason: '属于市政路灯', basis: '《济南市城市照明管理办法》第八条', suggestedUnit: '城市照明管理处' });
    await must(t, w, A.HOTLINE_REQUEST_EXTENSION, w.staffA, s, { reason: '需等配件到货', requestedDeadline: until.toISOString() });
    const types = (await outbox(s.orderNo)).map((o: any) => o.type);
    expect(types).toEqual(['order.signed', 'order.contacted', 'order.return.requested', 'order.extension.requested']);
    const [, contacted, returned, extended] = await outbox(s.orderNo);
    expect(contacted.payload).toMatchObject({ method: 'visit', note: '已上门与来电人确认位置', by: '甲员工', at: expect.stringMatching(/\+08:00$/) });
    expect(returned.payload).toMatchObject({ reason: '属于市政路灯', basis: '《济南市城市照明管理办法》第八条', suggestedUnit: '城市照明管理处', by: '甲经理' });
    expect(extended.payload).toMatchObject({ reason: '需等配件到货', requestedDeadline: shanghaiIso(until) });
    // The order on the ticket says when the caller was contacted.
    const view = ok(await t.gql('query($id: ID!) { ticket(id: $id) { hotlineOrder { contactedAt signBy contactBy resolveBy } } }', { id: s.id }, w.staffA.token)).ticket.hotlineOrder;
    expect(view.contactedAt).not.toBeNull();
    expect(new Date(view.contactBy).getTime()).toBeGreaterThan(new Date(view.signBy).getTime());
  });

  it('bad input names its own input field and writes nothing', async () => {
    const s = await walkOrder([[A.ACCEPT, 'staffA']]);
    const before = await written(s.id, s.orderNo);
    const cases: [Desk, Record<string, unknown>, string][] = [
      [A.HOTLINE_RECORD_CONTACT, { method: 'pigeon' }, 'method'],
      [A.HOTLINE_RECORD_CONTACT, { note: ' ' }, 'note'],
      [A.HOTLINE_REQUEST_RETURN, { basis: '' }, 'basis'],
      [A.HOTLINE_REQUEST_RETURN, { reason: '' }, 'reason'],
      [A.HOTLINE_REQUEST_EXTENSION, { requestedDeadline: new Date(t.clock.now().getTime() - H).toISOString() }, 'requestedDeadline'],
      [A.HOTLINE_REQUEST_EXTENSION, { reason: '长'.repeat(501) }, 'reason'],
    ];
    for (const [action, extra, field] of cases) {
      const r = await act(t, action, w.staffA, s, extra, w);
      expect({ action, extra, code: codeOf(r), field: r.errors?.[0].extensions.field }).toEqual({ action, extra, code: 'BAD_USER_INPUT', field });
    }
    expect(await written(s.id, s.orderNo)).toEqual(before);
  });

  it('a ticket that did not come from the hotline has no desk: not offered, INVALID_TRANSITION, nothing written', async () => {
    const qr = await walk(t, w, [[A.ACCEPT, 'staffA']]);
    const events = await countRows(t, 'ticket_events', 'ticket_id = ?', [qr.id]);
    for (const action of DESK) expect(codeOf(await act(t, action, w.staffA, qr, {}, w))).toBe('INVALID_TRANSITION');
    const got = ok(await t.gql('query($id: ID!) { ticket(id: $id) { availableActions hotlineOrder { orderNo } } }', { id: qr.id }, w.managerA.token)).ticket;
    expect(got.availableActions.filter((a: A) => DESK.includes(a as Desk))).toEqual([]);
    expect(got.hotlineOrder).toBeNull();
    expect(await countRows(t, 'ticket_events', 'ticket_id = ?', [qr.id])).toBe(events);
    expect(await countRows(t, 'hotline_outbox')).toBeGreaterThan(0);
  });

  it('once the hotline archived the order, a desk action is refused and rolled back', async () => {
    const s = await walkOrder([[A.ACCEPT, 'staffA']]);
    await push(s.orderNo, 2, 'order.archived', { finalStatus: '已办结' });
    const before = await written(s.id, s.orderNo);
    const r = await act(t, A.HOTLINE_RECORD_CONTACT, w.staffA, s, {}, w);
    expect({ code: codeOf(r), field: r.errors?.[0].extensions.field }).toEqual({ code: 'BAD_USER_INPUT', field: 'ticketId' });
    expect(await written(s.id, s.orderNo)).toEqual(before);
  });

  describe('the authorization matrix of the order and its caller', () => {
    it('the order (number, deadlines) is on the ticket for whoever may see it; NOT_FOUND for everyone else', async () => {
      const s = await walkOrder([[A.ACCEPT, 'staffA']]);
      const visible: ActorKey[] = ['staffA', 'staffA2', 'teamStaffA', 'managerA', 'oversightStreet', 'oversightCity', 'admin'];
      for (const k of ACTOR_KEYS) {
        const r = await t.gql('query($id: ID!) { ticket(id: $id) { hotlineOrder { orderNo confidential signBy contactBy resolveBy redoCount state } } }', { id: s.id }, w[k].token);
        if (visible.includes(k)) expect({ k, order: ok(r).ticket.hotlineOrder }).toEqual({ k, order: expect.objectContaining({ orderNo: s.orderNo, confidential: false, redoCount: 0, state: 'OPEN' }) });
        else expect({ k, code: codeOf(r) }).toEqual({ k, code: 'NOT_FOUND' });
      }
    });

    it('保密: the caller is on no page of the ticket; revealHotlineCaller answers the designated contact alone and logs each look', async () => {
      const s = await walkOrder([[A.ACCEPT, 'staffA']], { confidential: true, caller: { name: '匿名来电人', phone: '13700000009' } });
      const who = (k: ActorKey) => t.gql(
        `query($id: ID!) { ticket(id: $id) { contactName contactPhone timeline { note data } } inbox(first: 50) { nodes { id contactName contactPhone } } }`,
        { id: s.id }, w[k].token,
      );
      for (const k of ['staffA', 'staffA2', 'teamStaffA', 'managerA', 'oversightStreet', 'oversightCity', 'admin'] as ActorKey[]) {
        const text = JSON.stringify(ok(await who(k)));
        expect({ k, leaks: text.includes('匿名来电人') || text.includes('13700000009') || text.includes('0009') }).toEqual({ k, leaks: false });
      }
      const reveal = (k: ActorKey) => t.gql('mutation($id: ID!) { revealHotlineCaller(ticketId: $id) { name phone } }', { id: s.id }, w[k].token);
      const got = await Promise.all(ACTOR_KEYS.map(async (k) => ({ k, code: codeOf(await reveal(k)) ?? 'OK' })));
      const want = (k: ActorKey) => (k === 'managerA' ? 'OK' : canView(k, SITUATIONS[1]) ? 'FORBIDDEN' : 'NOT_FOUND');
      expect(got).toEqual(ACTOR_KEYS.map((k) => ({ k, code: want(k) })));
      expect(ok(await reveal('managerA')).revealHotlineCaller).toEqual({ name: '匿名来电人', phone: '13700000009' });
      expect(await countRows(t, 'ticket_events', "ticket_id = ? AND action = 'HOTLINE_CALLER_REVEALED' AND actor_id = ?", [s.id, w.managerA.id])).toBe(2);
    });

    it('an ordinary order: the caller’s name for staff, the phone masked; the full number for the assigned handler through the reveal', async () => {
      const s = await walkOrder([[A.ACCEPT, 'staffA']]);
      const ticket = ok(await t.gql('query($id: ID!) { ticket(id: $id) { contactName contactPhone } }', { id: s.id }, w.staffA2.token)).ticket;
      expect(ticket).toEqual({ contactName: '王先生', contactPhone: '137****0001' });
      const reveal = (k: ActorKey) => t.gql('mutation($id: ID!) { revealHotlineCaller(ticketId: $id) { name phone } }', { id: s.id }, w[k].token);
      expect(ok(await reveal('staffA')).revealHotlineCaller).toEqual({ name: '王先生', phone: '13700000001' });
      expect(codeOf(await reveal('staffA2'))).toBe('FORBIDDEN');
      expect(codeOf(await reveal('staffB'))).toBe('NOT_FOUND');
    });
  });
});
