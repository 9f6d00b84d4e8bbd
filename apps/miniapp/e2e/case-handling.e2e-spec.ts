/**
 * Issue 13 features 1–4 in the mini-app (H5 in headless Chromium, a real BFF on MariaDB/Redis): staff reclassify a
 * report, ask for more time and the project manager grants it, staff ask the owner a question; the owner answers
 * with a photo and urges once. Each new screen is photographed and measured at 390 px and at 320 px (text ≥ 14 px,
 * tap targets ≥ 44 px, nothing wider than the screen); the case form's loading and error states too.
 */
import type { Browser, Page } from 'playwright-core';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, H5_DIR, startStack, type Stack } from './support/stack';
import { statusIs, tap, text, type, vis, visible } from './support/page-actions';
import { launch, phonePage, shot, TEST_RESULTS } from './support/browser';
import { expectBigEnough, installTapProbe, measured } from './support/readable';

jest.setTimeout(90_000);

const OWNER_PHONE = '13912345680';
const STAFF_PHONE = '13800001011'; // 张师傅, staff of 明湖花园
const MANAGER_PHONE = '13800000001'; // 明湖花园's project manager
const PASSWORD = 'Msb@2026';
const DIR = join(TEST_RESULTS, 'case-handling');

let stack: Stack;
let browser: Browser;
let owner: Page;
let staff: Page;
let manager: Page;
let ticketId = '';
let h5Copy = '';

beforeAll(async () => {
  ensureBuilt();
  h5Copy = mkdtempSync(join(tmpdir(), 'msb-e2e-h5-'));
  cpSync(H5_DIR, h5Copy, { recursive: true });
  stack = await startStack({ name: 'case', h5Dir: h5Copy });
  browser = await launch();
  [owner, staff, manager] = await Promise.all([phonePage(browser), phonePage(browser), phonePage(browser)]);
  for (const p of [owner, staff, manager]) {
    await installTapProbe(p);
    p.on('pageerror', (e) => console.error('page error:', e.message));
  }
}, 300_000);

afterAll(async () => {
  writeFileSync(join(DIR, 'sizes.json'), JSON.stringify(measured, null, 1));
  await browser?.close();
  await stack?.stop();
  if (h5Copy) rmSync(h5Copy, { recursive: true, force: true });
});

const go = (p: Page, route: string) => p.goto(`${stack.baseUrl}/#${route}`);

/** The picture and the size checks of what is on screen, at 390 px and again at 320 px. */
async function check(p: Page, name: string) {
  for (const width of [390, 320]) {
    await p.setViewportSize({ width, height: 844 });
    await p.waitForTimeout(300);
    await shot(p, `${width}-${name}`, DIR);
    await expectBigEnough(p, name, { bodyShare: 0.3 });
  }
  await p.setViewportSize({ width: 390, height: 844 });
}

async function signInWorker(p: Page, phone: string) {
  await go(p, '/staff/pages/login/index');
  await type(p, '#staff-phone', phone);
  await type(p, '#staff-password', PASSWORD);
  await tap(p, '#staff-login-submit');
  await visible(p, '#page-staff-inbox', 20_000);
}

async function openStaffTicket(p: Page) {
  await go(p, `/staff/pages/detail/index?id=${ticketId}`);
  await visible(p, '#page-staff-detail');
}

async function photo(p: Page, name: string) {
  const bytes = await p.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 240, height: 240 } });
  const [chooser] = await Promise.all([p.waitForEvent('filechooser'), vis(p, '#photo-add').click()]);
  await chooser.setFiles({ name, mimeType: 'image/png', buffer: bytes });
  await visible(p, '.photo-picker__cell--done', 30_000);
}

const timeline = (p: Page) =>
  p.locator('#timeline [data-action]').evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.getAttribute('data-action') ?? ''));

