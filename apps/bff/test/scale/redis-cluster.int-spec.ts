/**
 * Redis Cluster ready (issue 16 #4), on a real local 3-node cluster (redis-server --cluster-enabled yes,
 * redis-cli --cluster create): two BFFs on it — A runs the workers, B only serves — share one database.
 * Every BullMQ queue has its own hash-tagged prefix (no CROSSSLOT), SLA wake-ups fire exactly once, the
 * WeChat outbox sends exactly once, and live updates published by A reach a client connected to B.
 */
import { execFileSync } from 'node:child_process';
import type { Client } from 'graphql-ws';
import { collect, liveClient } from '../notifications/live-client';
import { FakeWechatApi } from '../notifications/fake-wechat-api';
import { fastPolicy, LiveClock, slaEventCounts, waitFor } from '../sla/sla-support';
import { OwnRedisCluster } from '../support/own-servers';
import { ok, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, fileTicket, type World } from '../support/world';
import { queuePrefix } from '../../src/redis/redis.module';

jest.setTimeout(150_000);

const NOTIFICATION_ADDED = 'subscription { notificationAdded { id kind ticketId } }';
const OPENID = 'o-cluster-owner';
/** Keys outside any queue, each only ever used alone (no multi-key command or script spans two of them). */
const SINGLE_KEYS = ['msb:sla:reconcile-lock', 'msb:wechat:access-token', 'msb:wechat:access-token-lock'];

describe('on a 3-node Redis Cluster', () => {
  let cluster: OwnRedisCluster;
  let wx: FakeWechatApi;
  let a: TestApp;
  let b: TestApp;
  let w: World;
  const clients: Client[] = [];

  const keysOn = (i: number) => execFileSync('redis-cli', ['-p', String(cluster.nodes[i].port), '--scan'], { encoding: 'utf8' }).split('\n').filter(Boolean);

  beforeAll(async () => {
    [cluster, wx] = await Promise.all([OwnRedisCluster.start(3), new FakeWechatApi().start()]);
    const env = {
      ...cluster.env(), WECHAT_API_BASE: wx.url, WECHAT_APP_ID: 'wx-test', WECHAT_APP_SECRET: 'secret',
      WECHAT_TEMPLATE_ACCEPTED: 'tpl-accepted', WECHAT_SEND_ATTEMPTS: '4', WECHAT_SEND_BACKOFF_MS: '50', SLA_RECONCILE_INTERVAL_MS: '600000',
    };
    a = await startTestApp({ ...env, RUN_WORKERS: 'true' }, new LiveClock());
    b = await startTestApp(env, new LiveClock());
    w = await buildWorld(a);
    await a.ds.query('UPDATE users SET wx_openid = ? WHERE id = ?', [OPENID, w.ownerA.id]);
    await fastPolicy(a, w.admin, w.complexA, [{ target: 'ACCEPT', seconds: 4, warnShare: 0.5, steps: [{ level: 'HANDLER', delayMinutes: 0 }] }]);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await b?.close();
    await a?.close();
    await wx?.close();
    await cluster?.stop();
  });

  it('SLA warning, breach and escalation fire exactly once, and their notices reach a staff client connected to the other BFF', async () => {
    const staff = liveClient(b.url, w.staffA.token);
    clients.push(staff);
    const bell = collect(staff, NOTIFICATION_ADDED);
    await new Promise((r) => setTimeout(r, 500)); // the subscription registers with Redis asynchronously

    const tickets = await Promise.all([1, 2, 3].map(() => fileTicket(a, w.ownerA2, w.qrA)));
    const ids = new Set(tickets.map((t) => t.id));
    const heard = () => bell.items.map((i) => i.notificationAdded).filter((n) => ids.has(n.ticketId) && n.kind.startsWith('SLA_'));
    await waitFor('every SLA notice on the bell of B', async () => heard().length >= 9, 40_000);
    const counts = await slaEventCounts(a.ds);
    for (const t of tickets) expect(counts.get(t.id)).toEqual({ SLA_WARNING: 1, SLA_BREACH: 1, SLA_ESCALATION: 1 });
    await new Promise((r) => setTimeout(r, 1000));
    expect(heard().map((n) => `${n.ticketId}:${n.kind}`).sort()).toEqual(tickets.flatMap((t) => [`${t.id}:SLA_BREACH`, `${t.id}:SLA_ESCALATION`, `${t.id}:SLA_WARNING`]).sort());
    expect(bell.errors).toEqual([]);
  });

  it('the WeChat outbox: accepting on B writes the owner’s message, A’s worker sends it exactly once', async () => {
    const filed = await fileTicket(b, w.ownerA, w.qrA);
    ok(await b.gql('mutation($i: AcceptTicketInput!) { acceptTicket(input: $i) { version } }', { i: { ticketId: filed.id, version: 1 } }, w.staffA.token));
    await waitFor('the outbox row sent', async () => (await a.ds.query('SELECT status FROM wechat_outbox WHERE ticket_id = ?', [filed.id]))[0]?.status === 'SENT', 30_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(wx.sends.filter((s) => s.body.data.character_string1.value === filed.number)).toHaveLength(1);
  });

  it('every queue key carries its queue’s hash tag: one queue, one slot; other keys only single-key ones (the reconciler’s lock, the shared WeChat token)', async () => {
    const all = [0, 1, 2].flatMap((i) => keysOn(i).map((k) => ({ k, node: i })));
    const queueKeys = all.filter(({ k }) => k.startsWith('msb:{'));
    expect(queueKeys.some(({ k }) => k.startsWith(`${queuePrefix('sla')}:`))).toBe(true);
    expect(queueKeys.some(({ k }) => k.startsWith('msb:{wechat'))).toBe(true);
    const nodesOf = (tag: string) => new Set(queueKeys.filter(({ k }) => k.startsWith(`msb:{${tag}}`)).map(({ node }) => node));
    for (const tag of new Set(queueKeys.map(({ k }) => /^msb:\{([^}]+)\}/.exec(k)![1]))) expect(nodesOf(tag).size).toBe(1);
    expect(all.filter(({ k }) => !k.startsWith('msb:{')).map(({ k }) => k).filter((k) => !SINGLE_KEYS.includes(k))).toEqual([]);
  });
});
