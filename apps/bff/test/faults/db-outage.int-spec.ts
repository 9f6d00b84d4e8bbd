/**
 * MariaDB down or hung (issue 9 #9): in-flight and new requests fail fast with UNAVAILABLE, HTTP 503
 * and Retry-After (not INTERNAL, not a hang for the whole outage); readiness says the database is
 * down; the BFF recovers by itself when the database is back. Against a mariadbd of the test's own.
 */
import { prepareDatabase } from '../../src/database/database-bootstrap';
import { OwnMariadb } from '../support/processes';
import { startTestApp, type TestApp } from '../support/test-app';
import { testConfig } from '../support/test-env';

const LOGIN = 'mutation($p: String!) { loginWithPassword(phone: $p, password: "not-this-one") { token } }';
const TIMEOUTS = { DB_CONNECT_TIMEOUT_MS: '1000', DB_ACQUIRE_TIMEOUT_MS: '1500', DB_QUERY_TIMEOUT_MS: '2000' };
/** The longest a request may take while the database is away: acquire + one query, plus scheduling slack on a busy machine. */
const FAIL_FAST_MS = 1500 + 2000 + 2500;

describe('MariaDB outage', () => {
  let db: OwnMariadb;
  let t: TestApp;
  let n = 0;

  /** A request that needs the database (sign-in attempts are counted in MySQL); from a new address each time. */
  const call = async () => {
    const started = Date.now();
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.${(n >> 8) & 255}.${n++ & 255}` },
      body: JSON.stringify({ query: LOGIN, variables: { p: '13800009999' } }), signal: AbortSignal.timeout(60_000),
    });
    const body = (await res.json()) as { errors?: { extensions: { code: string } }[] };
    return { status: res.status, retryAfter: res.headers.get('retry-after'), code: body.errors?.[0]?.extensions.code, ms: Date.now() - started };
  };
  const ready = async () => {
    const res = await fetch(`${t.url}/health/ready`, { signal: AbortSignal.timeout(5000) });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { db: string } };
  };
  const recovered = async (withinMs: number) => {
    const end = Date.now() + withinMs;
    for (;;) {
      const r = await call();
      if (r.code === 'UNAUTHENTICATED') return r;
      if (Date.now() > end) throw new Error(`not recovered within ${withinMs} ms: ${JSON.stringify(r)}`);
      await new Promise((res) => setTimeout(res, 250));
    }
  };

  beforeAll(async () => {
    db = await OwnMariadb.start('up-outage');
    const env = { DB_HOST: '127.0.0.1', DB_PORT: String(db.port), DB_NAME: 'msb_outage', ...TIMEOUTS };
    await prepareDatabase(testConfig(env), () => undefined);
    t = await startTestApp(env);
  }, 120_000);
  afterAll(async () => {
    db?.resume();
    await t?.close().catch(() => undefined);
    await db?.remove();
  });

  it('answers normally while the database is up', async () => {
    expect(await call()).toMatchObject({ status: 200, code: 'UNAUTHENTICATED' });
    expect((await ready()).status).toBe(200);
  });

  it('a hung database: in-flight and new requests fail fast with UNAVAILABLE, 503 and Retry-After; readiness 503; recovers on resume', async () => {
    db.hang();
    const inFlight = await Promise.all(Array.from({ length: 25 }, () => call()));
    for (const r of inFlight) {
      expect(r).toMatchObject({ status: 503, code: 'UNAVAILABLE', retryAfter: '5' });
      expect(r.ms).toBeLessThan(FAIL_FAST_MS);
    }
    const r = await ready();
    expect(r.status).toBe(503);
    expect(r.retryAfter).toBe('5');
    expect(r.body.db).toMatch(/^down/);
    db.resume();
    await recovered(15_000);
    expect((await ready()).status).toBe(200);
  }, 90_000);

  it('a killed database: requests fail fast with UNAVAILABLE and 503; recovers when it is started again', async () => {
    await db.down();
    const during = await Promise.all(Array.from({ length: 10 }, () => call()));
    for (const r of during) {
      expect(r).toMatchObject({ status: 503, code: 'UNAVAILABLE', retryAfter: '5' });
      expect(r.ms).toBeLessThan(FAIL_FAST_MS);
    }
    expect((await ready()).status).toBe(503);
    await db.up();
    await recovered(20_000);
    expect((await ready()).status).toBe(200);
  }, 120_000);
});
