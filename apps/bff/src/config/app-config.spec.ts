import { ConfigError, loadConfig } from './app-config';

const strong = '7f3a9c1e5b2d8046af19c3e7d5b0a2f4';
const good = { NODE_ENV: 'production', JWT_SECRET: `jwt-${strong}`, QR_KEYS: `k1:qr-${strong}`, WECHAT_APP_SECRET: 'wx-secret' };

describe('loadConfig in production', () => {
  it('starts with real secrets', () => {
    const c = loadConfig(good);
    expect(c.env).toBe('production');
    expect(c.jwt.secret).toBe(good.JWT_SECRET);
    expect(c.qr).toEqual({ keys: { k1: `qr-${strong}` }, activeKid: 'k1' });
  });

  it.each([
    ['no JWT_SECRET', { JWT_SECRET: undefined }, /JWT_SECRET/],
    ['the development JWT secret', { JWT_SECRET: 'dev-only-jwt-secret-change-me' }, /JWT_SECRET/],
    ['a short JWT secret', { JWT_SECRET: 'short-secret' }, /JWT_SECRET/],
    ['no QR_KEYS', { QR_KEYS: undefined }, /QR_KEYS/],
    ['the development QR key', { QR_KEYS: 'k1:dev-only-qr-key-change-me' }, /QR_KEYS/],
    ['one short QR key among good ones', { QR_KEYS: `k0:short,k1:qr-${strong}` }, /QR_KEYS/],
    ['no WeChat app secret', { WECHAT_APP_SECRET: undefined }, /WECHAT_APP_SECRET/],
    ['the development WeChat app secret', { WECHAT_APP_SECRET: 'wx-dev-secret' }, /WECHAT_APP_SECRET/],
    ['a long but low-entropy JWT secret', { JWT_SECRET: 'a'.repeat(36) }, /JWT_SECRET/],
    ['an empty JWT_SECRET', { JWT_SECRET: '' }, /JWT_SECRET/],
    ['a low-entropy QR key', { QR_KEYS: `k1:${'ab'.repeat(20)}` }, /QR_KEYS/],
  ])('refuses to start with %s', (_name, change, message) => {
    const env: NodeJS.ProcessEnv = { ...good, ...change };
    for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('an empty JWT_SECRET outside production is the development default, not an empty key', () => {
    expect(loadConfig({ NODE_ENV: 'development', JWT_SECRET: '' }).jwt.secret).toBe('dev-only-jwt-secret-change-me');
  });

  it('development and test run with the development defaults', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).jwt.secret).toBe('dev-only-jwt-secret-change-me');
    expect(() => loadConfig({ NODE_ENV: 'test' })).not.toThrow();
  });

  it('refuses an unknown mode, a malformed key list and an active key that is not listed', () => {
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(ConfigError);
    expect(() => loadConfig({ QR_KEYS: 'nokid' })).toThrow(/kid:secret/);
    expect(() => loadConfig({ QR_KEYS: 'k1:a', QR_ACTIVE_KID: 'k2' })).toThrow(/QR_ACTIVE_KID/);
    expect(() => loadConfig({ LOGIN_MAX_FAILURES: 'five' })).toThrow(/LOGIN_MAX_FAILURES/);
  });
});
