/**
 * Issue 12 §9, the WeChat phone-number button: the code from `open-type="getPhoneNumber"` is exchanged by
 * the BFF through WeChat's getuserphonenumber (with the access token), against a local server answering as
 * WeChat's documentation says — the number, a used or unknown code (40029), the minute quota (45011), a busy
 * WeChat (-1), an expired token (40001: refreshed once), a foreign number, another app's watermark — and the
 * owner-only, per-owner limited mutation over HTTP.
 */
import { codeOf, ok, startTestApp, type TestApp } from './support/test-app';
import { buildWorld, type World } from './support/world';
import { FakeWechatApi } from './notifications/fake-wechat-api';
import { WECHAT_PHONE_LIMIT } from '../src/auth/wechat-phone.service';

describe('使用微信手机号: the phone-number button’s code → the owner’s phone', () => {
  let t: TestApp;
  let w: World;
  let wx: FakeWechatApi;
  beforeAll(async () => {
    wx = await new FakeWechatApi().start();
    wx.appid = 'wx-test';
    t = await startTestApp({ WECHAT_API_BASE: wx.url, WECHAT_APP_ID: 'wx-test', WECHAT_APP_SECRET: 'secret' });
    w = await buildWorld(t);
  });
  afterAll(async () => {
    await t.close();
    await wx.close();
  });

  const ask = (code: string, token = w.ownerA.token) => t.gql('mutation($c: String!) { wechatPhoneNumber(code: $c) { phone } }', { c: code }, token);
  let n = 0;
  const issue = (phone: string, extra: { countryCode?: string; appid?: string } = {}) => {
    const code = `phone-code-${++n}-0123456789abcdef`;
    wx.phoneCodes.set(code, { phone, ...extra });
    return code;
  };

  it('answers the number WeChat holds for the code, and a code works once (40029 after: the owner taps again)', async () => {
    const code = issue('13912340001');
    expect(ok(await ask(code)).wechatPhoneNumber).toEqual({ phone: '13912340001' });
    const again = await ask(code);
    expect(codeOf(again)).toBe('BAD_USER_INPUT');
    expect(again.errors![0].message).toContain('再点一次');
    expect(codeOf(await ask('never-issued-0123456789'))).toBe('BAD_USER_INPUT');
  });

  it('an expired access token (40001) is refreshed and the exchange made once more', async () => {
    const tokensBefore = wx.tokenRequests;
    wx.expireTokens();
    expect(ok(await ask(issue('13912340002'))).wechatPhoneNumber.phone).toBe('13912340002');
    expect(wx.tokenRequests).toBe(tokensBefore + 1);
  });

  it('WeChat’s minute quota is RATE_LIMITED; a busy WeChat or a bad appid is ours (INTERNAL), not the owner’s', async () => {
    wx.phoneReplies.push({ errcode: 45011, errmsg: 'api minute-quota reach limit, must slower, retry next minute' });
    expect(codeOf(await ask(issue('13912340003')))).toBe('RATE_LIMITED');
    wx.phoneReplies.push({ errcode: -1, errmsg: 'system error' });
    const busy = await ask(issue('13912340003'));
    expect(codeOf(busy)).toBe('INTERNAL');
    expect(busy.errors![0].message).toContain('微信系统繁忙');
    wx.phoneReplies.push({ errcode: 40013, errmsg: 'invalid appid' });
    expect(codeOf(await ask(issue('13912340003')))).toBe('INTERNAL');
  });

  it('refuses a number outside mainland China and an answer stamped with another app’s appid', async () => {
    const foreign = await ask(issue('91234567', { countryCode: '852' }));
    expect(codeOf(foreign)).toBe('BAD_USER_INPUT');
    expect(foreign.errors![0].extensions).toMatchObject({ reason: 'NOT_MAINLAND' });
    expect(codeOf(await ask(issue('13912340004', { appid: 'wx-someone-else' })))).toBe('INTERNAL');
  });

  it('owners only, signed in; a malformed code never reaches WeChat', async () => {
    const before = wx.phoneRequests;
    expect(codeOf(await t.gql('mutation { wechatPhoneNumber(code: "abcdefgh") { phone } }'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await ask(issue('13912340005'), w.staffA.token))).toBe('FORBIDDEN');
    expect(codeOf(await ask('有中文的凭证'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await ask('x'.repeat(129)))).toBe('BAD_USER_INPUT');
    expect(wx.phoneRequests).toBe(before);
  });

  it(`at most ${WECHAT_PHONE_LIMIT.hits} exchanges an hour per owner`, async () => {
    const results: (string | undefined)[] = [];
    for (let i = 0; i < WECHAT_PHONE_LIMIT.hits + 2; i++) results.push(codeOf(await ask(issue('13912340006'), w.ownerB.token)));
    expect(results.slice(0, WECHAT_PHONE_LIMIT.hits)).toEqual(Array(WECHAT_PHONE_LIMIT.hits).fill(undefined));
    expect(results.slice(WECHAT_PHONE_LIMIT.hits)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    // Another owner is not held up by it.
    expect(codeOf(await ask(issue('13912340007'), w.ownerA2.token))).toBeUndefined();
  });
});
