/**
 * `pnpm bench:sla`: 100,000 SLA clocks due within the same minute, two worker processes. Prints the
 * scheduling rate, firing lateness p50/p99/max, escalations applied per second, Redis memory per
 * clock, lost and double counts — then the same with bare BullMQ delayed jobs doing nothing, and the
 * ratios. Uses its own database (BENCH_DB_NAME, default msb_sla_bench, dropped and re-created) and its
 * own Redis db (BENCH_REDIS_DB, default 14, flushed with FLUSHDB — never the whole server).
 *
 * Env: BENCH_CLOCKS (100000), BENCH_SPREAD_MS (60000: due times spread over one minute), BENCH_LEAD_MS
 * (time between the end of scheduling and the first due time, 15000), BENCH_CONCURRENCY (per worker, 20 = SLA_WORKER_CONCURRENCY's default).
 */
import { Metrics } from '../../src/observability/metrics';
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import mysql from 'mysql2/promise';
import { Queue, Worker } from 'bullmq';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { prepareDatabase } from '../../src/database/database-bootstrap';
import { SystemClock } from '../../src/common/clock';
import { bullConnection } from '../../src/jobs/job-settings';
import { queuePrefix } from '../../src/redis/redis.module';
import { JobQueues } from '../../src/jobs/job-queues';
import { SlaScheduler, type Wake } from '../../src/sla/jobs/sla-scheduler';
import { SlaTarget } from '../../src/sla/domain';
import { APP_DIST } from '../app-dist';

const N = Number(process.env.BENCH_CLOCKS ?? 100_000);
const SPREAD_MS = Number(process.env.BENCH_SPREAD_MS ?? 60_000);
const LEAD_MS = Number(process.env.BENCH_LEAD_MS ?? 15_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const BARE_QUEUE = 'bench-bare';

function benchConfig(): AppConfig {
  return loadConfig({
    ...process.env,
    NODE_ENV: 'production' === process.env.NODE_ENV ? 'development' : (process.env.NODE_ENV ?? 'development'),
    DB_NAME: process.env.BENCH_DB_NAME ?? 'msb_sla_bench',
    REDIS_DB: process.env.BENCH_REDIS_DB ?? '14',
    RUN_WORKERS: 'false',
  });
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);
const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : 'n/a');

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

interface RunResult {
  scheduleSeconds: number;
  bytesPerClock: number;
  lateness: number[];
  firstDue: number;
  lastApplied: number;
  applied: number;
  lost: number;
  doubled: number;
}

// ---------------------------------------------------------------------------------------------
// Seeding: a small org, N tickets and N running clocks whose warning has been given, due in [T0, T0 + spread).

async function seed(config: AppConfig): Promise<{ conn: mysql.Connection }> {
  const { host, port, user, password, database } = config.db;
  const admin = await mysql.createConnection({ host, port, user, password });
  await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await admin.end();
  await prepareDatabase(config, () => undefined);
  const conn = await mysql.createConnection({ host, port, user, password, database, timezone: 'Z', multipleStatements: false });
  const ins = async (sql: string, p: unknown[]) => Number(((await conn.query(sql, p)) as any)[0].insertId);
  const city = await ins('INSERT INTO areas (level, name, parent_id) VALUES (?, ?, NULL)', ['CITY', '基准市']);
  const street = await ins('INSERT INTO areas (level, name, parent_id) VALUES (?, ?, ?)', ['STREET', '基准街道', city]);
  const community = await ins('INSERT INTO areas (level, name, parent_id) VALUES (?, ?, ?)', ['COMMUNITY', '基准社区', street]);
  const company = await ins('INSERT INTO companies (name) VALUES (?)', ['基准物业']);
  const complex = await ins('INSERT INTO complexes (name, address, community_id, company_id) VALUES (?, ?, ?, ?)', ['基准小区', '', community, company]);
  const owner = await ins('INSERT INTO users (name) VALUES (?)', ['业主']);
  const handlers: number[] = [];
  for (let i = 0; i < 50; i++) {
    const u = await ins('INSERT INTO users (name) VALUES (?)', [`员工${i}`]);
    await conn.query('INSERT INTO role_assignments (user_id, role, company_id, complex_id) VALUES (?, ?, ?, ?)', [u, 'STAFF', company, complex]);
    handlers.push(u);
  }
  // The bench policy: ACCEPT on 24x7, one escalation step (the handler) at the breach.
  const targets = { ACCEPT: { minutes: 60, calendar: '24x7', warnShare: 0.75, escalation: { calendar: '24x7', steps: [{ level: 'HANDLER', delayMinutes: 0 }] } } };
  await conn.query(
    `INSERT INTO sla_policies (id, version, name, scope_kind, scope_id, category_code, priority, targets, effective_from, created_at)
     VALUES ('bench', 1, '基准', 'COMPLEX', ?, NULL, NULL, ?, '2000-01-01', NOW(3))`,
    [complex, JSON.stringify(targets)],
  );
  const now = new Date();
  for (let i = 0; i < N; i += 2000) {
    const rows: unknown[][] = [];
    for (let j = i; j < Math.min(N, i + 2000); j++) {
      rows.push([`B-${j}`, complex, community, company, 'FACILITIES', 'NORMAL', '基准工单', owner, handlers[j % handlers.length], 'ACCEPTED', 2, `bench-${j}`, now, now]);
    }
    await conn.query(
      `INSERT INTO tickets (number, complex_id, community_id, company_id, category_code, priority, text, reporter_id, assignee_id, status, version, idempotency_key, created_at, updated_at) VALUES ?`,
      [rows],
    );
  }
  return { conn };
}

