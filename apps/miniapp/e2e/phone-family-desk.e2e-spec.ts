/**
 * Issue 12 §7, §10, §11, §12 on the H5 build in headless Chromium against a real BFF, at 390 × 844 and 320 × 640:
 * 长辈模式 (toggled on the report form, type measured larger, remembered after a reload); the family's read-only
 * page through a share link (opened by someone not signed in, measured for size, no owner phone on it, dead once
 * the owner stops sharing); the manager's desk (all five inbox tabs on screen, 受理 on the card → the 受理并指派
 * sheet → one tap on a name, search by ticket number, the assign page offering only whom the server allows).
 * Screenshots of every step: apps/miniapp/test-results/phone-family-desk/ (looked at).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ensureBuilt, startStack, type Stack } from './support/stack';
import { launch, phonePage, shot, TEST_RESULTS } from './support/browser';
import { expectBigEnough, installTapProbe, measured } from './support/readable';

jest.setTimeout(180_000);

const MANAGER_PHONE = '13800000001'; // 王建国, project manager of 明湖花园 (demo seed)
const PASSWORD = 'Msb@2026';
const DIR = join(TEST_RESULTS, 'phone-family-desk');

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  rmSync(DIR, { recursive: true, force: true });
  ensureBuilt();
  stack = await startStack({ name: 'phone_family' });
  browser = await launch();
}, 900_000);

afterAll(async () => {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(join(DIR, 'sizes.json'), JSON.stringify(measured, null, 1));
  await browser?.close();
  await stack?.stop();
});

const WIDTHS = ([[390, 844, '13912341390'], [320, 640, '13912341320']] as const).filter(([w]) => !process.env.PHONE_WIDTHS || process.env.PHONE_WIDTHS.split(',').includes(String(w)));

describe.each(WIDTHS)('at %i px', (width, height, ownerPhone) => {
  let owner: Page;
  let family: Page;
  let desk: Page;
  let ticketId = '';
  let number = '';
  let link = '';
  let managerToken = '';
  const on = (p: Page, sel: string) => p.locator(sel).filter({ visible: true }).first();
  const visible = (p: Page, sel: string, timeout = 30_000) => on(p, sel).waitFor({ state: 'visible', timeout });
  const tap = async (p: Page, sel: string) => {
    await visible(p, sel);
    await on(p, sel).click();
  };
  const type = async (p: Page, sel: string, value: string) => {
    const field = p.locator(`${sel} input, ${sel} textarea, input${sel}, textarea${sel}`).filter({ visible: true }).first();
    await field.waitFor({ state: 'visible', timeout: 20_000 });
    await field.fill(value);
  };
  const check = async (p: Page, name: string, opts?: { bodyShare?: number }) => {
    await p.waitForTimeout(300);
    await shot(p, `${width}-${name}`, DIR);
    await expectBigEnough(p, `${name}`, opts);
  };
  const fontPx = (p: Page, sel: string) => on(p, sel).evaluate((e) => parseFloat(getComputedStyle(e).fontSize));

  beforeAll(async () => {
    [owner, family, desk] = await Promise.all([phonePage(browser, width, height), phonePage(browser, width, height), phonePage(browser, width, height)]);
    for (const p of [owner, family, desk]) {
      await installTapProbe(p);
      p.on('pageerror', (e) => console.error('page error:', e.message));
    }
    const d = await stack.gql(`mutation($p: String!, $w: String!) { loginWithPassword(phone: $p, password: $w) { token } }`, { p: MANAGER_PHONE, w: PASSWORD });
    managerToken = d.loginWithPassword.token;
  });
  afterAll(async () => {
    for (const p of [owner, family, desk]) await p?.context().close();
  });

  it('长辈模式: the switch on the report form enlarges the type, simplifies the form, and is remembered after a reload', async () => {
    const gate = stack.qrLinks.find((q) => q.complex === '明湖花园' && q.spot === '东门')!;
    await owner.goto(gate.link);
    await tap(owner, '#home-report');
    await visible(owner, '#page-login');
    await type(owner, '#login-phone', ownerPhone);
    await tap(owner, '#login-agree');
    await tap(owner, '#login-send-code');
    await type(owner, '#login-code', await stack.smsCode(ownerPhone));
    await tap(owner, '#login-submit');
    await visible(owner, '#category-FACILITIES');
    const before = { title: await fontPx(owner, '#page-report .card__title'), tile: await fontPx(owner, '#page-report .category-grid__name'), label: await fontPx(owner, '#page-report .elder-toggle__text') };
    expect(await on(owner, '#elder-toggle').getAttribute('aria-checked')).toBe('false');
    await tap(owner, '#elder-toggle');
    await owner.waitForFunction(() => !!document.querySelector('#page-report.elder'));
    const after = { title: await fontPx(owner, '#page-report .card__title'), tile: await fontPx(owner, '#page-report .category-grid__name'), label: await fontPx(owner, '#page-report .elder-toggle__text') };
    for (const k of ['title', 'tile', 'label'] as const) expect({ k, larger: after[k] > before[k] * 1.1 }).toEqual({ k, larger: true });
    // The simpler form: photos and details wait behind one tap; the voice hint shows.
    await visible(owner, '#report-more');
    await visible(owner, '#report-voice-hint');
    await check(owner, 'elder-report');
    // Remembered on this device.
    await owner.reload();
    await visible(owner, '#category-FACILITIES');
    expect(await on(owner, '#page-report').evaluate((e) => e.classList.contains('elder'))).toBe(true);
    expect(await fontPx(owner, '#page-report .card__title')).toBeCloseTo(after.title, 1);
    writeFileSync(join(DIR, `elder-${width}.json`), JSON.stringify({ before, after }));
  });

  it('the owner files in 长辈模式 and shares the ticket with family: a link, 7 days, copied', async () => {
    await tap(owner, '#category-FACILITIES');
    await type(owner, '#report-description', `楼道灯坏了好几天，晚上看不见台阶。有事请打${ownerPhone}。`);
    await tap(owner, '#report-submit');
    await visible(owner, '#page-report-done');
    ticketId = new URL(owner.url().replace('/#/', '/')).searchParams.get('id') ?? '';
    number = await on(owner, '#done-number').innerText();
    await owner.goto(`${stack.baseUrl}/#/tickets/pages/detail/index?id=${ticketId}`);
    await visible(owner, '#share-create');
    await check(owner, 'ticket-share-card', { bodyShare: 0.5 });
    await tap(owner, '#share-create');
    await visible(owner, '#share-url');
    link = (await on(owner, '#share-url').innerText()).trim();
    expect(link).toMatch(/\/#\/tickets\/pages\/shared\/index\?s=[A-Za-z0-9_-]{43}$/);
    expect(await on(owner, '#share-state').innerText()).toContain('前有效');
    await check(owner, 'ticket-shared');
  });

  it('family open the link without signing in: the ticket’s course, big enough, and no owner phone', async () => {
    await family.goto(link);
    await visible(family, '#page-shared');
    expect(await on(family, '#shared-number').innerText()).toContain(number);
    expect(await on(family, '#shared-summary').getAttribute('data-status')).toBe('REPORTED');
    const all = await on(family, '#page-shared').innerText();
    expect(all).not.toContain(ownerPhone);
    expect(all).toContain(`${ownerPhone.slice(0, 3)}****${ownerPhone.slice(-4)}`);
    expect(all).toContain('只能查看进度');
    // Nothing on it changes the ticket.
    expect(await family.locator('#page-shared [id^="action-"]').count()).toBe(0);
    await check(family, 'family-view');
  });

  it('the manager’s inbox: all five tabs on screen at once, each a real target; the fifth one opens', async () => {
    await desk.goto(`${stack.baseUrl}/#/staff/pages/login/index`);
    await type(desk, '#staff-phone', MANAGER_PHONE);
    await type(desk, '#staff-password', PASSWORD);
    await tap(desk, '#staff-login-submit');
    await visible(desk, '#page-staff-inbox');
    const tabs = await desk.locator('#inbox-tabs > [id^="tab-"]').filter({ visible: true }).evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return { id: e.id, left: r.left, right: r.right, w: r.width, h: r.height, text: (e as HTMLElement).innerText }; }));
    expect(tabs.map((t) => t.id)).toEqual(['tab-NEW', 'tab-MINE', 'tab-ACTIVE', 'tab-DISPATCHED', 'tab-RATING']);
    for (const t of tabs) {
      expect({ id: t.id, inside: t.left >= 0 && t.right <= width }).toEqual({ id: t.id, inside: true });
      expect({ id: t.id, h: t.h >= 44 }).toEqual({ id: t.id, h: true });
      // The name never breaks: one line for it, one for the count.
      expect({ id: t.id, lines: t.text.split('\n').filter(Boolean).length }).toEqual({ id: t.id, lines: 2 });
    }
    await shot(desk, `${width}-desk-inbox`, DIR);
    await tap(desk, '#tab-RATING');
    await desk.waitForFunction(() => document.querySelector('#tab-RATING')?.className.includes('staff__tab--on'));
    await shot(desk, `${width}-desk-fifth-tab`, DIR);
    await tap(desk, '#tab-NEW');
  });

  it('search by number: the short number off the slip finds the ticket', async () => {
    const seq = String(Number(number.split('-').pop()));
    await type(desk, '#inbox-search', seq);
    await tap(desk, '#inbox-search-go');
    await visible(desk, '#search-results');
    await visible(desk, `#search-results #ticket-${ticketId}`);
    await shot(desk, `${width}-desk-search`, DIR);
    await tap(desk, '#search-clear');
    await visible(desk, `#ticket-${ticketId}`);
  });

  it('受理并指派 from the inbox card: 受理 → the sheet → one tap on a name; the family page shows it', async () => {
    await tap(desk, `#card-accept-${ticketId}`);
    await visible(desk, '#accept-sheet');
    const team = (await stack.gql('query($id: ID!) { assignees(ticketId: $id) { id name } }', { id: ticketId }, managerToken)).assignees as { id: string; name: string }[];
    const zhang = team.find((p) => p.name === '张师傅')!;
    expect(zhang).toBeDefined();
    expect(await desk.locator('#accept-sheet [id^="accept-to-"]').filter({ visible: true }).count()).toBe(team.length);
    await shot(desk, `${width}-desk-accept-sheet`, DIR);
    await tap(desk, `#accept-to-${zhang.id}`);
    await desk.waitForFunction(() => !document.querySelector('#accept-sheet'), null, { timeout: 20_000 });
    const t = (await stack.gql('query($id: ID!) { ticket(id: $id) { status assignee { id } availableActions } }', { id: ticketId }, managerToken)).ticket;
    expect(t).toMatchObject({ status: 'ACCEPTED', assignee: { id: zhang.id } });
    // The assign page offers the team but the holder.
    await desk.goto(`${stack.baseUrl}/#/staff/pages/assign/index?id=${ticketId}`);
    await visible(desk, '#page-staff-assign');
    await visible(desk, '[id^="assignee-"]');
    expect(await desk.locator(`#assignee-${zhang.id}`).filter({ visible: true }).count()).toBe(0);
    await shot(desk, `${width}-desk-assign`, DIR);

    await family.reload();
    await visible(family, '#page-shared');
    await family.waitForFunction(() => document.querySelector('#shared-summary')?.getAttribute('data-status') === 'ACCEPTED');
    expect(await family.locator('#page-shared [data-action="ACCEPT"]').filter({ visible: true }).count()).toBe(1);
    expect(await on(family, '#page-shared').innerText()).not.toContain('张师傅');
    await check(family, 'family-view-accepted');
  });

  it('the owner stops sharing: the family’s link says it is no longer valid, with a way home', async () => {
    await tap(owner, '#share-stop');
    await owner.waitForFunction(() => !document.querySelector('#share-state'), null, { timeout: 20_000 });
    await family.reload();
    await visible(family, '#page-shared-gone');
    expect(await on(family, '#page-shared-gone').innerText()).toContain('链接已失效');
    await check(family, 'family-link-stopped');
    await tap(family, '#error-action');
    await visible(family, '#page-home');
  });
});
