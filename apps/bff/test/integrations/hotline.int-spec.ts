import { TicketAction as A } from '@msb/shared-types';
import { HotlineOutboxSender } from '../../src/integrations/hotline/hotline-outbox.sender';
import { HotlineService } from '../../src/integrations/hotline/hotline.service';
import { shanghaiIso, sign } from '../../src/integrations/hotline/hotline-contract';
import { must, type UserAction } from '../support/lifecycle-driver';
import { ok, startTestApp, TestClock, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';
import { FakeHotline } from './fake-hotline';

const IN_SECRET = 'hotline-to-us-secret-0123456789abcdef';
const OUT_SECRET = 'us-to-hotline-secret-0123456789abcdef';
const H = 3600_000;

/**
 * The 12345 link end to end over real HTTP: a fake hotline plays the shared doc's scenarios (every event
 * twice, some out of order, an hour of downtime on our side and on its side, in simulated time) and scores us.
 */
describe('12345 hotline link', () => {
  let t: TestApp;
  let w: World;
  let hl: FakeHotline;
  let sender: HotlineOutboxSender;
  const clock = new TestClock(new Date('2026-12-01T01:00:00Z'));

  const dispatch = (over: Record<string, unknown> = {}) => ({
    channel: '电话', acceptedAt: shanghaiIso(clock.now()), caller: { name: '王先生', phone: '13700000001' }, confidential: false, requestType: '投诉',
    category: { code: '010503', path: '物业管理/设施设备' }, title: '楼道灯不亮', content: '3号楼2单元楼道灯坏了一周，晚上看不见路',
    address: { district: '测试区', street: '测试街道', community: '甲社区', complex: '甲小区', text: '3号楼2单元' }, urgency: '一般',
    deadlines: { signBy: shanghaiIso(new Date(clock.now().getTime() + 6 * H)), contactBy: shanghaiIso(new Date(clock.now().getTime() + 24 * H)), resolveBy: shanghaiIso(new Date(clock.now().getTime() + 5 * 24 * H)) },
    ...over,
  });
  const ticketOf = async (orderNo: string) => {
    const [r] = await t.ds.query('SELECT t.id, t.version, t.status, t.contact_name, t.contact_phone, t.category_code, t.source FROM tickets t JOIN hotline_orders o ON o.ticket_id = t.id WHERE o.order_no = ?', [orderNo]);
    return r ? { ...r, id: String(r.id) } : null;
  };
  const state = async (orderNo: string) => {
    const r = await ticketOf(orderNo);
    return { id: r.id, version: r.version, status: r.status, assignee: null, handlingUnit: null, dispatchTarget: null };
  };
  const staff = async (orderNo: string, action: UserAction, extra: Record<string, unknown> = {}) => must(t, w, action, w.staffA, await state(orderNo), extra);
  const hotlineMutation = async (name: string, type: string, input: Record<string, unknown>) =>
    ok(await t.gql(`mutation($i: ${type}!) { ${name}(input: $i) { id } }`, { i: input }, w.staffA.token));
  const tick = () => sender.sendDue();
  /** Sends an event twice (the repeat straight after), as the doc's fake does. */
  const twice = (orderNo: string, seq: number, type: string, data: Record<string, unknown>) => hl.repeat(hl.event(orderNo, seq, type, data));

  beforeAll(async () => {
    hl = await new FakeHotline(clock, () => t.url, IN_SECRET, OUT_SECRET).start();
    t = await startTestApp({ HOTLINE_INBOUND_SECRET: IN_SECRET, HOTLINE_OUTBOUND_BASE: hl.url, HOTLINE_OUTBOUND_SECRET: OUT_SECRET }, clock);
    w = await buildWorld(t);
    sender = t.app.get(HotlineOutboxSender);
  });
  afterAll(async () => {
    await t.close();
    await hl.close();
  });

  it('plays the scenarios and scores 0 duplicates, 0 lost or doubled events, signatures both ways, every ack within 5 s', async () => {
    // A: dispatch → signed → contacted → finished → callback satisfied → archived. We are down for the first hour.
    hl.targetDown = true;
    twice('A', 1, 'order.dispatched', dispatch());
    await hl.advance(1 * H, 5 * 60_000, tick);
    expect(await ticketOf('A')).toBeNull();
    hl.targetDown = false;
    await hl.advance(2 * H, 10 * 60_000, tick);
    expect(hl.pending()).toBe(0);
    const a = await ticketOf('A');
    expect(a).toMatchObject({ status: 'REPORTED', source: 'HOTLINE_12345', category_code: 'FACILITIES', contact_name: '王先生', contact_phone: '13700000001' });
    // The caller's sign-by and resolve-by deadlines are our clocks.
    const [orderA] = await t.ds.query('SELECT sign_by, resolve_by FROM hotline_orders WHERE order_no = ?', ['A']);
    const [acceptClock] = await t.ds.query("SELECT due_at FROM sla_clocks WHERE ticket_id = ? AND target = 'ACCEPT'", [a.id]);
    expect(new Date(acceptClock.due_at).getTime()).toBe(new Date(orderA.sign_by).getTime());

    // B (confidential): dispatch → return requested → refused. C: dispatch → extension requested → granted.
    twice('B', 1, 'order.dispatched', dispatch({ confidential: true, caller: { name: '匿名', phone: '13700000002' }, category: { code: '010501' } }));
    twice('C', 1, 'order.dispatched', dispatch({ category: { code: '9999' }, urgency: '较急' }));
    twice('D', 1, 'order.dispatched', dispatch());
    await hl.flush();
    expect(await ticketOf('B')).toMatchObject({ contact_name: '', contact_phone: '', category_code: 'PARKING' });
    expect(await ticketOf('C')).toMatchObject({ category_code: 'OTHER' });
    // 保密: only the designated contact (the complex's project manager) sees the caller, and the look is logged.
    const reveal = (who: typeof w.staffA, id: string) => t.gql('mutation($id: ID!) { revealHotlineCaller(ticketId: $id) { name phone } }', { id }, who.token);
    const b = await ticketOf('B');
    expect((await reveal(w.staffA, b.id)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await reveal(w.staffB, b.id)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(ok(await reveal(w.managerA, b.id)).revealHotlineCaller).toEqual({ name: '匿名', phone: '13700000002' });
    expect(await t.ds.query("SELECT actor_id FROM ticket_events WHERE ticket_id = ? AND action = 'HOTLINE_CALLER_REVEALED'", [b.id])).toEqual([{ actor_id: String(w.managerA.id) }]);
    const badge = ok(await t.gql('query($id: ID!) { ticket(id: $id) { hotlineOrder { orderNo confidential signBy resolveBy redoCount } } }', { id: b.id }, w.staffA.token)) as any;
    expect(badge.ticket.hotlineOrder).toMatchObject({ orderNo: 'B', confidential: true, redoCount: 0 });

    // Our side works the orders while the hotline is down for an hour; one acknowledgement gets lost.
    hl.down = true;
    await staff('A', A.ACCEPT);
    await hotlineMutation('recordHotlineContact', 'HotlineContactInput', { ticketId: a.id, method: 'phone', note: '已电话联系王先生，约定明早上门' });
    await staff('A', A.START);
    await staff('A', A.RESOLVE, { result: '已更换楼道灯，照明恢复' });
    for (const o of ['B', 'C', 'D']) await staff(o, A.ACCEPT);
    await hotlineMutation('requestHotlineReturn', 'HotlineReturnInput', { ticketId: (await ticketOf('B')).id, reason: '属于市政路灯', basis: '《济南市城市照明管理办法》第八条', suggestedUnit: '城市照明管理处' });
    await hotlineMutation('requestHotlineExtension', 'HotlineExtensionInput', { ticketId: (await ticketOf('C')).id, reason: '需等配件到货', requestedDeadline: new Date(clock.now().getTime() + 10 * 24 * H).toISOString() });
    await staff('D', A.START);
    await staff('D', A.ADD_PROGRESS, { note: '已联系厂家' });
    await staff('D', A.RESOLVE, { result: '已维修' });
    await hl.advance(1 * H, 5 * 60_000, tick);
    expect(hl.received).toHaveLength(0);
    hl.down = false;
    hl.dropNextAck = 1;
    await hl.advance(3 * H, 10 * 60_000, tick);
    const outbox = await t.ds.query("SELECT state, COUNT(*) AS n FROM hotline_outbox GROUP BY state");
    expect(outbox.map((r: any) => [r.state, Number(r.n)])).toEqual([['SENT', 10]]);

    // The hotline answers; events arrive out of order and twice.
    twice('A', 3, 'order.archived', { finalStatus: '已办结' });
    twice('A', 2, 'order.callback', { contacted: true, solved: true, satisfaction: '满意', note: '很满意', at: shanghaiIso(clock.now()) });
    twice('B', 2, 'order.return.decided', { approved: false, note: '属于物业服务范围，请继续办理' });
    const newDeadline = shanghaiIso(new Date(clock.now().getTime() + 10 * 24 * H));
    twice('C', 2, 'order.extension.decided', { approved: true, newDeadline, note: '同意延期' });
    twice('D', 3, 'order.redispatched', { ...dispatch(), redoCount: 1, reason: '回访不满意' });
    twice('D', 2, 'order.callback', { contacted: true, solved: false, satisfaction: '不满意', note: '灯又坏了' });
    await hl.flush();
    expect(await ticketOf('A')).toMatchObject({ status: 'CLOSED' });
    expect(await ticketOf('B')).toMatchObject({ status: 'ACCEPTED' });
    expect((await t.ds.query('SELECT resolve_by FROM hotline_orders WHERE order_no = ?', ['C']))[0].resolve_by).toEqual(new Date(newDeadline));
    expect(await ticketOf('D')).toMatchObject({ status: 'IN_PROGRESS' });
    expect((await t.ds.query('SELECT redo_count FROM hotline_orders WHERE order_no = ?', ['D']))[0].redo_count).toBe(1);
    await staff('D', A.RESOLVE, { result: '已更换整套灯具' });
    await hl.advance(30 * 60_000, 10 * 60_000, tick);

    // The callback counts like an owner's rating, marked as from the hotline.
    const [rate] = await t.ds.query("SELECT data FROM ticket_events WHERE ticket_id = ? AND action = 'RATE'", [a.id]);
    const rateData = typeof rate.data === 'string' ? JSON.parse(rate.data) : rate.data;
    expect(rateData).toMatchObject({ solved: true, satisfaction: 5, channel: { type: 'order.callback', callback: { satisfaction: '满意' } } });
    // Every hotline event applied exactly once, in seq order.
    const applied = await t.ds.query("SELECT order_no, seq, COUNT(*) AS n FROM hotline_events WHERE state = 'APPLIED' GROUP BY order_no, seq ORDER BY order_no, seq");
    expect(applied.map((r: any) => `${r.order_no}${r.seq}:${r.n}`)).toEqual(['A1:1', 'A2:1', 'A3:1', 'B1:1', 'B2:1', 'C1:1', 'C2:1', 'D1:1', 'D2:1', 'D3:1']);

    // The score, as a city would keep it.
    const expected: Record<string, string[]> = {
      A: ['order.signed', 'order.contacted', 'order.finished'],
      B: ['order.signed', 'order.return.requested'],
      C: ['order.signed', 'order.extension.requested'],
      D: ['order.signed', 'order.progress', 'order.finished', 'order.finished'],
    };
    let lost = 0;
    let doubled = 0;
    let duplicateTickets = 0;
    for (const [orderNo, types] of Object.entries(expected)) {
      const got = hl.receivedTypes(orderNo);
      lost += types.filter((x, i) => types.slice(0, i + 1).filter((y) => y === x).length > got.filter((y) => y === x).length).length;
      doubled += Math.max(0, got.length - types.length);
      expect(got).toEqual(types);
      duplicateTickets += Number((await t.ds.query('SELECT COUNT(*) AS n FROM tickets WHERE idempotency_key = ?', [`12345-${orderNo}`]))[0].n) - 1;
    }
    const signBy = new Map((await t.ds.query('SELECT order_no, sign_by FROM hotline_orders')).map((r: any) => [r.order_no, new Date(r.sign_by)]));
    const signed = hl.received.filter((e) => e.type === 'order.signed');
    const signedInTime = signed.filter((e) => new Date(e.data.at) <= signBy.get(e.orderNo)!).length;
    const score = {
      pushes: hl.ackMs.length, ackedWithin5s: hl.ackMs.filter((ms) => ms <= 5000).length, slowestAckMs: Math.round(Math.max(...hl.ackMs)),
      duplicateTickets, lostOutbound: lost, doubledOutbound: doubled, repeatsDeduplicated: hl.repeats.length,
      ourBadSignatures: hl.badSignatures.length, outOfOrder: hl.outOfOrder.length, signedInTime: `${signedInTime}/${signed.length}`,
    };
    console.log(`12345 fake hotline score: ${JSON.stringify(score)}`);
    expect(score).toMatchObject({ duplicateTickets: 0, lostOutbound: 0, doubledOutbound: 0, ourBadSignatures: 0, outOfOrder: 0, ackedWithin5s: score.pushes });
    expect(score.repeatsDeduplicated).toBeGreaterThanOrEqual(1);
  });

  it('refuses unsigned, wrongly signed, stale or malformed pushes and stores nothing', async () => {
    const body = JSON.stringify({ eventId: 'forged-1', type: 'order.dispatched', occurredAt: shanghaiIso(clock.now()), orderNo: 'X', seq: 1, data: dispatch() });
    const now = String(Math.floor(clock.now().getTime() / 1000));
    const post = (headers: Record<string, string>, b = body) => fetch(`${t.url}/integrations/12345/events`, { method: 'POST', body: b, headers: { 'content-type': 'application/json', ...headers } });
    expect((await post({})).status).toBe(401);
    expect((await post({ 'x-hotline-timestamp': now, 'x-hotline-signature': sign('wrong-secret', now, body) })).status).toBe(401);
    const old = String(Number(now) - 301);
    expect((await post({ 'x-hotline-timestamp': old, 'x-hotline-signature': sign(IN_SECRET, old, body) })).status).toBe(401);
    // The signature covers the exact bytes: the same JSON re-spaced does not verify.
    expect((await post({ 'x-hotline-timestamp': now, 'x-hotline-signature': sign(IN_SECRET, now, body) }, body.replace(',', ', '))).status).toBe(401);
    const badType = JSON.stringify({ ...JSON.parse(body), type: 'order.teleported' });
    const r = await post({ 'x-hotline-timestamp': now, 'x-hotline-signature': sign(IN_SECRET, now, badType) }, badType);
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ code: 400, message: expect.stringContaining('unknown type') });
    expect(await t.ds.query("SELECT * FROM hotline_events WHERE order_no = 'X'")).toEqual([]);
    // A good one is acknowledged as the contract says.
    const good = await post({ 'x-hotline-timestamp': now, 'x-hotline-signature': sign(IN_SECRET, now, body) });
    expect(good.status).toBe(200);
    expect(await good.json()).toEqual({ code: 0, message: 'ok' });
  });

  it('an order without a known complex waits in the street’s triage queue; its events apply once a complex is chosen', async () => {
    twice('T', 1, 'order.dispatched', dispatch({ address: { district: '测试区', street: '测试街道', text: '泉城路某小区东门' } }));
    hl.event('T', 2, 'order.urged', { level: '催办', note: '请尽快' });
    await hl.flush();
    expect(await ticketOf('T')).toBeNull();
    const hotline = t.app.get(HotlineService);
    expect((await hotline.triageQueue(['测试街道'])).map((o) => o.orderNo)).toEqual(['T']);
    expect(await hotline.triageQueue(['另一街道'])).toEqual([]);
    await hotline.assignComplex('T', w.complexA);
    const tk = await ticketOf('T');
    expect(tk).toMatchObject({ status: 'REPORTED' });
    const notes = await t.ds.query("SELECT note FROM ticket_events WHERE ticket_id = ? AND action = 'COMMENT'", [tk.id]);
    expect(notes).toEqual([{ note: '12345 催办：请尽快' }]);
    await expect(hotline.assignComplex('T', w.complexA)).rejects.toThrow();
    expect(Number((await t.ds.query("SELECT COUNT(*) AS n FROM tickets WHERE idempotency_key = '12345-T'"))[0].n)).toBe(1);
  });
});