/** Places the due times: [T0, T0 + spread), warned already, so each wake-up is a breach plus its first escalation step. */
async function placeClocks(conn: mysql.Connection, t0: number): Promise<void> {
  await conn.query('DELETE FROM sla_clocks');
  const [[{ lo }]] = (await conn.query('SELECT MIN(id) AS lo FROM tickets')) as any;
  const base = Number(lo);
  for (let i = 0; i < N; i += 5000) {
    const rows: unknown[][] = [];
    for (let j = i; j < Math.min(N, i + 5000); j++) {
      const due = new Date(t0 + Math.floor((j * SPREAD_MS) / N));
      const started = new Date(+due - 3_600_000);
      rows.push([base + j, 'ACCEPT', 'RUNNING', 1, 'bench', 1, 60, '24x7', 0.75, 'FACILITIES', 'NORMAL', 1, started, 0, started, null, 0, due, new Date(+due - 900_000), null, null, 0, due, 1, started]);
    }
    await conn.query(
      `INSERT INTO sla_clocks (ticket_id, target, state, warned, policy_id, policy_version, minutes, calendar, warn_share, category_code, priority, cycle,
         started_at, used_ms, running_since, paused_at, paused_total_ms, due_at, warn_at, breached_at, stopped_at, escalation_steps, next_wake_at, version, updated_at) VALUES ?`,
      [rows],
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Children: the real worker (worker.js of the bench build), or a bare BullMQ worker that does nothing.

function spawnSlaWorker(config: AppConfig): Promise<ChildProcess> {
  const child = fork(join(APP_DIST, 'worker.js'), [], {
    env: {
      ...process.env, NODE_ENV: config.env, DB_NAME: config.db.database, REDIS_DB: String(config.redis.db), DB_POOL_SIZE: String(CONCURRENCY),
      SLA_WORKER_CONCURRENCY: String(CONCURRENCY), SLA_RECONCILE_INTERVAL_MS: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.on('message', (m: any) => m?.ready && resolve(child));
    child.on('exit', (c) => reject(new Error(`SLA worker exited ${c}`)));
  });
}

function spawnBareWorker(): Promise<ChildProcess> {
  const child = fork(__filename, ['--bare-worker'], { env: process.env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.on('message', (m: any) => m?.ready && resolve(child));
    child.on('exit', (c) => reject(new Error(`bare worker exited ${c}`)));
  });
}

async function bareWorkerMain(): Promise<void> {
  const config = benchConfig();
  const lateness: number[] = [];
  const seen = new Set<string>();
  let doubled = 0;
  const worker = new Worker(BARE_QUEUE, async (job) => {
    lateness.push(Date.now() - job.data.due);
    if (seen.has(job.data.i)) doubled++;
    seen.add(job.data.i);
  }, { connection: bullConnection(config), prefix: queuePrefix(BARE_QUEUE), concurrency: CONCURRENCY });
  await worker.waitUntilReady();
  process.on('message', async (m: any) => {
    if (m?.report) process.send!({ lateness, ids: [...seen], doubled });
    if (m?.stop) { await worker.close(); process.exit(0); }
  });
  process.send!({ ready: true });
}

async function stopChildren(children: ChildProcess[], sig: NodeJS.Signals = 'SIGTERM') {
  await Promise.all(children.map((c) => new Promise<void>((r) => { if (c.exitCode !== null) return r(); c.once('exit', () => r()); c.kill(sig); })));
}

// ---------------------------------------------------------------------------------------------

async function runSla(config: AppConfig, conn: mysql.Connection, redis: Redis): Promise<RunResult> {
  const workers = await Promise.all([spawnSlaWorker(config), spawnSlaWorker(config)]);
  const queues = new JobQueues(config);
  const scheduler = new SlaScheduler(queues, new SystemClock(), new Metrics({ defaults: false }));
  const memBefore = await usedMemory(redis);
  // Due times are placed relative to the scheduling estimate; scheduling is then measured on its own.
  const t0 = Date.now() + LEAD_MS + Math.ceil(N / 10);
  await placeClocks(conn, t0);
  const [rows] = (await conn.query('SELECT ticket_id, target, version, next_wake_at FROM sla_clocks ORDER BY id')) as any;
  const wakes: Wake[] = rows.map((r: any) => ({ ticketId: String(r.ticket_id), target: r.target as SlaTarget, version: Number(r.version), at: new Date(r.next_wake_at) }));
  const s0 = process.hrtime.bigint();
  for (let i = 0; i < wakes.length; i += 1000) await scheduler.schedule(wakes.slice(i, i + 1000));
  const scheduleSeconds = Number(process.hrtime.bigint() - s0) / 1e9;
  const bytesPerClock = (await usedMemory(redis) - memBefore) / N;
  if (Date.now() > t0) console.warn(`! scheduling ran into the due window (${Date.now() - t0} ms): raise BENCH_LEAD_MS`);
  let seen = -1;
  let moved = Date.now();
  await waitUntil(async () => {
    const n = Number(((await conn.query('SELECT COUNT(*) AS n FROM sla_escalations')) as any)[0][0].n);
    if (n !== seen) { seen = n; moved = Date.now(); }
    return n >= N || (Date.now() > t0 && Date.now() - moved > 30_000); // done, or stuck for 30 s
  }, t0 + SPREAD_MS + 600_000);
  await new Promise((r) => setTimeout(r, 2000));
  const [[agg]] = (await conn.query(
    `SELECT COUNT(*) AS applied, COUNT(DISTINCT ticket_id) AS tickets, UNIX_TIMESTAMP(MAX(applied_at)) * 1000 AS last FROM sla_escalations`,
  )) as any;
  const [lat] = (await conn.query('SELECT TIMESTAMPDIFF(MICROSECOND, due_at, applied_at) / 1000 AS ms FROM sla_escalations')) as any;
  const [[dupEvents]] = (await conn.query(
    `SELECT COUNT(*) AS n FROM (SELECT ticket_id FROM ticket_events WHERE action IN ('SLA_BREACH') GROUP BY ticket_id HAVING COUNT(*) > 1) d`,
  )) as any;
  const [[dupNotes]] = (await conn.query(
    `SELECT COUNT(*) AS n FROM (SELECT user_id, ticket_id, kind FROM notifications GROUP BY user_id, ticket_id, kind HAVING COUNT(*) > 1) d`,
  )) as any;
  await stopChildren(workers);
  await queues.onApplicationShutdown();
  return {
    scheduleSeconds, bytesPerClock, lateness: lat.map((r: any) => Number(r.ms)).sort((a: number, b: number) => a - b),
    firstDue: t0, lastApplied: Number(agg.last), applied: Number(agg.applied), lost: N - Number(agg.tickets),
    doubled: Number(dupEvents.n) + Number(dupNotes.n) + (Number(agg.applied) - Number(agg.tickets)),
  };
}

async function runBare(config: AppConfig, redis: Redis): Promise<RunResult> {
  await redis.flushdb();
  const workers = await Promise.all([spawnBareWorker(), spawnBareWorker()]);
  const queue = new Queue(BARE_QUEUE, {
    connection: bullConnection(config),
    prefix: queuePrefix(BARE_QUEUE),
    defaultJobOptions: { removeOnComplete: { age: config.sla.keepCompletedSeconds }, removeOnFail: { age: 7 * 24 * 3600 } },
  });
  await queue.waitUntilReady();
  const memBefore = await usedMemory(redis);
  const t0 = Date.now() + LEAD_MS + Math.ceil(N / 20);
  const s0 = process.hrtime.bigint();
  for (let i = 0; i < N; i += 1000) {
    const now = Date.now();
    await queue.addBulk(Array.from({ length: Math.min(1000, N - i) }, (_, k) => {
      const j = i + k;
      const due = t0 + Math.floor((j * SPREAD_MS) / N);
      return { name: 'nothing', data: { i: String(j), due }, opts: { jobId: `bare-${j}`, delay: Math.max(0, due - now) } };
    }));
  }
  const scheduleSeconds = Number(process.hrtime.bigint() - s0) / 1e9;
  const bytesPerClock = (await usedMemory(redis) - memBefore) / N;
  const reports = async () => Promise.all(workers.map((w) => new Promise<any>((r) => { w.once('message', r); w.send({ report: true }); })));
  let last = 0;
  let prev = -1;
  await waitUntil(async () => {
    const n = (await reports()).reduce((s, r) => s + r.ids.length, 0);
    if (n !== prev) { prev = n; last = Date.now(); }
    return n >= N;
  }, t0 + SPREAD_MS + 120_000, 250);
  await new Promise((r) => setTimeout(r, 1000));
  const rs = await reports();
  const lateness = rs.flatMap((r) => r.lateness as number[]).sort((a, b) => a - b);
  const ids = new Set<string>();
  let doubled = rs.reduce((s, r) => s + r.doubled, 0);
  for (const r of rs) for (const id of r.ids) (ids.has(id) ? doubled++ : ids.add(id));
  workers.forEach((w) => w.send({ stop: true }));
  await stopChildren(workers);
  await queue.close();
  return { scheduleSeconds, bytesPerClock, lateness, firstDue: t0, lastApplied: last, applied: lateness.length, lost: N - ids.size, doubled };
}

async function waitUntil(probe: () => Promise<boolean>, deadline: number, every = 500): Promise<void> {
  while (!(await probe())) {
    if (Date.now() > deadline) { console.warn('! timed out waiting for the run to finish'); return; }
    await new Promise((r) => setTimeout(r, every));
  }
}

function summary(r: RunResult) {
  const seconds = Math.max(0.001, (r.lastApplied - r.firstDue) / 1000);
  return {
    schedulePerSec: N / r.scheduleSeconds,
    p50: pct(r.lateness, 50), p99: pct(r.lateness, 99), max: r.lateness[r.lateness.length - 1],
    perSec: r.applied / seconds, bytes: r.bytesPerClock, lost: r.lost, doubled: r.doubled,
  };
}

async function main() {
  if (process.argv.includes('--bare-worker')) return bareWorkerMain();
  const config = benchConfig();
  const redis = new Redis({ host: config.redis.host, port: config.redis.port, password: config.redis.password, db: config.redis.db });
  if (config.redis.db === 0) throw new Error('BENCH_REDIS_DB must not be 0: the bench flushes its Redis db');
  await redis.flushdb();
  const { conn } = await seed(config);
  const [[v]] = (await conn.query('SELECT VERSION() AS v')) as any;
  const redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))![1];
  console.log(`SLA engine benchmark: ${fmt(N)} clocks due within ${SPREAD_MS / 1000} s, 2 worker processes × concurrency ${CONCURRENCY}`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${fmt(totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}, MariaDB ${v.v}, Redis ${redisVersion}`);
  const sla = summary(await runSla(config, conn, redis));
  const bare = summary(await runBare(config, redis));
  const row = (name: string, f: (s: ReturnType<typeof summary>) => string, ratio?: number) =>
    console.log(`${name.padEnd(34)} ${f(sla).padStart(14)} ${f(bare).padStart(14)} ${ratio === undefined ? '' : `${fmt(ratio, 2)}×`.padStart(8)}`);
  console.log(`\n${''.padEnd(34)} ${'SLA engine'.padStart(14)} ${'bare BullMQ'.padStart(14)} ${'ratio'.padStart(8)}`);
  row('scheduling rate (wake-ups/s)', (s) => fmt(s.schedulePerSec), sla.schedulePerSec / bare.schedulePerSec);
  row('firing lateness p50 (ms)', (s) => fmt(s.p50), sla.p50 / bare.p50);
  row('firing lateness p99 (ms)', (s) => fmt(s.p99), sla.p99 / bare.p99);
  row('firing lateness max (ms)', (s) => fmt(s.max), sla.max / bare.max);
  row('applied per second (first due→last)', (s) => fmt(s.perSec), sla.perSec / bare.perSec);
  row('Redis memory per clock (bytes)', (s) => fmt(s.bytes), sla.bytes / bare.bytes);
  row('lost', (s) => fmt(s.lost));
  row('double', (s) => fmt(s.doubled));
  console.log('\nSLA: each firing = breach + first escalation step + 2 timeline events + 2 notifications, one MySQL transaction.');
  await conn.end();
  redis.disconnect();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
