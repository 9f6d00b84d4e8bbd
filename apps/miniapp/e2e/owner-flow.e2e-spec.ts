/**
 * The owner's whole loop in real headless Chromium against the H5 build served by a real BFF on
 * MariaDB/Redis: QR link → SMS sign-in → report with a photo → My tickets → staff accept and resolve
 * (over the API) → the owner rates 2 stars and asks for mediation → the timeline shows every step.
 * And a forged QR link gets the error page. Screenshots of every page go to apps/miniapp/e2e/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { ensureBuilt, startStack, type Stack } from './support/stack';
import { launch, phonePage, shot } from './support/browser';

// A browser on a busy 2-core machine: generous per step (Jest's project-level testTimeout is not applied per project).
jest.setTimeout(120_000);

const OWNER_PHONE = '13912345678';
const STAFF_PHONE = '13800001011'; // 张师傅, staff of 明湖花园 (demo seed)
const PASSWORD = 'Msb@2026';

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ensureBuilt();
  stack = await startStack();
  browser = await launch();
  page = await phonePage(browser);
  page.on('pageerror', (e) => console.error('page error:', e.message));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Taro H5 keeps the pages below in the DOM, hidden: always the one on screen. */
const on = (sel: string) => page.locator(sel).filter({ visible: true }).first();
const visible = (sel: string, timeout = 15_000) => on(sel).waitFor({ state: 'visible', timeout });
const text = (sel: string) => on(sel).innerText();
/** Taro H5 hosts (taro-button-core, taro-view-core) take the pointer events: click them by id. */
const tap = async (sel: string) => {
  await visible(sel);
  await on(sel).click();
};
const type = async (sel: string, value: string) => {
  const field = page.locator(`${sel} input, ${sel} textarea, input${sel}, textarea${sel}`).filter({ visible: true }).first();
  await field.waitFor({ state: 'visible', timeout: 15_000 });
  await field.fill(value);
};

async function staff(): Promise<string> {
  const d = await stack.gql(`mutation($p: String!, $w: String!) { loginWithPassword(phone: $p, password: $w) { token } }`, { p: STAFF_PHONE, w: PASSWORD });
  return d.loginWithPassword.token;
}

async function version(token: string, id: string): Promise<number> {
  return (await stack.gql(`query($id: ID!) { ticket(id: $id) { version } }`, { id }, token)).ticket.version;
}

