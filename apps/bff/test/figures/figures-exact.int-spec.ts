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
 *   T6 Mon 16:00 filed · Tue 09:00 accepted (90 + 30 working minutes: breached) · still accepted
 *   T7 Mon 09:00 filed · 09:10 accepted · start · Tue 11:00 resolved (650 working minutes: breached) ·
 *      11:30 mediation requested · 12:00 sent back to handling · 14:00 resolved · 14:30 rated solved 3★
 *   T0 Wed 2026-02-25 10:00 filed · 10:05 accepted · start · 11:00 resolved · rated solved 5★ (previous month)
 *   complex C (company A, 甲社区): T9 Mon 09:00 filed · 09:10 accepted
 *   complex B (company B, 乙社区 in 另一街道):
 *   T8 Mon 09:00 filed · 09:05 accepted · start · 10:00 resolved · 10:30 rated solved 5★ · Tue 09:00 reopened · 10:00 resolved
 */
import { AreaLevel, Role, TicketAction as A } from '@msb/shared-types';
import { shanghaiTime } from '../../src/sla/domain';
import { QrService } from '../../src/qr/qr.service';
import { OrgService } from '../../src/org/org.service';
import { TicketsService } from '../../src/tickets/tickets.service';
import { FiguresService } from '../../src/figures/figures.service';
import { codeOf, ok, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, fileTicket, type Actor, type World } from '../support/world';
import { must, type TicketState, type UserAction } from '../support/lifecycle-driver';

const FIGURES = `
  scope { kind id name } complexCount period { from to } previousPeriod { from to } backlog
  current { ...Set } previous { ...Set }
  byCategory { key name figures { counts { filed } rates { response } } }
  bySource { key name figures { counts { filed } } }`;
const SET = `fragment Set on FigureSet {
  counts { filed open accepted refused withdrawn acceptBase acceptMet resolveBase resolveMet dispatchBase dispatchMet
    mediationBase mediationMet resolved rated solved satisfied autoClosed dispatches returns redone urges deadlineUrges
    mediationRequested mediationAgreed mediationSentBack }
  rates { response resolution satisfaction resolvedOnTime dispatchOnTime mediationOnTime returnRate redoRate }
  slaMet
  times { acceptWall { medianMinutes p90Minutes count } acceptWork { medianMinutes p90Minutes count }
    resolveWall { medianMinutes p90Minutes count } resolveWork { medianMinutes p90Minutes count } }
}`;

