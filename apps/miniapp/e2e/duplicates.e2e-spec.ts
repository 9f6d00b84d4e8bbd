/**
 * Issue 13 §5–§9 in the H5 build: an owner filing a lift fault sees that a neighbour already reported it and joins
 * (我也遇到了), then follows it publicly (no name, no phone, no room); the project manager merges a duplicate into it
 * and undoes the merge, refuses a report as not the property's remit pointing the owner to 12345 (the owner reads
 * who declined and where to go), comments with a photo, and assigns two tickets at once, one gone stale meanwhile.
 * Owner pages are measured at 390 and 320 px (text ≥ 14 px, taps ≥ 44 px); every page is photographed.
 */
import type { Browser, Page } from 'playwright-core';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, H5_DIR, startStack, type Stack } from './support/stack';
import { statusIs, tap, text, type, vis, visible } from './support/page-actions';
import { launch, phonePage, shot, TEST_RESULTS } from './support/browser';
import { expectBigEnough, installTapProbe } from './support/readable';

jest.setTimeout(90_000);

const DIR = join(TEST_RESULTS, 'duplicates');
const MANAGER_PHONE = '13800000001'; // 王建国, project manager of 明湖花园
const PASSWORD = 'Msb@2026';
const NEIGHBOUR = '13912340001';
const OWNER = '13912340002';

let stack: Stack;
let browser: Browser;
let owner: Page;
let staff: Page;
let h5Copy = '';
const tokens: Record<string, string> = {};
let managerToken = '';
let qr = '';

const REPORT = 'mutation($i: ReportTicketInput!) { reportTicket(input: $i) { id number version } }';
let keys = 0;
const file = (who: string, categoryCode: string, text: string) =>
  stack.gql(REPORT, { i: { qrToken: qr, idempotencyKey: `e2e-dup-${process.pid}-${++keys}`, categoryCode, text } }, tokens[who]).then((d) => d.reportTicket as { id: string; number: string; version: number });

async function ownerToken(phone: string): Promise<string> {
  // The same phone signs in again within the e2e resend window (1 s): wait it out, as the app's countdown does.
  for (let attempt = 1; ; attempt++) {
    try {
      await stack.gql('mutation($p: String!) { requestSmsCode(phone: $p) { resendAfterSeconds } }', { p: phone });
      break;
    } catch (e) {
      if (attempt >= 5 || !/RATE_LIMITED/.test(String(e))) throw e;
      await new Promise((r) => setTimeout(r, 1_100));
    }
  }
  const d = await stack.gql('mutation($p: String!, $c: String!) { loginWithSms(phone: $p, code: $c) { token expiresAt me { name } } }', { p: phone, c: await stack.smsCode(phone) });
  return JSON.stringify({ token: d.loginWithSms.token, expiresAt: d.loginWithSms.expiresAt, name: d.loginWithSms.me.name });
}

/** Signed in as `session` before the app starts (Taro H5 keeps storage as {"data": …}). */
async function ownerPage(session: string, width: number): Promise<Page> {
  const p = await phonePage(browser, width, 844);
  await installTapProbe(p);
  await p.addInitScript((s) => localStorage.setItem('msb:session:v1', JSON.stringify({ data: s })), session);
  p.on('pageerror', (e) => console.error('page error:', e.message));
  return p;
}

const go = (p: Page, route: string) => p.goto(`${stack.baseUrl}/#${route}`);
const check = async (p: Page, name: string) => {
  await p.waitForTimeout(300);
  await shot(p, `${p.viewportSize()!.width}-${name}`, DIR);
  await expectBigEnough(p, name);
};

beforeAll(async () => {
  ensureBuilt();
  h5Copy = mkdtempSync(join(tmpdir(), 'msb-e2e-h5-'));
  cpSync(H5_DIR, h5Copy, { recursive: true });
  stack = await startStack({ name: 'duplicates', h5Dir: h5Copy });
  browser = await launch();
  qr = stack.qrLinks.find((q) => q.complex === '明湖花园' && q.spot === '东门')!.link.split('/q/')[1];
  tokens[NEIGHBOUR] = await ownerToken(NEIGHBOUR);
  tokens[OWNER] = await ownerToken(OWNER);
  for (const k of [NEIGHBOUR, OWNER]) tokens[k] = JSON.parse(tokens[k]).token;
  managerToken = (await stack.gql('mutation($p: String!, $w: String!) { loginWithPassword(phone: $p, password: $w) { token } }', { p: MANAGER_PHONE, w: PASSWORD })).loginWithPassword.token;
  staff = await phonePage(browser);
  staff.on('pageerror', (e) => console.error('page error:', e.message));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (h5Copy) rmSync(h5Copy, { recursive: true, force: true });
});

let lift: { id: string; number: string; version: number };
let ownerSession = '';

