import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadavg } from 'node:os';
import mysql from 'mysql2/promise';
import { AreaLevel, Role, TicketAction as A, TicketStatus as S } from '@msb/shared-types';
import { loadConfig } from '../../src/config/app-config';
import { prepareDatabase } from '../../src/database/database-bootstrap';
import { AppModule } from '../../src/app.module';
import { OrgService } from '../../src/org/org.service';
import { PeriodKind } from '../../src/figures/domain/period';
import { ScopeKind } from '../../src/figures/domain/scope';
import { addHistograms, emptyHistograms, errorBoundMs, HISTOGRAM_COLUMNS, pack, type Histograms } from '../../src/figures/domain/duration-histogram';
import { addCounters, COUNTERS, column, computeFacts, DURATIONS, rollupKey, zeroCounters, type Counters, type FactEvent, type RollupKey } from '../../src/figures/domain/ticket-facts';
import { backlogKey, contributionOf } from '../../src/figures/figures.repository';
import { FiguresService, RankLevel } from '../../src/figures/figures.service';

/**
 * `pnpm --filter @msb/bff bench:figures`: seeds a city-sized history into its own database (BENCH_DB, default
 * msb_figures_bench; BENCH_TICKETS, default 1,000,000) with multi-row inserts — tickets, their timeline events, each
 * ticket's facts computed from those events by the same `computeFacts` and the roll-up summed from the facts —
 * then times the figure queries through FiguresService as a city admin and prints p50/p99 per query. Not CI.
 */
const N = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const DB = process.env.BENCH_DB ?? 'msb_figures_bench';
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const BATCH = 2000;
const DISTRICTS = 4, STREETS = 10, COMMUNITIES = 5, COMPLEXES = 5, COMPANIES = 40;
const FROM = Date.parse('2025-07-01T00:00:00+08:00');
const SPAN = 365 * 86_400_000;

const rnd = Math.random;

