#!/usr/bin/env node
/**
 * The fault and abuse campaign of issue 9, repeatable by hand (not in CI): its own MariaDB, Redis and
 * BFF (apps/bff/dist, build it first), loopback only, everything it starts stopped at the end.
 *
 *   pnpm --filter @msb/bff build && nice -n 10 node apps/bff/faults/campaign.mjs [--quick]
 *
 * Phases: kill -9 of the BFF during a 1,000-report burst; Redis stopped 60 s across SLA deadlines;
 * MariaDB down 30 s; 5,000 fuzzed requests; the races (wrong passwords, SMS requests, first logins at
 * once); upload cases. Prints one line of figures per phase and a JSON summary at the end
 * (docs/reliability.md records a run). `--quick` shortens the outages (for trying the script out).
 */
import { spawn, execFileSync } from 'node:child_process';
import { createHmac, createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { createServer as netServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BFF = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(BFF, 'package.json'));
const mysql = require('mysql2/promise');
const QUICK = process.argv.includes('--quick');
const REDIS_OUTAGE_MS = QUICK ? 15_000 : 60_000;
const DB_OUTAGE_MS = QUICK ? 10_000 : 30_000;
const BURST = QUICK ? 300 : 1000;
const FUZZ = QUICK ? 1000 : 5000;
const JWT_SECRET = randomBytes(24).toString('hex');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const started = [];
const figures = {};
const log = (...a) => console.log(new Date().toISOString().slice(11, 19), ...a);

function freePort() {
  return new Promise((resolve) => {
    const s = netServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function until(what, probe, ms) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch {}
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

// ---- processes ---------------------------------------------------------------------------------

const dir = mkdtempSync('/tmp/msb-faults-');
const ports = { db: await freePort(), redis: await freePort(), bff: await freePort(), sms: await freePort() };

function startDb() {
  const p = spawn('mariadbd', ['--no-defaults', `--datadir=${dir}/data`, `--socket=${dir}/sock`, `--pid-file=${dir}/pid`, `--port=${ports.db}`,
    '--bind-address=127.0.0.1', '--skip-grant-tables', '--skip-name-resolve', '--innodb-buffer-pool-size=64M', '--performance-schema=OFF',
    ...(process.getuid?.() === 0 ? ['--user=root'] : [])], { stdio: 'ignore' });
  started.push(p);
  return p;
}
const dbUp = () => until('MariaDB', async () => { const c = await mysql.createConnection({ host: '127.0.0.1', port: ports.db, user: 'root' }); await c.end(); return true; }, 60_000);

function startRedis() {
  const p = spawn('redis-server', ['--port', String(ports.redis), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  started.push(p);
  return p;
}

const env = {
  PATH: process.env.PATH, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(ports.bff), PUBLIC_BASE_URL: `http://127.0.0.1:${ports.bff}`,
  DB_HOST: '127.0.0.1', DB_PORT: String(ports.db), DB_USER: 'root', DB_PASSWORD: '', DB_NAME: 'msb_faults',
  REDIS_HOST: '127.0.0.1', REDIS_PORT: String(ports.redis), REDIS_DB: '0', JWT_SECRET, QR_KEYS: `k1:${randomBytes(24).toString('hex')}`,
  H5_DIR: '', UPLOADS_DIR: `${dir}/uploads`, SMS_API_BASE: `http://127.0.0.1:${ports.sms}`, SMS_API_KEY: 'k', SMS_RESEND_SECONDS: '60',
  SLA_RECONCILE_INTERVAL_MS: '10000', SLA_RECONCILE_GRACE_MS: '5000', SLA_LOCK_DURATION_MS: '5000', SLA_STALLED_INTERVAL_MS: '5000',
  DB_ACQUIRE_TIMEOUT_MS: '3000', DB_QUERY_TIMEOUT_MS: '5000',
};

let bff = null;
let bffOut = '';
async function startBff() {
  bff = spawn(process.execPath, [join(BFF, 'dist', 'main.js')], { cwd: BFF, env, stdio: ['ignore', 'pipe', 'pipe'] });
  bff.stdout.on('data', (d) => (bffOut = (bffOut + d).slice(-20000)));
  bff.stderr.on('data', (d) => (bffOut = (bffOut + d).slice(-20000)));
  started.push(bff);
  await until('the BFF', async () => (await fetch(`http://127.0.0.1:${ports.bff}/health/live`)).ok, 90_000);
}
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${bff.pid}/status`, 'utf8'))[1]) / 1024;

// ---- a fake SMS gateway that counts what it is asked to send ----------------------------------
const smsSent = [];
const gateway = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    try { const b = JSON.parse(body); smsSent.push({ phone: b.phone, code: b.params?.code }); } catch {}
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
await new Promise((r) => gateway.listen(ports.sms, '127.0.0.1', r));

// ---- HTTP helpers ------------------------------------------------------------------------------
let addr = 0;
const nextAddr = () => `10.${(addr >> 16) & 255}.${(addr >> 8) & 255}.${addr++ & 255}`;
const statuses = { total: 0, s5xx: 0, s503: 0 };
async function gql(query, variables = {}, token, { from = nextAddr(), timeoutMs = 30_000 } = {}) {
  const res = await fetch(`http://127.0.0.1:${ports.bff}/graphql`, {
    method: 'POST', signal: AbortSignal.timeout(timeoutMs),
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  statuses.total++;
  if (res.status >= 500) statuses.s5xx++;
  if (res.status === 503) statuses.s503++;
  let body = null;
  try { body = await res.json(); } catch {}
  return { status: res.status, body, code: body?.errors?.[0]?.extensions?.code ?? (res.status === 200 ? 'OK' : `HTTP${res.status}`) };
}
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
function tokenFor(userId) {
  const now = Math.floor(Date.now() / 1000);
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: String(userId), iat: now, exp: now + 86400 })}`;
  return `${head}.${createHmac('sha256', JWT_SECRET).update(head).digest('base64url')}`;
}
const tally = (rs) => rs.reduce((m, r) => ((m[r.code] = (m[r.code] ?? 0) + 1), m), {});

// ---- setup -------------------------------------------------------------------------------------
async function setup() {
  execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${dir}/data`, '--auth-root-authentication-method=normal', ...(process.getuid?.() === 0 ? ['--user=root'] : [])], { stdio: 'ignore' });
  startDb();
  startRedis();
  await dbUp();
  const seed = execFileSync(process.execPath, [join(BFF, 'dist', 'seed', 'seed.cli.js'), '--if-empty'], { cwd: BFF, env, encoding: 'utf8' });
  const qr = [...seed.matchAll(/\/q\/(\S+)/g)].map((m) => m[1]);
  await startBff();
  const db = await mysql.createPool({ host: '127.0.0.1', port: ports.db, user: 'root', database: 'msb_faults', connectionLimit: 4 });
  const owners = await db.query("SELECT u.id FROM users u JOIN role_assignments r ON r.user_id = u.id AND r.role = 'OWNER' WHERE u.phone LIKE '139000000%'").then(([r]) => r.map((x) => x.id));
  const admin = (await gql('mutation { loginWithPassword(phone: "13800000051", password: "Msb@2026") { token } }')).body.data.loginWithPassword.token;
  return { db, qr: qr[0], owners, admin };
}

