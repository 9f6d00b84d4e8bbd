/**
 * Issue 14 item 5 end to end: a 12345 work order arrives from a local fake hotline (signed push to the real
 * BFF's webhook); on the H5 build in headless Chromium, property staff see the 12345 badge and the order
 * number in the inbox, and on the ticket its sign / contact / resolve deadlines in plain words and no caller
 * (保密); they sign for it, record contacting the caller and ask for an extension; the fake hotline receives
 * order.signed, order.contacted and order.extension.requested, signed, once each and in seq order. The
 * complex's project manager — the designated contact — alone sees the caller. Screenshots at 390 px.
 */
import type { Browser, Page } from 'playwright-core';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, H5_DIR, startStack, type Stack } from './support/stack';
import { statusIs, tap, text, type, vis, visible } from './support/page-actions';
import { launch, phonePage, shot } from './support/browser';
import { FakeHotline, shanghaiIso } from './support/fake-hotline';

jest.setTimeout(90_000);

const STAFF_PHONE = '13800001011'; // 张师傅, staff of 明湖花园
const MANAGER_PHONE = '13800000001'; // 王建国, project manager of 明湖花园: the hotline's designated contact
const PASSWORD = 'Msb@2026';
const IN_SECRET = 'e2e-hotline-to-us-0123456789abcdef0123';
const OUT_SECRET = 'e2e-us-to-hotline-0123456789abcdef0123';
const ORDER = 'JN2026120100042';
const CALLER = { name: '刘女士', phone: '13655556666' };
const H = 3600_000;

let stack: Stack;
let browser: Browser;
let staff: Page;
let manager: Page;
let hotline: FakeHotline;
let h5Copy = '';
let ticketId = '';

beforeAll(async () => {
  ensureBuilt();
  h5Copy = mkdtempSync(join(tmpdir(), 'msb-e2e-h5-'));
  cpSync(H5_DIR, h5Copy, { recursive: true });
  hotline = await new FakeHotline(IN_SECRET, OUT_SECRET).start();
  // RUN_WORKERS: the outbox sender (every 5 s) pushes our events to the fake hotline.
  stack = await startStack({
    name: 'hotline', h5Dir: h5Copy,
    env: { HOTLINE_INBOUND_SECRET: IN_SECRET, HOTLINE_OUTBOUND_BASE: hotline.url, HOTLINE_OUTBOUND_SECRET: OUT_SECRET, RUN_WORKERS: 'true' },
  });
  browser = await launch();
  [staff, manager] = await Promise.all([phonePage(browser), phonePage(browser)]);
  for (const p of [staff, manager]) p.on('pageerror', (e) => console.error('page error:', e.message));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await hotline?.close();
  if (h5Copy) rmSync(h5Copy, { recursive: true, force: true });
});

const go = (p: Page, route: string) => p.goto(`${stack.baseUrl}/#${route}`);
const toneIs = (p: Page, key: string, tone: string) =>
  p.waitForFunction(([k, t]) => Array.from(document.querySelectorAll<HTMLElement>(`[id="hotline-deadline-${k}"]`)).some((e) => e.offsetParent !== null && e.getAttribute('data-tone') === t), [key, tone], { timeout: 15_000 });
const timelineOf = (p: Page) =>
  p.locator('#timeline [data-action]').evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.getAttribute('data-action') ?? ''));

async function signInWorker(p: Page, phone: string) {
  await go(p, '/staff/pages/login/index');
  await visible(p, '#page-staff-login');
  await type(p, '#staff-phone', phone);
  await type(p, '#staff-password', PASSWORD);
  await tap(p, '#staff-login-submit');
  await visible(p, '#page-staff-inbox', 20_000);
}

