/**
 * Issue 5 end to end: three browser contexts at once (owner, property staff, department then
 * mediator) on the H5 build served by a real BFF process on MariaDB/Redis. The owner files; the
 * staff inbox shows it within 2 s without a reload (graphql-ws through Redis); staff accept and
 * dispatch to 城管; the department returns it; staff resolve with a photo; the owner rates 1 star and
 * asks for mediation; the mediator closes it with an agreement; every role's timeline shows every
 * step. Screenshots of every staff, department and mediator page (390×844) go to e2e/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, H5_DIR, startStack, type Stack } from './support/stack';
import { statusIs, tap, text, type, vis, visible } from './support/page-actions';
import { launch, phonePage, shot } from './support/browser';

jest.setTimeout(60_000);

const OWNER_PHONE = '13912345679';
const STAFF_PHONE = '13800001011'; // 张师傅, staff of 明湖花园
const DEPT_PHONE = '13800000031'; // 郑科员, 历下区城市管理局
const MEDIATOR_PHONE = '13800000021'; // 孙调解员, 芙蓉社区 (明湖花园's community)
const PASSWORD = 'Msb@2026';

let stack: Stack;
let browser: Browser;
let owner: Page;
let staff: Page;
let other: Page;
let ticketId = '';
let ticketNumber = '';
let h5Copy = '';

beforeAll(async () => {
  ensureBuilt();
  // A private copy of the H5 build: another run rebuilding dist/h5 meanwhile cannot pull it from under us.
  h5Copy = mkdtempSync(join(tmpdir(), 'msb-e2e-h5-'));
  cpSync(H5_DIR, h5Copy, { recursive: true });
  stack = await startStack({ name: 'staff', h5Dir: h5Copy });
  browser = await launch();
  [owner, staff, other] = await Promise.all([phonePage(browser), phonePage(browser), phonePage(browser)]);
  for (const p of [owner, staff, other]) p.on('pageerror', (e) => console.error('page error:', e.message));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (h5Copy) rmSync(h5Copy, { recursive: true, force: true });
});

const go = (p: Page, route: string) => p.goto(`${stack.baseUrl}/#${route}`);

async function signInWorker(p: Page, phone: string, landing: string) {
  await go(p, '/staff/pages/login/index');
  await visible(p, '#page-staff-login');
  await type(p, '#staff-phone', phone);
  await type(p, '#staff-password', PASSWORD);
  await tap(p, '#staff-login-submit');
  await visible(p, landing, 20_000);
}

async function photo(p: Page, name: string) {
  const bytes = await p.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 240, height: 240 } });
  const [chooser] = await Promise.all([p.waitForEvent('filechooser'), vis(p, '#photo-add').click()]);
  await chooser.setFiles({ name, mimeType: 'image/png', buffer: bytes });
  await visible(p, '.photo-picker__cell--done', 30_000);
}

async function timelineOf(p: Page): Promise<string[]> {
  return p.locator('#timeline [data-action]').evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.getAttribute('data-action') ?? ''));
}

const FULL_TIMELINE = ['REPORT', 'ACCEPT', 'DISPATCH', 'RETURN_DISPATCH', 'CONTACT_REVEALED', 'RESOLVE', 'RATE', 'REQUEST_MEDIATION', 'RECORD_MEDIATION'];

describe('staff, department and mediator on their phones (H5), live', () => {
  it('staff sign in with phone + password and land on the inbox, live', async () => {
    await go(staff, '/staff/pages/login/index');
    await visible(staff, '#page-staff-login');
    await shot(staff, 'staff-login');
    await signInWorker(staff, STAFF_PHONE, '#page-staff-inbox');
    await staff.waitForFunction(() => document.querySelector('#live-status')?.getAttribute('data-status') === 'live', null, { timeout: 10_000 });
    await shot(staff, 'staff-inbox');
  });

  it('the owner files; the staff inbox shows it within 2 s without a reload', async () => {
    const gate = stack.qrLinks.find((q) => q.complex === '明湖花园' && q.spot === '东门')!;
    await owner.goto(gate.link);
    await tap(owner, '#home-report');
    await visible(owner, '#page-login');
    await type(owner, '#login-phone', OWNER_PHONE);
    await tap(owner, '#login-agree');
    await tap(owner, '#login-send-code');
    await type(owner, '#login-code', await stack.smsCode(OWNER_PHONE));
    await tap(owner, '#login-submit');
    await visible(owner, '#category-FACILITIES');
    await tap(owner, '#category-FACILITIES');
    await type(owner, '#report-description', '1号楼电梯间的顶灯一闪一闪的，晚上很吓人，麻烦尽快修一下。');
    const before = await staff.locator('#tab-count-NEW').innerText();
    await tap(owner, '#report-submit');
    await visible(owner, '#page-report-done', 30_000);
    const filedAt = Date.now();
    ticketId = new URL(owner.url().replace('/#/', '/')).searchParams.get('id') ?? '';
    expect(ticketId).not.toBe('');

    await visible(staff, `#ticket-${ticketId}`, 2000);
    expect(Date.now() - filedAt).toBeLessThan(2000);
    expect(await staff.locator('#tab-count-NEW').innerText()).not.toBe(before);
    ticketNumber = (await vis(staff, `#ticket-${ticketId}`).getAttribute('data-number')) ?? '';
    // Each row shows its next deadline (the accept clock of a new report), running.
    expect(await vis(staff, `#deadline-${ticketId}`).getAttribute('data-target')).toBe('ACCEPT');
    expect(await vis(staff, `#deadline-${ticketId}`).getAttribute('data-state')).toBe('RUNNING');
    await shot(staff, 'staff-inbox-live-new');
  });

  it('staff open it, see the phone masked, accept it (taking it themselves) and dispatch it to 城管', async () => {
    await tap(staff, `#ticket-${ticketId}`);
    await visible(staff, '#page-staff-detail');
    expect(await text(staff, '#detail-phone')).toMatch(/^\d{3}\*{4}\d{4}$/);
    await shot(staff, 'staff-detail-new');

    // The refuse form (not sent): reason codes, common phrases and text.
    await go(staff, `/staff/pages/reason/index?id=${ticketId}&mode=refuse`);
    await visible(staff, '#page-staff-refuse');
    await tap(staff, '#refuse-reason-DUPLICATE');
    await visible(staff, '#phrase-0');
    await shot(staff, 'staff-refuse-form');
    await staff.goBack();

    await visible(staff, '#action-ACCEPT');
    await tap(staff, '#action-ACCEPT');
    await statusIs(staff, 'ACCEPTED');
    expect(await text(staff, '#detail-assignee')).toBe('张师傅');

    // Staff may assign only themselves: holding it, 指派 is not offered, and the assign page (opened by hand) offers nobody.
    expect(await staff.locator('#action-ASSIGN').filter({ visible: true }).count()).toBe(0);
    await go(staff, `/staff/pages/assign/index?id=${ticketId}`);
    await visible(staff, '#page-staff-assign');
    await visible(staff, '#assign-nobody');
    expect(await staff.locator('[id^="load-"]').filter({ visible: true }).count()).toBe(0);
    await shot(staff, 'staff-assign');
    await go(staff, `/staff/pages/detail/index?id=${ticketId}`);

    await tap(staff, '#action-DISPATCH');
    await visible(staff, '#page-staff-dispatch');
    const cg = staff.locator('[id^="target-"]', { hasText: '城市管理局' }).filter({ visible: true }).first();
    await cg.click();
    await type(staff, '#dispatch-reason', '电梯间顶灯线路属公共照明改造工程，请城管协调施工方。');
    await shot(staff, 'staff-dispatch');
    await tap(staff, '#dispatch-submit');
    await visible(staff, '#page-staff-detail');
    await statusIs(staff, 'DISPATCHED');
    await shot(staff, 'staff-detail-dispatched');
  });

  it('the department receives it (live notification) and returns it with a reason', async () => {
    await signInWorker(other, DEPT_PHONE, '#page-staff-inbox');
    await visible(other, `#ticket-${ticketId}`);
    await visible(other, '#notification-badge');
    await shot(other, 'dept-inbox');
    await tap(other, '#notification-bell');
    await visible(other, '#page-notifications');
    expect(await text(other, '#page-notifications')).toContain('有工单转派至本单位');
    await shot(other, 'dept-notifications');
    await tap(other, '[id^="notice-"]');
    await visible(other, '#page-staff-detail');
    await visible(other, '#action-RETURN_DISPATCH');
    expect(await other.locator('#action-ACCEPT_DISPATCH').filter({ visible: true }).count()).toBe(1);
    await shot(other, 'dept-detail');
    await tap(other, '#action-RETURN_DISPATCH');
    await visible(other, '#page-staff-return');
    await tap(other, '#phrase-1');
    await type(other, '#reason-text', '需物业先行处置：灯具更换属物业维修范围，不需城管介入。');
    await shot(other, 'dept-return-form');
    await tap(other, '#reason-submit');
    // Returned: it is the property's again and leaves the department's queue.
    await visible(other, '#page-staff-inbox');
    await other.locator(`#ticket-${ticketId}`).filter({ visible: true }).waitFor({ state: 'detached' });
  });

  it('staff see it back live, call the owner (logged), post progress and resolve with a photo', async () => {
    await statusIs(staff, 'IN_PROGRESS');
    await tap(staff, '#action-CALL');
    await staff.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('[id="detail-phone"]')).some((e) => e.offsetParent !== null && /^\d{11}$/.test(e.textContent ?? '')), null, { timeout: 10_000 });
    expect(await text(staff, '#detail-phone')).toBe(OWNER_PHONE);
    await staff.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('#timeline [data-action="CONTACT_REVEALED"]')).some((e) => e.offsetParent !== null), null, { timeout: 10_000 });
    await shot(staff, 'staff-detail-contact');

    await tap(staff, '#action-ADD_PROGRESS');
    await visible(staff, '#page-staff-progress');
    await visible(staff, '#template-0');
    await shot(staff, 'staff-progress-form');
    await staff.goBack();
    await visible(staff, '#page-staff-detail');

    await tap(staff, '#action-RESOLVE');
    await visible(staff, '#page-staff-resolve');
    await visible(staff, '#template-0');
    await type(staff, '#resolve-text', '已更换1号楼电梯间顶灯及镇流器，测试正常。');
    await photo(staff, 'fixed.png');
    await shot(staff, 'staff-resolve-form');
    await tap(staff, '#resolve-submit');
    await visible(staff, '#page-staff-detail');
    await statusIs(staff, 'RESOLVED');
    expect(await staff.locator('#timeline img').filter({ visible: true }).count()).toBe(1);
  });

  it('the owner rates 1 star and asks for mediation', async () => {
    await owner.goto(`${stack.baseUrl}/#/tickets/pages/detail/index?id=${ticketId}`);
    await visible(owner, '#action-RATE', 20_000);
    await tap(owner, '#action-RATE');
    await visible(owner, '#action-sheet');
    await tap(owner, '#rate-solved');
    await tap(owner, '#star-1');
    await type(owner, '#action-text', '来回转了好几次，拖了太久。');
    await tap(owner, '#action-submit');
    await owner.locator('#action-sheet').waitFor({ state: 'hidden' });
    await tap(owner, '#action-REQUEST_MEDIATION');
    await visible(owner, '#action-sheet');
    await type(owner, '#action-text', '希望社区出面协调，物业应改进报修响应。');
    await tap(owner, '#action-submit');
    await owner.locator('#action-sheet').waitFor({ state: 'hidden' });
    await owner.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('[id="ticket-summary"]')).some((e) => e.offsetParent !== null && !!e.textContent?.includes('调解中')), null, { timeout: 15_000 });
  });

  it('the mediator sees the dispute, its full timeline and the clock, and closes it with an agreement', async () => {
    // The department context signs out and the community mediator signs in on the same phone.
    await other.evaluate(() => localStorage.clear());
    await signInWorker(other, MEDIATOR_PHONE, '#page-mediator-list');
    await visible(other, `#ticket-${ticketId}`);
    await shot(other, 'mediator-list');
    await tap(other, `#ticket-${ticketId}`);
    await visible(other, '#page-mediator-record');
    await visible(other, '#mediation-form');
    expect(await vis(other, '#mediation-clock').getAttribute('data-target')).toBe('MEDIATION');
    expect(await text(other, '#mediation-clock')).toContain('调解时限');
    expect(await timelineOf(other)).toEqual(FULL_TIMELINE.slice(0, -1));
    await type(other, '#mediation-place', '芙蓉社区党群服务中心');
    await type(other, '#mediation-people', '业主、物业项目经理王建国、社区调解员孙调解员');
    await tap(other, '#outcome-AGREEMENT');
    await type(other, '#mediation-notes', '物业致歉并承诺报修 24 小时内响应，业主认可。');
    await shot(other, 'mediator-record');
    await tap(other, '#mediation-submit');
    await statusIs(other, 'CLOSED');
    await other.locator('#mediation-form').filter({ visible: true }).waitFor({ state: 'detached' });
    await shot(other, 'mediator-closed');
  });

  it('every role’s timeline shows every step', async () => {
    expect(await timelineOf(other)).toEqual(FULL_TIMELINE);
    await go(staff, `/staff/pages/detail/index?id=${ticketId}`);
    await statusIs(staff, 'CLOSED');
    expect(await timelineOf(staff)).toEqual(FULL_TIMELINE);
    await shot(staff, 'staff-detail-closed');
    await owner.reload();
    await visible(owner, '#timeline');
    await owner.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('[id="ticket-summary"]')).some((e) => e.offsetParent !== null && !!e.textContent?.includes('已办结')), null, { timeout: 15_000 });
    expect(await timelineOf(owner)).toEqual(FULL_TIMELINE);
    const ownerText = await text(owner, '#timeline');
    for (const who of ['张师傅', '郑科员', '孙调解员']) expect(ownerText).toContain(who);

    // The staff notification centre collected the returns and the mediation outcome.
    await go(staff, '/notifications/pages/list/index');
    await visible(staff, '#page-notifications');
    const kinds = await staff.locator('[data-kind]').filter({ visible: true }).evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(expect.arrayContaining(['DISPATCH_RETURNED']));
    await shot(staff, 'staff-notifications');
    await tap(staff, '#notifications-mark-all');
    await staff.locator('#notifications-mark-all').filter({ visible: true }).waitFor({ state: 'detached' });
    expect(ticketNumber).toMatch(/^MSB-/);
  });
});
