/**
 * Sign-in over real HTTP: password lockout, SMS codes through a local server answering as the SMS
 * gateway, WeChat code2Session through a local server answering as WeChat's documented API.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hashPassword } from '../src/auth/domain/password';
import { codeOf, ok, startTestApp, type TestApp } from './support/test-app';

const SESSION = 'token expiresAt me { id roles }';

/** A local HTTP server with a swappable handler; records every request. */
async function fakeUpstream() {
  const calls: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
  let handler: (req: IncomingMessage, body: string, res: ServerResponse) => void = (_q, _b, res) => res.end('{}');
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      calls.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      handler(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    answer(h: typeof handler) {
      handler = h;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** WeChat answers jscode2session as text/plain JSON, errors with HTTP 200 and an errcode. */
function wechat(res: ServerResponse, body: Record<string, unknown>) {
  res.writeHead(200, { 'content-type': 'text/plain' }).end(JSON.stringify(body));
}

describe('sign-in', () => {
  let t: TestApp;
  let sms: Awaited<ReturnType<typeof fakeUpstream>>;
  let wx: Awaited<ReturnType<typeof fakeUpstream>>;

  beforeAll(async () => {
    sms = await fakeUpstream();
    wx = await fakeUpstream();
    t = await startTestApp({
      LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15',
      SMS_API_BASE: sms.base, SMS_API_KEY: 'sms-test-key',
      WECHAT_API_BASE: wx.base, WECHAT_APP_ID: 'wx-test-app', WECHAT_APP_SECRET: 'wx-test-secret',
    });
  });
  afterAll(async () => {
    await t.close();
    await sms.close();
    await wx.close();
  });

  describe('password', () => {
    const phone = '13800000001';
    const login = (password: string, p = phone) =>
      t.gql(`mutation($p: String!, $pw: String!) { loginWithPassword(phone: $p, password: $pw) { ${SESSION} } }`, { p, pw: password });

    beforeAll(async () => {
      const id = Number((await t.ds.query('INSERT INTO users (name, phone, password_hash) VALUES (?, ?, ?)', ['甲员工', phone, await hashPassword('correct horse')])).insertId);
      await t.ds.query("INSERT INTO role_assignments (user_id, role) VALUES (?, 'ADMIN')", [id]);
    });

    it('signs in with the right password; the token works', async () => {
      const s = ok(await login('correct horse')).loginWithPassword;
      expect(s.me.roles).toEqual(['ADMIN']);
      expect(ok(await t.gql('{ me { id } }', undefined, s.token)).me.id).toBe(s.me.id);
    });

    it('an unknown phone and a wrong password answer alike', async () => {
      const a = await login('whatever', '13899999999');
      const b = await login('wrong');
      expect(codeOf(a)).toBe('UNAUTHENTICATED');
      expect(codeOf(b)).toBe('UNAUTHENTICATED');
      expect(a.errors![0].message).toBe(b.errors![0].message);
      ok(await login('correct horse')); // resets the count
    });

    it(`locks the account after LOGIN_MAX_FAILURES (3) failures, even for the right password, until the lock expires`, async () => {
      for (let i = 0; i < 3; i++) expect(codeOf(await login(`wrong-${i}`))).toBe('UNAUTHENTICATED');
      const locked = await login('correct horse');
      expect(codeOf(locked)).toBe('RATE_LIMITED');
      expect(locked.errors![0].extensions.lockedUntil).toBeDefined();
      t.clock.advance(14 * 60_000);
      expect(codeOf(await login('correct horse'))).toBe('RATE_LIMITED');
      t.clock.advance(2 * 60_000);
      ok(await login('correct horse'));
      // A success resets the count: two more failures do not lock.
      for (let i = 0; i < 2; i++) expect(codeOf(await login('wrong'))).toBe('UNAUTHENTICATED');
      ok(await login('correct horse'));
    });

    it('concurrent wrong guesses cannot slip past the limit', async () => {
      await Promise.all(Array.from({ length: 10 }, () => login('guess')));
      expect(codeOf(await login('correct horse'))).toBe('RATE_LIMITED');
      t.clock.advance(16 * 60_000);
      ok(await login('correct horse'));
    });

    it('refuses a missing or malformed phone as bad input', async () => {
      expect(codeOf(await login('x', ''))).toBe('BAD_USER_INPUT');
      expect(codeOf(await login('x', 'abc'))).toBe('BAD_USER_INPUT');
    });
  });

  describe('SMS code (H5 owners)', () => {
    const request = (phone: string) => t.gql('mutation($p: String!) { requestSmsCode(phone: $p) { resendAfterSeconds } }', { p: phone });
    const login = (phone: string, code: string) => t.gql(`mutation($p: String!, $c: String!) { loginWithSms(phone: $p, code: $c) { ${SESSION} } }`, { p: phone, c: code });
    const sentCode = (phone: string) => {
      const call = [...sms.calls].reverse().find((c) => JSON.parse(c.body).phone === phone)!;
      return JSON.parse(call.body).params.code as string;
    };

    beforeEach(() => sms.answer((_q, _b, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')));

    it('sends the code through the gateway and signs the owner in with it', async () => {
      const phone = '13900000001';
      expect(ok(await request(phone)).requestSmsCode.resendAfterSeconds).toBe(60);
      const call = sms.calls[sms.calls.length - 1];
      expect(call).toMatchObject({ method: 'POST', url: '/send' });
      expect(call.headers['x-api-key']).toBe('sms-test-key');
      expect(JSON.parse(call.body)).toMatchObject({ phone, template: 'LOGIN_CODE', params: { code: expect.stringMatching(/^\d{6}$/) } });
      const s = ok(await login(phone, sentCode(phone))).loginWithSms;
      expect(s.me.roles).toEqual(['OWNER']);
      // The code is single-use.
      expect(codeOf(await login(phone, sentCode(phone)))).toBe('UNAUTHENTICATED');
      // Signing in again later finds the same user.
      t.clock.advance(61_000);
      ok(await request(phone));
      expect(ok(await login(phone, sentCode(phone))).loginWithSms.me.id).toBe(s.me.id);
    });

    it('a wrong code is refused; five wrong codes burn it', async () => {
      const phone = '13900000002';
      ok(await request(phone));
      const right = sentCode(phone);
      const wrong = right === '000000' ? '111111' : '000000';
      for (let i = 0; i < 5; i++) expect(codeOf(await login(phone, wrong))).toBe('UNAUTHENTICATED');
      expect(codeOf(await login(phone, right))).toBe('RATE_LIMITED');
    });

    it('an expired code is refused', async () => {
      const phone = '13900000003';
      ok(await request(phone));
      t.clock.advance(5 * 60_000 + 1000);
      expect(codeOf(await login(phone, sentCode(phone)))).toBe('UNAUTHENTICATED');
    });

    it('at most one code a minute per phone', async () => {
      const phone = '13900000004';
      ok(await request(phone));
      expect(codeOf(await request(phone))).toBe('RATE_LIMITED');
      t.clock.advance(60_000);
      ok(await request(phone));
    });

    it('a gateway failure is a clear error, and the owner may retry at once', async () => {
      const phone = '13900000005';
      sms.answer((_q, _b, res) => res.writeHead(500).end('boom'));
      const failed = await request(phone);
      expect(codeOf(failed)).toBe('INTERNAL');
      expect(failed.errors![0].message).toMatch(/短信发送失败/);
      sms.answer((_q, _b, res) => res.writeHead(429).end('slow down'));
      const limited = await request(phone);
      expect(codeOf(limited)).toBe('RATE_LIMITED'); // the gateway's limit, not ours
      expect(limited.errors![0].message).toMatch(/短信发送过于频繁/);
      sms.answer((_q, _b, res) => res.writeHead(200).end('{}'));
      ok(await request(phone)); // no code went out, so no one-minute wait
      expect(ok(await login(phone, sentCode(phone))).loginWithSms.me.roles).toEqual(['OWNER']);
    });
  });

  describe('WeChat code2Session (mini-program owners)', () => {
    const login = (code: string) => t.gql(`mutation($c: String!) { loginWithWechat(code: $c) { ${SESSION} } }`, { c: code });

    beforeAll(() =>
      wx.answer((req, _b, res) => {
        const q = new URL(req.url!, 'http://x').searchParams;
        const code = q.get('js_code');
        if (q.get('appid') !== 'wx-test-app' || q.get('secret') !== 'wx-test-secret' || q.get('grant_type') !== 'authorization_code') {
          return wechat(res, { errcode: 40013, errmsg: 'invalid appid' });
        }
        if (code === 'code-40029') return wechat(res, { errcode: 40029, errmsg: 'invalid code, rid: 1' });
        if (code === 'code-45011') return wechat(res, { errcode: 45011, errmsg: 'api minute-quota reach limit' });
        if (code === 'code-busy') return wechat(res, { errcode: -1, errmsg: 'system error' });
        if (code === 'code-40226') return wechat(res, { errcode: 40226, errmsg: 'code blocked' });
        if (code === 'code-html') return res.writeHead(502, { 'content-type': 'text/html' }).end('<html>bad gateway</html>');
        if (code?.startsWith('zero-')) return wechat(res, { openid: `o-${code}`, session_key: 'sk', errcode: 0, errmsg: 'ok' });
        return wechat(res, { openid: `o-${code}`, session_key: 'sk', unionid: `u-${code}` });
      }),
    );

    it('exchanges the wx.login code for a session; the same openid is the same owner', async () => {
      const a = ok(await login('alice-1')).loginWithWechat;
      expect(a.me.roles).toEqual(['OWNER']);
      expect(wx.calls[wx.calls.length - 1]).toMatchObject({ method: 'GET' });
      expect(wx.calls[wx.calls.length - 1].url).toMatch(/^\/sns\/jscode2session\?/);
      expect(ok(await login('alice-1')).loginWithWechat.me.id).toBe(a.me.id);
      expect(ok(await login('bob-1')).loginWithWechat.me.id).not.toBe(a.me.id);
      expect(ok(await login('zero-1')).loginWithWechat.me.roles).toEqual(['OWNER']); // errcode 0 is success
    });

    it.each([
      ['code-40029', 'UNAUTHENTICATED', /凭证无效/],
      ['code-45011', 'RATE_LIMITED', /频繁/],
      ['code-busy', 'INTERNAL', /繁忙/],
      ['code-40226', 'UNAUTHENTICATED', /微信登录失败/],
      ['code-html', 'INTERNAL', /暂不可用/],
    ])('errcode answer %s → %s with a clear message', async (code, expected, message) => {
      const users = Number((await t.ds.query('SELECT COUNT(*) AS n FROM users'))[0].n);
      const r = await login(code);
      expect(codeOf(r)).toBe(expected);
      expect(r.errors![0].message).toMatch(message);
      expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM users'))[0].n)).toBe(users);
    });

    it('an empty, oversized or non-printable code (lone surrogates, spaces, control characters) is bad input, without calling WeChat', async () => {
      const calls = wx.calls.length;
      expect(codeOf(await login(''))).toBe('BAD_USER_INPUT');
      expect(codeOf(await login('x'.repeat(200)))).toBe('BAD_USER_INPUT');
      for (const bad of ['\udfff\ud800', 'code\u0000', 'a b', '码上办']) expect(codeOf(await login(bad))).toBe('BAD_USER_INPUT');
      expect(wx.calls.length).toBe(calls);
    });
  });

  describe('tokens', () => {
    it('a missing, forged or expired token is UNAUTHENTICATED on protected fields', async () => {
      expect(codeOf(await t.gql('{ me { id } }'))).toBe('UNAUTHENTICATED');
      expect(codeOf(await t.gql('{ me { id } }', undefined, 'not.a.jwt'))).toBe('UNAUTHENTICATED');
      const s = ok(await t.gql(`mutation { loginWithWechat(code: "tok-1") { ${SESSION} } }`)).loginWithWechat;
      const [h, p] = s.token.split('.');
      expect(codeOf(await t.gql('{ me { id } }', undefined, `${h}.${p}.forgedsignature`))).toBe('UNAUTHENTICATED');
      const { JwtService } = await import('@nestjs/jwt');
      const expired = t.app.get(JwtService).sign({ sub: s.me.id }, { expiresIn: -10 });
      expect(codeOf(await t.gql('{ me { id } }', undefined, expired))).toBe('UNAUTHENTICATED');
      const ghost = t.app.get(JwtService).sign({ sub: '99999999' });
      expect(codeOf(await t.gql('{ me { id } }', undefined, ghost))).toBe('UNAUTHENTICATED');
    });
  });
});
