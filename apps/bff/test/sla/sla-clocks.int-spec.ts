import { shanghaiTime } from '../../src/sla/domain';
import { SlaReconciler } from '../../src/sla/sla-reconciler';
import { SlaScheduler } from '../../src/sla/jobs/sla-scheduler';
import { Metrics } from '../../src/observability/metrics';
import { codeOf, ok, startTestApp, TestClock, type TestApp } from '../support/test-app';
import { buildWorld, fileTicket, type World } from '../support/world';
import { CLOCK_FIELDS, slaEventCounts } from './sla-support';

/**
 * The engine on the injectable clock, no workers: the reconciler applies what is due, so days pass in
 * milliseconds. Default policies: FACILITIES is NORMAL — accept within 30 working minutes, resolve
 * within one working day (08:30–17:30, China working days).
 */
jest.setTimeout(120_000);

describe('SLA clocks on tickets (injectable clock)', () => {
  let t: TestApp;
  let w: World;
  const clock = new TestClock(shanghaiTime('2026-03-02 09:00')); // a Monday
  const reconcile = () => t.app.get(SlaReconciler).reconcile({ force: true });
  const clocksOf = async (id: string, token = w.staffA.token) =>
    ok(await t.gql(`query($id: ID!) { ticket(id: $id) { status version clocks { ${CLOCK_FIELDS} } } }`, { id }, token)).ticket;
  const INPUT: Record<string, string> = {
    acceptTicket: 'AcceptTicketInput', startTicket: 'NoteInput', acceptDispatch: 'NoteInput', withdrawTicket: 'OptionalReasonInput',
    resolveTicket: 'ResolveTicketInput', dispatchTicket: 'DispatchTicketInput',
  };
  const act = async (m: string, input: Record<string, unknown>, token: string) => {
    const r = await t.gql(`mutation($input: ${INPUT[m]}!) { ${m}(input: $input) { id status version } }`, { input }, token);
    return ok(r)[m];
  };

  beforeAll(async () => {
    t = await startTestApp({ SLA_RECONCILE_GRACE_MS: '0' }, clock);
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('filing starts the accept clock on working time, with a wake-up job for the warning', async () => {
    clock.set(shanghaiTime('2026-03-02 17:20'));
    const tk = await fileTicket(t, w.ownerA, w.qrA);
    const { clocks } = await clocksOf(tk.id);
    expect(clocks).toHaveLength(1);
    // 10 working minutes today, 20 tomorrow from 08:30.
    expect(clocks[0]).toMatchObject({ target: 'ACCEPT', state: 'RUNNING', paused: false, remainingWorkingMinutes: 30, calendar: 'WORKING_HOURS', policyId: 'default-normal' });
    expect(new Date(clocks[0].dueAt)).toEqual(shanghaiTime('2026-03-03 08:50'));
    expect(new Date(clocks[0].warnAt)).toEqual(shanghaiTime('2026-03-03 08:42:30'));
    const job = await t.app.get(SlaScheduler).queue.getJob(`sla-${tk.id}-ACCEPT-v1`);
    expect(job?.data).toEqual({ ticketId: tk.id, target: 'ACCEPT', version: 1, reqId: expect.any(String) }); // reqId: the filing request's, for the worker's log lines
  });

  it('warns and breaches exactly once, at their own times, then escalates step by step', async () => {
    clock.set(shanghaiTime('2026-03-02 10:00'));
    const tk = await fileTicket(t, w.ownerA, w.qrA);
    clock.set(shanghaiTime('2026-03-02 10:22'));
    await reconcile();
    expect((await slaEventCounts(t.ds)).get(tk.id)).toBeUndefined();
    clock.set(shanghaiTime('2026-03-02 10:25'));
    await reconcile();
    await reconcile();
    expect((await slaEventCounts(t.ds)).get(tk.id)).toEqual({ SLA_WARNING: 1 });
    clock.set(shanghaiTime('2026-03-02 10:45'));
    await reconcile();
    await reconcile();
    // Breach at 10:30 and the first step (the handler, at once); the project manager follows 60 working minutes later.
    expect((await slaEventCounts(t.ds)).get(tk.id)).toEqual({ SLA_WARNING: 1, SLA_BREACH: 1, SLA_ESCALATION: 1 });
    // The operator sees them in /metrics with their lateness: the warning (due 10:22:30) applied at 10:25,
    // the breach (due 10:30) at 10:45.
    const scrape = await t.app.get(Metrics).text();
    const value = (line: string) => Number(scrape.split('\n').find((l) => l.startsWith(line))?.split(' ').pop());
    expect(value('msb_sla_firings_total{target="ACCEPT",kind="WARNED"}')).toBe(1);
    expect(value('msb_sla_firings_total{target="ACCEPT",kind="BREACHED"}')).toBe(1);
    expect(value('msb_sla_firings_total{target="ACCEPT",kind="ESCALATED"}')).toBe(1);
    expect(value('msb_sla_firing_lateness_seconds_sum{target="ACCEPT",kind="WARNED"}')).toBe(150);
    expect(value('msb_sla_firing_lateness_seconds_sum{target="ACCEPT",kind="BREACHED"}')).toBe(900);
    const events = await t.ds.query(`SELECT action, created_at, data FROM ticket_events WHERE ticket_id = ? AND action LIKE 'SLA%' ORDER BY id`, [tk.id]);
    expect(events.map((e: any) => [e.action, new Date(e.created_at)])).toEqual([
      ['SLA_WARNING', shanghaiTime('2026-03-02 10:22:30')],
      ['SLA_BREACH', shanghaiTime('2026-03-02 10:30')],
      ['SLA_ESCALATION', shanghaiTime('2026-03-02 10:30')],
    ]);
    const { clocks } = await clocksOf(tk.id);
    expect(clocks[0]).toMatchObject({ state: 'BREACHED', escalationSteps: 1, remainingWorkingMinutes: -15 });
    // Nobody assigned yet: the handler level is the complex's staff.
    const notes = await t.ds.query('SELECT user_id, kind FROM notifications WHERE ticket_id = ? ORDER BY id', [tk.id]);
    const staff = [w.staffA.id, w.staffA2.id, w.teamStaffA.id].sort();
    expect(notes.filter((n: any) => n.kind === 'SLA_ESCALATION').map((n: any) => String(n.user_id)).sort()).toEqual(staff);
    // Through the evening and the night: steps at 11:30 (PM), 15:30 (company), next day 15:30 (community), two days later (street).
    clock.set(shanghaiTime('2026-03-05 17:30'));
    await reconcile();
    await reconcile();
    expect((await slaEventCounts(t.ds)).get(tk.id)).toEqual({ SLA_WARNING: 1, SLA_BREACH: 1, SLA_ESCALATION: 5 });
    const steps = await t.ds.query('SELECT step, level, due_at FROM sla_escalations WHERE ticket_id = ? ORDER BY step', [tk.id]);
    expect(steps.map((s: any) => [s.step, s.level, new Date(s.due_at)])).toEqual([
      [1, 'HANDLER', shanghaiTime('2026-03-02 10:30')],
      [2, 'PROJECT_MANAGER', shanghaiTime('2026-03-02 11:30')],
      [3, 'COMPANY', shanghaiTime('2026-03-02 15:30')],
      [4, 'COMMUNITY', shanghaiTime('2026-03-03 15:30')],
      [5, 'STREET', shanghaiTime('2026-03-05 15:30')],
    ]);
    const byKind = await t.ds.query(`SELECT JSON_UNQUOTE(JSON_EXTRACT(data, '$.level')) AS level, COUNT(*) AS n FROM ticket_events WHERE ticket_id = ? AND action = 'SLA_ESCALATION' GROUP BY level`, [tk.id]);
    expect(byKind).toHaveLength(5);
    const notified = async (level: string) => (await t.ds.query(
      `SELECT n.user_id FROM notifications n WHERE n.ticket_id = ? AND n.kind = 'SLA_ESCALATION' AND n.body LIKE ?`, [tk.id, `%${level}%`],
    )).map((r: any) => String(r.user_id));
    expect(await notified('项目经理')).toEqual([w.managerA.id]);
    expect(await notified('物业公司')).toEqual([w.managerA.id]);
    expect(await notified('社区')).toEqual([w.mediatorA.id]);
    expect(await notified('街道')).toEqual([w.oversightStreet.id]);
    // Accepting late stops the clock; the breach stands.
    const fresh = await clocksOf(tk.id);
    await act('acceptTicket', { ticketId: tk.id, version: fresh.version }, w.staffA.token);
    const after = await clocksOf(tk.id);
    expect(after.clocks.find((c: any) => c.target === 'ACCEPT')).toMatchObject({ state: 'BREACHED', stopped: true });
    expect(after.clocks.find((c: any) => c.target === 'RESOLVE')).toMatchObject({ state: 'RUNNING', remainingWorkingMinutes: 540 });
  });

  it('a ticket resolved one moment before its deadline is never breached', async () => {
    clock.set(shanghaiTime('2026-03-02 09:00'));
    const tk = await fileTicket(t, w.ownerA, w.qrA);
    const accepted = await act('acceptTicket', { ticketId: tk.id, version: tk.version }, w.staffA.token);
    const { clocks } = await clocksOf(tk.id);
    const due = new Date(clocks.find((c: any) => c.target === 'RESOLVE').dueAt);
    expect(due).toEqual(shanghaiTime('2026-03-03 09:00'));
    const started = await act('startTicket', { ticketId: tk.id, version: accepted.version }, w.staffA.token);
    clock.set(new Date(+due - 1));
    await act('resolveTicket', { ticketId: tk.id, version: started.version, result: '已更换灯泡，恢复照明。' }, w.staffA.token);
    clock.set(new Date(+due + 3_600_000));
    await reconcile();
    const after = await clocksOf(tk.id);
    expect(after.clocks.find((c: any) => c.target === 'RESOLVE')).toMatchObject({ state: 'MET', stopped: true, breachedAt: null });
    const counts = (await slaEventCounts(t.ds)).get(tk.id) ?? {};
    expect(counts.SLA_BREACH).toBeUndefined();
    expect(counts.SLA_WARNING).toBe(1);
  });

  it('pauses the resolve clock while dispatched and while an outside department handles it', async () => {
    clock.set(shanghaiTime('2026-03-02 09:00'));
    const tk = await fileTicket(t, w.ownerA, w.qrA);
    let v = (await act('acceptTicket', { ticketId: tk.id, version: tk.version }, w.staffA.token)).version;
    clock.set(shanghaiTime('2026-03-02 10:00'));
    v = (await act('dispatchTicket', { ticketId: tk.id, version: v, targetUnitId: w.deptCg, reason: '占道经营，需城管处理' }, w.staffA.token)).version;
    let c = (await clocksOf(tk.id)).clocks;
    expect(c.find((x: any) => x.target === 'RESOLVE')).toMatchObject({ state: 'PAUSED', paused: true, dueAt: null, remainingWorkingMinutes: 480 });
    expect(c.find((x: any) => x.target === 'DISPATCH_RESPONSE')).toMatchObject({ state: 'RUNNING', remainingWorkingMinutes: 240 });
    clock.set(shanghaiTime('2026-03-02 11:00'));
    v = (await act('acceptDispatch', { ticketId: tk.id, version: v }, w.dept.token)).version;
    c = (await clocksOf(tk.id, w.dept.token)).clocks;
    expect(c.find((x: any) => x.target === 'DISPATCH_RESPONSE')).toMatchObject({ state: 'MET', stopped: true });
    expect(c.find((x: any) => x.target === 'RESOLVE')).toMatchObject({ state: 'PAUSED', remainingWorkingMinutes: 480 });
  });

  it('closes a resolved ticket the owner never rated when the 7-day window ends, once', async () => {
    clock.set(shanghaiTime('2026-03-02 09:00'));
    const tk = await fileTicket(t, w.ownerA, w.qrA);
    let v = (await act('acceptTicket', { ticketId: tk.id, version: tk.version }, w.staffA.token)).version;
    v = (await act('startTicket', { ticketId: tk.id, version: v }, w.staffA.token)).version;
    await act('resolveTicket', { ticketId: tk.id, version: v, result: '已修复。' }, w.staffA.token);
    clock.set(shanghaiTime('2026-03-09 08:59'));
    await reconcile();
    expect((await clocksOf(tk.id)).status).toBe('RESOLVED');
    clock.set(shanghaiTime('2026-03-09 09:01'));
    await reconcile();
    await reconcile();
    const after = await clocksOf(tk.id);
    expect(after.status).toBe('CLOSED');
    expect(after.clocks.find((x: any) => x.target === 'RATING')).toMatchObject({ stopped: true });
    const closes = await t.ds.query(`SELECT actor_role FROM ticket_events WHERE ticket_id = ? AND action = 'AUTO_CLOSE'`, [tk.id]);
    expect(closes).toEqual([{ actor_role: 'SYSTEM' }]);
  });

  it('sorts the inbox by urgency (breached first, then nearest due, then the rest newest first) with stable keyset pages', async () => {
    clock.set(shanghaiTime('2026-03-10 09:00'));
    const early = await fileTicket(t, w.ownerA, w.qrA); // due 09:30
    clock.set(shanghaiTime('2026-03-10 09:10'));
    const later = await fileTicket(t, w.ownerA, w.qrA); // due 09:40
    const gone = await fileTicket(t, w.ownerA, w.qrA);
    await act('withdrawTicket', { ticketId: gone.id, version: gone.version }, w.ownerA.token);
    clock.set(shanghaiTime('2026-03-10 09:35'));
    await reconcile(); // `early` breaches
    const q = `query($after: String) { inbox(first: 2, after: $after, filter: { complexId: ${w.complexA} }) { nodes { id } pageInfo { hasNextPage endCursor } } }`;
    const ids: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 50; i++) {
      const page: any = ok(await t.gql(q, { after }, w.managerA.token)).inbox;
      ids.push(...page.nodes.map((n: any) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(ids).size).toBe(ids.length);
    const rank = (id: string) => ids.indexOf(id);
    expect(rank(early.id)).toBeGreaterThanOrEqual(0);
    expect(rank(early.id)).toBeLessThan(rank(later.id));
    expect(rank(later.id)).toBeLessThan(rank(gone.id));
    // Every breached ticket comes before every running one.
    const buckets = await t.ds.query('SELECT id, urgency_bucket FROM tickets WHERE complex_id = ?', [w.complexA]);
    const bucketOf = new Map<string, number>(buckets.map((b: any) => [String(b.id), Number(b.urgency_bucket)]));
    const seq = ids.map((id) => bucketOf.get(id)!);
    expect([...seq].sort((a, b) => a - b)).toEqual(seq);
    expect(codeOf(await t.gql(q, { after: '12345' }, w.managerA.token))).toBe('BAD_USER_INPUT');
  });

  it('lets only admins list and version policies; a new version applies to tickets filed after it', async () => {
    const list = `{ slaPolicies { id version builtIn inForce priority targets { target minutes calendar warnShare escalation { steps { level delayMinutes } } } } }`;
    expect(codeOf(await t.gql(list, {}, w.managerA.token))).toBe('FORBIDDEN');
    const policies = ok(await t.gql(list, {}, w.admin.token)).slaPolicies;
    expect(policies.map((p: any) => p.id)).toEqual(expect.arrayContaining(['default-emergency', 'default-high', 'default-normal', 'default-low']));
    const create = `mutation($input: SlaPolicyInput!) { createSlaPolicyVersion(input: $input) { id version inForce } }`;
    const input = { id: 'default-normal', name: '默认时限（NORMAL）v2', scopeKind: 'GLOBAL', priority: 'NORMAL', targets: [{ target: 'ACCEPT', minutes: 20, calendar: 'WORKING_HOURS' }] };
    expect(codeOf(await t.gql(create, { input }, w.staffA.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(create, { input: { ...input, targets: [{ target: 'ACCEPT', minutes: -1 }] } }, w.admin.token))).toBe('BAD_USER_INPUT');
    clock.set(shanghaiTime('2026-03-11 09:00'));
    const before = await fileTicket(t, w.ownerA, w.qrA);
    const v2 = ok(await t.gql(create, { input: { ...input, effectiveFrom: shanghaiTime('2026-03-11 09:00').toISOString() } }, w.admin.token)).createSlaPolicyVersion;
    expect(v2).toMatchObject({ id: 'default-normal', version: 2 });
    const afterTk = await fileTicket(t, w.ownerA, w.qrA);
    expect((await clocksOf(before.id)).clocks[0]).toMatchObject({ policyVersion: 1, limitMinutes: 30 });
    expect((await clocksOf(afterTk.id)).clocks[0]).toMatchObject({ policyVersion: 2, limitMinutes: 20 });
    const history = ok(await t.gql(`{ slaPolicies(history: true) { id version inForce } }`, {}, w.admin.token)).slaPolicies;
    expect(history.filter((p: any) => p.id === 'default-normal')).toEqual([
      { id: 'default-normal', version: 2, inForce: true },
      { id: 'default-normal', version: 1, inForce: false },
    ]);
  });
});
