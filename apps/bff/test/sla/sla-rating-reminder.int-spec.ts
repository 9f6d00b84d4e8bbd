import { shanghaiTime } from '../../src/sla/domain';
import { SlaReconciler } from '../../src/sla/sla-reconciler';
import { SlaFiring } from '../../src/sla/sla-firing';
import { ok, startTestApp, TestClock, type TestApp } from '../support/test-app';
import { buildWorld, fileTicket, type World } from '../support/world';
import { CLOCK_FIELDS } from './sla-support';

/**
 * The rating reminder on the injectable clock: a resolved ticket's owner hears once, a day before the
 * 7-day rating window closes (its warning instant), staff hear nothing, and the window still closes at 7 days.
 */
jest.setTimeout(120_000);

describe('rating reminder (injectable clock)', () => {
  let t: TestApp;
  let w: World;
  const clock = new TestClock(shanghaiTime('2026-03-02 09:00'));
  const reconcile = () => t.app.get(SlaReconciler).reconcile({ force: true });
  const ticketOf = async (id: string) =>
    ok(await t.gql(`query($id: ID!) { ticket(id: $id) { status version clocks { ${CLOCK_FIELDS} } } }`, { id }, w.staffA.token)).ticket;
  const reminders = (ticketId: string): Promise<{ user_id: string }[]> =>
    t.ds.query(`SELECT user_id FROM notifications WHERE ticket_id = ? AND kind = 'RATING_REMINDER'`, [ticketId]);
  const act = async (m: string, type: string, input: Record<string, unknown>, token: string) =>
    ok(await t.gql(`mutation($input: ${type}!) { ${m}(input: $input) { id status version } }`, { input }, token))[m];
  const resolved = async () => {
    const tk = await fileTicket(t, w.ownerA, w.qrA);
    let v = (await act('acceptTicket', 'AcceptTicketInput', { ticketId: tk.id, version: tk.version }, w.staffA.token)).version;
    v = (await act('startTicket', 'NoteInput', { ticketId: tk.id, version: v }, w.staffA.token)).version;
    return { id: tk.id as string, version: (await act('resolveTicket', 'ResolveTicketInput', { ticketId: tk.id, version: v, result: '已修复。' }, w.staffA.token)).version as number };
  };

  beforeAll(async () => {
    t = await startTestApp({ SLA_RECONCILE_GRACE_MS: '0' }, clock);
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('reminds the owner once at 6 days, whatever fires twice, and still closes at 7 days', async () => {
    clock.set(shanghaiTime('2026-03-02 09:00'));
    const tk = await resolved();
    const rating = (await ticketOf(tk.id)).clocks.find((c: any) => c.target === 'RATING');
    expect(new Date(rating.warnAt)).toEqual(shanghaiTime('2026-03-08 09:00'));
    expect(new Date(rating.dueAt)).toEqual(shanghaiTime('2026-03-09 09:00'));

    clock.set(shanghaiTime('2026-03-08 08:59'));
    await reconcile();
    expect(await reminders(tk.id)).toEqual([]);

    clock.set(shanghaiTime('2026-03-08 09:01'));
    const [{ version }] = await t.ds.query(`SELECT version FROM sla_clocks WHERE ticket_id = ? AND target = 'RATING'`, [tk.id]);
    const firing = t.app.get(SlaFiring);
    await Promise.all([firing.fire(tk.id, 'RATING' as any, Number(version)), firing.fire(tk.id, 'RATING' as any, Number(version)), reconcile(), reconcile()]);
    await reconcile();
    expect(await reminders(tk.id)).toEqual([{ user_id: String(w.ownerA.id) }]);
    const after = await ticketOf(tk.id);
    expect(after.status).toBe('RESOLVED'); // the reminder never closes early
    expect(after.clocks.find((c: any) => c.target === 'RATING')).toMatchObject({ state: 'RUNNING', warned: true, stopped: false });
    // Staff hear nothing of the rating window: no SLA warning notice, no timeline warning.
    const staff = await t.ds.query(`SELECT COUNT(*) AS n FROM notifications WHERE ticket_id = ? AND kind LIKE 'SLA\\_%' AND created_at >= ?`, [tk.id, shanghaiTime('2026-03-03 00:00')]);
    expect(Number(staff[0].n)).toBe(0);

    clock.set(shanghaiTime('2026-03-09 08:59'));
    await reconcile();
    expect((await ticketOf(tk.id)).status).toBe('RESOLVED');
    clock.set(shanghaiTime('2026-03-09 09:01'));
    await reconcile();
    expect((await ticketOf(tk.id)).status).toBe('CLOSED');
    expect(await reminders(tk.id)).toHaveLength(1);
  });

  it('sends no reminder when the owner rated before', async () => {
    clock.set(shanghaiTime('2026-03-02 10:00'));
    const tk = await resolved();
    clock.set(shanghaiTime('2026-03-04 10:00'));
    await act('rateTicket', 'RateTicketInput', { ticketId: tk.id, version: tk.version, solved: true, satisfaction: 5 }, w.ownerA.token);
    clock.set(shanghaiTime('2026-03-08 10:01'));
    await reconcile();
    clock.set(shanghaiTime('2026-03-09 10:01'));
    await reconcile();
    expect(await reminders(tk.id)).toEqual([]);
    expect((await ticketOf(tk.id)).status).toBe('CLOSED');
  });
});