describe('case handling on the phone', () => {
  it('the owner files a report; staff and the manager sign in', async () => {
    const gate = stack.qrLinks.find((q) => q.complex === '明湖花园' && q.spot === '东门')!;
    await owner.goto(gate.link);
    await tap(owner, '#home-report');
    await type(owner, '#login-phone', OWNER_PHONE);
    await tap(owner, '#login-agree');
    await tap(owner, '#login-send-code');
    await type(owner, '#login-code', await stack.smsCode(OWNER_PHONE));
    await tap(owner, '#login-submit');
    await tap(owner, '#category-FACILITIES');
    await type(owner, '#report-description', '2号楼电梯按钮失灵，按了没反应，老人上下楼很不方便。');
    await tap(owner, '#report-submit');
    await visible(owner, '#page-report-done', 30_000);
    ticketId = new URL(owner.url().replace('/#/', '/')).searchParams.get('id') ?? '';
    expect(ticketId).not.toBe('');
    await Promise.all([signInWorker(staff, STAFF_PHONE), signInWorker(manager, MANAGER_PHONE)]);
  });

  it('the case form shows its loading and error states', async () => {
    // Loading: the ticket's answer held back for a moment.
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    await staff.route('**/graphql', async (route) => {
      if ((route.request().postData() ?? '').includes('StaffTicket')) await held;
      await route.continue();
    });
    await go(staff, `/staff/pages/case/index?id=${ticketId}&mode=reclassify`);
    await visible(staff, '#page-loading');
    await shot(staff, '390-case-loading', DIR);
    release();
    await visible(staff, '#page-staff-case-reclassify');
    await staff.unroute('**/graphql');
    // Error: a ticket that is not there (or not the caller's) says so, with a way to retry.
    await go(staff, '/staff/pages/case/index?id=999999999&mode=ask');
    await visible(staff, '.page-state');
    await check(staff, 'case-error');
  });

  it('staff accept, start, and reclassify it to 电梯管理 · 紧急; the owner sees the new category', async () => {
    await openStaffTicket(staff);
    await tap(staff, '#action-ACCEPT');
    await statusIs(staff, 'ACCEPTED');
    await tap(staff, '#action-START');
    await statusIs(staff, 'IN_PROGRESS');
    await tap(staff, '#action-RECLASSIFY');
    await visible(staff, '#page-staff-case-reclassify');
    await visible(staff, '#case-category-ELEVATOR');
    await tap(staff, '#case-category-ELEVATOR');
    await tap(staff, '#case-priority-HIGH');
    await type(staff, '#case-text', '实为电梯故障，老人出行受影响');
    await check(staff, 'case-reclassify');
    await tap(staff, '#case-submit');
    await visible(staff, '#page-staff-detail');
    await staff.waitForFunction(() => Array.from(document.querySelectorAll('#timeline [data-action="RECLASSIFY"]')).some((e) => (e as HTMLElement).offsetParent !== null), null, { timeout: 15_000 });
    await go(owner, `/tickets/pages/detail/index?id=${ticketId}`);
    await visible(owner, '#ticket-summary');
    expect(await text(owner, '.detail__category')).toContain('电梯');
  });

  it('staff ask for more time; the project manager grants it and the due time moves', async () => {
    await openStaffTicket(staff);
    await tap(staff, '#action-REQUEST_EXTENSION');
    await visible(staff, '#page-staff-case-extension');
    await tap(staff, '#case-extend-3');
    await type(staff, '#case-text', '需等电梯厂家配件到货');
    await check(staff, 'case-extension');
    await tap(staff, '#case-submit');
    await visible(staff, '#detail-extension-pending');

    await openStaffTicket(manager);
    await visible(manager, '#detail-extension-pending');
    await tap(manager, '#action-DECIDE_EXTENSION');
    await visible(manager, '#page-staff-case-decide');
    await visible(manager, '#case-pending');
    await type(manager, '#case-text', '同意，请配件到货后第一时间处理');
    await check(manager, 'case-decide');
    await tap(manager, '#case-submit');
    await visible(manager, '#page-staff-detail');
    await manager.waitForFunction(() => !Array.from(document.querySelectorAll('#detail-extension-pending')).some((e) => (e as HTMLElement).offsetParent !== null), null, { timeout: 15_000 });
    expect(await timeline(manager)).toEqual(expect.arrayContaining(['REQUEST_EXTENSION', 'DECIDE_EXTENSION']));
    // The staff ticket page keeps its denser staff sizes (the case forms above are held to the owner's): a picture only.
    for (const width of [390, 320]) {
      await manager.setViewportSize({ width, height: 844 });
      await shot(manager, `${width}-staff-detail-after-extension`, DIR);
    }
    await manager.setViewportSize({ width: 390, height: 844 });
  });

  it('staff ask the owner; the owner answers with a photo and the ticket is back in handling', async () => {
    await openStaffTicket(staff);
    await tap(staff, '#action-REQUEST_INFO');
    await visible(staff, '#page-staff-case-ask');
    await type(staff, '#case-text', '请拍一张电梯按钮面板的照片，并说明是哪一部电梯');
    await check(staff, 'case-ask');
    await tap(staff, '#case-submit');
    await statusIs(staff, 'AWAITING_OWNER');

    await go(owner, `/tickets/pages/detail/index?id=${ticketId}`);
    await visible(owner, '#ticket-question');
    expect(await text(owner, '#ticket-question')).toContain('电梯按钮面板');
    await check(owner, 'owner-awaiting');
    await tap(owner, '#action-SUPPLY_INFO');
    await visible(owner, '#action-sheet');
    await type(owner, '#action-text', '是2号楼东侧那部，面板照片已拍');
    await photo(owner, 'panel.png');
    await check(owner, 'owner-supply-sheet');
    await tap(owner, '#action-submit');
    await owner.waitForFunction(() => !document.querySelector('#ticket-question'), null, { timeout: 15_000 });
    expect(await timeline(owner)).toEqual(expect.arrayContaining(['REQUEST_INFO', 'SUPPLY_INFO']));
  });

  it('the owner urges once; the button is gone until the next day and the timeline says so', async () => {
    await tap(owner, '#action-URGE');
    await visible(owner, '#action-sheet');
    await check(owner, 'owner-urge-sheet');
    await tap(owner, '#action-submit');
    await visible(owner, '#ticket-urged');
    expect(await owner.locator('#action-URGE').filter({ visible: true }).count()).toBe(0);
    expect(await timeline(owner)).toContain('URGE');
    await check(owner, 'owner-after-urge');
    await openStaffTicket(staff);
    expect(await timeline(staff)).toContain('URGE');
  });
});
