import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { once } from 'node:events';
import { join } from 'node:path';
import { createServer } from 'node:net';
import mysql from 'mysql2/promise';
import { loadConfig } from '../../src/config/app-config';
import { prepareDatabase } from '../../src/database/database-bootstrap';
import { signQrToken } from '../../src/qr/domain/qr-token';
import { line, measured, runLocal, runWrk, topSelf, tree, type Result } from './bench-load';
import { readTrace, replayer, type Recording } from './bench-replay';
import { seedHistory } from './bench-seed';
import { APP_DIST } from '../app-dist';

/**
 * Hot paths against bare SQL on the same machine, in the same run (issue 15). For each path, at each
 * concurrency (32 and 128 in flight):
 *   minimal SQL  — what the operation needs at the least, through bare mysql2 (the ceiling);
 *   BFF's SQL    — the very statements the BFF sent for one such request (recorded), re-issued through bare
 *                  mysql2: the difference to GraphQL is our Node code, the difference to minimal is our SQL;
 *   GraphQL      — the BFF itself (BFF_PROCESSES processes on one port, job workers in their own process).
 * Then a CPU profile of each GraphQL path (5 s at 32) and its top self-time functions.
 * The database (BENCH_DB_NAME, default msb_bench) holds the demo seed plus BENCH_TICKETS (default 1,000,000)
 * tickets with their events; it is kept between runs (BENCH_FRESH=1 seeds it again).
 * Usage: pnpm bench:api [seconds per phase, default 10]. Needs Debian's `wrk`.
 */
const SECONDS = Number(process.argv[2] ?? 10);
const LEVELS = (process.env.BENCH_CONCURRENCY ?? '32,128').split(',').map(Number);
const DB = process.env.BENCH_DB_NAME ?? 'msb_bench';
const TICKETS = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const PROCESSES = process.env.BFF_PROCESSES ?? '1';
const OUT = process.env.BENCH_OUT ?? join('/tmp', `msb-bench-api-${process.pid}`);
/** The preload (plain JS, not compiled): apps/bff/bench/api/bench-hooks.js, from dist-bench/bench/api or bench/api. */
const HOOKS = join(__dirname, ...(__dirname.includes('dist-bench') ? ['..', '..', '..'] : ['..', '..']), 'bench', 'api', 'bench-hooks.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  const s = createServer();
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  const port = (s.address() as { port: number }).port;
  s.close();
  return port;
}

const load = () => `load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`;

