/**
 * Every figure and the rankings for a known set of tickets, walked through the real lifecycle over HTTP
 * with a fixed clock, asserted against values worked out by hand below (docs/figures.md has the rules).
 *
 * March 2026; 2026-03-02 is a Monday (a working day). FACILITIES is NORMAL priority: accept within 30
 * working minutes, resolve within 540 working minutes of accepting (08:30–17:30 on working days).
 *
 *   complex A (company A, 甲社区 in 测试街道):
 *   T1 Mon 09:00 filed · 09:10 accepted · start · 11:00 resolved · rated solved 5★
 *   T2 Mon 09:00 filed · 10:00 accepted (ACCEPT breached at 09:30) · start · 12:00 resolved · 12:30 rated unsolved 2★ → in progress again
 *   T3 Mon 09:00 filed · 09:05 accepted · 09:30 dispatched to 城管 · 10:00 returned · 10:30 dispatched again ·
 *      11:00 accepted by 城管 · 13:00 resolved by 城管 · never rated → auto-closed
 *   T4 Mon 09:00 filed · 09:20 refused (not our remit)
 *   T5 Mon 09:00 filed · 09:15 withdrawn by the owner
 *   T6 Mon 16:00 filed · 16:10 督办 by the street · 17:00 督办 again by the city with a deadline of Tue 12:00
 *      (later than the ACCEPT limit, so no clock moves) · Tue 09:00 accepted (90 + 30 working minutes: breached) · still accepted
 *   T7 Mon 09:00 filed · 09:10 accepted · start · Tue 11:00 resolved (650 working minutes: breached) ·
 *      11:30 mediation requested · 12:00 sent back to handling · 14:00 resolved · 14:30 rated solved 3★
 *   T0 Wed 2026-02-25 10:00 filed · 10:05 accepted · start · 11:00 resolved · rated solved 5★ (previous month)
 *   complex C (company A, 甲社区): T9 Mon 09:00 filed · 09:10 accepted
 *   T10 Mon 10:00 filed as CLUTTER (楼内乱堆乱放) · 10:40 accepted (breached at 10:30) · start · 11:40 resolved · 12:00 rated solved 4★
 *   T11 Mon 11:00 filed through Open311 · 11:05 accepted · start · 12:00 resolved · not rated yet
 *   complex B (company B, 乙社区 in 另一街道):
 *   T8 Mon 09:00 filed · 09:05 accepted · start · 10:00 resolved · 10:30 rated solved 5★ · Tue 09:00 reopened · 10:00 resolved
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AreaLevel, Role, TicketAction as A, TicketSource } from '@msb/shared-types';
import { shanghaiTime } from '../../src/sla/domain';
import { QrService } from '../../src/qr/qr.service';
import { OrgService } from '../../src/org/org.service';
import { TicketsService } from '../../src/tickets/tickets.service';
import { FiguresRollup } from '../../src/figures/figures-rollup.service';
import { codeOf, ok, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, fileTicket, type Actor, type World } from '../support/world';
import { must, type TicketState, type UserAction } from '../support/lifecycle-driver';

const FIGURES = `
  scope { kind id name } complexCount period { from to } previousPeriod { from to } backlog
  current { ...Set } previous { ...Set }
  byCategory { key name figures { counts { filed } rates { response } } }
  bySource { key name figures { counts { filed } rates { response } } }`;
const SET = `fragment Set on FigureSet {
  counts { filed open accepted refused withdrawn acceptBase acceptMet resolveBase resolveMet dispatchBase dispatchMet
    mediationBase mediationMet resolved rated solved satisfied autoClosed dispatches returns redone urges deadlineUrges
    mediationRequested mediationAgreed mediationSentBack extensions }
  rates { response resolution satisfaction resolvedOnTime dispatchOnTime mediationOnTime returnRate redoRate }
  slaMet
  times { acceptWall { medianMinutes p90Minutes count } acceptWork { medianMinutes p90Minutes count }
    resolveWall { medianMinutes p90Minutes count } resolveWork { medianMinutes p90Minutes count } }
}`;

const MARCH = { kind: 'MONTH', day: '2026-03-15' };

/** Every count, worked out by hand from the story above. */
const ZERO = {
  filed: 0, open: 0, accepted: 0, refused: 0, withdrawn: 0, acceptBase: 0, acceptMet: 0, resolveBase: 0, resolveMet: 0, dispatchBase: 0, dispatchMet: 0,
  mediationBase: 0, mediationMet: 0, resolved: 0, rated: 0, solved: 0, satisfied: 0, autoClosed: 0, dispatches: 0, returns: 0, redone: 0, urges: 0,
  deadlineUrges: 0, mediationRequested: 0, mediationAgreed: 0, mediationSentBack: 0, extensions: 0,
};
/** Complex A in March: T1–T7. */
const IN_A = {
  ...ZERO, filed: 7, open: 2, accepted: 5, refused: 1, withdrawn: 1, acceptBase: 6, acceptMet: 4, resolveBase: 4, resolveMet: 3, dispatchBase: 1, dispatchMet: 1,
  mediationBase: 1, mediationMet: 1, resolved: 4, rated: 3, solved: 2, satisfied: 1, autoClosed: 1, dispatches: 2, returns: 1, redone: 1, urges: 2,
  deadlineUrges: 1, mediationRequested: 1, mediationSentBack: 1,
};
/** Complex C in March: T9 (accepted, open), T10 (late response, resolved, rated 4★), T11 (Open311, resolved, unrated). */
const IN_C = { ...ZERO, filed: 3, open: 1, accepted: 3, acceptBase: 3, acceptMet: 2, resolveBase: 2, resolveMet: 2, resolved: 2, rated: 1, solved: 1, satisfied: 1 };
/** Complex B in March: T8 (resolved, rated, reopened, resolved again). */
const IN_B = { ...ZERO, filed: 1, accepted: 1, acceptBase: 1, acceptMet: 1, resolveBase: 1, resolveMet: 1, resolved: 1, rated: 1, solved: 1, satisfied: 1, redone: 1 };
/** T0, complex A in February. */
const T0 = { ...ZERO, filed: 1, accepted: 1, acceptBase: 1, acceptMet: 1, resolveBase: 1, resolveMet: 1, resolved: 1, rated: 1, solved: 1, satisfied: 1 };
const sum = (...xs: Record<string, number>[]) => Object.fromEntries(Object.keys(ZERO).map((k) => [k, xs.reduce((n, x) => n + x[k], 0)]));

