/**
 * Issue 13 features 1–4 over real HTTP and MariaDB: reclassify (clocks follow the new pair's policy), ask the
 * owner (the clock pauses, the answer resumes the clock that was running — Zammad #1322 — and no answer closes the
 * ticket once, from MySQL), extensions (granted by the manager or the department's head; a grant moves the due time;
 * counted), and the owner's urge (once per 24 h, concurrent attempts: exactly one wins; notified; counted).
 */
import { TicketAction as A } from '@msb/shared-types';
import { shanghaiTime } from '../src/sla/domain';
import { SlaReconciler } from '../src/sla/sla-reconciler';
import { codeOf, ok, startTestApp, TestClock, type TestApp } from './support/test-app';
import { buildWorld, type World } from './support/world';
import { act, must, walk, type TicketState } from './support/lifecycle-driver';
import { upload, JPEG } from './support/photos';

const CLOCKS = 'clocks { target state paused stopped dueAt remainingWorkingMinutes usedWorkingMinutes limitMinutes cycle policyId }';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('case handling (issue 13 features 1–4)', () => {
  let t: TestApp;
  let w: World;
  const clock = new TestClock(shanghaiTime('2026-03-02 09:00')); // a Monday
  const reconcile = () => t.app.get(SlaReconciler).reconcile({ force: true });
  const view = async (id: string, token = w.admin.token) =>
    ok(await t.gql(`query($id: ID!) { ticket(id: $id) { status version priority category { code name } extensionRequestedUntil nextUrgeAt availableActions ${CLOCKS} timeline { action note data actorRole } } }`, { id }, token)).ticket;
  const clockOf = (v: { clocks: { target: string }[] }, target: string) => v.clocks.find((c) => c.target === target) as Record<string, any> | undefined;
  const notices = async (userId: string, ticketId: string) =>
    (await t.ds.query('SELECT kind FROM notifications WHERE user_id = ? AND ticket_id = ? ORDER BY id', [userId, ticketId])).map((r: { kind: string }) => r.kind);
  const facts = async (ticketId: string) => (await t.ds.query('SELECT * FROM figure_ticket_facts WHERE ticket_id = ?', [ticketId]))[0];
  const inHandling = () => walk(t, w, [[A.ACCEPT, 'staffA'], [A.START, 'staffA']]);
  const withDepartment = () => walk(t, w, [[A.ACCEPT, 'staffA'], [A.START, 'staffA'], [A.DISPATCH, 'staffA'], [A.ACCEPT_DISPATCH, 'dept']]);

  beforeAll(async () => {
    t = await startTestApp({ SLA_RECONCILE_GRACE_MS: '0' }, clock);
    w = await buildWorld(t);
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set(shanghaiTime('2026-03-02 09:00')));

  describe('1. reclassify', () => {
    it('recalculates the clocks by the new pair’s policy, keeps the time used, is on the timeline, and the owner sees the new category', async () => {
      const s = await inHandling();
      clock.set(shanghaiTime('2026-03-02 10:00'));
      const before = clockOf(await view(s.id), 'RESOLVE')!;
      expect(before).toMatchObject({ limitMinutes: 540, policyId: 'default-normal' });
      const after = await must(t, w, A.RECLASSIFY, w.staffA, s, { categoryCode: 'ELEVATOR', priority: 'EMERGENCY', reason: '实为电梯困人' });
      const v = await view(after.id, w.ownerA.token);
      expect(v).toMatchObject({ priority: 'EMERGENCY', category: { code: 'ELEVATOR' } });
      // EMERGENCY: 2 h round the clock; the hour already used counts, so it is due at 11:00.
      expect(clockOf(v, 'RESOLVE')).toMatchObject({ state: 'RUNNING', limitMinutes: 120, policyId: 'default-emergency', cycle: 1, usedWorkingMinutes: 60 });
      expect(new Date(clockOf(v, 'RESOLVE')!.dueAt).toISOString()).toBe(shanghaiTime('2026-03-02 11:00').toISOString());
      const ev = v.timeline.find((e: { action: string }) => e.action === A.RECLASSIFY);
      expect(ev.note).toBe('实为电梯困人');
      expect(JSON.parse(ev.data)).toMatchObject({ fromCategory: 'FACILITIES', toCategory: 'ELEVATOR', fromPriority: 'NORMAL', toPriority: 'EMERGENCY' });
      expect(await notices(w.ownerA.id, s.id)).toContain('TICKET_RECLASSIFIED');
      // The figures count it under its new category.
      expect((await facts(s.id)).category_code).toBe('ELEVATOR');
    });

    it('refuses the same pair, an unknown category, and anyone but the property side', async () => {
      const s = await inHandling();
      expect((await act(t, A.RECLASSIFY, w.staffA, s, { categoryCode: 'FACILITIES', reason: '不变' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'categoryCode' });
      expect((await act(t, A.RECLASSIFY, w.staffA, s, { categoryCode: 'NO_SUCH', reason: '改一下' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'categoryCode' });
      expect(codeOf(await act(t, A.RECLASSIFY, w.ownerA, s, { reason: '改一下' }, w))).toBe('FORBIDDEN');
      expect(codeOf(await act(t, A.RECLASSIFY, w.staffB, s, {}, w))).toBe('NOT_FOUND');
    });
  });

  describe('2. ask the owner', () => {
    it('pauses the property’s clock; the answer (text and photos) resumes that clock where it stopped — not a new cycle, not another clock', async () => {
      const s = await inHandling();
      clock.set(shanghaiTime('2026-03-02 10:00'));
      const asked = await must(t, w, A.REQUEST_INFO, w.staffA, s, { question: '请拍一张漏水位置的照片' });
      let v = await view(asked.id, w.ownerA.token);
      expect(v.status).toBe('AWAITING_OWNER');
      expect(v.availableActions.sort()).toEqual([A.COMMENT, A.SUPPLY_INFO, A.WITHDRAW].sort());
      expect(clockOf(v, 'RESOLVE')).toMatchObject({ state: 'PAUSED', remainingWorkingMinutes: 480, cycle: 1 });
      expect(clockOf(v, 'OWNER_INFO')).toMatchObject({ state: 'RUNNING', limitMinutes: 7 * 24 * 60 });
      expect(await notices(w.ownerA.id, s.id)).toContain('INFO_REQUESTED');
      // Four hours later the owner answers with a photo.
      clock.set(shanghaiTime('2026-03-02 14:00'));
      const photo = await upload(t, w.ownerA, JPEG);
      const answered = await must(t, w, A.SUPPLY_INFO, w.ownerA, asked, { text: '卫生间顶上，照片已拍', photoIds: [photo.body.id] });
      expect(answered.status).toBe('IN_PROGRESS');
      v = await view(answered.id);
      // Zammad #1322: the answer resumes the same cycle with the same time left (not a fresh limit, not the ACCEPT clock).
      expect(clockOf(v, 'RESOLVE')).toMatchObject({ state: 'RUNNING', paused: false, remainingWorkingMinutes: 480, usedWorkingMinutes: 60, cycle: 1 });
      expect(clockOf(v, 'ACCEPT')).toMatchObject({ state: 'MET', stopped: true, cycle: 1 });
      expect(clockOf(v, 'OWNER_INFO')).toMatchObject({ state: 'MET', stopped: true });
      expect(await notices(w.staffA.id, s.id)).toContain('INFO_SUPPLIED');
      const [att] = await t.ds.query('SELECT ticket_id FROM attachments WHERE id = ?', [photo.body.id]);
      expect(String(att.ticket_id)).toBe(s.id);
    });

    it('with an outside department: its own limit pauses and resumes; the property’s clock keeps waiting', async () => {
      const s = await withDepartment();
      clock.set(shanghaiTime('2026-03-02 11:00'));
      const asked = await must(t, w, A.REQUEST_INFO, w.dept, s, { question: '占道摊位具体在几号楼门口？' });
      let v = await view(asked.id);
      expect(clockOf(v, 'DEPT_RESOLVE')).toMatchObject({ state: 'PAUSED' });
      expect(clockOf(v, 'RESOLVE')).toMatchObject({ state: 'PAUSED' });
      const deptLeft = clockOf(v, 'DEPT_RESOLVE')!.remainingWorkingMinutes;
      clock.set(shanghaiTime('2026-03-02 15:00'));
      await must(t, w, A.SUPPLY_INFO, w.ownerA, asked, { text: '在3号楼东门口' });
      v = await view(asked.id);
      expect(clockOf(v, 'DEPT_RESOLVE')).toMatchObject({ state: 'RUNNING', remainingWorkingMinutes: deptLeft, cycle: 1 });
      expect(clockOf(v, 'RESOLVE')).toMatchObject({ state: 'PAUSED' });
      expect(await notices(w.dept.id, s.id)).toContain('INFO_SUPPLIED');
    });

    it('no answer within 7 days: closed once by the scheduler from MySQL, the owner told, the handling clock cancelled', async () => {
      const s = await inHandling();
      clock.set(shanghaiTime('2026-03-02 10:00'));
      await must(t, w, A.REQUEST_INFO, w.staffA, s, { question: '请提供房号' });
      clock.set(shanghaiTime('2026-03-09 09:59'));
      await reconcile();
      expect((await view(s.id)).status).toBe('AWAITING_OWNER');
      clock.set(shanghaiTime('2026-03-09 10:01'));
      await Promise.all([reconcile(), reconcile()]);
      await reconcile();
      const v = await view(s.id);
      expect(v.status).toBe('CLOSED');
      expect(clockOf(v, 'OWNER_INFO')).toMatchObject({ stopped: true });
      expect(clockOf(v, 'RESOLVE')).toMatchObject({ state: 'CANCELLED', stopped: true });
      const closes = await t.ds.query(`SELECT actor_role, data FROM ticket_events WHERE ticket_id = ? AND action = 'CLOSE_UNANSWERED'`, [s.id]);
      expect(closes.map((c: { actor_role: string }) => c.actor_role)).toEqual(['SYSTEM']);
      expect(await notices(w.ownerA.id, s.id)).toContain('CLOSED_UNANSWERED');
      // Not an unrated resolve: the figures keep it apart from the rating window's auto-close.
      expect(await facts(s.id)).toMatchObject({ auto_closed: 0, open: 0, resolved: 0 });
    });
  });

  describe('3. extension', () => {
    it('the handler asks; the project manager grants; the due time moves to the date asked; counted', async () => {
      const s = await inHandling();
      const until = shanghaiTime('2026-03-06 17:00');
      const asked = await must(t, w, A.REQUEST_EXTENSION, w.staffA, s, { until: until.toISOString(), reason: '需等配件到货' });
      let v = await view(asked.id, w.managerA.token);
      expect(new Date(v.extensionRequestedUntil).toISOString()).toBe(until.toISOString());
      expect(v.availableActions).toContain(A.DECIDE_EXTENSION);
      expect((await view(asked.id, w.staffA.token)).availableActions).not.toContain(A.REQUEST_EXTENSION);
      expect(codeOf(await act(t, A.REQUEST_EXTENSION, w.staffA, asked, {}, w))).toBe('INVALID_TRANSITION');
      expect(codeOf(await act(t, A.DECIDE_EXTENSION, w.staffA, asked, {}, w))).toBe('FORBIDDEN');
      expect(await notices(w.managerA.id, s.id)).toContain('EXTENSION_REQUESTED');
      await must(t, w, A.DECIDE_EXTENSION, w.managerA, asked, { granted: true });
      v = await view(asked.id);
      expect(v.extensionRequestedUntil).toBeNull();
      expect(new Date(clockOf(v, 'RESOLVE')!.dueAt).toISOString()).toBe(until.toISOString());
      expect(await notices(w.staffA.id, s.id)).toContain('EXTENSION_DECIDED');
      expect(await facts(s.id)).toMatchObject({ extensions: 1, extensions_granted: 1 });
    });

    it('a refusal needs its reason and leaves the due time; an outside department’s request is decided by its head', async () => {
      const s = await inHandling();
      const due = clockOf(await view(s.id), 'RESOLVE')!.dueAt;
      const asked = await must(t, w, A.REQUEST_EXTENSION, w.staffA, s, { until: shanghaiTime('2026-03-10 17:00').toISOString(), reason: '人手不足' });
      expect((await act(t, A.DECIDE_EXTENSION, w.managerA, asked, { granted: false })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
      await must(t, w, A.DECIDE_EXTENSION, w.managerA, asked, { granted: false, note: '请按原时限办结' });
      expect(clockOf(await view(s.id), 'RESOLVE')!.dueAt).toBe(due);
      expect(await facts(s.id)).toMatchObject({ extensions: 1, extensions_granted: 0 });

      const d = await withDepartment();
      const until = shanghaiTime('2026-03-12 17:00');
      const dAsked = await must(t, w, A.REQUEST_EXTENSION, w.dept, d, { until: until.toISOString(), reason: '需协调执法力量' });
      expect(codeOf(await act(t, A.DECIDE_EXTENSION, w.managerA, dAsked, {}, w))).toBe('FORBIDDEN');
      expect(await notices(w.deptHead.id, d.id)).toContain('EXTENSION_REQUESTED');
      await must(t, w, A.DECIDE_EXTENSION, w.deptHead, dAsked, { granted: true });
      expect(new Date(clockOf(await view(d.id), 'DEPT_RESOLVE')!.dueAt).toISOString()).toBe(until.toISOString());
    });
  });

  describe('4. the owner’s urge', () => {
    it('of attempts sent at once exactly one succeeds; the handler and their manager are told; on the timeline; counted; again only after 24 h', async () => {
      const s: TicketState = await inHandling();
      const tries = await Promise.all(Array.from({ length: 6 }, () => act(t, A.URGE, w.ownerA, s, { note: '已经三天了' })));
      expect(tries.filter((r) => !r.errors).length).toBe(1);
      expect(tries.filter((r) => codeOf(r) === 'INVALID_TRANSITION').length).toBe(5);
      const urges = await t.ds.query(`SELECT COUNT(*) AS n FROM ticket_events WHERE ticket_id = ? AND action = 'URGE'`, [s.id]);
      expect(Number(urges[0].n)).toBe(1);
      const v = await view(s.id, w.ownerA.token);
      expect(v.version).toBe(s.version); // record-only: a staff member's open form is not made stale
      expect(v.availableActions).not.toContain(A.URGE);
      expect(new Date(v.nextUrgeAt).getTime()).toBe(shanghaiTime('2026-03-02 09:00').getTime() + DAY);
      expect(await notices(w.staffA.id, s.id)).toContain('TICKET_URGED');
      expect(await notices(w.managerA.id, s.id)).toContain('TICKET_URGED');
      expect(await facts(s.id)).toMatchObject({ owner_urges: 1, urges: 0 });
      clock.advance(DAY - 60_000);
      expect(codeOf(await act(t, A.URGE, w.ownerA, s, {}))).toBe('INVALID_TRANSITION');
      clock.advance(60_000);
      expect((await view(s.id, w.ownerA.token)).availableActions).toContain(A.URGE);
      ok(await act(t, A.URGE, w.ownerA, s, {}));
      expect(await facts(s.id)).toMatchObject({ owner_urges: 2 });
    });
  });
});
