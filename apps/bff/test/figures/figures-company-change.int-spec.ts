/**
 * A complex changes property company (issue 11): its tickets count for the company they were filed under
 * (tickets.company_id at filing), so the old company keeps its history — also when an old ticket changes
 * after the switch — and the new company starts from the change. The complex itself keeps everything.
 */
import { TicketAction as A } from '@msb/shared-types';
import { shanghaiTime } from '../../src/sla/domain';
import { FiguresRollup } from '../../src/figures/figures-rollup.service';
import { ok, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, fileTicket, type World } from '../support/world';
import { act } from '../support/lifecycle-driver';

const FIGURES = `query($s: FigureScopeInput!) {
  figures(scope: $s, period: { kind: MONTH, day: "2026-03-15" }) { complexCount current { counts { filed accepted withdrawn open } } backlog }
}`;

describe('figures across a change of property company', () => {
  let t: TestApp;
  let w: World;
  let companyA: number;
  let companyB: number;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    [{ c: companyA }] = await t.ds.query('SELECT company_id AS c FROM complexes WHERE id = ?', [w.complexA]);
    [{ c: companyB }] = await t.ds.query('SELECT company_id AS c FROM complexes WHERE id = ?', [w.complexB]);
  });
  afterAll(() => t?.close());

  const figures = async (kind: string, id: number) => ok(await t.gql(FIGURES, { s: { kind, id } }, w.oversightCity.token)).figures;

  it('keeps the old company’s tickets with it and starts the new one from the change', async () => {
    t.clock.set(shanghaiTime('2026-03-02 09:00'));
    const old1 = await fileTicket(t, w.ownerA, w.qrA);
    const old2 = await fileTicket(t, w.ownerA, w.qrA);
    ok(await act(t, A.ACCEPT, w.staffA, old1, {}, w));

    t.clock.set(shanghaiTime('2026-03-10 09:00'));
    ok(await t.gql('mutation($c: Int!, $co: Int, $d: String!) { setComplexCompany(complexId: $c, companyId: $co, effectiveFrom: $d) { id } }',
      { c: w.complexA, co: companyB, d: '2026-03-10' }, w.admin.token));

    t.clock.set(shanghaiTime('2026-03-12 09:00'));
    const after = await fileTicket(t, w.ownerA, w.qrA);
    const [row] = await t.ds.query('SELECT company_id AS c FROM tickets WHERE id = ?', [after.id]);
    expect(Number(row.c)).toBe(companyB);
    // An old ticket changing after the switch still counts for the company it was filed under.
    ok(await act(t, A.WITHDRAW, w.ownerA, old2, {}, w));

    const a = await figures('COMPANY', companyA);
    expect(a.complexCount).toBe(1);
    expect(a.current.counts).toEqual({ filed: 2, accepted: 1, withdrawn: 1, open: 1 });
    expect(a.backlog).toBe(1);

    const b = await figures('COMPANY', companyB);
    expect(b.complexCount).toBe(2);
    expect(b.current.counts).toEqual({ filed: 1, accepted: 0, withdrawn: 0, open: 1 });
    expect(b.backlog).toBe(1);

    const complex = await figures('COMPLEX', w.complexA);
    expect(complex.current.counts).toEqual({ filed: 3, accepted: 1, withdrawn: 1, open: 2 });

    // The ranking of companies splits the complex by the company its tickets were filed under.
    const rank = ok(await t.gql(`query($s: FigureScopeInput!) { ranking(scope: $s, level: COMPANY, period: { kind: MONTH, day: "2026-03-15" }) { rows { unit { id } filed } } }`,
      { s: { kind: 'STREET', id: w.street } }, w.oversightStreet.token)).ranking.rows;
    expect(Object.fromEntries(rank.map((r: any) => [r.unit.id, r.filed]))).toEqual({ [companyA]: 2, [companyB]: 1 });

    // The tickets behind a company's figures are the ones filed under it.
    const behind = async (id: number) => ok(await t.gql(`query($s: FigureScopeInput!) { figureTickets(scope: $s, period: { kind: MONTH, day: "2026-03-15" }) { nodes { id } } }`,
      { s: { kind: 'COMPANY', id } }, w.oversightCity.token)).figureTickets.nodes.map((n: any) => n.id).sort();
    expect(await behind(companyA)).toEqual([old1.id, old2.id].sort());
    expect(await behind(companyB)).toEqual([after.id]);
    const oldest = ok(await t.gql('query($s: FigureScopeInput!) { oldestOpenTickets(scope: $s) { id } }', { s: { kind: 'COMPANY', id: companyA } }, w.oversightCity.token)).oldestOpenTickets;
    expect(oldest.map((x: any) => x.id)).toEqual([old1.id]);

    expect(await t.app.get(FiguresRollup).check()).toMatchObject({ factDifferences: 0, rollupDifferences: 0, backlogDifferences: 0 });
  });
});
