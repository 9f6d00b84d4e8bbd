import 'reflect-metadata';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { once } from 'node:events';
import { join } from 'node:path';
import { createServer } from 'node:net';
import mysql from 'mysql2/promise';
import { loadConfig } from '../../src/config/app-config';
import { prepareDatabase } from '../../src/database/database-bootstrap';
import { APP_DIST } from '../app-dist';

/**
 * Hot paths against bare SQL on the same machine, in the same run.
 *   reportTicket  vs  one transaction: INSERT ticket + INSERT event
 *   inbox (20)    vs  one indexed 20-row SELECT
 *   ticket(id)    vs  one primary-key SELECT
 * The BFF runs as its own process (as in production). HTTP load comes from wrk (Debian package `wrk`),
 * bare SQL from mysql2 in this process; 32 in flight either way.
 * Usage: pnpm --filter @msb/bff bench:api [seconds per phase, default 10]
 */
const CONCURRENCY = 32;
const SECONDS = Number(process.argv[2] ?? 10);
const DB = process.env.BENCH_DB_NAME ?? 'msb_bench';

async function freePort(): Promise<number> {
  const s = createServer();
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  const port = (s.address() as { port: number }).port;
  s.close();
  return port;
}

async function run(label: string, work: (i: number) => Promise<void>): Promise<Result> {
  const lat: number[] = [];
  let errors = 0;
  let i = 0;
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < until) {
      const n = i++;
      const t0 = performance.now();
      try { await work(n); } catch { errors++; }
      lat.push(performance.now() - t0);
    }
  }));
  lat.sort((a, b) => a - b);
  const r = { label, rate: lat.length / SECONDS, p50: lat[Math.floor(lat.length * 0.5)], p99: lat[Math.floor(lat.length * 0.99)], errors };
  console.log(`${label.padEnd(34)} ${r.rate.toFixed(0).padStart(7)}/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  errors ${errors}`);
  return r;
}

type Result = { label: string; rate: number; p50: number; p99: number; errors: number };