describe('owner mini-program (H5) end to end', () => {
  let ticketId = '';
  const gate = () => stack.qrLinks.find((q) => q.complex === '明湖花园' && q.spot === '东门')!;

  it('opens the app without a QR code and points the owner to one', async () => {
    await page.goto(`${stack.baseUrl}/`);
    await visible('#page-home');
    expect(await text('#page-home')).toContain('请扫描小区');
    await shot(page, 'home-no-qr');
  });

  it('opens a QR link on the landing page of its complex and spot, with this month’s 公示 figures', async () => {
    await page.goto(gate().link);
    await visible('#page-landing');
    expect(await text('#landing-complex')).toBe('明湖花园');
    expect(await text('#landing-spot')).toContain('东门');
    expect(await text('#landing-figures')).toMatch(/反映[\s\S]*办结[\s\S]*满意率/);
    await shot(page, 'landing');
  });

  it('signs in with phone + SMS code and comes back to the report form', async () => {
    await tap('#home-report');
    await visible('#page-login');
    await type('#login-phone', OWNER_PHONE);
    await shot(page, 'login');
    await tap('#login-agree');
    await tap('#login-send-code');
    const code = await stack.smsCode(OWNER_PHONE);
    await type('#login-code', code);
    await tap('#login-submit');
    await visible('#page-report');
    await visible('#category-PARKING');
    // Contact phone prefilled from the sign-in.
    expect(await page.locator('#report-phone input, input#report-phone').first().inputValue()).toBe(OWNER_PHONE);
    await shot(page, 'report-empty');
  });

  it('shows what to do now for an emergency sub-type', async () => {
    await tap('#category-ELEVATOR');
    await tap('#category-ELEVATOR_TRAPPED');
    await visible('.emergency');
    expect(await text('.emergency')).toContain('拨打 119');
    await shot(page, 'report-emergency');
  });

  it('files a report with a photo; the draft survives a reload and an expired session', async () => {
    await tap('#category-FACILITIES');
    await type('#report-description', '2号楼3单元楼道声控灯坏了一周，晚上上下楼看不见台阶。');
    await tap('#building-2');
    await type('#report-unit', '3单元');
    await type('#report-detail', '3楼楼梯口');
    const photo = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 390, height: 300 } });
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('#photo-add').click()]);
    await chooser.setFiles({ name: 'stairs.png', mimeType: 'image/png', buffer: photo });
    await visible('.photo-picker__cell--done', 30_000);
    await shot(page, 'report-filled');

    await page.reload();
    await visible('#report-restored');
    expect(await page.locator('#report-description textarea').first().inputValue()).toContain('声控灯');
    expect(await page.locator('.photo-picker__cell--done').count()).toBe(1);
    await shot(page, 'report-restored');

    // The session expires while the owner types: submitting sends them to sign in and back to the
    // same page (not a new one), draft intact.
    await page.evaluate(() => {
      const key = 'msb:session:v1';
      const stored = JSON.parse(localStorage.getItem(key) ?? '{}');
      const session = JSON.parse(stored.data);
      localStorage.setItem(key, JSON.stringify({ ...stored, data: JSON.stringify({ ...session, token: 'expired.jwt.token' }) }));
    });
    await tap('#report-submit');
    await visible('#page-login');
    await tap('#login-agree');
    await tap('#login-send-code');
    await type('#login-code', await stack.smsCode(OWNER_PHONE));
    await tap('#login-submit');
    await visible('#page-report');
    expect(await page.locator('#page-report').count()).toBe(1);
    expect(await on('#report-description textarea').inputValue()).toContain('声控灯');

    await tap('#report-submit');
    // The result page (issue 12 §2), then the ticket from its link.
    await visible('#page-report-done', 30_000);
    await tap('#done-ticket');
    await visible('#page-ticket', 30_000);
    expect(await text('#ticket-summary')).toContain('待受理');
    expect(await text('#timeline')).toContain('反映问题');
    expect(await page.locator('#timeline img').count()).toBe(1);
    ticketId = new URL(page.url().replace('/#/', '/')).searchParams.get('id') ?? '';
    expect(ticketId).not.toBe('');
    await shot(page, 'ticket-filed');
  });

  it('lists it in My tickets with its status', async () => {
    await page.goto(`${stack.baseUrl}/#/tickets/pages/list/index`);
    await visible(`#ticket-${ticketId}`);
    const card = await text(`#ticket-${ticketId}`);
    expect(card).toContain('住宅设施设备维护');
    expect(card).toContain('待受理');
    // The next deadline from the SLA clocks: a new report waits to be accepted.
    expect(await on(`#deadline-${ticketId}`).getAttribute('data-target')).toBe('ACCEPT');
    expect(await text(`#deadline-${ticketId}`)).toMatch(/预计 .* 前受理/);
    await shot(page, 'my-tickets');
  });

  it('shows the staff’s accept, start and resolve (with a photo) after they act over the API', async () => {
    const token = await staff();
    await stack.gql(`mutation($i: AcceptTicketInput!) { acceptTicket(input: $i) { id } }`, { i: { ticketId, version: await version(token, ticketId), note: '已收到，今天安排电工查看。' } }, token);
    await stack.gql(`mutation($i: NoteInput!) { startTicket(input: $i) { id } }`, { i: { ticketId, version: await version(token, ticketId), note: '电工已到场。' } }, token);
    const photo = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 200, height: 200 } });
    const up = await stack.upload(token, photo, 'fixed.png', 'image/png');
    await stack.gql(
      `mutation($i: ResolveTicketInput!) { resolveTicket(input: $i) { status } }`,
      { i: { ticketId, version: await version(token, ticketId), result: '已更换3单元3楼声控灯，测试正常。', photoIds: [up.id] } },
      token,
    );

    await tap(`#ticket-${ticketId}`);
    await visible('#page-ticket');
    await visible('#action-RATE');
    expect(await text('#ticket-summary')).toContain('待评价');
    expect(await page.locator('#action-REQUEST_MEDIATION').count()).toBe(1);
    expect(await page.locator('#action-WITHDRAW').count()).toBe(0); // not offered once resolved
    await shot(page, 'ticket-resolved');
  });

  it('rates 2 stars, then asks for mediation; the timeline shows every step', async () => {
    await tap('#action-RATE');
    await visible('#action-sheet');
    await tap('#rate-solved');
    await tap('#star-2');
    await type('#action-text', '灯是修好了，但等了一周才处理。');
    await shot(page, 'rate-sheet');
    await tap('#action-submit');
    await page.locator('#action-sheet').waitFor({ state: 'detached' });
    await visible('#ticket-rating');
    expect(await text('#ticket-summary')).toContain('已办结');
    expect(await text('#ticket-rating')).toContain('★★☆☆☆');

    await tap('#action-REQUEST_MEDIATION');
    await visible('#action-sheet');
    await type('#action-text', '处理太慢，希望社区协调物业改进报修响应。');
    await shot(page, 'mediation-sheet');
    await tap('#action-submit');
    await page.locator('#action-sheet').waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelector('#ticket-summary')?.textContent?.includes('调解中'));

    const timeline = await text('#timeline');
    for (const step of ['反映问题', '受理', '开始处理', '办结', '评价', '申请调解']) expect(timeline).toContain(step);
    for (const who of ['业主', '张师傅 · 物业员工']) expect(timeline).toContain(who);
    expect(timeline).toContain('已解决 · ★★☆☆☆');
    expect(await page.locator('#timeline img').count()).toBe(2); // the owner's photo and the staff's
    expect(await page.locator('#action-REQUEST_MEDIATION').count()).toBe(0);
    await shot(page, 'ticket-mediating');
  });

  it('shows a clear page with a way out for a forged QR link', async () => {
    const real = gate().link;
    const forged = real.slice(0, -4) + (real.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    await page.goto(forged);
    await visible('#page-bad-qr');
    expect(await text('#page-bad-qr')).toContain('二维码无效');
    await shot(page, 'qr-forged');
    await page.goto(`${stack.baseUrl}/q/not-a-real-token`);
    await visible('#page-bad-qr');
    await tap('#error-action');
    await visible('#page-home');
  });

  it('fits a 320 px wide phone', async () => {
    const small = await phonePage(browser, 320, 640);
    await small.goto(gate().link);
    await small.locator('#page-landing').waitFor();
    const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(small, 'landing-320');
    await small.context().close();
  });
});
