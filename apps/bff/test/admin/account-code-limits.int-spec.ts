/**
 * The administrator's one-time code (first or reset password) under attempts sent at once: a code takes
 * exactly five wrong tries before it burns, two right tries set the password once, and one address gets
 * exactly AUTH_LIMITS.accountCodePerAddress tries an hour across accounts (the rest RATE_LIMITED, unchecked).
 */
import { AUTH_LIMITS } from '../../src/auth/auth.service';
import { CODE_MAX_ATTEMPTS, CODE_TTL_MS, hashCode } from '../../src/admin/domain/account-rules';
import { startTestApp, type GqlResult, type TestApp } from '../support/test-app';

const SET = 'mutation($p: String!, $c: String!, $w: String!) { setPasswordWithCode(phone: $p, code: $c, password: $w) }';

const count = (rs: GqlResult[]) => {
  const c: Record<string, number> = {};
  for (const r of rs) {
    const k = r.errors?.[0]?.extensions.code ?? 'OK';
    c[k] = (c[k] ?? 0) + 1;
  }
  return c;
};

describe('one-time account codes, attempts at once', () => {
  let t: TestApp;
  const call = async (phone: string, code: string, from: string, password = 'Fresh2026x'): Promise<GqlResult> => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify({ query: SET, variables: { p: phone, c: code, w: password } }),
    });
    return (await res.json()) as GqlResult;
  };
  /** An invited account without a password, holding `code` as its live one-time code. */
  const invited = async (phone: string, code: string): Promise<string> => {
    const id = String((await t.ds.query('INSERT INTO users (name, phone) VALUES (?, ?)', ['受邀员工', phone])).insertId);
    await t.ds.query("INSERT INTO account_codes (user_id, code_hash, purpose, expires_at, attempts) VALUES (?, ?, 'INVITE', ?, 0)", [id, hashCode(code), new Date(Date.now() + CODE_TTL_MS)]);
    return id;
  };
  const hasPassword = async (id: string) => (await t.ds.query('SELECT password_hash IS NOT NULL AS p FROM users WHERE id = ?', [id]))[0].p == 1;

  beforeAll(async () => {
    t = await startTestApp({ DB_POOL_SIZE: '20' });
  });
  afterAll(() => t.close());

  it('20 wrong codes at once: exactly five are counted, then the code is burnt even for the right one', async () => {
    const id = await invited('13710000001', 'RIGHT234');
    const all = await Promise.all(Array.from({ length: 20 }, (_, i) => call('13710000001', `WRONG${String(i).padStart(3, '2')}`, `127.0.7.${i}`)));
    expect(count(all)).toEqual({ BAD_USER_INPUT: 20 });
    const [row] = await t.ds.query('SELECT attempts FROM account_codes WHERE user_id = ?', [id]);
    expect(Number(row.attempts)).toBe(CODE_MAX_ATTEMPTS);
    expect(count([await call('13710000001', 'RIGHT234', '127.0.7.99')])).toEqual({ BAD_USER_INPUT: 1 });
    expect(await hasPassword(id)).toBe(false);
  });

  it('the right code from 8 tabs at once: one sets the password, the others find it used', async () => {
    const id = await invited('13710000002', 'GOOD2345');
    const all = await Promise.all(Array.from({ length: 8 }, (_, i) => call('13710000002', 'GOOD2345', `127.0.8.${i}`, `Pass2026x${i}`)));
    expect(count(all)).toEqual({ OK: 1, BAD_USER_INPUT: 7 });
    expect(await hasPassword(id)).toBe(true);
    expect((await t.ds.query('SELECT * FROM account_codes WHERE user_id = ?', [id])).length).toBe(0);
    const trail = await t.ds.query("SELECT COUNT(*) AS n FROM admin_events WHERE action = 'PASSWORD_SET' AND object_id = ?", [id]);
    expect(Number(trail[0].n)).toBe(1);
  });

  it('one address, many accounts at once: exactly the per-address limit is checked, the rest RATE_LIMITED', async () => {
    const cap = AUTH_LIMITS.accountCodePerAddress.hits;
    const phones = Array.from({ length: cap + 10 }, (_, i) => `1372000${String(i).padStart(4, '0')}`);
    for (const p of phones) await invited(p, 'SECRET23');
    const all = await Promise.all(phones.map((p) => call(p, 'GUESS234', '127.0.9.1')));
    expect(count(all)).toEqual({ BAD_USER_INPUT: cap, RATE_LIMITED: 10 });
    // Unchecked tries take nothing from the codes: only `cap` accounts saw an attempt.
    const [{ n }] = await t.ds.query("SELECT COUNT(*) AS n FROM account_codes a JOIN users u ON u.id = a.user_id WHERE u.phone LIKE '1372000%' AND a.attempts > 0");
    expect(Number(n)).toBe(cap);
    // Even the right code is refused from that address now; another address is not held back.
    expect(count([await call(phones[cap], 'SECRET23', '127.0.9.1')])).toEqual({ RATE_LIMITED: 1 });
    expect(count([await call(phones[cap], 'SECRET23', '127.0.9.2')])).toEqual({ OK: 1 });
  });
});