describe('a 12345 work order on the staff phone (H5)', () => {
  it('arrives from the hotline: acknowledged within 5 s, a ticket in 明湖花园', async () => {
    const now = Date.now();
    const ack = await hotline.push(stack.baseUrl, ORDER, 1, 'order.dispatched', {
      channel: '电话', acceptedAt: shanghaiIso(new Date(now)), caller: CALLER, confidential: true, requestType: '投诉',
      category: { code: '010503', path: '物业管理/设施设备' }, title: '单元门禁坏了', content: '3号楼1单元门禁刷卡没反应，门关不上，已经三天了',
      address: { district: '历下区', street: '泉城路街道', community: '芙蓉社区', complex: '明湖花园', text: '3号楼1单元' }, urgency: '一般',
      deadlines: { signBy: shanghaiIso(new Date(now + 2 * H)), contactBy: shanghaiIso(new Date(now + 12 * H)), resolveBy: shanghaiIso(new Date(now + 5 * 24 * H)) },
    });
    expect(ack).toMatchObject({ status: 200, body: { code: 0, message: 'ok' } });
    expect(ack.ms).toBeLessThan(5000);
  });

  it('staff see the 12345 badge and the order number on the inbox card', async () => {
    await signInWorker(staff, STAFF_PHONE);
    const card = staff.locator('[id^="hotline-order-"]').filter({ hasText: ORDER }).first();
    await card.waitFor({ state: 'visible', timeout: 15_000 });
    ticketId = (await card.getAttribute('id'))!.replace('hotline-order-', '');
    expect(await text(staff, `#hotline-badge-${ticketId}`)).toBe('12345');
    expect(await text(staff, `#hotline-order-${ticketId}`)).toContain(ORDER);
    await shot(staff, 'hotline-inbox');
  });

  it('the ticket page shows the order, its three deadlines in plain words, and no caller (保密)', async () => {
    await tap(staff, `#ticket-${ticketId}`);
    await visible(staff, '#page-staff-detail');
    await visible(staff, '#hotline-order');
    expect(await text(staff, '#detail-hotline-badge')).toBe('12345');
    expect(await text(staff, '#hotline-order-no')).toBe(ORDER);
    expect(await text(staff, '#hotline-deadline-sign')).toMatch(/签收期限：请在 \d+月\d+日 \d\d:\d\d 前签收，还剩 (1小时5\d分|2小时)/);
    expect(await text(staff, '#hotline-deadline-contact')).toMatch(/联系期限：请在 .+ 前联系来电人，还剩 1[12]小时/);
    expect(await text(staff, '#hotline-deadline-resolve')).toMatch(/办结期限：请在 .+ 前办结，还剩 (4天2\d小时|5天)/);
    expect(await text(staff, '#detail-caller')).toContain('保密');
    const page = await vis(staff, '#page-staff-detail').innerText();
    expect(page).not.toContain(CALLER.name);
    expect(page).not.toContain(CALLER.phone.slice(-4));
    expect(await staff.locator('#action-REVEAL_CALLER').filter({ visible: true }).count()).toBe(0);
    await shot(staff, 'hotline-ticket');
  });

  it('signing for it stops the sign-by; recording contact with the caller stops the contact-by', async () => {
    await tap(staff, '#action-ACCEPT');
    await statusIs(staff, 'ACCEPTED');
    await toneIs(staff, 'sign', 'done');
    expect(await text(staff, '#hotline-deadline-sign')).toMatch(/已签收（/);

    await tap(staff, '#action-HOTLINE_RECORD_CONTACT');
    await visible(staff, '#page-staff-hotline-contact');
    await tap(staff, '#hotline-method-phone');
    await type(staff, '#hotline-text', '已电话联系来电人，约定今天下午3点上门检修门禁');
    await shot(staff, 'hotline-contact-form');
    await tap(staff, '#hotline-submit');
    await visible(staff, '#page-staff-detail');
    await toneIs(staff, 'contact', 'done');
    expect(await text(staff, '#hotline-deadline-contact')).toMatch(/已联系来电人（/);
  });

  it('asks the hotline for an extension from the current resolve-by', async () => {
    await tap(staff, '#action-HOTLINE_REQUEST_EXTENSION');
    await visible(staff, '#page-staff-hotline-extension');
    expect(await text(staff, '#hotline-current-resolve')).toMatch(/当前办结期限：/);
    await tap(staff, '#hotline-extend-7');
    await type(staff, '#hotline-text', '门禁主板需厂家更换，配件预计7天到货');
    await shot(staff, 'hotline-extension-form');
    await tap(staff, '#hotline-submit');
    await visible(staff, '#page-staff-detail');
    await staff.waitForFunction(() => document.querySelectorAll('#timeline [data-action="HOTLINE_REQUEST_EXTENSION"]').length > 0, null, { timeout: 15_000 });
    const steps = await timelineOf(staff);
    expect(steps).toEqual(['REPORT', 'ACCEPT', 'HOTLINE_RECORD_CONTACT', 'HOTLINE_REQUEST_EXTENSION']);
    expect(await vis(staff, '#timeline').innerText()).toContain('申请延期至');
    await shot(staff, 'hotline-after-desk');
  });

  it('the fake hotline receives signed, contacted and extension requested: signed, once each, in seq order', async () => {
    const got = await hotline.waitFor(ORDER, ['order.signed', 'order.contacted', 'order.extension.requested']);
    expect(got.map((e) => [e.seq, e.type])).toEqual([[1, 'order.signed'], [2, 'order.contacted'], [3, 'order.extension.requested']]);
    expect(got[0].data).toMatchObject({ by: '张师傅', at: expect.stringMatching(/\+08:00$/) });
    expect(got[1].data).toMatchObject({ method: 'phone', note: '已电话联系来电人，约定今天下午3点上门检修门禁', by: '张师傅' });
    expect(got[2].data).toMatchObject({ reason: '门禁主板需厂家更换，配件预计7天到货', requestedDeadline: expect.stringMatching(/\+08:00$/) });
    // A week after the order's resolve-by, to the minute.
    const resolveBy = Date.now() + 5 * 24 * H;
    expect(Math.abs(Date.parse(got[2].data.requestedDeadline) - (resolveBy + 7 * 24 * H))).toBeLessThan(10 * 60_000);
    const score = { received: hotline.received.length, badSignatures: hotline.badSignatures.length, outOfOrder: hotline.outOfOrder.length, slowestAckMs: Math.round(Math.max(...hotline.ackMs)) };
    console.log(`fake hotline (e2e): ${JSON.stringify(score)}`);
    expect(score).toMatchObject({ received: 3, badSignatures: 0, outOfOrder: 0 });
  });

  it('only the designated contact (the complex’s project manager) sees the confidential caller, on tapping', async () => {
    await signInWorker(manager, MANAGER_PHONE);
    await go(manager, `/staff/pages/detail/index?id=${ticketId}`);
    await visible(manager, '#hotline-order');
    expect(await text(manager, '#detail-caller')).toContain('保密');
    await tap(manager, '#action-REVEAL_CALLER');
    await manager.waitForFunction((phone) => Array.from(document.querySelectorAll<HTMLElement>('[id="detail-caller"]')).some((e) => e.offsetParent !== null && e.innerText.includes(phone)), CALLER.phone, { timeout: 15_000 });
    expect(await text(manager, '#detail-caller')).toContain(CALLER.name);
    await manager.waitForFunction(() => document.querySelectorAll('#timeline [data-action="HOTLINE_CALLER_REVEALED"]').length > 0, null, { timeout: 15_000 });
    await shot(manager, 'hotline-manager-caller');
  });
});