describe('"me too" while filing, followed publicly', () => {
  it('a neighbour’s open lift report shows under the category, without who or where; 我也遇到了 follows it', async () => {
    lift = await file(NEIGHBOUR, 'ELEVATOR', '3号楼电梯停在8楼不动了，我是8楼802的住户，电话13912340001');
    ownerSession = await ownerToken(OWNER);
    for (const width of [390, 320]) {
      owner = await ownerPage(ownerSession, width);
      await go(owner, `/report/pages/new/index?token=${qr}`);
      await visible(owner, '#page-report', 20_000);
      await tap(owner, '#category-ELEVATOR');
      await visible(owner, `#similar-${lift.id}`, 20_000);
      const shown = await text(owner, '#similar-reports');
      expect(shown).not.toMatch(/802|13912340001|[0-9]{3,}/);
      await check(owner, 'report-similar');
      if (width === 390) {
        await tap(owner, `#similar-join-${lift.id}`);
        await visible(owner, '#page-followed', 20_000);
      } else {
        await go(owner, `/tickets/pages/followed/index?id=${lift.id}`);
        await visible(owner, '#page-followed', 20_000);
      }
      expect(await text(owner, '#followed-supporters')).toContain('1 位业主也遇到了');
      expect(await text(owner, '#page-followed')).not.toMatch(/802|13912340001/);
      await check(owner, 'followed');
      await go(owner, '/tickets/pages/followed/index');
      await visible(owner, `#followed-${lift.id}`, 20_000);
      await check(owner, 'followed-list');
      if (width === 390) await owner.context().close();
    }
  });
});

