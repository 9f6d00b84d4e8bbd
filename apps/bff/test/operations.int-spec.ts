/**
 * The operator's view (issue 9 #14), against the real BFF process (src/main.ts or its build): JSON log
 * lines with a request id through a request and into the jobs it enqueues, no phone number or token in
 * them; /metrics in Prometheus format whose series move with traffic; the bull-board queue dashboard for
 * admins only; SIGTERM drains an in-flight request, refuses new connections and exits 0.
 */
import { queuePrefix } from '../src/redis/redis.module';
import { connect } from 'node:net';
import { request } from 'node:http';
import { Queue } from 'bullmq';
import { JobName, QueueName } from '../src/jobs/job-names';
import { spawnWorker, stopWorker } from './sla/sla-support';
import { spawnBff, type BffProcess } from './support/processes';
import { startTestApp, type TestApp } from './support/test-app';
import { workerRedisDb } from './support/test-env';
import { buildWorld, type World } from './support/world';
import { jpeg } from './support/photos';

jest.setTimeout(240_000);

const PHONE = '13912345678';

async function post(bff: BffProcess, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${bff.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, reqId: res.headers.get('x-request-id'), body: (await res.json()) as any };
}

/** `name{labels} value` lines of a scrape, summed per name+labels filter. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  let seen = false;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
    seen = true;
  }
  return seen ? sum : NaN;
}

describe('the operator’s view (real process)', () => {
  let t: TestApp;
  let w: World;
  let bff: BffProcess;
  let ownerToken = '';
  let ticketId = '';
  const ids = { sms: 'it-sms-0000000001', login: 'it-login-000000001', report: 'it-report-00000001' };

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    await t.ds.query('DELETE FROM users WHERE phone = ?', [PHONE]).catch(() => undefined);
    bff = await spawnBff({ LOG_LEVEL: 'info', RUN_WORKERS: 'true', SHUTDOWN_TIMEOUT_MS: '20000' });
  });
  afterAll(async () => {
    await bff?.stop();
    await t?.close();
  });

  it('logs are JSON lines; a sign-in and a filing carry their request id on every line and into the SLA jobs; no phone number or token is written', async () => {
    const sms = await post(bff, { query: 'mutation Sms($p: String!) { requestSmsCode(phone: $p) { resendAfterSeconds } }', variables: { p: PHONE } }, { 'x-request-id': ids.sms });
    expect(sms.body.errors).toBeUndefined();
    expect(sms.reqId).toBe(ids.sms);
    // Development/test: the code goes to the log, on a line of that request, with the phone masked.
    let codeLine: any;
    for (let i = 0; i < 50 && !codeLine; i++) {
      codeLine = bff.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)).find((l) => /login code/.test(l.msg ?? ''));
      if (!codeLine) await new Promise((r) => setTimeout(r, 100));
    }
    expect(codeLine).toMatchObject({ reqId: ids.sms, context: 'SMS' });
    expect(codeLine.msg).toContain('139****5678');
    const code = /(\d{6})\s*$/.exec(codeLine.msg)![1];
    const login = await post(bff, { query: 'mutation Login($p: String!, $c: String!) { loginWithSms(phone: $p, code: $c) { token } }', variables: { p: PHONE, c: code } }, { 'x-request-id': ids.login });
    ownerToken = login.body.data.loginWithSms.token;
    expect(ownerToken).toMatch(/^eyJ/);
    const filed = await post(bff, {
      query: 'mutation Report($input: ReportTicketInput!) { reportTicket(input: $input) { id } }',
      variables: { input: { qrToken: w.qrA, idempotencyKey: `ops-log-${Date.now()}`, categoryCode: 'FACILITIES', text: `楼道灯坏了，请联系 ${PHONE}。`, contactPhone: PHONE } },
    }, { 'x-request-id': ids.report, authorization: `Bearer ${ownerToken}` });
    expect(filed.body.errors).toBeUndefined();
    ticketId = filed.body.data.reportTicket.id;
    // A request with the token in the URL and one in a bad header: still never logged.
    await fetch(`${bff.url}/media/1?access_token=${ownerToken}`);

    await new Promise((r) => setTimeout(r, 300));
    const out = bff.output();
    const lines = out.split('\n').filter((l) => l.trim() !== '');
    const json = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    // Everything after start-up is JSON (the migration runner's and Node's own warnings come before).
    const firstJson = lines.findIndex((l) => l.startsWith('{'));
    expect(lines.slice(firstJson).filter((l) => !l.startsWith('{'))).toEqual([]);
    for (const id of Object.values(ids)) {
      const mine = json.filter((l) => l.reqId === id);
      expect(mine.map((l) => l.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
    }
    expect(out).not.toContain(PHONE);
    expect(out).not.toContain(ownerToken);
    expect(out).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);

    // The wake-ups the filing scheduled carry its request id (the worker logs under it when they run).
    const queue = new Queue(QueueName.SLA, { connection: { host: '127.0.0.1', port: Number(process.env.REDIS_PORT ?? 6379), db: workerRedisDb() }, prefix: queuePrefix(QueueName.SLA) });
    try {
      const jobs = (await queue.getJobs(['delayed', 'waiting', 'active', 'completed'])).filter((j) => j.data.ticketId === ticketId);
      expect(jobs.length).toBeGreaterThan(0);
      for (const j of jobs) expect(j.data.reqId).toBe(ids.report);
    } finally {
      await queue.close();
    }
  });

  it('/metrics is Prometheus text whose series move with traffic: per-operation rate and latency, errors by code, DB pool, queues, outboxes, connections', async () => {
    const scrape = async () => {
      const res = await fetch(`${bff.url}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return res.text();
    };
    const before = await scrape();
    for (let i = 0; i < 5; i++) await post(bff, { query: 'query OpsCategories { categories { code } }' });
    await post(bff, { query: 'mutation OpsBad { reportTicket(input: { qrToken: "x", idempotencyKey: "short", categoryCode: "X", text: "x" }) { id } }' }, { authorization: `Bearer ${ownerToken}` });
    await post(bff, { query: '{ me { id } }' });
    const after = await scrape();
    const count = (text: string, op: string) => sample(text, 'msb_graphql_request_duration_seconds_count', { operation: op });
    expect((count(after, 'OpsCategories') || 0) - (count(before, 'OpsCategories') || 0)).toBe(5);
    expect(sample(after, 'msb_graphql_request_duration_seconds_sum', { operation: 'OpsCategories' })).toBeGreaterThan(0);
    expect(count(after, 'OpsBad')).toBe(1);
    expect(sample(after, 'msb_errors_total', { code: 'BAD_USER_INPUT', via: 'graphql' }) - (sample(before, 'msb_errors_total', { code: 'BAD_USER_INPUT', via: 'graphql' }) || 0)).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'msb_http_request_duration_seconds_count', { route: '/graphql' }) - sample(before, 'msb_http_request_duration_seconds_count', { route: '/graphql' })).toBeGreaterThanOrEqual(7);
    expect(sample(after, 'msb_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    expect(sample(after, 'msb_db_pool_connections', { state: 'limit' })).toBe(20);
    // The filing above scheduled SLA wake-ups.
    expect(sample(after, 'msb_queue_jobs', { queue: 'sla', state: 'delayed' })).toBeGreaterThan(0);
    expect(sample(after, 'msb_outbox_rows', { outbox: 'wechat', state: 'pending' })).toBeGreaterThanOrEqual(0);
    expect(sample(after, 'msb_outbox_rows', { outbox: 'hotline', state: 'failed' })).toBeGreaterThanOrEqual(0);
    expect(sample(after, 'msb_live_connections', { kind: 'http' })).toBeGreaterThanOrEqual(1);
    for (const name of ['msb_job_lateness_seconds', 'msb_sla_firings_total', 'msb_sla_firing_lateness_seconds', 'msb_process_resident_memory_bytes']) expect(after).toContain(`# TYPE ${name}`);
  });

  it('the queue dashboard (bull-board) is for admins: anonymous 401, non-admin 403, admin served; a browser’s ?access_token becomes a path-scoped HttpOnly cookie', async () => {
    expect((await fetch(`${bff.url}/admin/queues`)).status).toBe(401);
    expect((await fetch(`${bff.url}/admin/queues/api/queues`)).status).toBe(401);
    expect((await fetch(`${bff.url}/admin/queues`, { headers: { authorization: `Bearer ${w.ownerA.token}` } })).status).toBe(403);
    expect((await fetch(`${bff.url}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${w.staffA.token}` } })).status).toBe(403);
    const page = await fetch(`${bff.url}/admin/queues`, { headers: { authorization: `Bearer ${w.admin.token}` } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const api = await fetch(`${bff.url}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${w.admin.token}` } });
    expect(api.status).toBe(200);
    expect(((await api.json()) as any).queues.map((q: { name: string }) => q.name).sort()).toEqual(expect.arrayContaining([QueueName.SLA]));
    const browser = await fetch(`${bff.url}/admin/queues?access_token=${w.admin.token}`, { redirect: 'manual' });
    expect(browser.status).toBe(303);
    expect(browser.headers.get('location')).toBe('/admin/queues');
    const cookie = browser.headers.get('set-cookie')!;
    expect(cookie).toMatch(/Path=\/admin\/queues; HttpOnly; SameSite=Strict/);
    expect((await fetch(`${bff.url}/admin/queues`, { headers: { cookie: cookie.split(';')[0] } })).status).toBe(200);
    expect((await fetch(`${bff.url}/admin/queues?access_token=${w.ownerA.token}`, { redirect: 'manual' })).status).toBe(403);
  });

  it('SIGTERM: new connections are refused, the in-flight upload finishes (201), then the process exits 0', async () => {
    const photo = jpeg(200_000);
    const boundary = '----opsdrain';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const body = Buffer.concat([head, photo, tail]);
    let finish = () => undefined as unknown;
    const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${bff.url}/uploads`, {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length, authorization: `Bearer ${ownerToken}` },
      }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      });
      req.on('error', reject);
      req.write(body.subarray(0, 50_000));
      // The rest arrives after the signal.
      finish = () => req.end(body.subarray(50_000));
    });
    await new Promise((r) => setTimeout(r, 300));
    const exited = new Promise<number | null>((resolve) => bff.child.once('exit', (code) => resolve(code)));
    const signalledAt = Date.now();
    bff.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    const refused = await new Promise<string>((resolve) => {
      const s = connect(Number(new URL(bff.url).port), '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve('connected')));
      s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
    expect(bff.alive()).toBe(true);
    finish();
    const r = await answered;
    expect(r.status).toBe(201);
    expect(JSON.parse(r.body)).toMatchObject({ mime: 'image/jpeg' });
    expect(await exited).toBe(0);
    const drained = bff.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)).find((l) => l.msg === 'drained; exiting');
    const http = bff.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)).find((l) => /^HTTP drained/.test(l.msg));
    console.log(`SIGTERM → exit 0 in ${Date.now() - signalledAt} ms (the in-flight upload held it ~500 ms; HTTP drained at ${http?.afterMs} ms, all at ${drained?.afterMs} ms)`);
    expect(drained).toBeTruthy();
  });
});

describe('/metrics access', () => {
  it('with METRICS_TOKEN set, a scrape without the bearer token is 401 and with it 200', async () => {
    const t = await startTestApp({ METRICS_TOKEN: 'scrape-secret-0123456789' });
    try {
      expect((await fetch(`${t.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      const ok = await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer scrape-secret-0123456789' } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('# TYPE msb_http_request_duration_seconds histogram');
    } finally {
      await t.close();
    }
  });
});

describe('a worker process', () => {
  it('runs a job under the request id that enqueued it (JSON lines), and exits 0 on SIGTERM', async () => {
    const w = await spawnWorker({ LOG_LEVEL: 'debug' });
    const queue = new Queue(QueueName.SLA, { connection: { host: '127.0.0.1', port: Number(process.env.REDIS_PORT ?? 6379), db: workerRedisDb() }, prefix: queuePrefix(QueueName.SLA) });
    try {
      // A wake-up for a clock that does not exist: the handler finds it stale, the worker logs the run.
      await queue.add(JobName.SLA_WAKE, { ticketId: '987654321', target: 'ACCEPT', version: 1, reqId: 'req-into-job-0001' }, { jobId: `ops-trace-${Date.now()}` });
      let line: any;
      for (let i = 0; i < 100 && !line; i++) {
        line = w.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)).find((l) => /done/.test(l.msg ?? '') && l.context === 'JobWorkers');
        if (!line) await new Promise((r) => setTimeout(r, 100));
      }
      expect(line).toMatchObject({ reqId: 'req-into-job-0001', level: 'debug' });
      const exited = new Promise<number | null>((resolve) => w.once('exit', (code) => resolve(code)));
      w.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      await queue.close();
      await stopWorker(w);
    }
  });
});