/** Runs wrk with a Lua script that builds each request; parses its summary. */
function wrk(label: string, url: string, lua: string): Result {
  const script = join(tmpdir(), `msb-bench-${process.pid}.lua`);
  writeFileSync(script, lua);
  const out = execFileSync('wrk', ['-t2', `-c${CONCURRENCY}`, `-d${SECONDS}s`, '--latency', '-s', script, url], { encoding: 'utf8' });
  const rate = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)![1]);
  const ms = (p: string) => {
    const m = new RegExp(`${p}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    if (!m) return NaN;
    return Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1);
  };
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const errs = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = non2xx + (errs ? errs.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
  const r = { label, rate, p50: ms('50'), p99: ms('99'), errors };
  console.log(`${label.padEnd(34)} ${r.rate.toFixed(0).padStart(7)}/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  errors ${errors}`);
  return r;
}

const luaPost = (token: string, body: string) => `
wrk.method = "POST"
wrk.headers["content-type"] = "application/json"
wrk.headers["authorization"] = "Bearer ${token}"
wrk.body = ${JSON.stringify(body)}
`;

async function main() {
  // Production mode, as deployed (libraries skip their development checks); throwaway secrets.
  const env = {
    ...process.env, DB_NAME: DB, NODE_ENV: 'production', RUN_WORKERS: process.env.RUN_WORKERS ?? 'true', DB_POOL_SIZE: '32',
    JWT_SECRET: 'bench-only-jwt-secret-0123456789abcdef', QR_KEYS: 'k1:bench-only-qr-key-0123456789abcdef', WECHAT_APP_SECRET: 'bench',
  };
  const config = loadConfig(env);
  const admin = await mysql.createConnection({ host: config.db.host, port: config.db.port, user: config.db.user, password: config.db.password });
  await admin.query(`DROP DATABASE IF EXISTS \`${DB}\``);
  await admin.end();
  await prepareDatabase(config, () => undefined);
  const dist = APP_DIST;
  const seed = spawn(process.execPath, [join(dist, 'seed', 'seed.cli.js')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let seedOut = '';
  seed.stdout!.on('data', (d) => (seedOut += d));
  await once(seed, 'exit');
  const qrToken = /\/q\/(\S+)/.exec(seedOut)![1];

  const port = await freePort();
  const bff: ChildProcess = spawn(process.execPath, [join(dist, 'main.js')], { env: { ...env, PORT: String(port), H5_DIR: '' }, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let k = 0; k < 100; k++) {
    try { if ((await fetch(`${base}/health/ready`)).ok) break; } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  const login = async (phone: string) => {
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `mutation { loginWithPassword(phone: "${phone}", password: "Msb@2026") { token } }` }) });
    return ((await res.json()) as any).data.loginWithPassword.token as string;
  };
  const staff = await login('13800001011');
  // An owner token: owners sign in by SMS; for the benchmark we give the seeded owner a password.
  const pool = mysql.createPool({ host: config.db.host, port: config.db.port, user: config.db.user, password: config.db.password, database: DB, connectionLimit: CONCURRENCY });
  const [[owner]] = await pool.query<any[]>("SELECT u.id, u.phone FROM users u JOIN role_assignments r ON r.user_id = u.id AND r.role = 'OWNER' ORDER BY u.id LIMIT 1");
  await pool.query('UPDATE users SET password_hash = (SELECT password_hash FROM (SELECT password_hash FROM users WHERE phone = ?) x) WHERE id = ?', ['13800001011', owner.id]);
  const ownerToken = await login(owner.phone);

  console.log(`\nmachine: ${require('node:os').cpus().length} cores, ${(require('node:os').totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; ${CONCURRENCY} in flight, ${SECONDS} s per phase\n`);
  const results = [];
  const stamp = Date.now();
  results.push(await run('bare SQL: insert ticket+event tx', async (i) => {
    const c = await pool.getConnection();
    try {
      await c.beginTransaction();
      const [r] = await c.query<any>(
        `INSERT INTO tickets (number, complex_id, community_id, company_id, spot_id, category_code, priority, text, reporter_id, status, version, idempotency_key, created_at, updated_at)
         VALUES (?, 1, 4, 1, 1, 'PARKING', 'NORMAL', 'bench', ?, 'REPORTED', 1, ?, NOW(3), NOW(3))`, [`B-${stamp}-${i}`, owner.id, `bare-${stamp}-${i}`]);
      await c.query("INSERT INTO ticket_events (ticket_id, actor_id, actor_role, action, to_status, created_at) VALUES (?, ?, 'OWNER', 'REPORT', 'REPORTED', NOW(3))", [r.insertId, owner.id]);
      await c.commit();
    } finally { c.release(); }
  }));
  results.push(wrk('reportTicket (GraphQL)', `${base}/graphql`, `
counter = 0
local thread_id = 0
setup = function(thread) thread_id = thread_id + 1; thread:set("tid", thread_id) end
request = function()
  counter = counter + 1
  local body = '{"query":"mutation($i: ReportTicketInput!) { reportTicket(input: $i) { id number status } }","variables":{"i":{"qrToken":"${qrToken}","idempotencyKey":"bench-${stamp}-' .. tid .. '-' .. counter .. '","categoryCode":"PARKING","text":"消防通道被占用，请尽快处理。"}}}'
  return wrk.format("POST", "/graphql", { ["content-type"] = "application/json", ["authorization"] = "Bearer ${ownerToken}" }, body)
end
`));
  results.push(await run('bare SQL: indexed 20-row select', async () => {
    await pool.query('SELECT * FROM tickets WHERE complex_id IN (1) ORDER BY id DESC LIMIT 20');
  }));
  results.push(wrk('inbox first:20 (GraphQL)', `${base}/graphql`, luaPost(staff, JSON.stringify({
    query: '{ inbox(first: 20) { nodes { id number status priority text createdAt category { name } complex { name } assignee { name } } pageInfo { endCursor hasNextPage } } }',
  }))));
  results.push(await run('bare SQL: select by primary key', async () => {
    await pool.query('SELECT * FROM tickets WHERE id = 3');
  }));
  results.push(wrk('ticket(id) with timeline (GraphQL)', `${base}/graphql`, luaPost(staff, JSON.stringify({
    query: '{ ticket(id: "3") { id number status version text category { name } complex { name } timeline { action actorName note createdAt } availableActions } }',
  }))));
  console.log('\nratios (GraphQL / bare SQL):');
  console.log(`  reportTicket  ${(results[1].rate / results[0].rate).toFixed(2)}`);
  console.log(`  inbox         ${(results[3].rate / results[2].rate).toFixed(2)}`);
  console.log(`  ticket(id)    ${(results[5].rate / results[4].rate).toFixed(2)}`);
  const [[{ n }]] = await pool.query<any[]>("SELECT COUNT(*) AS n FROM tickets WHERE idempotency_key LIKE 'bench-%'");
  console.log(`\nreportTicket filed ${n} tickets through GraphQL (each acknowledged exactly once).`);
  await new Promise((r) => setTimeout(r, 1000));
  bff.kill('SIGTERM');
  await once(bff, 'exit');
  await pool.end();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