async function insertMany(c: mysql.Connection, table: string, cols: string[], rows: unknown[][]): Promise<void> {
  if (rows.length) await c.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ?`, [rows]);
}

async function seedAll(c: mysql.Connection): Promise<number> {
  const [[{ n }]] = (await c.query('SELECT COUNT(*) AS n FROM tickets')) as any;
  if (Number(n) >= N) return Number((await c.query("SELECT id FROM areas WHERE level = 'DISTRICT' ORDER BY id LIMIT 1") as any)[0][0].id);
  const t0 = Date.now();
  const cats = ((await c.query('SELECT code FROM categories ORDER BY code')) as any)[0].map((r: any) => r.code as string);
  const [city] = (await c.query('INSERT INTO areas (level, name) VALUES (?, ?)', [AreaLevel.CITY, '基准市'])) as any;
  const companies: number[] = [];
  for (let i = 0; i < COMPANIES; i++) companies.push(((await c.query('INSERT INTO companies (name) VALUES (?)', [`物业${i}`])) as any)[0].insertId);
  const complexes: { id: number; community: number; company: number }[] = [];
  let district0 = 0;
  for (let d = 0; d < DISTRICTS; d++) {
    const [dr] = (await c.query('INSERT INTO areas (level, name, parent_id) VALUES (?, ?, ?)', [AreaLevel.DISTRICT, `区${d}`, city.insertId])) as any;
    if (d === 0) district0 = dr.insertId;
    for (let s = 0; s < STREETS; s++) {
      const [sr] = (await c.query('INSERT INTO areas (level, name, parent_id) VALUES (?, ?, ?)', [AreaLevel.STREET, `街道${d}-${s}`, dr.insertId])) as any;
      for (let m = 0; m < COMMUNITIES; m++) {
        const [mr] = (await c.query('INSERT INTO areas (level, name, parent_id) VALUES (?, ?, ?)', [AreaLevel.COMMUNITY, `社区${d}-${s}-${m}`, sr.insertId])) as any;
        for (let x = 0; x < COMPLEXES; x++) {
          const company = companies[Math.floor(rnd() * COMPANIES)];
          const [xr] = (await c.query('INSERT INTO complexes (name, community_id, company_id) VALUES (?, ?, ?)', [`小区${d}-${s}-${m}-${x}`, mr.insertId, company])) as any;
          complexes.push({ id: xr.insertId, community: mr.insertId, company });
        }
      }
    }
  }
  const [owner] = (await c.query("INSERT INTO users (name, phone) VALUES ('基准业主', '10000000000')")) as any;
  const [admin] = (await c.query("INSERT INTO users (name, phone) VALUES ('基准管理员', '10000000001')")) as any;
  await c.query('INSERT INTO role_assignments (user_id, role) VALUES (?, ?), (?, ?)', [owner.insertId, Role.OWNER, admin.insertId, Role.ADMIN]);
  const [[{ t: maxT }]] = (await c.query('SELECT COALESCE(MAX(id), 0) AS t FROM tickets')) as any;
  const [[{ e: maxE }]] = (await c.query('SELECT COALESCE(MAX(id), 0) AS e FROM ticket_events')) as any;
  let tid = Number(maxT);
  let eid = Number(maxE);
  const rollups = new Map<string, { key: RollupKey; counters: Counters; hist: Histograms }>();
  const backlog = new Map<string, { key: RollupKey; open: number }>();
  await c.query('SET unique_checks = 0');
  for (let done = 0; done < N; done += BATCH) {
    const tickets: unknown[][] = [];
    const events: unknown[][] = [];
    const facts: unknown[][] = [];
    for (let i = 0; i < Math.min(BATCH, N - done); i++) {
      tid += 1;
      const x = complexes[Math.floor(rnd() * complexes.length)];
      const cat = cats[Math.floor(rnd() * cats.length)];
      const filed = new Date(FROM + Math.floor(rnd() * SPAN));
      const ev: FactEvent[] = [];
      const add = (action: string, to: S, minutes: number, data: Record<string, unknown> | null = null) => {
        eid += 1;
        ev.push({ id: String(eid), action, toStatus: to, data, createdAt: new Date(+filed + minutes * 60_000) });
      };
      add(A.REPORT, S.REPORTED, 0);
      const r = rnd();
      const accept = 5 + Math.floor(rnd() * 60);
      if (r < 0.05) add(A.WITHDRAW, S.WITHDRAWN, 3);
      else if (r < 0.1) { /* still waiting */ }
      else {
        if (accept > 30) add('SLA_BREACH', S.REPORTED, 30, { target: 'ACCEPT' });
        add(A.ACCEPT, S.ACCEPTED, accept);
        if (r < 0.2) { /* accepted, open */ }
        else {
          add(A.START, S.IN_PROGRESS, accept + 1);
          if (r < 0.25) add(A.SUPERVISE, S.IN_PROGRESS, accept + 60, { round: 1 });
          const resolve = accept + 30 + Math.floor(rnd() * 900);
          if (resolve > accept + 540) add('SLA_BREACH', S.IN_PROGRESS, accept + 540, { target: 'RESOLVE' });
          add(A.RESOLVE, S.RESOLVED, resolve);
          if (r < 0.9) {
            const solved = rnd() < 0.85;
            add(A.RATE, solved ? S.CLOSED : S.IN_PROGRESS, resolve + 120, { solved, satisfaction: solved ? 3 + Math.floor(rnd() * 3) : 1 + Math.floor(rnd() * 2) });
          } else add(A.AUTO_CLOSE, S.CLOSED, resolve + 7 * 1440);
        }
      }
      const last = ev[ev.length - 1];
      const s = rnd();
      const source = s < 0.8 ? 'QR' : s < 0.95 ? 'HOTLINE_12345' : 'OPEN311';
      tickets.push([tid, `B${tid}`, x.id, x.community, x.company, cat, 'NORMAL', '基准工单', owner.insertId, last.toStatus, `bench-${tid}`, source, filed, last.createdAt]);
      for (const e of ev) events.push([e.id, tid, null, 'SYSTEM', e.action, null, e.toStatus, e.data ? JSON.stringify(e.data) : null, e.createdAt]);
      const f = computeFacts({ id: String(tid), complexId: x.id, companyId: x.company, categoryCode: cat, source }, ev)!;
      facts.push([tid, f.complexId, f.companyId, f.day, f.categoryCode, f.source, ...COUNTERS.map((k) => f.counters[k]), ...DURATIONS.map((k) => f.durations[k]), f.lastEventId]);
      const k = rollupKey(f);
      const ru = rollups.get(k) ?? rollups.set(k, { key: f, counters: zeroCounters(), hist: emptyHistograms() }).get(k)!;
      const c = contributionOf(f);
      addCounters(ru.counters, c.counters);
      addHistograms(ru.hist, c.hist);
      if (f.counters.open) (backlog.get(backlogKey(f)) ?? backlog.set(backlogKey(f), { key: f, open: 0 }).get(backlogKey(f))!).open += f.counters.open;
    }
    await insertMany(c, 'tickets', ['id', 'number', 'complex_id', 'community_id', 'company_id', 'category_code', 'priority', 'text', 'reporter_id', 'status', 'idempotency_key', 'source', 'created_at', 'updated_at'], tickets);
    await insertMany(c, 'ticket_events', ['id', 'ticket_id', 'actor_id', 'actor_role', 'action', 'from_status', 'to_status', 'data', 'created_at'], events);
    await insertMany(c, 'figure_ticket_facts', ['ticket_id', 'complex_id', 'company_id', 'day', 'category_code', 'source', ...COUNTERS.map(column), ...DURATIONS.map(column), 'last_event_id'], facts);
    if ((done / BATCH) % 50 === 0) console.log(`  ${done + tickets.length} tickets (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const rows = [...rollups.values()].map((r) => [r.key.complexId, r.key.day, r.key.categoryCode, r.key.source, r.key.companyId, ...COUNTERS.map((k) => r.counters[k]), ...DURATIONS.flatMap((d) => pack(r.hist[d]))]);
  for (let i = 0; i < rows.length; i += 2000) await insertMany(c, 'figure_rollups', ['complex_id', 'day', 'category_code', 'source', 'company_id', ...COUNTERS.map(column), ...HISTOGRAM_COLUMNS], rows.slice(i, i + 2000));
  const open = [...backlog.values()].map((b) => [b.key.complexId, b.key.categoryCode, b.key.source, b.key.companyId, b.open]);
  for (let i = 0; i < open.length; i += 5000) await insertMany(c, 'figure_backlog', ['complex_id', 'category_code', 'source', 'company_id', 'open'], open.slice(i, i + 5000));
  console.log(`seeded ${N} tickets, ${eid - Number(maxE)} events, ${rows.length} roll-up rows in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return district0;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(p * s.length) - 1)];
}

async function main() {
  const config = { ...loadConfig({ ...process.env, DB_NAME: DB }), runWorkers: false };
  await prepareDatabase(config, () => undefined);
  const c = await mysql.createConnection({ host: config.db.host, port: config.db.port, user: config.db.user, password: config.db.password, database: DB });
  const district = await seedAll(c);
  const [[{ id: city }]] = (await c.query("SELECT id FROM areas WHERE level = 'CITY' ORDER BY id LIMIT 1")) as any;
  const [[{ id: street }]] = (await c.query('SELECT id FROM areas WHERE parent_id = ? ORDER BY id LIMIT 1', [district])) as any;
  const [[{ id: complex }]] = (await c.query('SELECT id FROM complexes ORDER BY id LIMIT 1')) as any;
  const [[{ id: company }]] = (await c.query('SELECT id FROM companies ORDER BY id LIMIT 1')) as any;
  const [[{ id: adminId }]] = (await c.query("SELECT user_id AS id FROM role_assignments WHERE role = 'ADMIN' ORDER BY id LIMIT 1")) as any;
  await c.end();
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'] });
  try {
    const figures = app.get(FiguresService);
    const viewer = (await app.get(OrgService).loadViewer(String(adminId)))!;
    const month = { kind: PeriodKind.MONTH, day: '2026-03-15' };
    const queries: [string, () => Promise<unknown>][] = [
      ['district × month × category', () => figures.figures(viewer, { kind: ScopeKind.DISTRICT, id: district }, month, { categoryCode: 'FACILITIES' })],
      ['district × month', () => figures.figures(viewer, { kind: ScopeKind.DISTRICT, id: district }, month)],
      ['city × month', () => figures.figures(viewer, { kind: ScopeKind.CITY, id: city }, month)],
      ['street × half-year', () => figures.figures(viewer, { kind: ScopeKind.STREET, id: street }, { kind: PeriodKind.HALF_YEAR, day: '2026-03-15' })],
      ['complex × month', () => figures.figures(viewer, { kind: ScopeKind.COMPLEX, id: complex }, month)],
      ['company × month', () => figures.figures(viewer, { kind: ScopeKind.COMPANY, id: company }, month)],
      ['district × day', () => figures.figures(viewer, { kind: ScopeKind.DISTRICT, id: district }, { kind: PeriodKind.DAY, day: '2026-03-16' })],
      ['district × week', () => figures.figures(viewer, { kind: ScopeKind.DISTRICT, id: district }, { kind: PeriodKind.WEEK, day: '2026-03-16' })],
      ['district × custom 90 days', () => figures.figures(viewer, { kind: ScopeKind.DISTRICT, id: district }, { kind: PeriodKind.CUSTOM, day: '2026-01-01', to: '2026-03-31' })],
      ['ranking: complexes of a district × month', () => figures.ranking(viewer, { kind: ScopeKind.DISTRICT, id: district }, RankLevel.COMPLEX, month)],
      ['ranking: companies of the city × month', () => figures.ranking(viewer, { kind: ScopeKind.CITY, id: city }, RankLevel.COMPANY, month)],
      ['公示: a complex, 12 months', () => figures.publicFigures(complex, 12, '2026-03')],
    ];
    console.log(`${RUNS} runs each (after 3 warm-up runs):`);
    const only = process.env.BENCH_ONLY;
    for (const [name, q] of queries.filter(([n]) => !only || only.split(',').some((o) => n === o.trim()))) {
      for (let i = 0; i < 3; i++) await q();
      const ms: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = process.hrtime.bigint();
        await q();
        ms.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      console.log(`  ${name.padEnd(44)} p50 ${pct(ms, 0.5).toFixed(1).padStart(7)} ms   p99 ${pct(ms, 0.99).toFixed(1).padStart(7)} ms   load ${loadavg()[0].toFixed(1)}`);
    }
    // The histogram medians and p90 against the exact ones over the same tickets (district × month).
    const districtIds = (await figures.figures(viewer, { kind: ScopeKind.DISTRICT, id: district }, month)).scope.complexIds;
    const f = { complexIds: districtIds, from: '2026-03-01', to: '2026-04-01' };
    const t0 = Date.now();
    const exact = await figures.set(f, 'exact');
    const exactMs = Date.now() - t0;
    const hist = await figures.set(f, 'histogram');
    console.log(`district × month, exact (ticket by ticket, ${exactMs} ms) vs histogram, minutes:`);
    for (const d of DURATIONS) {
      const e = exact.times![d];
      const h = hist.times![d];
      const m = (x: number | null) => (x === null ? '—' : (x / 60_000).toFixed(1));
      console.log(`  ${d.padEnd(14)} n ${e.count}  median ${m(e.median)} vs ${m(h.median)} (bound ±${m(errorBoundMs(e.median ?? 0))})  p90 ${m(e.p90)} vs ${m(h.p90)} (bound ±${m(errorBoundMs(e.p90 ?? 0))})`);
    }
  } finally {
    await app.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