describe('figures for a known set of tickets', () => {
  let t: TestApp;
  let w: World;
  let complexC: number;
  let companyA: number;
  let companyB: number;
  let city: number;

  const at = (local: string) => t.clock.set(shanghaiTime(local));

  async function file(owner: Actor, qr: string, local: string): Promise<TicketState> {
    at(local);
    const f = await fileTicket(t, owner, qr);
    return { id: f.id, status: f.status, version: f.version, assignee: null, handlingUnit: null, dispatchTarget: null };
  }

  async function step(s: TicketState, local: string, action: UserAction, actor: Actor, extra: Record<string, unknown> = {}): Promise<TicketState> {
    at(local);
    return must(t, w, action, actor, s, extra);
  }

  const figures = async (actor: Actor, scope: { kind: string; id: number }, period: Record<string, unknown> = MARCH, f: { categoryCode?: string; source?: string } = {}) =>
    t.gql(`query($s: FigureScopeInput!, $p: FigurePeriodInput!, $c: String, $src: String) { figures(scope: $s, period: $p, categoryCode: $c, source: $src) { ${FIGURES} } } ${SET}`,
      { s: scope, p: period, c: f.categoryCode, src: f.source }, actor.token);

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    const ds = t.ds;
    [{ company_id: companyA }] = await ds.query('SELECT company_id FROM complexes WHERE id = ?', [w.complexA]);
    [{ company_id: companyB }] = await ds.query('SELECT company_id FROM complexes WHERE id = ?', [w.complexB]);
    [{ id: city }] = await ds.query('SELECT id FROM areas WHERE level = ? ORDER BY id DESC LIMIT 1', [AreaLevel.CITY]);
    complexC = Number((await ds.query('INSERT INTO complexes (name, address, community_id, company_id) VALUES (?, ?, ?, ?)', ['丙小区', '丙路3号', w.communityA, companyA])).insertId);
    const spotC = Number((await ds.query('INSERT INTO spots (complex_id, kind, name) VALUES (?, ?, ?)', [complexC, 'GATE', '南门'])).insertId);
    const staffC = (await ds.query('INSERT INTO users (name, phone) VALUES (?, ?)', ['丙员工', '17999990001'])).insertId;
    await ds.query('INSERT INTO role_assignments (user_id, role, company_id, complex_id) VALUES (?, ?, ?, ?)', [staffC, Role.STAFF, companyA, complexC]);
    t.app.get(OrgService).invalidate();
    const qrC = t.app.get(QrService).tokenFor({ id: spotC, qrSerial: 1 });
    const staffCActor: Actor = { id: String(staffC), name: '丙员工', token: t.app.get((await import('@nestjs/jwt')).JwtService).sign({ sub: String(staffC) }) };
    const tickets = t.app.get(TicketsService);

    // T0, February.
    let s = await file(w.ownerA, w.qrA, '2026-02-25 10:00');
    s = await step(s, '2026-02-25 10:05', A.ACCEPT, w.staffA);
    s = await step(s, '2026-02-25 10:06', A.START, w.staffA);
    s = await step(s, '2026-02-25 11:00', A.RESOLVE, w.staffA);
    await step(s, '2026-02-25 12:00', A.RATE, w.ownerA, { solved: true, satisfaction: 5 });

    // T1
    s = await file(w.ownerA, w.qrA, '2026-03-02 09:00');
    s = await step(s, '2026-03-02 09:10', A.ACCEPT, w.staffA);
    s = await step(s, '2026-03-02 09:11', A.START, w.staffA);
    s = await step(s, '2026-03-02 11:00', A.RESOLVE, w.staffA);
    await step(s, '2026-03-02 11:30', A.RATE, w.ownerA, { solved: true, satisfaction: 5 });
    // T2
    s = await file(w.ownerA, w.qrA, '2026-03-02 09:00');
    s = await step(s, '2026-03-02 10:00', A.ACCEPT, w.staffA);
    s = await step(s, '2026-03-02 10:01', A.START, w.staffA);
    s = await step(s, '2026-03-02 12:00', A.RESOLVE, w.staffA);
    await step(s, '2026-03-02 12:30', A.RATE, w.ownerA, { solved: false, satisfaction: 2 });
    // T3
    s = await file(w.ownerA, w.qrA, '2026-03-02 09:00');
    s = await step(s, '2026-03-02 09:05', A.ACCEPT, w.staffA);
    s = await step(s, '2026-03-02 09:30', A.DISPATCH, w.staffA);
    s = await step(s, '2026-03-02 10:00', A.RETURN_DISPATCH, w.dept);
    s = await step(s, '2026-03-02 10:30', A.DISPATCH, w.staffA);
    s = await step(s, '2026-03-02 11:00', A.ACCEPT_DISPATCH, w.dept);
    s = await step(s, '2026-03-02 13:00', A.RESOLVE, w.dept);
    at('2026-03-09 13:00');
    expect(await tickets.actAsSystem(s.id, A.AUTO_CLOSE, s.version, '超期未评价')).toBe(true);
    // T4
    s = await file(w.ownerA, w.qrA, '2026-03-02 09:00');
    await step(s, '2026-03-02 09:20', A.REFUSE, w.staffA);
    // T5
    s = await file(w.ownerA, w.qrA, '2026-03-02 09:00');
    await step(s, '2026-03-02 09:15', A.WITHDRAW, w.ownerA);
    // T6, urged twice before anyone responds.
    s = await file(w.ownerA, w.qrA, '2026-03-02 16:00');
    s = await step(s, '2026-03-02 16:10', A.SUPERVISE, w.oversightStreet, { note: '请尽快受理' });
    s = await step(s, '2026-03-02 17:00', A.SUPERVISE, w.oversightCity, { note: '再次督办', deadline: shanghaiTime('2026-03-03 12:00').toISOString() });
    await step(s, '2026-03-03 09:00', A.ACCEPT, w.staffA);
    // T7
    s = await file(w.ownerA, w.qrA, '2026-03-02 09:00');
    s = await step(s, '2026-03-02 09:10', A.ACCEPT, w.staffA);
    s = await step(s, '2026-03-02 09:11', A.START, w.staffA);
    s = await step(s, '2026-03-03 11:00', A.RESOLVE, w.staffA);
    s = await step(s, '2026-03-03 11:30', A.REQUEST_MEDIATION, w.ownerA);
    s = await step(s, '2026-03-03 12:00', A.RECORD_MEDIATION, w.mediatorA, { outcome: 'BACK_TO_HANDLING', notes: '请物业再次上门维修' });
    s = await step(s, '2026-03-03 14:00', A.RESOLVE, w.staffA);
    await step(s, '2026-03-03 14:30', A.RATE, w.ownerA, { solved: true, satisfaction: 3 });
    // T9 in complex C
    s = await file(w.ownerA, qrC, '2026-03-02 09:00');
    await step(s, '2026-03-02 09:10', A.ACCEPT, staffCActor);
    // T10 in complex C, another category.
    at('2026-03-02 10:00');
    const clutter = await fileTicket(t, w.ownerA2, qrC, { categoryCode: 'CLUTTER', text: '楼道里堆满了纸箱，影响通行。' });
    s = { id: clutter.id, status: clutter.status, version: clutter.version, assignee: null, handlingUnit: null, dispatchTarget: null };
    s = await step(s, '2026-03-02 10:40', A.ACCEPT, staffCActor);
    s = await step(s, '2026-03-02 10:41', A.START, staffCActor);
    s = await step(s, '2026-03-02 11:40', A.RESOLVE, staffCActor);
    await step(s, '2026-03-02 12:00', A.RATE, w.ownerA2, { solved: true, satisfaction: 4 });
    // T11 in complex C, through Open311 (the channel files through the tickets service as its reporter account).
    at('2026-03-02 11:00');
    const viaOpen311 = await tickets.fileFromSource((await t.app.get(OrgService).loadViewer(w.ownerA2.id))!, {
      source: TicketSource.OPEN311, idempotencyKey: 'open311-figures-1', complexId: complexC, categoryCode: 'FACILITIES',
      text: '南门路灯不亮', locationText: '南门', contactName: '', contactPhone: '', data: null,
    });
    s = { id: viaOpen311.id, status: viaOpen311.status, version: viaOpen311.version, assignee: null, handlingUnit: null, dispatchTarget: null };
    s = await step(s, '2026-03-02 11:05', A.ACCEPT, staffCActor);
    s = await step(s, '2026-03-02 11:06', A.START, staffCActor);
    await step(s, '2026-03-02 12:00', A.RESOLVE, staffCActor);
    // T8 in complex B
    s = await file(w.ownerB, w.qrB, '2026-03-02 09:00');
    s = await step(s, '2026-03-02 09:05', A.ACCEPT, w.staffB);
    s = await step(s, '2026-03-02 09:06', A.START, w.staffB);
    s = await step(s, '2026-03-02 10:00', A.RESOLVE, w.staffB);
    s = await step(s, '2026-03-02 10:30', A.RATE, w.ownerB, { solved: true, satisfaction: 5 });
    s = await step(s, '2026-03-03 09:00', A.REOPEN, w.ownerB);
    await step(s, '2026-03-03 10:00', A.RESOLVE, w.staffB);

    at('2026-03-20 10:00');
  });

  afterAll(() => t?.close());

  it('complex A, March: every count, rate and time', async () => {
    const f = ok(await figures(w.oversightStreet, { kind: 'COMPLEX', id: w.complexA })).figures;
    expect(f.scope).toEqual({ kind: 'COMPLEX', id: w.complexA, name: '甲小区' });
    expect(f.period).toEqual({ from: '2026-03-01', to: '2026-04-01' });
    expect(f.previousPeriod).toEqual({ from: '2026-02-01', to: '2026-03-01' });
    expect(f.current.counts).toEqual({
      filed: 7, open: 2, accepted: 5, refused: 1, withdrawn: 1,
      acceptBase: 6, acceptMet: 4, resolveBase: 4, resolveMet: 3, dispatchBase: 1, dispatchMet: 1, mediationBase: 1, mediationMet: 1,
      resolved: 4, rated: 3, solved: 2, satisfied: 1, autoClosed: 1, dispatches: 2, returns: 1, redone: 1, urges: 2, deadlineUrges: 1,
      mediationRequested: 1, mediationAgreed: 0, mediationSentBack: 1, extensions: 0,
    });
    expect(f.current.counts).toEqual(IN_A);
    expect(f.current.rates.response).toBeCloseTo(4 / 6, 12);
    expect(f.current.rates.resolution).toBeCloseTo(2 / 3, 12);
    expect(f.current.rates.satisfaction).toBeCloseTo(1 / 3, 12);
    expect(f.current.rates.resolvedOnTime).toBeCloseTo(3 / 4, 12);
    expect(f.current.rates.dispatchOnTime).toBe(1);
    expect(f.current.rates.mediationOnTime).toBe(1);
    expect(f.current.rates.returnRate).toBe(0.5);
    expect(f.current.rates.redoRate).toBe(0.25);
    // (4 + 3 + 1 + 1) met of (6 + 4 + 1 + 1) due.
    expect(f.current.slaMet).toBeCloseTo(9 / 12, 12);
    // To first response: 10, 60, 5, 20, 1020 (Mon 16:00 → Tue 09:00), 10 minutes; working: T6 is 90 + 30 = 120.
    expect(f.current.times.acceptWall).toEqual({ medianMinutes: 10, p90Minutes: 1020, count: 6 });
    expect(f.current.times.acceptWork).toEqual({ medianMinutes: 10, p90Minutes: 120, count: 6 });
    // To first resolve: 120, 180, 240, 1560 (Mon 09:00 → Tue 11:00); working: T7 is 510 + 150 = 660.
    expect(f.current.times.resolveWall).toEqual({ medianMinutes: 180, p90Minutes: 1560, count: 4 });
    expect(f.current.times.resolveWork).toEqual({ medianMinutes: 180, p90Minutes: 660, count: 4 });
    expect(f.backlog).toBe(2);
    expect(f.byCategory).toEqual([{ key: 'FACILITIES', name: '住宅设施设备维护', figures: { counts: { filed: 7 }, rates: { response: 4 / 6 } } }]);
    expect(f.bySource).toEqual([{ key: 'QR', name: '扫码', figures: { counts: { filed: 7 }, rates: { response: 4 / 6 } } }]);

    // February, the previous period.
    expect(f.previous.counts).toEqual(T0);
    expect(f.previous.rates).toMatchObject({ response: 1, resolution: 1, satisfaction: 1, resolvedOnTime: 1, returnRate: null, redoRate: 0 });
    expect(f.previous.times.acceptWall).toEqual({ medianMinutes: 5, p90Minutes: 5, count: 1 });
    expect(f.previous.times.resolveWall).toEqual({ medianMinutes: 60, p90Minutes: 60, count: 1 });
  });

  it('complex C: another category and another source, each broken out and filterable', async () => {
    const f = ok(await figures(w.oversightStreet, { kind: 'COMPLEX', id: complexC })).figures;
    expect(f.current.counts).toEqual(IN_C);
    expect(f.current.rates).toEqual({ response: 2 / 3, resolution: 1, satisfaction: 1, resolvedOnTime: 1, dispatchOnTime: null, mediationOnTime: null, returnRate: null, redoRate: 0 });
    expect(f.current.slaMet).toBeCloseTo(4 / 5, 12);
    // To first response 10, 40, 5; to first resolve 100, 60 — all inside working hours, so working time is the same.
    for (const k of ['acceptWall', 'acceptWork']) expect(f.current.times[k]).toEqual({ medianMinutes: 10, p90Minutes: 40, count: 3 });
    for (const k of ['resolveWall', 'resolveWork']) expect(f.current.times[k]).toEqual({ medianMinutes: 60, p90Minutes: 100, count: 2 });
    expect(f.backlog).toBe(1);
    expect(f.byCategory).toEqual([
      { key: 'FACILITIES', name: '住宅设施设备维护', figures: { counts: { filed: 2 }, rates: { response: 1 } } },
      { key: 'CLUTTER', name: '楼内乱堆乱放', figures: { counts: { filed: 1 }, rates: { response: 0 } } },
    ]);
    expect(f.bySource).toEqual([
      { key: 'QR', name: '扫码', figures: { counts: { filed: 2 }, rates: { response: 0.5 } } },
      { key: 'OPEN311', name: 'Open311', figures: { counts: { filed: 1 }, rates: { response: 1 } } },
    ]);
    const clutter = ok(await figures(w.oversightStreet, { kind: 'COMPLEX', id: complexC }, MARCH, { categoryCode: 'CLUTTER' })).figures;
    expect(clutter.current.counts).toEqual({ ...ZERO, filed: 1, accepted: 1, acceptBase: 1, resolveBase: 1, resolveMet: 1, resolved: 1, rated: 1, solved: 1, satisfied: 1 });
    expect(clutter.current.times.acceptWall).toEqual({ medianMinutes: 40, p90Minutes: 40, count: 1 });
    expect(clutter.backlog).toBe(0);
    expect(clutter.previous.counts).toEqual(ZERO);
    const open311 = ok(await figures(w.oversightStreet, { kind: 'STREET', id: w.street }, MARCH, { source: 'OPEN311' })).figures;
    expect(open311.current.counts).toEqual({ ...ZERO, filed: 1, accepted: 1, acceptBase: 1, acceptMet: 1, resolveBase: 1, resolveMet: 1, resolved: 1 });
    expect(open311.current.rates).toMatchObject({ response: 1, resolution: null, satisfaction: null, resolvedOnTime: 1 });
  });

  it('community, street and company A are complexes A + C; district and city are everything', async () => {
    const districtId = Number((await t.ds.query('SELECT parent_id FROM areas WHERE id = ?', [w.street]))[0].parent_id);
    const AC = sum(IN_A, IN_C);
    const ABC = sum(IN_A, IN_B, IN_C);
    const scopes: [Actor, { kind: string; id: number }, Record<string, number>, number][] = [
      [w.oversightStreet, { kind: 'COMMUNITY', id: w.communityA }, AC, 2],
      [w.oversightStreet, { kind: 'STREET', id: w.street }, AC, 2],
      [w.oversightCity, { kind: 'COMPANY', id: companyA }, AC, 2],
      [w.oversightCity, { kind: 'DISTRICT', id: districtId }, ABC, 3],
      [w.oversightCity, { kind: 'CITY', id: city }, ABC, 3],
    ];
    for (const [who, scope, counts, complexes] of scopes) {
      const f = ok(await figures(who, scope)).figures;
      expect({ scope: scope.kind, complexes: f.complexCount, counts: f.current.counts, previous: f.previous.counts, backlog: f.backlog })
        .toEqual({ scope: scope.kind, complexes, counts, previous: T0, backlog: 3 });
    }
    const street = ok(await figures(w.oversightStreet, { kind: 'STREET', id: w.street })).figures;
    expect(street.current.rates).toEqual({ response: 6 / 9, resolution: 3 / 4, satisfaction: 2 / 4, resolvedOnTime: 5 / 6, dispatchOnTime: 1, mediationOnTime: 1, returnRate: 0.5, redoRate: 1 / 6 });
    expect(street.current.slaMet).toBeCloseTo(13 / 17, 12);
    // To first response: A's 10, 60, 5, 20, 1020 (working 120), 10 and C's 10, 40, 5; to first resolve A's 120, 180, 240, 1560 (working 660), C's 100, 60.
    expect(street.current.times).toEqual({
      acceptWall: { medianMinutes: 10, p90Minutes: 1020, count: 9 }, acceptWork: { medianMinutes: 10, p90Minutes: 120, count: 9 },
      resolveWall: { medianMinutes: 120, p90Minutes: 1560, count: 6 }, resolveWork: { medianMinutes: 120, p90Minutes: 660, count: 6 },
    });
    expect(street.byCategory).toEqual([
      { key: 'FACILITIES', name: '住宅设施设备维护', figures: { counts: { filed: 9 }, rates: { response: 6 / 8 } } },
      { key: 'CLUTTER', name: '楼内乱堆乱放', figures: { counts: { filed: 1 }, rates: { response: 0 } } },
    ]);
    expect(street.bySource).toEqual([
      { key: 'QR', name: '扫码', figures: { counts: { filed: 9 }, rates: { response: 5 / 8 } } },
      { key: 'OPEN311', name: 'Open311', figures: { counts: { filed: 1 }, rates: { response: 1 } } },
    ]);
    const all = ok(await figures(w.oversightCity, { kind: 'CITY', id: city })).figures;
    expect(all.current.rates).toEqual({ response: 7 / 10, resolution: 4 / 5, satisfaction: 3 / 5, resolvedOnTime: 6 / 7, dispatchOnTime: 1, mediationOnTime: 1, returnRate: 0.5, redoRate: 2 / 7 });
    expect(all.current.slaMet).toBeCloseTo(15 / 19, 12);
    // B adds 5 to response and 60 to resolve.
    expect(all.current.times).toEqual({
      acceptWall: { medianMinutes: 10, p90Minutes: 60, count: 10 }, acceptWork: { medianMinutes: 10, p90Minutes: 60, count: 10 },
      resolveWall: { medianMinutes: 120, p90Minutes: 1560, count: 7 }, resolveWork: { medianMinutes: 120, p90Minutes: 660, count: 7 },
    });
    const b = ok(await figures(w.oversightCity, { kind: 'COMPLEX', id: w.complexB })).figures;
    expect(b.current.counts).toEqual(IN_B);
    expect(b.current.rates).toEqual({ response: 1, resolution: 1, satisfaction: 1, resolvedOnTime: 1, dispatchOnTime: null, mediationOnTime: null, returnRate: null, redoRate: 1 });
    expect(b.current.times.resolveWall).toEqual({ medianMinutes: 60, p90Minutes: 60, count: 1 });
    expect(b.previous.counts).toEqual(ZERO);
  });

  it('a half-year holds February and March; the one before is empty', async () => {
    const h = ok(await figures(w.oversightCity, { kind: 'COMPLEX', id: w.complexA }, { kind: 'HALF_YEAR', day: '2026-03-15' })).figures;
    expect(h.period).toEqual({ from: '2026-01-01', to: '2026-07-01' });
    expect(h.previousPeriod).toEqual({ from: '2025-07-01', to: '2026-01-01' });
    expect(h.current.counts).toEqual(sum(IN_A, T0));
    expect(h.current.rates.response).toBeCloseTo(5 / 7, 12);
    expect(h.previous.counts).toEqual(ZERO);
    const second = ok(await figures(w.oversightCity, { kind: 'COMPLEX', id: w.complexA }, { kind: 'HALF_YEAR', day: '2026-09-30' })).figures;
    expect(second.period).toEqual({ from: '2026-07-01', to: '2027-01-01' });
    expect(second.previous.counts).toEqual(sum(IN_A, T0));
    expect(second.current.counts).toEqual(ZERO);
  });

  it('custom ranges, days and weeks', async () => {
    const day = ok(await figures(w.oversightStreet, { kind: 'STREET', id: w.street }, { kind: 'DAY', day: '2026-03-02' })).figures;
    expect(day.period).toEqual({ from: '2026-03-02', to: '2026-03-03' });
    expect(day.previousPeriod).toEqual({ from: '2026-03-01', to: '2026-03-02' });
    expect(day.current.counts).toEqual(sum(IN_A, IN_C));
    expect(day.previous.counts).toEqual(ZERO);
    const tuesday = ok(await figures(w.oversightStreet, { kind: 'STREET', id: w.street }, { kind: 'DAY', day: '2026-03-03' })).figures;
    expect(tuesday.current.counts).toEqual(ZERO);
    expect(tuesday.previous.counts).toEqual(sum(IN_A, IN_C));
    const week = ok(await figures(w.oversightStreet, { kind: 'STREET', id: w.street }, { kind: 'WEEK', day: '2026-03-04' })).figures;
    expect(week.period).toEqual({ from: '2026-03-02', to: '2026-03-09' });
    expect(week.previousPeriod).toEqual({ from: '2026-02-23', to: '2026-03-02' });
    expect(week.current.counts).toEqual(sum(IN_A, IN_C));
    expect(week.previous.counts).toEqual(T0);
    const custom = ok(await figures(w.oversightCity, { kind: 'COMPLEX', id: w.complexA }, { kind: 'CUSTOM', day: '2026-02-20', to: '2026-03-02' })).figures;
    expect(custom.period).toEqual({ from: '2026-02-20', to: '2026-03-03' });
    expect(custom.current.counts).toEqual(sum(IN_A, T0));
    expect(custom.previousPeriod).toEqual({ from: '2026-02-09', to: '2026-02-20' });
    expect(custom.previous.counts).toEqual(ZERO);
    const bad = await figures(w.oversightCity, { kind: 'COMPLEX', id: w.complexA }, { kind: 'CUSTOM', day: '2026-03-02', to: '2026-02-01' });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
  });

  it('ranks complexes, companies, communities and streets by the composite score, with the minimum sample', async () => {
    const ranking = async (level: string, scheme?: string) => ok(await t.gql(
      `query($s: FigureScopeInput!, $p: FigurePeriodInput!, $l: RankLevel!, $sc: String) {
        ranking(scope: $s, level: $l, period: $p, scheme: $sc) { scheme { id version minTickets items { item weight floor } } rows { rank unit { kind id name } filed urges score rates { response resolution satisfaction } } } }`,
      { s: { kind: 'CITY', id: city }, p: MARCH, l: level, sc: scheme }, w.oversightCity.token,
    )).ranking;
    // A: 0.30 × 66.67 + 0.35 × 66.67 + 0.35 × 33.33 = 55; C: 0.30 × 66.67 + 0.35 × 100 + 0.35 × 100 = 90 but 3 tickets < 5;
    // B: 100 but 1 ticket. Unranked units follow, most tickets first, their counts shown.
    const complexes = await ranking('COMPLEX');
    expect(complexes.scheme).toMatchObject({ id: 'WEIGHTED_30_35_35', version: 1, minTickets: 5 });
    expect(complexes.rows.map((r: any) => [r.rank, r.unit.name, r.filed, r.urges])).toEqual([[1, '甲小区', 7, 2], [null, '丙小区', 3, 0], [null, '乙小区', 1, 0]]);
    expect(complexes.rows[0].score).toBeCloseTo(55, 9);
    expect(complexes.rows[0].rates).toEqual({ response: 4 / 6, resolution: 2 / 3, satisfaction: 1 / 3 });
    expect(complexes.rows[1].score).toBeCloseTo(90, 9);
    expect(complexes.rows[2].score).toBeCloseTo(100, 9);
    // Company A: (7 × 55 + 3 × 90) / 10 = 65.5, ticket-weighted over its complexes (not the score of its pooled rates, 63.75).
    const companies = await ranking('COMPANY');
    expect(companies.rows.map((r: any) => [r.rank, r.unit.id, r.filed, r.urges])).toEqual([[1, companyA, 10, 2], [null, companyB, 1, 0]]);
    expect(companies.rows[0].score).toBeCloseTo(65.5, 9);
    expect(companies.rows[0].rates).toEqual({ response: 6 / 9, resolution: 3 / 4, satisfaction: 2 / 4 });
    for (const level of ['STREET', 'COMMUNITY']) {
      const rows = (await ranking(level)).rows;
      expect(rows.map((r: any) => [r.rank, r.unit.kind, r.unit.id, r.filed])).toEqual([[1, level, level === 'STREET' ? w.street : w.communityA, 10], [null, level, expect.any(Number), 1]]);
      expect(rows[0].score).toBeCloseTo(65.5, 9);
    }
    // Piecewise: A's response 0.667 < 0.8 and satisfaction 0.333 < 0.6 score 0; resolution 0.667 ≥ 0.6 → 0.35 × 66.67 = 23.33.
    // C: response under its floor → 0.35 × 100 + 0.35 × 100 = 70. Company A: (7 × 23.33 + 3 × 70) / 10 = 37.33.
    const piecewise = await ranking('COMPLEX', 'PIECEWISE_FLOOR');
    expect(piecewise.scheme.items).toEqual([{ item: 'response', weight: 0.3, floor: 0.8 }, { item: 'resolution', weight: 0.35, floor: 0.6 }, { item: 'satisfaction', weight: 0.35, floor: 0.6 }]);
    expect(piecewise.rows[0].score).toBeCloseTo(0.35 * 200 / 3, 9);
    expect(piecewise.rows[1].score).toBeCloseTo(70, 9);
    expect((await ranking('COMPANY', 'PIECEWISE_FLOOR')).rows[0].score).toBeCloseTo((7 * 0.35 * 200 / 3 + 3 * 70) / 10, 9);
    expect(codeOf(await t.gql(`query($s: FigureScopeInput!, $p: FigurePeriodInput!) { ranking(scope: $s, level: COMPLEX, period: $p, scheme: "NOPE") { scheme { id } } }`,
      { s: { kind: 'CITY', id: city }, p: MARCH }, w.oversightCity.token))).toBe('BAD_USER_INPUT');
  });

  it('each rank links to the tickets behind it', async () => {
    const behind = async (scope: { kind: string; id: number }, extra: Record<string, unknown> = {}, first = 50) => ok(await t.gql(
      `query($s: FigureScopeInput!, $p: FigurePeriodInput!, $c: String, $o: Boolean, $f: Int, $a: String) {
        figureTickets(scope: $s, period: $p, categoryCode: $c, openOnly: $o, first: $f, after: $a) { nodes { id complex { id } category { code } status } pageInfo { hasNextPage endCursor } } }`,
      { s: scope, p: MARCH, f: first, ...extra }, w.oversightCity.token,
    )).figureTickets;
    const r = await behind({ kind: 'COMPLEX', id: w.complexA }, {}, 5);
    expect(r.nodes).toHaveLength(5);
    expect(r.pageInfo.hasNextPage).toBe(true);
    const rest = await behind({ kind: 'COMPLEX', id: w.complexA }, { a: r.pageInfo.endCursor }, 5);
    expect(rest.nodes).toHaveLength(2);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    // The company's rank row: its 10 tickets of March, in complexes A and C, newest first.
    const company = await behind({ kind: 'COMPANY', id: companyA });
    expect(company.nodes).toHaveLength(10);
    expect(new Set(company.nodes.map((n: any) => n.complex.id))).toEqual(new Set([w.complexA, complexC]));
    expect(company.nodes.map((n: any) => Number(n.id))).toEqual([...company.nodes.map((n: any) => Number(n.id))].sort((x, y) => y - x));
    const clutter = await behind({ kind: 'STREET', id: w.street }, { c: 'CLUTTER' });
    expect(clutter.nodes.map((n: any) => [n.complex.id, n.category.code])).toEqual([[complexC, 'CLUTTER']]);
    const open = await behind({ kind: 'STREET', id: w.street }, { o: true });
    expect(open.nodes.map((n: any) => n.status).sort()).toEqual(['ACCEPTED', 'ACCEPTED', 'IN_PROGRESS']);
    const oldest = ok(await t.gql(
      `query($s: FigureScopeInput!) { oldestOpenTickets(scope: $s) { id status } }`, { s: { kind: 'STREET', id: w.street } }, w.oversightStreet.token,
    )).oldestOpenTickets;
    expect(oldest.map((x: any) => x.status).sort()).toEqual(['ACCEPTED', 'ACCEPTED', 'IN_PROGRESS']);
  });

  it('scope-checks like everything else: outsiders get NOT_FOUND, non-oversight roles FORBIDDEN', async () => {
    expect(codeOf(await figures(w.oversightStreet, { kind: 'COMPLEX', id: w.complexB }))).toBe('NOT_FOUND');
    expect(codeOf(await figures(w.oversightStreet, { kind: 'CITY', id: city }))).toBe('NOT_FOUND');
    expect(codeOf(await figures(w.oversightStreet, { kind: 'COMPANY', id: companyB }))).toBe('NOT_FOUND');
    expect(codeOf(await figures(w.oversightStreet, { kind: 'COMMUNITY', id: w.communityB }))).toBe('NOT_FOUND');
    expect(codeOf(await figures(w.oversightStreet, { kind: 'COMPLEX', id: 999999 }))).toBe('NOT_FOUND');
    expect(codeOf(await figures(w.managerA, { kind: 'COMPLEX', id: w.complexB }))).toBe('NOT_FOUND');
    expect(ok(await figures(w.managerA, { kind: 'COMPLEX', id: w.complexA })).figures.current.counts.filed).toBe(7);
    expect(codeOf(await figures(w.ownerA, { kind: 'COMPLEX', id: w.complexA }))).toBe('FORBIDDEN');
    expect(codeOf(await figures(w.staffA, { kind: 'COMPLEX', id: w.complexA }))).toBe('FORBIDDEN');
    const scopes = ok(await t.gql('{ figureScopes { kind id name } }', {}, w.oversightStreet.token)).figureScopes;
    expect(scopes).toEqual([{ kind: 'STREET', id: w.street, name: '测试街道' }]);
  });

  it('公示 on the QR landing shows the same numbers, month by month', async () => {
    const place = ok(await t.gql(
      `query($q: String!) { complexByQrToken(token: $q) { figures { month filed resolved rated satisfactionRate }
        publicFigures { months { month figures { counts { filed resolved } rates { response resolution satisfaction resolvedOnTime } } } topCategories { key figures { counts { filed } } } } } }`,
      { q: w.qrA },
    )).complexByQrToken;
    expect(place.figures).toEqual({ month: '2026-03', filed: 7, resolved: 4, rated: 3, satisfactionRate: 1 / 3 });
    const months = place.publicFigures.months;
    expect(months).toHaveLength(12);
    expect(months[0].month).toBe('2025-04');
    expect(months[11]).toEqual({ month: '2026-03', figures: { counts: { filed: 7, resolved: 4 }, rates: { response: 4 / 6, resolution: 2 / 3, satisfaction: 1 / 3, resolvedOnTime: 0.75 } } });
    expect(months[10].figures.counts.filed).toBe(1);
    expect(place.publicFigures.topCategories).toEqual([{ key: 'FACILITIES', figures: { counts: { filed: 7 } } }]);
  });

  it('公示 is a public query with exactly the oversight view\'s numbers', async () => {
    const pub = ok(await t.gql(`query($q: String!) { complexByQrToken(token: $q) { publicFigures { months { month figures { ...Set } } } } } ${SET}`, { q: w.qrA })).complexByQrToken.publicFigures;
    const oversight = ok(await figures(w.oversightStreet, { kind: 'COMPLEX', id: w.complexA })).figures.current;
    const march = pub.months.find((m: { month: string }) => m.month === '2026-03').figures;
    expect({ counts: march.counts, rates: march.rates, slaMet: march.slaMet }).toEqual({ counts: oversight.counts, rates: oversight.rates, slaMet: oversight.slaMet });
    const feb = ok(await figures(w.oversightStreet, { kind: 'COMPLEX', id: w.complexA }, { kind: 'MONTH', day: '2026-02-10' })).figures.current;
    expect(pub.months.find((m: { month: string }) => m.month === '2026-02').figures.counts).toEqual(feb.counts);
  });

  it('the printable monthly notice: a PDF with the complex, the month and its figures, rendered and read back', async () => {
    const res = await fetch(`${t.url}/public/notice/${w.qrA}?month=2026-03`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'msb-notice-'));
    const pdf = join(dir, 'notice.pdf');
    writeFileSync(pdf, Buffer.from(await res.arrayBuffer()));
    const png = join(dir, 'notice.png');
    const out = execFileSync(process.execPath, [join(__dirname, 'render-notice.mjs'), pdf, '100', png], { encoding: 'utf8' });
    const r = JSON.parse(out) as { pages: number; text: string; inked: number; width: number; height: number };
    if (process.env.NOTICE_PNG) copyFileSync(png, process.env.NOTICE_PNG);
    expect(r.pages).toBe(1);
    expect(r.inked).toBeGreaterThan(0.03); // not blank: the red band alone is ~11 % of the page
    const text = r.text.replace(/\s+/g, ' ');
    for (const s of ['物业服务接诉即办公示', '甲小区', '2026年3月', '66.7%', '33.3%', '75.0%', '住宅设施设备维护', '7 件', '2026年2月']) expect({ s, found: text.includes(s) }).toEqual({ s, found: true });
    // 响应率 4/6, 解决率 2/3, 满意率 1/3, 按时办结率 3/4; 受理 7, 办结 4, 未办结 2, 已评价 3, 督办 2.
    expect(text).toMatch(/66\.7%.*66\.7%.*33\.3%.*75\.0%/);
    expect(text).toContain('7 受理（件） 4 办结（件） 2 未办结（件） 3 已评价（件） 2 督办（件）');
    expect(text).toContain('2026年3月 7 4 66.7% 66.7% 33.3% 75.0%');
    expect(text).toContain('2026年2月 1 1 100.0% 100.0% 100.0% 100.0%');
    expect((await fetch(`${t.url}/public/notice/${w.qrA}?month=2026-13`)).status).toBe(400);
    expect((await fetch(`${t.url}/public/notice/not-a-token`)).status).toBe(400);
  });

  it('the roll-up check finds no difference from the events', async () => {
    const report = await t.app.get(FiguresRollup).check();
    expect(report).toEqual({ tickets: 12, factDifferences: 0, rollupDifferences: 0, backlogDifferences: 0, details: [] });
  });
});