const MARCH = { kind: 'MONTH', day: '2026-03-15' };

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

  const figures = async (actor: Actor, scope: { kind: string; id: number }, period: Record<string, unknown> = MARCH) =>
    t.gql(`query($s: FigureScopeInput!, $p: FigurePeriodInput!) { figures(scope: $s, period: $p) { ${FIGURES} } } ${SET}`, { s: scope, p: period }, actor.token);

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
    // T6
    s = await file(w.ownerA, w.qrA, '2026-03-02 16:00');
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
      resolved: 4, rated: 3, solved: 2, satisfied: 1, autoClosed: 1, dispatches: 2, returns: 1, redone: 1, urges: 0, deadlineUrges: 0,
      mediationRequested: 1, mediationAgreed: 0, mediationSentBack: 1,
    });
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
    expect(f.bySource).toEqual([{ key: 'QR', name: '扫码', figures: { counts: { filed: 7 } } }]);

    // February, the previous period.
    expect(f.previous.counts).toMatchObject({ filed: 1, open: 0, accepted: 1, acceptBase: 1, acceptMet: 1, resolved: 1, rated: 1, solved: 1, satisfied: 1 });
    expect(f.previous.rates).toMatchObject({ response: 1, resolution: 1, satisfaction: 1, resolvedOnTime: 1, returnRate: null, redoRate: 0 });
    expect(f.previous.times.acceptWall).toEqual({ medianMinutes: 5, p90Minutes: 5, count: 1 });
    expect(f.previous.times.resolveWall).toEqual({ medianMinutes: 60, p90Minutes: 60, count: 1 });
  });

  it('street, city and company scopes sum their complexes', async () => {
    const street = ok(await figures(w.oversightStreet, { kind: 'STREET', id: w.street })).figures;
    expect(street.complexCount).toBe(2);
    expect(street.current.counts).toMatchObject({ filed: 8, accepted: 6, acceptBase: 7, acceptMet: 5, open: 3 });
    const all = ok(await figures(w.oversightCity, { kind: 'CITY', id: city })).figures;
    expect(all.current.counts).toMatchObject({ filed: 9, resolved: 5, rated: 4, solved: 3, satisfied: 2, redone: 2 });
    expect(all.current.rates.redoRate).toBeCloseTo(2 / 5, 12);
    const company = ok(await figures(w.oversightCity, { kind: 'COMPANY', id: companyA })).figures;
    expect(company.current.counts.filed).toBe(8);
    const b = ok(await figures(w.oversightCity, { kind: 'COMPLEX', id: w.complexB })).figures;
    expect(b.current.counts).toMatchObject({ filed: 1, open: 0, resolved: 1, rated: 1, solved: 1, satisfied: 1, redone: 1, resolveBase: 1, resolveMet: 1 });
    expect(b.current.times.resolveWall).toEqual({ medianMinutes: 60, p90Minutes: 60, count: 1 });
  });

  it('custom ranges, days and weeks', async () => {
    const day = ok(await figures(w.oversightCity, { kind: 'COMPLEX', id: w.complexA }, { kind: 'DAY', day: '2026-03-02' })).figures;
    expect(day.current.counts.filed).toBe(7);
    expect(day.previous.counts.filed).toBe(0);
    const week = ok(await figures(w.oversightCity, { kind: 'COMPLEX', id: w.complexA }, { kind: 'WEEK', day: '2026-03-04' })).figures;
    expect(week.period).toEqual({ from: '2026-03-02', to: '2026-03-09' });
    expect(week.current.counts.filed).toBe(7);
    const custom = ok(await figures(w.oversightCity, { kind: 'COMPLEX', id: w.complexA }, { kind: 'CUSTOM', day: '2026-02-20', to: '2026-03-02' })).figures;
    expect(custom.period).toEqual({ from: '2026-02-20', to: '2026-03-03' });
    expect(custom.current.counts.filed).toBe(8);
    expect(custom.previousPeriod).toEqual({ from: '2026-02-09', to: '2026-02-20' });
    const bad = await figures(w.oversightCity, { kind: 'COMPLEX', id: w.complexA }, { kind: 'CUSTOM', day: '2026-03-02', to: '2026-02-01' });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
  });

  it('ranks complexes, companies and streets by the composite score, with the minimum sample', async () => {
    const ranking = async (level: string, scheme?: string) => ok(await t.gql(
      `query($s: FigureScopeInput!, $p: FigurePeriodInput!, $l: RankLevel!, $sc: String) {
        ranking(scope: $s, level: $l, period: $p, scheme: $sc) { scheme { id version minTickets items { item weight floor } } rows { rank unit { kind id name } filed score } } }`,
      { s: { kind: 'CITY', id: city }, p: MARCH, l: level, sc: scheme }, w.oversightCity.token,
    )).ranking;
    // A: 0.30 × 66.67 + 0.35 × 66.67 + 0.35 × 33.33 = 55; C: response only (nobody rated) = 100; B: 100 but 1 ticket < 5.
    const complexes = await ranking('COMPLEX');
    expect(complexes.scheme).toMatchObject({ id: 'WEIGHTED_30_35_35', version: 1, minTickets: 5 });
    expect(complexes.rows.map((r: any) => [r.rank, r.unit.name, r.filed])).toEqual([[1, '甲小区', 7], [null, '乙小区', 1], [null, '丙小区', 1]]);
    expect(complexes.rows[0].score).toBeCloseTo(55, 9);
    expect(complexes.rows[1].score).toBeCloseTo(100, 9);
    // Company A: (7 × 55 + 1 × 100) / 8 = 60.625, ticket-weighted over its complexes.
    const companies = await ranking('COMPANY');
    expect(companies.rows.map((r: any) => [r.rank, r.unit.id, r.filed])).toEqual([[1, companyA, 8], [null, companyB, 1]]);
    expect(companies.rows[0].score).toBeCloseTo(60.625, 9);
    const streets = await ranking('STREET');
    expect(streets.rows.map((r: any) => [r.rank, r.unit.id, r.filed])).toEqual([[1, w.street, 8], [null, expect.any(Number), 1]]);
    expect(streets.rows[0].score).toBeCloseTo(60.625, 9);
    // Piecewise: A's response 0.667 < 0.8 and satisfaction 0.333 < 0.6 score 0; resolution 0.667 ≥ 0.6 → 0.35 × 66.67 = 23.33.
    const piecewise = await ranking('COMPLEX', 'PIECEWISE_FLOOR');
    expect(piecewise.scheme.items).toEqual([{ item: 'response', weight: 0.3, floor: 0.8 }, { item: 'resolution', weight: 0.35, floor: 0.6 }, { item: 'satisfaction', weight: 0.35, floor: 0.6 }]);
    expect(piecewise.rows[0].score).toBeCloseTo(0.35 * 200 / 3, 9);
  });

  it('each rank links to the tickets behind it', async () => {
    const r = ok(await t.gql(
      `query($s: FigureScopeInput!, $p: FigurePeriodInput!) { figureTickets(scope: $s, period: $p, first: 5) { nodes { id complex { id } } pageInfo { hasNextPage endCursor } } }`,
      { s: { kind: 'COMPLEX', id: w.complexA }, p: MARCH }, w.oversightStreet.token,
    )).figureTickets;
    expect(r.nodes).toHaveLength(5);
    expect(r.pageInfo.hasNextPage).toBe(true);
    const rest = ok(await t.gql(
      `query($s: FigureScopeInput!, $p: FigurePeriodInput!, $a: String) { figureTickets(scope: $s, period: $p, first: 5, after: $a) { nodes { id } pageInfo { hasNextPage } } }`,
      { s: { kind: 'COMPLEX', id: w.complexA }, p: MARCH, a: r.pageInfo.endCursor }, w.oversightStreet.token,
    )).figureTickets;
    expect(rest.nodes).toHaveLength(2);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const open = ok(await t.gql(
      `query($s: FigureScopeInput!) { oldestOpenTickets(scope: $s) { id status } }`, { s: { kind: 'STREET', id: w.street } }, w.oversightStreet.token,
    )).oldestOpenTickets;
    expect(open.map((x: any) => x.status).sort()).toEqual(['ACCEPTED', 'ACCEPTED', 'IN_PROGRESS']);
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

  it('the roll-up check finds no difference from the events', async () => {
    const report = await t.app.get(FiguresService).check();
    expect(report).toEqual({ tickets: 10, factDifferences: 0, rollupDifferences: 0, details: [] });
  });
});
