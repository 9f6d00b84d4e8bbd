/**
 * Sign-in limits under concurrency: attempts are counted before they are checked, per phone ×
 * address, per address and per phone from new addresses; SMS sends once per phone a minute with
 * hourly caps; unknown phones cost and answer like known ones.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hashPassword } from '../src/auth/domain/password';
import { AUTH_LIMITS } from '../src/auth/auth.service';
import { startTestApp, type GqlResult, type TestApp } from './support/test-app';

const SESSION = 'token me { id }';
const PASSWORD = `mutation($p: String!, $pw: String!) { loginWithPassword(phone: $p, password: $pw) { ${SESSION} } }`;
const REQUEST = 'mutation($p: String!) { requestSmsCode(phone: $p) { resendAfterSeconds } }';
const SMS_LOGIN = `mutation($p: String!, $c: String!) { loginWithSms(phone: $p, code: $c) { ${SESSION} } }`;

const count = (rs: GqlResult[]) => {
  const c: Record<string, number> = {};
  for (const r of rs) {
    const k = r.errors?.[0]?.extensions.code ?? 'OK';
    c[k] = (c[k] ?? 0) + 1;
  }
  return c;
};

describe('sign-in limits', () => {
  let t: TestApp;
  let gateway: Server;
  const sent: { phone: string; code: string }[] = [];
  /** A GraphQL call from client address `from` (this test is the trusted local proxy). */
  const call = async (query: string, variables: Record<string, unknown>, from = '127.0.0.9'): Promise<GqlResult> => {
    const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': from }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as GqlResult;
  };

  beforeAll(async () => {
    gateway = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const b = JSON.parse(body);
        sent.push({ phone: b.phone, code: b.params.code });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', () => r()));
    t = await startTestApp({
      LOGIN_MAX_FAILURES: '5', LOGIN_LOCK_MINUTES: '15', SMS_HOURLY_CAP: '30',
      SMS_API_BASE: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`, SMS_API_KEY: 'k',
    });
    const hash = await hashPassword('correct horse');
    for (const phone of ['13800000101', '13800000102', '13800000103']) {
      const id = Number((await t.ds.query('INSERT INTO users (name, phone, password_hash) VALUES (?, ?, ?)', ['员工', phone, hash])).insertId);
      await t.ds.query("INSERT INTO role_assignments (user_id, role) VALUES (?, 'ADMIN')", [id]);
    }
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((r) => gateway.close(() => r()));
  });

  describe('password', () => {
    it('30 wrong passwords and the right one at once: at most 5 are checked; another address still signs in', async () => {
      const phone = '13800000101';
      const all = await Promise.all([
        ...Array.from({ length: 30 }, (_, i) => call(PASSWORD, { p: phone, pw: `guess-${i}` }, '127.0.0.10')),
        call(PASSWORD, { p: phone, pw: 'correct horse' }, '127.0.0.10'),
      ]);
      const c = count(all);
      expect((c.UNAUTHENTICATED ?? 0) + (c.OK ?? 0)).toBeLessThanOrEqual(5);
      expect(c.RATE_LIMITED).toBeGreaterThanOrEqual(26);
      // The lock is for that address: the account's owner elsewhere is not locked out.
      expect(count([await call(PASSWORD, { p: phone, pw: 'correct horse' }, '127.0.0.11')])).toEqual({ OK: 1 });
    });

    it('guesses from many addresses lock the phone for new addresses only, never where its owner signs in', async () => {
      const phone = '13800000102';
      expect(count([await call(PASSWORD, { p: phone, pw: 'correct horse' }, '127.0.1.1')])).toEqual({ OK: 1 });
      const cap = AUTH_LIMITS.passwordPerPhoneFromNewAddresses.hits;
      const addresses = Math.ceil(cap / 5) + 1;
      const guesses = await Promise.all(Array.from({ length: addresses * 5 }, (_, i) => call(PASSWORD, { p: phone, pw: `guess-${i}` }, `127.0.2.${Math.floor(i / 5) + 1}`)));
      const c = count(guesses);
      expect(c.UNAUTHENTICATED).toBeLessThanOrEqual(cap);
      expect(c.RATE_LIMITED).toBeGreaterThan(0);
      // A new address is refused even with the right password; the owner's usual address is not.
      expect(count([await call(PASSWORD, { p: phone, pw: 'correct horse' }, '127.0.3.1')])).toEqual({ RATE_LIMITED: 1 });
      expect(count([await call(PASSWORD, { p: phone, pw: 'correct horse' }, '127.0.1.1')])).toEqual({ OK: 1 });
    });

    it('an unknown phone takes the same work and gets the same answers as a known one, lock included', async () => {
      const time = async (phone: string, from: string) => {
        const started = process.hrtime.bigint();
        const r = await call(PASSWORD, { p: phone, pw: 'wrong' }, from);
        return { ms: Number(process.hrtime.bigint() - started) / 1e6, r };
      };
      const known: number[] = [];
      const unknown: number[] = [];
      const answers: string[] = [];
      for (let i = 0; i < 8; i++) {
        const k = await time('13800000103', `127.0.4.${i}`);
        const u = await time('13811112222', `127.0.4.${i}`);
        known.push(k.ms);
        unknown.push(u.ms);
        answers.push(JSON.stringify(k.r), JSON.stringify(u.r));
      }
      expect(new Set(answers.map((a) => a.replace(/"path":\[[^\]]*\]/, ''))).size).toBe(1);
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
      // scrypt (~tens of ms) either way; before, an unknown phone answered in a few ms.
      expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
      const locked: GqlResult[] = [];
      for (const phone of ['13800000103', '13811113333']) {
        for (let i = 0; i < 6; i++) locked.push(await call(PASSWORD, { p: phone, pw: 'wrong' }, '127.0.5.1'));
      }
      expect(locked[5].errors?.[0].extensions.code).toBe('RATE_LIMITED');
      expect(locked[11].errors?.[0].extensions.code).toBe('RATE_LIMITED');
      expect(locked[11].errors?.[0].message).toBe(locked[5].errors?.[0].message);
    });
  });

  describe('SMS', () => {
    it('32 requests for one phone at once send one SMS, and that code works', async () => {
      const phone = '13900000201';
      const before = sent.length;
      const all = await Promise.all(Array.from({ length: 32 }, (_, i) => call(REQUEST, { p: phone }, `127.0.6.${i}`)));
      expect(count(all)).toEqual({ OK: 1, RATE_LIMITED: 31 });
      const mine = sent.slice(before).filter((s) => s.phone === phone);
      expect(mine).toHaveLength(1);
      expect(count([await call(SMS_LOGIN, { p: phone, c: mine[0].code })])).toEqual({ OK: 1 });
    });

    it('50 aliases of requestSmsCode in one document send nothing', async () => {
      const before = sent.length;
      const q = `mutation { ${Array.from({ length: 50 }, (_, i) => `a${i}: requestSmsCode(phone: "1390000${String(300 + i).padStart(4, '0')}") { resendAfterSeconds }`).join(' ')} }`;
      const r = await call(q, {});
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ONE_SIGN_IN_PER_REQUEST' });
      expect(sent.length).toBe(before);
    });

    it('30 wrong codes and the right one at once: at most 5 are compared', async () => {
      const phone = '13900000202';
      t.clock.advance(2 * 3600_000);
      expect(count([await call(REQUEST, { p: phone })])).toEqual({ OK: 1 });
      const right = sent[sent.length - 1].code;
      const wrong = (i: number) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0');
      const all = await Promise.all([
        ...Array.from({ length: 30 }, (_, i) => call(SMS_LOGIN, { p: phone, c: wrong(i) }, `127.0.7.${i}`)),
        call(SMS_LOGIN, { p: phone, c: right }, '127.0.7.100'),
      ]);
      const c = count(all);
      expect((c.UNAUTHENTICATED ?? 0) + (c.OK ?? 0)).toBeLessThanOrEqual(5);
      expect(c.RATE_LIMITED).toBeGreaterThanOrEqual(26);
    });

    it('hourly caps per address and for everyone', async () => {
      t.clock.advance(2 * 3600_000);
      const before = sent.length;
      const perAddress = AUTH_LIMITS.smsPerAddress.hits;
      const one = await Promise.all(Array.from({ length: perAddress + 5 }, (_, i) => call(REQUEST, { p: `1390001${String(i).padStart(4, '0')}` }, '127.0.8.1')));
      expect(count(one)).toEqual({ OK: perAddress, RATE_LIMITED: 5 });
      // SMS_HOURLY_CAP is 30 in this test: 10 more from elsewhere, then everyone waits.
      const rest = await Promise.all(Array.from({ length: 15 }, (_, i) => call(REQUEST, { p: `1390002${String(i).padStart(4, '0')}` }, `127.0.9.${i}`)));
      expect(count(rest)).toEqual({ OK: 30 - perAddress, RATE_LIMITED: 15 - (30 - perAddress) });
      expect(sent.length - before).toBe(30);
    });
  });
});