describe('the manager: merge and unmerge, a helpful refusal, a comment with a photo, bulk assignment', () => {
  it('signs in and merges a duplicate into the open lift report; the duplicate’s owner now follows it', async () => {
    const dup = await file(OWNER, 'ELEVATOR', '3号楼电梯坏了，一直停在8楼');
    await go(staff, '/staff/pages/login/index');
    await visible(staff, '#page-staff-login');
    await type(staff, '#staff-phone', MANAGER_PHONE);
    await type(staff, '#staff-password', PASSWORD);
    await tap(staff, '#staff-login-submit');
    await visible(staff, '#page-staff-inbox', 20_000);
    await go(staff, `/staff/pages/detail/index?id=${dup.id}`);
    await visible(staff, '#action-MERGE', 20_000);
    await shot(staff, 'staff-detail-duplicate', DIR);
    await tap(staff, '#action-MERGE');
    await visible(staff, `#merge-into-${lift.id}`, 20_000);
    await tap(staff, `#merge-into-${lift.id} .tcard`);
    await shot(staff, 'staff-merge-picked', DIR);
    await tap(staff, '#merge-submit');
    await statusIs(staff, 'MERGED');
    expect(await text(staff, '#detail-merged-into')).toContain(lift.number);
    await shot(staff, 'staff-merged', DIR);

    // The duplicate's owner reads where it went.
    await go(owner, `/tickets/pages/detail/index?id=${dup.id}`);
    await visible(owner, '#ticket-merged', 20_000);
    expect(await text(owner, '#ticket-merged')).toContain(lift.number);
    await check(owner, 'owner-merged');

    // A wrong merge is undone: back at the front desk.
    await go(staff, `/staff/pages/detail/index?id=${dup.id}`);
    await tap(staff, '#action-UNMERGE');
    await visible(staff, '#page-staff-unmerge');
    await type(staff, '#reason-text', '不是同一部电梯，分开处理');
    await shot(staff, 'staff-unmerge', DIR);
    await tap(staff, '#reason-submit');
    await statusIs(staff, 'REPORTED');
    await shot(staff, 'staff-unmerged', DIR);
  });

  it('refuses as not the property’s remit, pointing to 12345; the owner reads who declined and where to go', async () => {
    const t = await file(OWNER, 'PARKING', '小区门口市政道路上有人乱停车');
    await go(staff, `/staff/pages/reason/index?id=${t.id}&mode=refuse`);
    await visible(staff, '#page-staff-refuse', 20_000);
    await tap(staff, '#refuse-reason-NOT_OUR_REMIT');
    await visible(staff, '#goto-hotline');
    await tap(staff, '#goto-hotline');
    await type(staff, '#reason-text', '市政道路停车不属于物业管理范围');
    await shot(staff, 'staff-refuse-goto', DIR);
    await tap(staff, '#reason-submit');
    await staff.waitForTimeout(1500);
    await go(owner, `/tickets/pages/detail/index?id=${t.id}`);
    await visible(owner, '#ticket-refusal', 20_000);
    expect(await text(owner, '#refusal-by')).toContain('王建国');
    expect(await text(owner, '#refusal-goto')).toContain('12345');
    await visible(owner, '#refusal-call-12345');
    await check(owner, 'owner-refusal');
  });

  it('comments with a photo; the owner comments with one too; the timeline says whom it was assigned to', async () => {
    const t = await file(OWNER, 'FACILITIES', '楼道声控灯不亮了');
    await stack.gql('mutation($i: AcceptTicketInput!) { acceptTicket(input: $i) { id } }', { i: { ticketId: t.id, version: t.version } }, managerToken);
    const photo = await staff.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 200, height: 200 } });
    await go(staff, `/staff/pages/detail/index?id=${t.id}`);
    await tap(staff, '#action-ASSIGN');
    await visible(staff, '#page-staff-assign', 20_000);
    await tap(staff, '.option >> nth=0');
    await tap(staff, '#assign-submit');
    await visible(staff, '#page-staff-detail', 20_000);
    await tap(staff, '#action-COMMENT');
    await visible(staff, '#page-staff-comment', 20_000);
    await type(staff, '#resolve-text', '已到现场查看，见照片');
    const [chooser] = await Promise.all([staff.waitForEvent('filechooser'), vis(staff, '#photo-add').click()]);
    await chooser.setFiles({ name: 'site.png', mimeType: 'image/png', buffer: photo });
    await visible(staff, '.photo-picker__cell--done', 40_000);
    await shot(staff, 'staff-comment-photo', DIR);
    await tap(staff, '#resolve-submit');
    await visible(staff, '#page-staff-detail', 20_000);
    await staff.waitForFunction(() => !!document.querySelector('[data-action="COMMENT"] .timeline__photo'), null, { timeout: 20_000 });
    expect(await text(staff, '#timeline')).toMatch(/指派给 \S+/);
    await shot(staff, 'staff-timeline-comment', DIR);

    await go(owner, `/tickets/pages/detail/index?id=${t.id}`);
    await tap(owner, '#action-COMMENT');
    await visible(owner, '#action-photos');
    await type(owner, '#action-text', '谢谢，灯还是不亮');
    const [ochooser] = await Promise.all([owner.waitForEvent('filechooser'), vis(owner, '#action-photos #photo-add').click()]);
    await ochooser.setFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: photo });
    await visible(owner, '#action-photos .photo-picker__cell--done', 40_000);
    await check(owner, 'owner-comment-photo');
    await tap(owner, '#action-submit');
    await owner.waitForFunction(() => document.querySelectorAll('[data-action="COMMENT"] .timeline__photo').length >= 2, null, { timeout: 20_000 });
    expect(await text(owner, '#timeline')).toMatch(/指派给 \S+/);
    await check(owner, 'owner-timeline');
  });

  it('assigns two tickets at once; one changed meanwhile fails alone with its reason', async () => {
    const made = [await file(OWNER, 'CLEANING_GREENING', '垃圾桶满了没人清'), await file(OWNER, 'CLEANING_GREENING', '草坪很久没修剪')];
    const accepted = [];
    for (const t of made) accepted.push((await stack.gql('mutation($i: AcceptTicketInput!) { acceptTicket(input: $i) { id version } }', { i: { ticketId: t.id, version: t.version } }, managerToken)).acceptTicket);
    await go(staff, '/staff/pages/inbox/index');
    await staff.reload(); // a fresh page stack: the walk above pushed many pages
    await visible(staff, '#page-staff-inbox', 20_000);
    await tap(staff, '#tab-ACTIVE');
    await visible(staff, `#ticket-${accepted[1].id}`, 20_000);
    await tap(staff, '#bulk-start');
    for (const t of accepted) await tap(staff, `#pick-${t.id} .tcard`);
    expect(await text(staff, '#bulk-open')).toContain('已选 2 张');
    await shot(staff, 'staff-bulk-picked', DIR);
    // Someone moves the second one on before the manager sends.
    await stack.gql('mutation($i: NoteInput!) { startTicket(input: $i) { id } }', { i: { ticketId: accepted[1].id, version: accepted[1].version } }, managerToken);
    await tap(staff, '#bulk-open');
    await visible(staff, '#page-staff-bulk-assign', 20_000);
    await tap(staff, '.option >> nth=0');
    await shot(staff, 'staff-bulk-handler', DIR);
    await tap(staff, '#bulk-submit');
    await visible(staff, '#page-staff-bulk-results', 20_000);
    expect(await vis(staff, `#bulk-result-${accepted[0].id}`).getAttribute('data-ok')).toBe('1');
    expect(await vis(staff, `#bulk-result-${accepted[1].id}`).getAttribute('data-ok')).toBe('0');
    expect(await text(staff, '#bulk-summary')).toContain('1 张已指派，1 张未成功');
    await shot(staff, 'staff-bulk-results', DIR);
  });
});
