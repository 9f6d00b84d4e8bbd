/**
 * The roll-up check: after a randomised burst of lifecycle actions (several at once, the clock jumping so
 * limits run out inside actions) the roll-up equals what the events say, and an SLA breach fired by the
 * scheduler outside any ticket action is picked up by the catch-up job (the check sees it before).
 */
import { SlaTarget } from '../../src/sla/domain';
import { SlaFiring } from '../../src/sla/sla-firing';
import { FiguresRollup } from '../../src/figures/figures-rollup.service';
import { shanghaiTime } from '../../src/sla/domain';
import { column, COUNTERS, DURATIONS } from '../../src/figures/domain/ticket-facts';
import { errorBoundMs, HISTOGRAM_COLUMNS } from '../../src/figures/domain/duration-histogram';
import { FiguresService } from '../../src/figures/figures.service';
import { rebuildRollupsFromFacts } from '../../src/database/migrations/1765730000000-figure-histograms';
import { ok, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, fileTicket, type Actor, type World } from '../support/world';
import { act, ACTOR_KEYS, pool, type UserAction } from '../support/lifecycle-driver';

/** mulberry32: a seeded PRNG, so a failing burst can be replayed from the seed it prints. */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('figures roll-up check', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t?.close());

  it('has one column per counter in both tables (the migration spells them out)', async () => {
    const cols = async (table: string) => (await t.ds.query('SELECT column_name AS c FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position', [table])).map((r: any) => r.c);
    expect(await cols('figure_rollups')).toEqual(['complex_id', 'day', 'category_code', 'source', 'company_id', ...COUNTERS.map(column), ...HISTOGRAM_COLUMNS]);
    expect(await cols('figure_ticket_facts')).toEqual(['ticket_id', 'complex_id', 'company_id', 'day', 'category_code', 'source', ...COUNTERS.map(column), ...DURATIONS.map(column), 'last_event_id']);
  });

  it('reports zero differences after a randomised burst of lifecycle actions', async () => {
    const seed = Number(process.env.FIGURES_SEED ?? Date.now() % 1_000_000);
    const rnd = prng(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    t.clock.set(shanghaiTime('2026-04-01 08:00'));
    const owners: [Actor, string][] = [[w.ownerA, w.qrA], [w.ownerA2, w.qrA], [w.ownerB, w.qrB]];
    const ids = await pool(Array.from({ length: 24 }, (_, i) => i), 4, async (i) => {
      const [owner, qr] = owners[i % owners.length];
      return (await fileTicket(t, owner, qr, { categoryCode: pick(['FACILITIES', 'ACCESS_CONTROL']) })).id;
    });
    let performed = 0;
    for (let round = 0; round < 14; round++) {
      t.clock.advance(Math.floor(rnd() * 240) * 60_000);
      await pool(ids, 4, async (id) => {
        const who = w[pick(ACTOR_KEYS)];
        const r = await t.gql('query($id: ID!) { ticket(id: $id) { id version availableActions } }', { id }, who.token);
        const actions: UserAction[] = r.data?.ticket?.availableActions ?? [];
        if (actions.length === 0) return;
        const action = pick(actions);
        const extra: Record<string, unknown> =
          action === 'RATE' ? { solved: rnd() < 0.6, satisfaction: 1 + Math.floor(rnd() * 5) }
            : action === 'RECORD_MEDIATION' ? { outcome: pick(['AGREEMENT', 'BACK_TO_HANDLING']) }
              : {};
        const res = await act(t, action, who, r.data.ticket, extra, w);
        if (!res.errors) performed += 1;
      });
    }
    expect(performed).toBeGreaterThan(40);
    const report = await t.app.get(FiguresRollup).check();
    if (report.factDifferences || report.rollupDifferences || report.backlogDifferences) console.error(`seed ${seed}`, report.details);
    expect(report).toEqual({ tickets: 24, factDifferences: 0, rollupDifferences: 0, backlogDifferences: 0, details: [] });

    // Medians and p90 from the summed histograms lie within the documented bound of the exact ones, at every scope.
    const svc = t.app.get(FiguresService);
    let compared = 0;
    for (const complexIds of [[w.complexA], [w.complexB], [w.complexA, w.complexB], null]) {
      for (const categoryCode of [null, 'FACILITIES']) {
        const f = { complexIds, from: '2026-04-01', to: '2026-05-01', categoryCode };
        const [exact, hist] = await Promise.all([svc.set(f, 'exact'), svc.set(f, 'histogram')]);
        for (const d of DURATIONS) {
          const e = exact.times![d];
          const h = hist.times![d];
          expect({ d, count: h.count, exact: h.exact }).toEqual({ d, count: e.count, exact: false });
          for (const q of ['median', 'p90'] as const) {
            if (e[q] === null) { expect(h[q]).toBeNull(); continue; }
            expect(Math.abs(h[q]! - e[q]!)).toBeLessThanOrEqual(errorBoundMs(e[q]!));
            compared += 1;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(20);

    // The migration's SQL rebuild from the facts (existing databases) buckets exactly as the code does.
    await rebuildRollupsFromFacts(t.ds);
    expect(await t.app.get(FiguresRollup).check()).toMatchObject({ factDifferences: 0, rollupDifferences: 0, backlogDifferences: 0 });
  });

  it('a breach fired by the scheduler shows in the check until the catch-up job follows it', async () => {
    const figures = t.app.get(FiguresRollup);
    await figures.catchUp();
    t.clock.set(shanghaiTime('2026-05-06 09:00'));
    const filed = await fileTicket(t, w.ownerA, w.qrA);
    const [clock] = await t.ds.query('SELECT version FROM sla_clocks WHERE ticket_id = ? AND target = ?', [filed.id, SlaTarget.ACCEPT]);
    t.clock.set(shanghaiTime('2026-05-06 10:00'));
    expect(await t.app.get(SlaFiring).fire(filed.id, SlaTarget.ACCEPT, clock.version)).toBe('fired');
    const before = await figures.check();
    expect(before.factDifferences).toBe(1);
    expect(before.rollupDifferences).toBe(1);
    expect(before.backlogDifferences).toBe(0);
    expect(await figures.catchUp()).toMatchObject({ changed: 1 });
    expect(await figures.check()).toMatchObject({ factDifferences: 0, rollupDifferences: 0, backlogDifferences: 0 });
    // Idempotent: a second run changes nothing.
    expect(await figures.catchUp()).toMatchObject({ changed: 0 });
    const f = ok(await t.gql(
      `query($s: FigureScopeInput!) { figures(scope: $s, period: { kind: DAY, day: "2026-05-06" }) { current { counts { filed acceptBase acceptMet } } } }`,
      { s: { kind: 'COMPLEX', id: w.complexA } }, w.oversightCity.token,
    )).figures;
    expect(f.current.counts).toEqual({ filed: 1, acceptBase: 1, acceptMet: 0 });
  });
});
