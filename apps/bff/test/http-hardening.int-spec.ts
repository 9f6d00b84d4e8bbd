/**
 * HTTP hardening: tokens only in the Authorization header on /graphql, the JWT algorithm pinned,
 * CORS from an allow-list, security headers, and in production no introspection or field suggestions.
 */
import { createHmac } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { codeOf, startTestApp, type TestApp } from './support/test-app';
import { hashPassword } from '../src/auth/domain/password';

const SECRET = '5c0f9e1a7b3d2c8e4f6a0b9d1e7c3a5f';

describe('HTTP hardening', () => {
  let t: TestApp;
  let userId: string;
  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: 'https://h5.example.cn' });
    userId = String((await t.ds.query("INSERT INTO users (name, phone) VALUES ('业主', '13900007777')")).insertId);
    await t.ds.query("INSERT INTO role_assignments (user_id, role) VALUES (?, 'OWNER')", [userId]);
  });
  afterAll(() => t.close());

  it('a token in the URL is not a sign-in on /graphql; the header is', async () => {
    const token = t.app.get(JwtService).sign({ sub: userId });
    const viaUrl = await fetch(`${t.url}/graphql?access_token=${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { id } }' }) });
    expect(((await viaUrl.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await t.gql('{ me { id } }', undefined, token)).data?.me.id).toBe(userId);
  });

  it('a token signed with another algorithm (or none) is refused', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const body = b64({ sub: userId, exp: Math.floor(Date.now() / 1000) + 3600 });
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${body}.`;
    const h512head = b64({ alg: 'HS512', typ: 'JWT' });
    const hs512 = `${h512head}.${body}.${createHmac('sha512', t.config.jwt.secret).update(`${h512head}.${body}`).digest('base64url')}`;
    for (const token of [none, hs512]) expect(codeOf(await t.gql('{ me { id } }', undefined, token))).toBe('UNAUTHENTICATED');
  });

  it('CORS answers only the configured origins', async () => {
    const pre = (origin: string) => fetch(`${t.url}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    expect((await pre('https://h5.example.cn')).headers.get('access-control-allow-origin')).toBe('https://h5.example.cn');
    expect((await pre('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('every answer carries the security headers', async () => {
    for (const res of [await fetch(`${t.url}/health/live`), await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ categories { code } }"}' })]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('referrer-policy')).toBeTruthy();
    }
  });

  describe('in production', () => {
    let p: TestApp;
    beforeAll(async () => {
      p = await startTestApp({ NODE_ENV: 'production', JWT_SECRET: SECRET, QR_KEYS: `k1:${SECRET}`, QR_ACTIVE_KID: 'k1', WECHAT_APP_SECRET: 'wx-prod-app-secret' });
    });
    afterAll(() => p.close());

    it('introspection is refused and errors name no fields the caller did not', async () => {
      const intro = await p.gql('{ __schema { queryType { name } } }');
      expect(codeOf(intro)).toBe('BAD_USER_INPUT');
      expect(intro.data).toBeNull();
      const typo = await p.gql('{ categorie { code } }');
      expect(codeOf(typo)).toBe('BAD_USER_INPUT');
      expect(typo.errors![0].message).not.toMatch(/Did you mean|categories/);
      // Outside production both stay available (GraphiQL, developers).
      expect((await t.gql('{ __schema { queryType { name } } }')).data).toBeTruthy();
      expect((await t.gql('{ categorie { code } }')).errors![0].message).toMatch(/Did you mean/);
    });

    it('no CORS for any origin unless configured', async () => {
      const res = await fetch(`${p.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  it('an empty JWT_SECRET= (and QR_KEYS=) in development is unset: sign-in works end to end, not INTERNAL', async () => {
    const d = await startTestApp({ NODE_ENV: 'development', JWT_SECRET: '', QR_KEYS: '', QR_ACTIVE_KID: '' });
    try {
      const id = Number((await d.ds.query('INSERT INTO users (name, phone, password_hash) VALUES (?, ?, ?)', ['员工', '13800000777', await hashPassword('pw-777-ok')])).insertId);
      await d.ds.query("INSERT INTO role_assignments (user_id, role) VALUES (?, 'ADMIN')", [id]);
      const login = await d.gql('mutation { loginWithPassword(phone: "13800000777", password: "pw-777-ok") { token } }');
      expect(login.errors).toBeUndefined();
      const me = await d.gql('{ me { id } }', {}, login.data.loginWithPassword.token);
      expect(me.data.me.id).toBe(String(id));
    } finally {
      await d.close();
    }
  });
});