async function main() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const control = join(OUT, 'control');
  writeFileSync(control, 'off');
  const env = {
    ...process.env, DB_NAME: DB, NODE_ENV: 'production', DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '32', BFF_PROCESSES: PROCESSES,
    JWT_SECRET: 'bench-only-jwt-secret-0123456789abcdef', QR_KEYS: 'k1:bench-only-qr-key-0123456789abcdef', WECHAT_APP_SECRET: 'bench',
    BENCH_CONTROL_FILE: control,
  };
  const config = loadConfig(env);
  const conn = { host: config.db.host, port: config.db.port, user: config.db.user, password: config.db.password };
  const admin = await mysql.createConnection(conn);
  const [[have]] = await admin.query<any[]>('SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ? AND table_name = ?', [DB, 'tickets']);
  const dist = process.env.BENCH_DIST ?? APP_DIST;
  // As many connections as one BFF process has (the server's max_connections is shared): at 128 in flight the
  // bare baselines queue in their pool as the BFF's requests queue in its own.
  const pool = mysql.createPool({ ...conn, database: DB, connectionLimit: Number(env.DB_POOL_SIZE) });
  let seeded = 0;
  if (have.n) [[{ n: seeded }]] = await pool.query<any[]>("SELECT COUNT(*) AS n FROM tickets WHERE number LIKE 'H-%'");
  if (process.env.BENCH_FRESH === '1' || seeded < TICKETS) {
    await admin.query(`DROP DATABASE IF EXISTS \`${DB}\``);
    await prepareDatabase(config, () => undefined);
    const seed = spawn(process.execPath, [join(dist, 'seed', 'seed.cli.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    await once(seed, 'exit');
    console.log(`seeding ${TICKETS.toLocaleString()} tickets into ${DB} (${load()})`);
    await seedHistory(pool, { total: TICKETS, mainComplex: 1, mainShare: 0.4, log: console.log });
  }
  // The seeded history carries no figure facts; the figures' catch-up starts after it (it would otherwise
  // spend the whole run recomputing a million timelines in the job worker, against the same database).
  await pool.query("INSERT INTO figure_watermarks (name, event_id, updated_at) SELECT 'events', COALESCE(MAX(id), 0), NOW(3) FROM ticket_events ON DUPLICATE KEY UPDATE event_id = GREATEST(event_id, VALUES(event_id))");
  await admin.end();
  if (process.env.BENCH_SEED_ONLY === '1') return void (await pool.end());
  // The demo QR token of complex 1's first spot, signed with the bench's key.
  const qrToken = await qrFor(config.qr, pool);

  const port = await freePort();
  const bff: ChildProcess = spawn(process.execPath, ['-r', HOOKS, join(dist, 'cluster.js')], { env: { ...env, PORT: String(port), H5_DIR: '' }, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let k = 0; k < 300; k++) {
    try { if ((await fetch(`${base}/health/ready`)).ok) break; } catch { /* starting */ }
    await sleep(200);
  }
  const httpPids = () => tree(bff.pid!).filter((p) => { try { return !readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('worker.js'); } catch { return false; } });
  const gql = async (body: object, token?: string) => {
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    return (await res.json()) as any;
  };
  const login = async (phone: string) => (await gql({ query: `mutation { loginWithPassword(phone: "${phone}", password: "Msb@2026") { token } }` })).data.loginWithPassword.token as string;
  const staff = await login('13800001011');
  // Owners sign in by SMS; for the benchmark the seeded owner gets the staff member's password.
  const [[owner]] = await pool.query<any[]>("SELECT u.id, u.phone FROM users u JOIN role_assignments r ON r.user_id = u.id AND r.role = 'OWNER' WHERE u.phone IS NOT NULL ORDER BY u.id LIMIT 1");
  await pool.query('UPDATE users SET password_hash = (SELECT password_hash FROM (SELECT password_hash FROM users WHERE phone = ?) x) WHERE id = ?', ['13800001011', owner.id]);
  const ownerToken = await login(owner.phone);
  const [[{ id: someTicket }]] = await pool.query<any[]>("SELECT id FROM tickets WHERE complex_id = 1 AND status = 'CLOSED' ORDER BY id DESC LIMIT 1");

  const stamp = Date.now().toString(36);
  const report = (key: string) => ({ query: 'mutation($i: ReportTicketInput!) { reportTicket(input: $i) { id number status } }', variables: { i: { qrToken, idempotencyKey: key, categoryCode: 'PARKING', text: '消防通道被占用，请尽快处理。' } } });
  const paths = {
    filing: { token: ownerToken, body: null as null | object },
    inbox: { token: staff, body: { query: '{ inbox(first: 20) { nodes { id number status priority text createdAt category { name } complex { name } assignee { name } } pageInfo { endCursor hasNextPage } } }' } },
    ticket: { token: staff, body: { query: `{ ticket(id: "${someTicket}") { id number status version text category { name } complex { name } timeline { action actorName note createdAt } availableActions } }` } },
    myTickets: { token: ownerToken, body: { query: '{ myTickets(first: 20) { nodes { id number status text createdAt category { name } complex { name } } pageInfo { endCursor hasNextPage } } }' } },
  };

  // Record the statements of one request per path (after warm-ups, so caches are as under load).
  const recordings = {} as Record<keyof typeof paths, Recording>;
  for (const [name, p] of Object.entries(paths) as [keyof typeof paths, (typeof paths)['inbox']][]) {
    for (let k = 0; k < 3; k++) await gql(p.body ?? report(`warm-${stamp}-${k}`), p.token);
    const file = join(OUT, `trace-${name}.jsonl`);
    writeFileSync(control, `trace ${file}`);
    await sleep(300);
    const r = await gql(p.body ?? report(`trace-${stamp}`), p.token);
    if (r.errors) throw new Error(`${name}: ${JSON.stringify(r.errors)}`);
    await sleep(300);
    writeFileSync(control, 'off');
    await sleep(200);
    recordings[name] = readTrace(file);
  }
  const uniq = (v: unknown, run: number) => (typeof v !== 'string' ? v : v === `trace-${stamp}` ? `rp-${stamp}-${run}` : /^MSB-\d{8}-\d+$/.test(v) ? `R${stamp}-${run}` : v);

  const cores = cpus().length;
  console.log(`\nmachine: ${cores} cores (${cpus()[0].model}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; BFF_PROCESSES=${PROCESSES}, DB pool ${env.DB_POOL_SIZE} per process; ${SECONDS} s per phase`);
  console.log(`statements per request (recorded): ${Object.entries(recordings).map(([k, r]) => `${k} ${r.statements}`).join(', ')}\n`);
  const table: { c: number; path: string; min: Result; bff: Result; api: Result; loads: string }[] = [];
  const postLua = (token: string, body: object) => `wrk.method = "POST"\nwrk.headers["content-type"] = "application/json"\nwrk.headers["authorization"] = "Bearer ${token}"\nwrk.body = ${JSON.stringify(JSON.stringify(body))}\n`;
  const reportLua = (c: number) => `counter = 0
local thread_id = 0
setup = function(thread) thread_id = thread_id + 1; thread:set("tid", thread_id) end
request = function()
  counter = counter + 1
  local body = '{"query":"mutation($i: ReportTicketInput!) { reportTicket(input: $i) { id number status } }","variables":{"i":{"qrToken":"${qrToken}","idempotencyKey":"bench-${stamp}-${c}-' .. tid .. '-' .. counter .. '","categoryCode":"PARKING","text":"消防通道被占用，请尽快处理。"}}}'
  return wrk.format("POST", "/graphql", { ["content-type"] = "application/json", ["authorization"] = "Bearer ${ownerToken}" }, body)
end
`;
  const minimal: Record<keyof typeof paths, (i: number, c: number) => Promise<void>> = {
    filing: async (i, c) => {
      const k = await pool.getConnection();
      try {
        await k.beginTransaction();
        const [r] = await k.query<any>(
          `INSERT INTO tickets (number, complex_id, community_id, company_id, spot_id, category_code, priority, text, reporter_id, status, version, idempotency_key, created_at, updated_at)
           VALUES (?, 1, 4, 1, 1, 'PARKING', 'NORMAL', 'bench', ?, 'REPORTED', 1, ?, NOW(3), NOW(3))`, [`B${stamp}-${c}-${i}`, owner.id, `bare-${stamp}-${c}-${i}`]);
        await k.query("INSERT INTO ticket_events (ticket_id, actor_id, actor_role, action, to_status, created_at) VALUES (?, ?, 'OWNER', 'REPORT', 'REPORTED', NOW(3))", [r.insertId, owner.id]);
        await k.commit();
      } finally { k.release(); }
    },
    inbox: async () => { await pool.query('SELECT * FROM tickets WHERE complex_id = 1 ORDER BY urgency_bucket, urgency_sort, id LIMIT 21'); },
    ticket: async () => { await pool.query('SELECT * FROM tickets WHERE id = ?', [someTicket]); },
    myTickets: async () => { await pool.query('SELECT * FROM tickets WHERE reporter_id = ? ORDER BY id DESC LIMIT 21', [owner.id]); },
  };
  for (const c of LEVELS) {
    for (const [name, p] of Object.entries(paths) as [keyof typeof paths, (typeof paths)['inbox']][]) {
      const loads = load();
      const min = await runLocal(`${name} @${c}: minimal SQL`, c, SECONDS, (i) => minimal[name](i, c));
      console.log(line(min));
      const replay = replayer(pool, recordings[name], uniq);
      const bffSql = await runLocal(`${name} @${c}: BFF's SQL (${recordings[name].statements} st.)`, c, SECONDS, (i) => replay(c * 10_000_000 + i));
      console.log(line(bffSql));
      const api = await measured(httpPids, () => runWrk(`${name} @${c}: GraphQL`, c, SECONDS, `${base}/graphql`, p.body ? postLua(p.token, p.body) : reportLua(c)));
      console.log(`${line(api)}   (${loads})`);
      table.push({ c, path: name, min, bff: bffSql, api, loads });
    }
  }

  console.log('\nratios, GraphQL / minimal SQL and GraphQL / BFF\'s own SQL (same run):');
  console.log('path         in flight   GraphQL/s   p99 ms   × minimal   × BFF SQL   CPU ms/req   RSS MB   errors');
  for (const r of table) {
    console.log(`${r.path.padEnd(12)} ${String(r.c).padStart(9)} ${r.api.rate.toFixed(0).padStart(11)} ${r.api.p99.toFixed(0).padStart(8)} ${(r.api.rate / r.min.rate).toFixed(2).padStart(11)} ${(r.api.rate / r.bff.rate).toFixed(2).padStart(11)} ${r.api.cpuMs!.toFixed(2).padStart(12)} ${r.api.rssMb!.toFixed(0).padStart(8)} ${String(r.api.errors).padStart(8)}`);
  }
  const inbox32 = table.find((r) => r.path === 'inbox' && r.c === LEVELS[0])!;
  // Issue 15's failure: after the bare inserts nearly every inbox request ran past wrk's 2 s timeout (p50 1.9 s).
  console.log(`\ninbox after the bare inserts: ${inbox32.api.errors === 0 && inbox32.api.p50 < 500 ? 'ok' : 'FAILED'} (errors ${inbox32.api.errors}, p50 ${inbox32.api.p50.toFixed(0)} ms, p99 ${inbox32.api.p99.toFixed(0)} ms)`);

  // Profiles, one path at a time (5 s at 32 in flight each).
  for (const [name, p] of Object.entries(paths) as [keyof typeof paths, (typeof paths)['inbox']][]) {
    writeFileSync(control, `prof ${join(OUT, `prof-${name}`)}`);
    await sleep(300);
    runWrk(`${name} profile`, 32, 5, `${base}/graphql`, p.body ? postLua(p.token, p.body) : reportLua(999));
    writeFileSync(control, 'off');
    await sleep(1500);
    console.log(`\ntop self time, ${name} (GraphQL, 32 in flight, 5 s):`);
    for (const l of topSelf(OUT, `prof-${name}.`)) console.log(`  ${l}`);
  }

  const [[{ n }]] = await pool.query<any[]>('SELECT COUNT(*) AS n FROM tickets WHERE idempotency_key LIKE ?', [`bench-${stamp}-%`]);
  const [[{ d }]] = await pool.query<any[]>('SELECT COUNT(*) AS d FROM (SELECT idempotency_key FROM tickets WHERE idempotency_key LIKE ? GROUP BY reporter_id, idempotency_key HAVING COUNT(*) > 1) x', [`bench-${stamp}-%`]);
  console.log(`\nreportTicket filed ${n} tickets through GraphQL, ${d} keys twice (every acknowledged report exactly once). ${load()}`);
  bff.kill('SIGTERM');
  await once(bff, 'exit');
  await pool.end();
}

/** The QR token of complex 1's first spot, as the BFF signs it. */
async function qrFor(qr: { keys: Record<string, string>; activeKid: string }, pool: mysql.Pool): Promise<string> {
  const [[s]] = await pool.query<any[]>('SELECT id, qr_serial FROM spots WHERE complex_id = 1 ORDER BY id LIMIT 1');
  return signQrToken(qr.keys, { kid: qr.activeKid, spotId: s.id, serial: s.qr_serial });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