const REPORT = 'mutation($input: ReportTicketInput!) { reportTicket(input: $input) { id } }';
const report = (w, key, owner = w.owners[0]) =>
  gql(REPORT, { input: { qrToken: w.qr, idempotencyKey: key, categoryCode: 'FACILITIES', text: '楼道灯坏了，晚上很黑。' } }, tokenFor(owner), { timeoutMs: 20_000 }).catch((e) => ({ status: 0, code: 'NETWORK', error: String(e) }));

// ---- phase 1: kill -9 during a burst -----------------------------------------------------------
async function burstWithKill(w) {
  const keys = Array.from({ length: BURST }, (_, i) => `burst-${i}-${randomBytes(4).toString('hex')}`);
  const acked = new Set();
  let fivexx = 0;
  let killed = false;
  let next = 0;
  // Each key belongs to one owner (as a client's retry would): the idempotency key is per reporter.
  const ownerOf = (k) => w.owners[keys.indexOf(k) % w.owners.length];
  const worker = async () => {
    while (next < keys.length) {
      const k = keys[next++];
      const r = await report(w, k, ownerOf(k));
      if (r.code === 'OK') acked.add(k);
      else if (r.status >= 500) fivexx++;
      if (!killed && acked.size >= BURST * 0.4) {
        killed = true;
        log(`kill -9 BFF ${bff.pid} after ${acked.size} acknowledged`);
        bff.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  await startBff();
  // The clients retry what got no answer, with the same keys.
  const unanswered = keys.filter((k) => !acked.has(k));
  for (let i = 0; i < unanswered.length; i += 16) {
    const rs = await Promise.all(unanswered.slice(i, i + 16).map((k) => report(w, k, ownerOf(k)).then((r) => [k, r])));
    for (const [k, r] of rs) if (r.code === 'OK') acked.add(k); else if (r.status >= 500) fivexx++;
  }
  const [rows] = await w.db.query('SELECT idempotency_key AS k, COUNT(*) AS n FROM tickets WHERE idempotency_key LIKE ? GROUP BY idempotency_key', ['burst-%']);
  const stored = new Map(rows.map((r) => [r.k, Number(r.n)]));
  const [[half]] = await w.db.query(`SELECT COUNT(*) AS n FROM tickets t WHERE idempotency_key LIKE 'burst-%' AND NOT EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.action = 'REPORT')`);
  figures.killBurst = {
    sent: BURST, acknowledged: acked.size, stored: stored.size, lost: [...acked].filter((k) => !stored.has(k)).length,
    doubled: [...stored.values()].filter((n) => n > 1).length, halfWritten: Number(half.n), http5xx: fivexx,
  };
  log('kill -9 during burst', JSON.stringify(figures.killBurst));
}

// ---- phase 2: Redis stopped 60 s across deadlines ----------------------------------------------
async function redisOutage(w) {
  const [[cx]] = await w.db.query('SELECT s.complex_id AS id FROM tickets t JOIN spots s ON s.id = t.spot_id ORDER BY t.id DESC LIMIT 1');
  const policy = await gql(`mutation($input: SlaPolicyInput!) { createSlaPolicyVersion(input: $input) { id } }`, { input: {
    name: '故障演练秒级时限', scopeKind: 'COMPLEX', scopeId: Number(cx.id),
    targets: [{ target: 'ACCEPT', minutes: 0.5, calendar: '24x7', warnShare: 0.5, escalation: { steps: [{ level: 'HANDLER', delayMinutes: 0 }, { level: 'PROJECT_MANAGER', delayMinutes: 0.5 }] } }],
  } }, w.admin);
  if (policy.code !== 'OK') throw new Error(`policy: ${JSON.stringify(policy.body)}`);
  const keys = Array.from({ length: 50 }, (_, i) => `redis-${i}-${randomBytes(4).toString('hex')}`);
  const filed = await Promise.all(keys.map((k, i) => report(w, k, w.owners[i % w.owners.length])));
  const ids = filed.filter((r) => r.code === 'OK').map((r) => r.body.data.reportTicket.id);
  const redis = started.find((p) => p.spawnargs[0] === 'redis-server' && p.exitCode === null && p.signalCode === null);
  redis.kill('SIGKILL');
  log(`Redis killed for ${REDIS_OUTAGE_MS / 1000} s (deadlines at +15 s warning, +30 s breach, +60 s second step)`);
  const during = [];
  const end = Date.now() + REDIS_OUTAGE_MS;
  while (Date.now() < end) {
    during.push(await report(w, `redis-during-${randomBytes(6).toString('hex')}`));
    during.push(await gql('{ categories { code } }'));
    await sleep(1000);
  }
  startRedis();
  const recovered = Date.now();
  const want = { SLA_WARNING: 1, SLA_BREACH: 1, SLA_ESCALATION: 2 };
  const counts = async () => {
    const [rows] = await w.db.query(`SELECT ticket_id AS t, action AS a, COUNT(*) AS n FROM ticket_events WHERE ticket_id IN (?) AND action LIKE 'SLA\\_%' GROUP BY ticket_id, action`, [ids]);
    const m = new Map();
    for (const r of rows) m.set(String(r.t), { ...(m.get(String(r.t)) ?? {}), [r.a]: Number(r.n) });
    return m;
  };
  await until('every escalation after Redis returned', async () => { const c = await counts(); return ids.every((id) => c.get(String(id))?.SLA_ESCALATION === 2); }, 120_000).catch(() => undefined);
  await sleep(3000);
  const c = await counts();
  const same = (a = {}) => Object.keys(want).every((k) => a[k] === want[k]) && Object.keys(a).length === Object.keys(want).length;
  const exact = ids.filter((id) => same(c.get(String(id)))).length;
  const [[dupSteps]] = await w.db.query('SELECT COUNT(*) AS n FROM (SELECT ticket_id, step, COUNT(*) c FROM sla_escalations WHERE ticket_id IN (?) GROUP BY ticket_id, target, cycle, step HAVING c > 1) d', [ids]);
  const [[late]] = await w.db.query(`SELECT MAX(TIMESTAMPDIFF(MICROSECOND, created_at, applied_at)) / 1e6 AS maxS, AVG(TIMESTAMPDIFF(MICROSECOND, created_at, applied_at)) / 1e6 AS avgS FROM ticket_events WHERE ticket_id IN (?) AND action LIKE 'SLA\\_%'`, [ids]);
  figures.redisOutage = {
    outageS: REDIS_OUTAGE_MS / 1000, tickets: ids.length, exactlyOnce: exact, notExactlyOnce: ids.length - exact, sample: c.get(String(ids[0])), doubledSteps: Number(dupSteps.n),
    latestAppliedAfterDueS: Number(Number(late.maxS).toFixed(1)), meanLatenessS: Number(Number(late.avgS).toFixed(1)),
    duringOutage: tally(during), caughtUpWithinS: Math.round((Date.now() - recovered) / 1000),
  };
  log('Redis outage', JSON.stringify(figures.redisOutage));
}

// ---- phase 3: MariaDB down 30 s ----------------------------------------------------------------
async function dbOutage(w) {
  const db = started.find((p) => p.spawnargs[0] === 'mariadbd' && p.exitCode === null && p.signalCode === null);
  await w.db.end();
  db.kill('SIGKILL');
  log(`MariaDB killed for ${DB_OUTAGE_MS / 1000} s`);
  const during = [];
  const ms = [];
  const end = Date.now() + DB_OUTAGE_MS;
  while (Date.now() < end) {
    const t0 = Date.now();
    const rs = await Promise.all([report(w, `db-down-${randomBytes(6).toString('hex')}`), gql('mutation { loginWithPassword(phone: "13800000051", password: "wrong") { token } }')]);
    ms.push(Date.now() - t0);
    during.push(...rs);
    await sleep(500);
  }
  const ready = await fetch(`http://127.0.0.1:${ports.bff}/health/ready`).then((r) => r.status);
  startDb();
  await dbUp();
  const back = Date.now();
  await until('requests answered again', async () => (await report(w, `db-back-${randomBytes(6).toString('hex')}`)).code === 'OK', 60_000);
  w.db = await mysql.createPool({ host: '127.0.0.1', port: ports.db, user: 'root', database: 'msb_faults', connectionLimit: 4 });
  figures.dbOutage = {
    outageS: DB_OUTAGE_MS / 1000, answers: tally(during), slowestAnswerMs: Math.max(...ms), readinessDuring: ready,
    recoveredWithinMsOfDbUp: Date.now() - back,
  };
  log('MariaDB outage', JSON.stringify(figures.dbOutage));
}

// ---- phase 4: fuzzed requests ------------------------------------------------------------------
function fuzzBody(i) {
  const junk = () => ['', '\u0000', '\udfff\ud800', 'a'.repeat(5000), '<script>', "' OR 1=1 --", '9'.repeat(40), '😀', '%00', '../../etc/passwd'][i % 10];
  const key = i % 3 === 0 ? junk() : `fuzz-${i}`;
  const kinds = [
    () => ({ query: REPORT, variables: { input: { qrToken: junk(), idempotencyKey: key, categoryCode: junk(), text: junk() } } }),
    () => ({ query: REPORT, variables: { input: { qrToken: 'x', idempotencyKey: `fuzz-${i}`, categoryCode: 'FACILITIES', text: junk(), photoIds: [junk()] } } }),
    () => ({ query: 'mutation($p: String!) { loginWithWechat(code: $p) { token } }', variables: { p: junk() } }),
    () => ({ query: 'mutation($p: String!, $c: String!) { loginWithSms(phone: $p, code: $c) { token } }', variables: { p: junk(), c: junk() } }),
    () => ({ query: `{ ${'a:categories { code } '.repeat(1 + (i % 60))} }` }),
    () => ({ query: '{'.repeat(1 + (i % 300)) }),
    () => ({ query: 'query($id: ID!) { ticket(id: $id) { id } }', variables: { id: junk() } }),
    () => ({ query: 'mutation { acceptTicket(input: { ticketId: "1", version: -1 }) { id } }' }),
    () => ({ query: `{ categories { code ${'@skip(if: false) '.repeat(i % 40)} } }` }),
    () => randomBytes(i % 200).toString('latin1'),
  ];
  return kinds[i % kinds.length]();
}
async function fuzz(w) {
  const [[before]] = await w.db.query(`SELECT (SELECT COUNT(*) FROM tickets) AS t, (SELECT COUNT(*) FROM ticket_events WHERE action NOT LIKE 'SLA\\_%') AS e, (SELECT COUNT(*) FROM attachments) AS a`);
  const rss0 = rssMb();
  const codes = {};
  let i = 0;
  const worker = async () => {
    while (i < FUZZ) {
      const n = i++;
      const b = fuzzBody(n);
      const ct = n % 17 === 0 ? 'application/x-www-form-urlencoded' : n % 19 === 0 ? 'application/graphql' : 'application/json';
      const res = await fetch(`http://127.0.0.1:${ports.bff}/graphql${n % 23 === 0 ? '?access_token=x' : ''}`, {
        method: 'POST', headers: { 'content-type': ct, 'x-forwarded-for': nextAddr(), ...(n % 5 === 0 ? { authorization: `Bearer ${tokenFor(w.owners[0])}` } : {}) },
        body: typeof b === 'string' ? b : JSON.stringify(b), signal: AbortSignal.timeout(20_000),
      }).catch(() => ({ status: 0 }));
      codes[res.status] = (codes[res.status] ?? 0) + 1;
      await res.body?.cancel?.();
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  const [[after]] = await w.db.query(`SELECT (SELECT COUNT(*) FROM tickets) AS t, (SELECT COUNT(*) FROM ticket_events WHERE action NOT LIKE 'SLA\\_%') AS e, (SELECT COUNT(*) FROM attachments) AS a`);
  figures.fuzz = {
    requests: FUZZ, byStatus: codes, http5xx: Object.entries(codes).filter(([s]) => Number(s) >= 500 || Number(s) === 0).reduce((n, [, v]) => n + v, 0),
    rowsFromRejectedInput: Number(after.t) - Number(before.t) + Number(after.e) - Number(before.e) + Number(after.a) - Number(before.a),
    rssMbBefore: Math.round(rss0), rssMbAfter: Math.round(rssMb()),
  };
  log('fuzz', JSON.stringify(figures.fuzz));
}

// ---- phase 5: races ----------------------------------------------------------------------------
async function races(w) {
  const PW = 'mutation($p: String!, $pw: String!) { loginWithPassword(phone: $p, password: $pw) { token } }';
  const from = nextAddr();
  const pw = await Promise.all([...Array.from({ length: 30 }, (_, i) => gql(PW, { p: '13800001011', pw: `guess-${i}` }, null, { from })), gql(PW, { p: '13800001011', pw: 'Msb@2026' }, null, { from })]);
  const pwT = tally(pw);
  const sent0 = smsSent.length;
  const sms = await Promise.all(Array.from({ length: 32 }, () => gql('mutation { requestSmsCode(phone: "13912340000") { resendAfterSeconds } }')));
  const smsCount = smsSent.length - sent0;
  const last = smsSent.at(-1);
  const lastWorks = last ? (await gql('mutation($p: String!, $c: String!) { loginWithSms(phone: $p, code: $c) { token } }', { p: last.phone, c: last.code })).code === 'OK' : false;
  // First logins at once: 40 new phones and one new phone from 10 tabs, codes written as requestSmsCode would.
  const db = w.db;
  const phones = Array.from({ length: 40 }, (_, i) => `1396000${String(i).padStart(4, '0')}`);
  for (const p of [...phones, '13961111111']) {
    await db.query(`INSERT INTO sms_codes (phone, code_hash, expires_at, attempts, sent_at) VALUES (?, ?, NOW(3) + INTERVAL 5 MINUTE, 0, NOW(3))
      ON DUPLICATE KEY UPDATE code_hash = VALUES(code_hash), attempts = 0, expires_at = VALUES(expires_at)`, [p, createHash('sha256').update(`${p}:246810`).digest('hex')]);
  }
  const SMS = 'mutation($p: String!, $c: String!) { loginWithSms(phone: $p, code: $c) { token } }';
  const first = await Promise.all([...phones.map((p) => gql(SMS, { p, c: '246810' })), ...Array.from({ length: 10 }, () => gql(SMS, { p: '13961111111', c: '246810' }))]);
  const [[roleless]] = await db.query(`SELECT COUNT(*) AS n FROM users u WHERE u.phone LIKE '1396%' AND NOT EXISTS (SELECT 1 FROM role_assignments r WHERE r.user_id = u.id AND r.role = 'OWNER')`);
  figures.races = {
    wrongPasswordsAtOnce: { sent: 31, evaluated: (pwT.UNAUTHENTICATED ?? 0) + (pwT.OK ?? 0), refusedBeforeCheck: pwT.RATE_LIMITED ?? 0, answers: pwT },
    smsAtOnce: { requests: 32, smsSent: smsCount, lastCodeWorks: lastWorks, answers: tally(sms) },
    firstLoginsAtOnce: { requests: first.length, answers: tally(first), usersWithoutRole: Number(roleless.n) },
  };
  log('races', JSON.stringify(figures.races));
}

// ---- phase 6: uploads (issue 9 #10, the ops engineer's part) -----------------------------------
async function uploads(w) {
  const tok = tokenFor(w.owners[0]);
  const post = (body, type) => fetch(`http://127.0.0.1:${ports.bff}/uploads`, { method: 'POST', headers: { authorization: `Bearer ${tok}`, 'content-type': type }, body }).then((r) => r.status).catch(() => 0);
  const part = (bytes, name = 'a.png', mime = 'image/png') => Buffer.concat([Buffer.from(`--XB\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${mime}\r\n\r\n`), bytes, Buffer.from('\r\n--XB--\r\n')]);
  const png8 = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const cases = {
    noBoundary: await post(part(png8), 'multipart/form-data'),
    truncated: await post(part(png8).subarray(0, 60), 'multipart/form-data; boundary=XB'),
    pngSignatureOnly: await post(part(png8), 'multipart/form-data; boundary=XB'),
    jpeg3Bytes: await post(part(Buffer.from([0xff, 0xd8, 0xff]), 'a.jpg', 'image/jpeg'), 'multipart/form-data; boundary=XB'),
    htmlAsPng: await post(part(Buffer.concat([png8, Buffer.from('<html><script>alert(1)</script>')])), 'multipart/form-data; boundary=XB'),
  };
  figures.uploads = { statuses: cases, http5xx: Object.values(cases).filter((s) => s >= 500 || s === 0).length, accepted: Object.values(cases).filter((s) => s < 300).length };
  log('uploads', JSON.stringify(figures.uploads));
}

// ---- run ---------------------------------------------------------------------------------------
// Ctrl-C: stop everything this script started, then exit.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => {
  for (const p of started) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  process.exit(130);
});
let code = 0;
try {
  log(`campaign in ${dir} (db ${ports.db}, redis ${ports.redis}, bff ${ports.bff})${QUICK ? ' --quick' : ''}`);
  const w = await setup();
  figures.rssMbAtStart = Math.round(rssMb());
  await burstWithKill(w);
  await redisOutage(w);
  await dbOutage(w);
  await fuzz(w);
  await races(w);
  await uploads(w);
  figures.rssMbAtEnd = Math.round(rssMb());
  figures.allRequests = statuses;
  console.log(JSON.stringify(figures, null, 2));
  await w.db.end();
} catch (e) {
  code = 1;
  console.error(e);
  console.error(bffOut.slice(-4000));
  console.log(JSON.stringify(figures, null, 2));
} finally {
  for (const p of started) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  gateway.close();
  await sleep(500);
  rmSync(dir, { recursive: true, force: true });
  process.exit(code);
}
