/**
 * Issue 13's defects found by a new user over HTTP, each as it was reported (real HTTP, real MariaDB): a
 * subscription sent as a POST, an idempotency key reused for another report, a report without contact fields.
 * (Field names in errors: bad-input.int-spec.ts; handlers() scope and complex names: authorization.int-spec.ts.)
 */
import { MediationOutcome, TicketAction as A } from '@msb/shared-types';
import { codeOf, ok, startTestApp, type TestApp } from './support/test-app';
import { buildWorld, type World } from './support/world';
import { countRows, must, walk } from './support/lifecycle-driver';

describe('issue 13 defects', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const report = (key: string, over: Record<string, unknown> = {}) =>
    t.gql('mutation($i: ReportTicketInput!) { reportTicket(input: $i) { id number contactPhone } }', {
      i: { qrToken: w.qrA, idempotencyKey: key, categoryCode: 'FACILITIES', text: '3号楼电梯间顶灯不亮，晚上很黑。', ...over },
    }, w.ownerA.token);

  it('4: a subscription sent over HTTP POST is BAD_USER_INPUT (subscriptions need the WebSocket), never INTERNAL', async () => {
    for (const query of ['subscription { notificationAdded { id } }', 'subscription Live { notificationAdded { id createdAt } }']) {
      const res = await fetch(`${t.url}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${w.staffA.token}` }, body: JSON.stringify({ query }),
      });
      const body = (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
      expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SUBSCRIPTION_NEEDS_WEBSOCKET' });
      expect(body.errors?.[0].message).toContain('WebSocket');
      expect(body.data ?? null).toBeNull();
    }
    // Anonymous too, and GET as well.
    const get = await fetch(`${t.url}/graphql?query=${encodeURIComponent('subscription { notificationAdded { id } }')}`);
    const g = (await get.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(g.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('5: the same key and the same report answer the same ticket; the same key with another report is a clear error and files nothing', async () => {
    const first = ok(await report('reuse-key-0001')).reportTicket;
    expect(ok(await report('reuse-key-0001')).reportTicket.id).toBe(first.id);
    expect(ok(await report('reuse-key-0001', { text: '  3号楼电梯间顶灯不亮，晚上很黑。 ' })).reportTicket.id).toBe(first.id); // same after trimming
    const before = await countRows(t, 'tickets');
    for (const other of [{ text: '5号楼门口的路灯也坏了，请一起修。' }, { categoryCode: 'PARKING' }, { qrToken: w.qrB }]) {
      const r = await report('reuse-key-0001', other);
      expect({ other, code: codeOf(r), ext: r.errors?.[0].extensions }).toEqual({
        other, code: 'BAD_USER_INPUT', ext: expect.objectContaining({ field: 'idempotencyKey', reason: 'IDEMPOTENCY_KEY_REUSED', ticketNumber: first.number }),
      });
    }
    expect(await countRows(t, 'tickets')).toBe(before);
    // Concurrent first filings with one key and different texts: one ticket; the other learns it was not filed.
    const rs = await Promise.all(['一号楼漏水了，请来看看。', '二号楼漏水了，请来看看。'].map((text) => report('reuse-key-0002', { text })));
    expect(rs.filter((r) => !r.errors).length).toBe(1);
    expect(rs.filter((r) => codeOf(r) === 'BAD_USER_INPUT').length).toBe(1);
    expect(await countRows(t, 'tickets', 'idempotency_key = ?', ['reuse-key-0002'])).toBe(1);
  });

  it('6: a report without contact fields keeps the phone the owner signed in with; the handler can reveal it', async () => {
    const [{ phone }] = await t.ds.query('SELECT phone FROM users WHERE id = ?', [w.ownerA.id]);
    const filed = ok(await report('no-contact-0001')).reportTicket;
    expect(filed.contactPhone).toBe(phone);
    const [row] = await t.ds.query('SELECT contact_phone FROM tickets WHERE id = ?', [filed.id]);
    expect(row.contact_phone).toBe(phone);
    await must(t, w, A.ACCEPT, w.staffA, { id: filed.id, version: 1 });
    expect(ok(await t.gql('mutation($id: ID!) { revealContact(ticketId: $id) { phone } }', { id: filed.id }, w.staffA.token)).revealContact.phone).toBe(phone);
    // A number given is kept as given.
    const given = ok(await report('no-contact-0002', { contactPhone: '13512345678' })).reportTicket;
    expect(given.contactPhone).toBe('13512345678');
    // Staff still see it masked.
    const s = await walk(t, w, []);
    expect(ok(await t.gql('query($id: ID!) { ticket(id: $id) { contactPhone } }', { id: s.id }, w.staffA.token)).ticket.contactPhone).toMatch(/^177\*{4}\d{4}$/);
  });

  it('7: every rating is kept; after a second resolve the earlier one is history, not the current rating', async () => {
    const q = (id: string) => t.gql('query($id: ID!) { ticket(id: $id) { status availableActions rating { solved satisfaction } ratings { solved satisfaction fromHotline } } }', { id }, w.ownerA.token);
    let s = await walk(t, w, [[A.ACCEPT, 'staffA'], [A.START, 'staffA'], [A.RESOLVE, 'staffA'], [A.RATE, 'ownerA', { solved: false, satisfaction: 2 }]]);
    expect(ok(await q(s.id)).ticket).toMatchObject({ status: 'IN_PROGRESS', rating: { solved: false, satisfaction: 2 }, ratings: [{ solved: false, satisfaction: 2, fromHotline: false }] });
    s = await must(t, w, A.RESOLVE, w.staffA, s);
    const again = ok(await q(s.id)).ticket;
    expect(again).toMatchObject({ status: 'RESOLVED', rating: null, ratings: [{ solved: false, satisfaction: 2 }] });
    expect(again.availableActions).toContain(A.RATE);
    s = await must(t, w, A.RATE, w.ownerA, s, { solved: true, satisfaction: 5 });
    expect(ok(await q(s.id)).ticket).toMatchObject({ status: 'CLOSED', rating: { solved: true, satisfaction: 5 }, ratings: [{ satisfaction: 2 }, { satisfaction: 5 }] });
    // On the timeline too: both RATE events.
    expect(await countRows(t, 'ticket_events', "ticket_id = ? AND action = 'RATE'", [s.id])).toBe(2);
  });

  it('7: after a mediation closed with an agreement, REQUEST_MEDIATION is neither offered nor accepted', async () => {
    const closed = await walk(t, w, [
      [A.ACCEPT, 'staffA'], [A.START, 'staffA'], [A.RESOLVE, 'staffA'], [A.RATE, 'ownerA', { solved: true, satisfaction: 1 }],
      [A.REQUEST_MEDIATION, 'ownerA'], [A.RECORD_MEDIATION, 'mediatorA', { outcome: MediationOutcome.AGREEMENT }],
    ]);
    expect(closed.status).toBe('CLOSED');
    const { availableActions } = ok(await t.gql('query($id: ID!) { ticket(id: $id) { availableActions } }', { id: closed.id }, w.ownerA.token)).ticket;
    expect(availableActions).not.toContain(A.REQUEST_MEDIATION);
    const events = await countRows(t, 'ticket_events', 'ticket_id = ?', [closed.id]);
    const r = await t.gql('mutation($i: ReasonInput!) { requestMediation(input: $i) { id } }', { i: { ticketId: closed.id, version: closed.version, reason: '还是不满意' } }, w.ownerA.token);
    expect(codeOf(r)).toBe('INVALID_TRANSITION');
    expect(await countRows(t, 'ticket_events', 'ticket_id = ?', [closed.id])).toBe(events);
    // A low rating without a mediation yet still may.
    const low = await walk(t, w, [[A.ACCEPT, 'staffA'], [A.START, 'staffA'], [A.RESOLVE, 'staffA'], [A.RATE, 'ownerA', { solved: true, satisfaction: 1 }]]);
    expect(ok(await t.gql('query($id: ID!) { ticket(id: $id) { availableActions } }', { id: low.id }, w.ownerA.token)).ticket.availableActions).toContain(A.REQUEST_MEDIATION);
  });

  it('8: numbers only for tickets that exist, no gaps, under concurrent retries and refused filings; filings do not queue behind each other for long', async () => {
    const started = performance.now();
    const attempts = await Promise.all([
      // Ten retries of one report at once: one ticket.
      ...Array.from({ length: 10 }, () => report('gapless-retry-01')),
      // Refused inside the filing transaction: photos that do not exist.
      ...Array.from({ length: 5 }, (_, i) => report(`gapless-refused-${i}0`, { photoIds: [String(900000 + i)] })),
      // Ten different reports.
      ...Array.from({ length: 10 }, (_, i) => report(`gapless-other-${i}0`, { text: `第${i + 1}号楼的楼道灯不亮了，请修理。` })),
    ]);
    const elapsedMs = Math.round(performance.now() - started);
    expect(attempts.slice(10, 15).map((r) => codeOf(r))).toEqual(Array(5).fill('BAD_USER_INPUT'));
    expect(new Set(attempts.slice(0, 10).map((r) => ok(r).reportTicket.id)).size).toBe(1);
    const numbers: string[] = (await t.ds.query('SELECT number FROM tickets')).map((r: { number: string }) => r.number);
    const byDay = new Map<string, number[]>();
    for (const n of numbers) {
      const [, day, seq] = /^MSB-(\d{8})-(\d{4,})$/.exec(n)!;
      byDay.set(day, [...(byDay.get(day) ?? []), Number(seq)]);
    }
    for (const [day, seqs] of byDay) {
      const sorted = [...seqs].sort((a, b) => a - b);
      expect({ day, seqs: sorted }).toEqual({ day, seqs: sorted.map((_, i) => i + 1) });
      const [counter] = await t.ds.query('SELECT last FROM ticket_number_seq WHERE day = ?', [day]);
      expect({ day, last: Number(counter.last) }).toEqual({ day, last: sorted.length });
    }
    console.log(`issue 13 #8: 25 concurrent filings (10 retries of one, 5 refused, 10 distinct) in ${elapsedMs} ms; ${numbers.length} tickets numbered 1…${numbers.length}, no gaps`);
  });

  it('10: a department that accepted a dispatch hands it back with a reason while it handles it; back to whoever dispatched it', async () => {
    const held = await walk(t, w, [[A.ACCEPT, 'staffA'], [A.START, 'staffA'], [A.DISPATCH, 'staffA'], [A.ACCEPT_DISPATCH, 'dept']]);
    expect(held).toMatchObject({ status: 'IN_PROGRESS', handlingUnit: { id: w.deptCg }, assignee: { id: w.dept.id } });
    const offered = (k: 'dept' | 'staffA') => t.gql('query($id: ID!) { ticket(id: $id) { availableActions } }', { id: held.id }, w[k].token);
    expect(ok(await offered('dept')).ticket.availableActions).toContain(A.RETURN_DISPATCH);
    expect(ok(await offered('staffA')).ticket.availableActions).not.toContain(A.RETURN_DISPATCH);
    const ret = (who: typeof w.dept, reason: string) =>
      t.gql('mutation($i: ReasonInput!) { returnDispatch(input: $i) { status version assignee { id } handlingUnit { id } } }', { i: { ticketId: held.id, version: held.version, reason } }, who.token);
    const noReason = await ret(w.dept, ' ');
    expect({ code: codeOf(noReason), field: noReason.errors?.[0].extensions.field }).toEqual({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(codeOf(await ret(w.staffA, '不是城管的'))).toBe('FORBIDDEN');
    const back = ok(await ret(w.dept, '经现场核实属于小区内部管线，不属于城管职责')).returnDispatch;
    expect(back).toEqual({ status: 'IN_PROGRESS', version: held.version + 1, assignee: { id: w.staffA.id }, handlingUnit: null });
    const [e] = await t.ds.query("SELECT actor_id, note, data FROM ticket_events WHERE ticket_id = ? AND action = 'RETURN_DISPATCH'", [held.id]);
    expect(e).toMatchObject({ actor_id: w.dept.id, note: '经现场核实属于小区内部管线，不属于城管职责' });
    expect(typeof e.data === 'string' ? JSON.parse(e.data) : e.data).toMatchObject({ unitId: w.deptCg, afterAcceptance: true, backTo: w.staffA.id });
    // Back with the property side: the handler works it again; the department no longer sees it.
    expect(codeOf(await offered('dept'))).toBe('NOT_FOUND');
    await must(t, w, A.RESOLVE, w.staffA, back.version ? { id: held.id, version: back.version } : held);
    // Within its stage only: once the department resolved it, there is nothing to hand back.
    const resolved = await walk(t, w, [[A.ACCEPT, 'staffA'], [A.START, 'staffA'], [A.DISPATCH, 'staffA'], [A.ACCEPT_DISPATCH, 'dept'], [A.RESOLVE, 'dept']]);
    const late = await t.gql('mutation($i: ReasonInput!) { returnDispatch(input: $i) { id } }', { i: { ticketId: resolved.id, version: resolved.version, reason: '不是我们的' } }, w.dept.token);
    expect(codeOf(late)).toBe('INVALID_TRANSITION');
  });
});
