import type { Worker } from 'bullmq';
import { startTestApp, ok, type TestApp } from '../support/test-app';
import { buildWorld, fileTicket, type World } from '../support/world';
import { WechatOutboxQueue } from '../../src/notifications/wechat/wechat-outbox.queue';
import { JobQueues } from '../../src/jobs/job-queues';
import { QueueName } from '../../src/jobs/job-names';
import { WechatOutboxSender } from '../../src/notifications/wechat/wechat-outbox.sender';
import { FakeWechatApi, waitFor } from './fake-wechat-api';

const OPENID = 'o-owner-a-openid';

describe('WeChat subscribe messages through the outbox', () => {
  let t: TestApp;
  let w: World;
  let wx: FakeWechatApi;
  let queue: WechatOutboxQueue;
  let workers: Worker[] = [];

  const rowsOf = async (ticketId: string) => t.ds.query('SELECT * FROM wechat_outbox WHERE ticket_id = ? ORDER BY id', [ticketId]);
  const accept = (id: string, version = 1) => t.gql('mutation($i: AcceptTicketInput!) { acceptTicket(input: $i) { version } }', { i: { ticketId: id, version } }, w.staffA.token);
  const sendsTo = (ticketNumber: string) => wx.sends.filter((s) => s.body.data.character_string1.value === ticketNumber);
  const startWorker = (opts = {}, processor?: Parameters<WechatOutboxQueue['createWorker']>[1]) => {
    const wk = queue.createWorker({ lockDuration: 1000, stalledInterval: 300, ...opts }, processor);
    workers.push(wk);
    return wk;
  };

  beforeAll(async () => {
    wx = await new FakeWechatApi().start();
    t = await startTestApp({
      WECHAT_API_BASE: wx.url, WECHAT_APP_ID: 'wx-test', WECHAT_APP_SECRET: 'secret',
      WECHAT_TEMPLATE_ACCEPTED: 'tpl-accepted', WECHAT_TEMPLATE_RESOLVED: 'tpl-resolved',
      WECHAT_SEND_ATTEMPTS: '4', WECHAT_SEND_BACKOFF_MS: '50',
    });
    w = await buildWorld(t);
    await t.ds.query('UPDATE users SET wx_openid = ? WHERE id = ?', [OPENID, w.ownerA.id]);
    queue = t.app.get(WechatOutboxQueue);
  });
  afterEach(async () => {
    await Promise.all(workers.map((wk) => wk.close(true)));
    workers = [];
    wx.sendReplies = [];
    wx.onSent = null;
  });
  afterAll(async () => {
    await t.close();
    await wx.close();
  });

  it('accepting writes the owner’s message in the same transaction; the worker sends it once', async () => {
    const filed = await fileTicket(t, w.ownerA, w.qrA);
    ok(await accept(filed.id));
    const [row] = await rowsOf(filed.id);
    const [acceptEvent] = await t.ds.query("SELECT id FROM ticket_events WHERE ticket_id = ? AND action = 'ACCEPT'", [filed.id]);
    expect(row).toMatchObject({ template_key: 'ACCEPTED', template_id: 'tpl-accepted', openid: OPENID, status: 'PENDING', event_id: acceptEvent.id });

    startWorker();
    await waitFor(async () => (await rowsOf(filed.id))[0].status === 'SENT');
    const sent = sendsTo(filed.number);
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toMatchObject({ touser: OPENID, template_id: 'tpl-accepted', page: `tickets/pages/detail/index?id=${filed.id}`, miniprogram_state: 'formal' });
    expect(sent[0].body.data.phrase3.value).toBe('已受理');
    // Owners filing through H5 have no openid: no row, no send.
    const h5 = await fileTicket(t, w.ownerA2, w.qrA);
    ok(await accept(h5.id));
    expect(await rowsOf(h5.id)).toEqual([]);
  });

  it('a failed send is retried with backoff until WeChat accepts it', async () => {
    startWorker();
    wx.sendReplies = [{ errcode: -1, errmsg: 'system error' }, { errcode: 45009, errmsg: 'api freq out of limit' }];
    const filed = await fileTicket(t, w.ownerA, w.qrA);
    ok(await accept(filed.id));
    const row = await waitFor(async () => { const [r] = await rowsOf(filed.id); return r.status === 'SENT' && r; });
    expect(row.attempts).toBe(3);
    expect(sendsTo(filed.number)).toHaveLength(3);
  });

  it('an expired access token is refreshed and the send repeated at once', async () => {
    startWorker();
    wx.expireTokens();
    const tokensBefore = wx.tokenRequests;
    const filed = await fileTicket(t, w.ownerA, w.qrA);
    ok(await accept(filed.id));
    const row = await waitFor(async () => { const [r] = await rowsOf(filed.id); return r.status === 'SENT' && r; });
    expect(row.attempts).toBe(1);
    expect(wx.tokenRequests).toBe(tokensBefore + 1);
    expect(sendsTo(filed.number)).toHaveLength(1);
  });

  it('an owner who refused the subscription (43101) is marked REFUSED and never retried', async () => {
    startWorker();
    wx.sendReplies = [{ errcode: 43101, errmsg: 'user refuse to accept the msg' }];
    const filed = await fileTicket(t, w.ownerA, w.qrA);
    ok(await accept(filed.id));
    await waitFor(async () => (await rowsOf(filed.id))[0].status === 'REFUSED');
    await new Promise((r) => setTimeout(r, 500));
    expect(sendsTo(filed.number)).toHaveLength(1);
    expect((await rowsOf(filed.id))[0].last_error).toContain('43101');
  });

  it('a message already sent is never sent again, even when its worker dies right after sending', async () => {
    const filed = await fileTicket(t, w.ownerA, w.qrA);
    // The first worker records SENT and then "dies": it never acknowledges the job and stops renewing its lock.
    let died = false;
    const doomed = startWorker({}, async (job) => {
      await queue.process(job);
      died = true;
      await new Promise(() => undefined);
    });
    ok(await accept(filed.id));
    await waitFor(() => died);
    await doomed.close(true);
    expect((await rowsOf(filed.id))[0].status).toBe('SENT');

    // BullMQ notices the stalled job and hands it to a healthy worker, which checks the row first.
    const outboxId = String((await rowsOf(filed.id))[0].id);
    const healthy = startWorker();
    const rerun = new Promise<unknown>((resolve) => healthy.on('completed', (job, value) => job.data.outboxId === outboxId && resolve(value)));
    expect(await Promise.race([rerun, new Promise((r) => setTimeout(() => r('timeout'), 8000))])).toBe('ALREADY_DONE');
    expect(sendsTo(filed.number)).toHaveLength(1);
  });

  it('two deliveries of one row racing each other send once', async () => {
    const filed = await fileTicket(t, w.ownerA, w.qrA);
    ok(await accept(filed.id));
    const [row] = await rowsOf(filed.id);
    const sender = t.app.get(WechatOutboxSender);
    const results = await Promise.allSettled([sender.deliver(String(row.id), false), sender.deliver(String(row.id), false)]);
    expect(results.filter((r) => r.status === 'fulfilled' && r.value === 'SENT')).toHaveLength(1);
    expect(sendsTo(filed.number)).toHaveLength(1);
    expect(await sender.deliver(String(row.id), false)).toBe('ALREADY_DONE');
    expect(sendsTo(filed.number)).toHaveLength(1);
  });

  it('resolving sends the “resolved, please rate” message; the sweep re-enqueues rows whose job was lost', async () => {
    const filed = await fileTicket(t, w.ownerA, w.qrA);
    let v = ok(await accept(filed.id)).acceptTicket.version;
    v = ok(await t.gql('mutation($i: NoteInput!) { startTicket(input: $i) { version } }', { i: { ticketId: filed.id, version: v } }, w.staffA.token)).startTicket.version;
    ok(await t.gql('mutation($i: ResolveTicketInput!) { resolveTicket(input: $i) { version } }', { i: { ticketId: filed.id, version: v, result: '已更换楼道灯泡并测试正常' } }, w.staffA.token));
    const rows = await rowsOf(filed.id);
    expect(rows.map((r: any) => r.template_key)).toEqual(['ACCEPTED', 'RESOLVED']);
    // Simulate jobs lost between commit and enqueue: empty the queue, age the rows, sweep.
    await t.ds.query("UPDATE wechat_outbox SET created_at = DATE_SUB(created_at, INTERVAL 1 HOUR) WHERE ticket_id = ?", [filed.id]);
    const q = t.app.get(JobQueues).queue(QueueName.WECHAT);
    await q.obliterate({ force: true });
    expect(await queue.sweep()).toBeGreaterThanOrEqual(2);
    startWorker();
    await waitFor(async () => (await rowsOf(filed.id)).every((r: any) => r.status === 'SENT'));
    const resolved = sendsTo(filed.number).find((s) => s.body.template_id === 'tpl-resolved')!;
    expect(resolved.body.data.thing2.value).toBe('已更换楼道灯泡并测试正常');
    expect(sendsTo(filed.number)).toHaveLength(2);
  });
});
