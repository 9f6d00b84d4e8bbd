/**
 * The mini-program's access token is one per app at WeChat: every fetch invalidates the previous token. Four
 * processes (here: four clients, each with its own Redis connection, as four BFF/worker processes have) share
 * one token through Redis and fetch it once; when WeChat rejects it, one new fetch serves them all.
 */
import Redis from 'ioredis';
import { WechatApiClient } from '../../src/wechat/wechat-api.client';
import { WechatTokenStore } from '../../src/wechat/wechat-token-store';
import { FakeWechatApi } from '../notifications/fake-wechat-api';
import { testConfig } from '../support/test-env';

describe('one WeChat access token for every process', () => {
  let wx: FakeWechatApi;
  const redises: Redis[] = [];
  let clients: WechatApiClient[];

  beforeAll(async () => {
    wx = await new FakeWechatApi().start();
    const config = testConfig({ WECHAT_API_BASE: wx.url, WECHAT_APP_ID: 'wx-test', WECHAT_APP_SECRET: 'secret' });
    clients = [1, 2, 3, 4].map(() => {
      const r = new Redis({ host: config.redis.host, port: config.redis.port, db: config.redis.db });
      redises.push(r);
      return new WechatApiClient(config, new WechatTokenStore(r));
    });
  });
  afterAll(async () => {
    for (const r of redises) r.disconnect();
    await wx.close();
  });

  const send = (c: WechatApiClient, i: number) => c.sendSubscribeMessage({ touser: `o-${i}`, template_id: 'tpl', page: 'p', data: {}, miniprogram_state: 'formal' });

  it('fetched once for four processes sending at once; after WeChat rejects it, fetched once more for all', async () => {
    await Promise.all(clients.flatMap((c, i) => [send(c, i), send(c, i + 10)]));
    expect(wx.tokenRequests).toBe(1);
    expect(new Set(wx.sends.map((s) => s.accessToken))).toEqual(new Set(['tok-1']));

    // WeChat expires the token (42001 on the next send): the process that hit it fetches; the others, whose
    // cached copy is the same dead token, take the new one from Redis when WeChat refuses them too.
    wx.sendReplies = [{ errcode: 42001, errmsg: 'access_token expired' }];
    await send(clients[0], 100).catch(() => undefined);
    await Promise.all(clients.map((c, i) => send(c, 200 + i)));
    expect(wx.tokenRequests).toBe(2);
    expect(wx.sends.slice(-4).map((s) => s.accessToken)).toEqual(['tok-2', 'tok-2', 'tok-2', 'tok-2']);
  });
});
