import { shanghaiTime } from '../../src/sla/domain';
import { SlaReconciler } from '../../src/sla/sla-reconciler';
import { ok, startTestApp, TestClock, type TestApp } from '../support/test-app';
import { buildWorld, fileTicket, type World } from '../support/world';

/**
 * SLA events say both when they were due and when they were applied (issue 9 #7): a warning applied
 * 22 minutes late used to show only its due instant, hiding the lateness. Default policy: FACILITIES
 * is accepted within 30 working minutes (warning at 75 %).
 */
describe('SLA timeline events: due and applied times', () => {
  let t: TestApp;
  let w: World;
  const clock = new TestClock(shanghaiTime('2026-03-02 09:00')); // a Monday

  beforeAll(async () => {
    t = await startTestApp({ SLA_RECONCILE_GRACE_MS: '0' }, clock);
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('a warning, breach and escalation applied late carry their due instant and the later applied instant', async () => {
    clock.set(shanghaiTime('2026-03-02 10:00'));
    const tk = await fileTicket(t, w.ownerA, w.qrA);
    // The scheduler was away: nothing fired until 10:44:10.
    clock.set(shanghaiTime('2026-03-02 10:44:10'));
    await t.app.get(SlaReconciler).reconcile({ force: true });
    const timeline = ok(await t.gql(`query($id: ID!) { ticket(id: $id) { timeline { action createdAt dueAt appliedAt } } }`, { id: tk.id }, w.staffA.token)).ticket.timeline;
    const at = (s: string) => shanghaiTime(s).toISOString();
    expect(timeline).toEqual([
      { action: 'REPORT', createdAt: at('2026-03-02 10:00'), dueAt: null, appliedAt: at('2026-03-02 10:00') },
      { action: 'SLA_WARNING', createdAt: at('2026-03-02 10:22:30'), dueAt: at('2026-03-02 10:22:30'), appliedAt: at('2026-03-02 10:44:10') },
      { action: 'SLA_BREACH', createdAt: at('2026-03-02 10:30'), dueAt: at('2026-03-02 10:30'), appliedAt: at('2026-03-02 10:44:10') },
      { action: 'SLA_ESCALATION', createdAt: at('2026-03-02 10:30'), dueAt: at('2026-03-02 10:30'), appliedAt: at('2026-03-02 10:44:10') },
    ]);
    // In MySQL too: the lateness of each SLA event is one subtraction.
    const late = await t.ds.query(
      "SELECT action, TIMESTAMPDIFF(SECOND, created_at, applied_at) AS s FROM ticket_events WHERE ticket_id = ? AND action LIKE 'SLA\\_%' ORDER BY id", [tk.id]);
    expect(late.map((r: any) => [r.action, Number(r.s)])).toEqual([['SLA_WARNING', 1300], ['SLA_BREACH', 850], ['SLA_ESCALATION', 850]]);
  });

  it('an event applied on time has appliedAt equal to its due instant', async () => {
    clock.set(shanghaiTime('2026-03-03 10:00'));
    const tk = await fileTicket(t, w.ownerA, w.qrA);
    clock.set(shanghaiTime('2026-03-03 10:22:30'));
    await t.app.get(SlaReconciler).reconcile({ force: true });
    const timeline = ok(await t.gql(`query($id: ID!) { ticket(id: $id) { timeline { action dueAt appliedAt } } }`, { id: tk.id }, w.staffA.token)).ticket.timeline;
    const warning = timeline.find((e: any) => e.action === 'SLA_WARNING');
    expect(warning).toEqual({ action: 'SLA_WARNING', dueAt: shanghaiTime('2026-03-03 10:22:30').toISOString(), appliedAt: shanghaiTime('2026-03-03 10:22:30').toISOString() });
  });
});
