/**
 * Issue 11 end to end, from an empty database with only the bureau admin (admin:create): on the admin
 * screens (office-wide viewport) set up a city → district → street → community, a company, a complex with a
 * building and a gate, invite staff; import a second complex, buildings, gates and staff from an XLSX with
 * deliberately bad rows; print the gate's poster, decode its QR (mupdf + jsQR), open the link in a phone
 * browser, file a ticket as an owner, and see it in the new staff member's inbox. Screenshots: e2e/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// exceljs is the BFF's dependency (the importer reads with it); the test writes its file with the same library.
import ExcelJS from '../../bff/node_modules/exceljs';
import { ensureBuilt, H5_DIR, ROOT, startStack, type Stack } from './support/stack';
import { launch, phonePage, shot } from './support/browser';

jest.setTimeout(90_000);

const ADMIN = { phone: '13700000100', name: '住建局管理员', password: 'Bureau2026x' };
const STAFF_PHONE = '13700000111';
const OWNER_PHONE = '13900000777';

let stack: Stack;
let browser: Browser;
let office: Page;
let phone: Page;
let h5Copy = '';
let staffCode = '';
let posterLink = '';

beforeAll(async () => {
  ensureBuilt();
  h5Copy = mkdtempSync(join(tmpdir(), 'msb-e2e-h5-'));
  cpSync(H5_DIR, h5Copy, { recursive: true });
  stack = await startStack({ name: 'admin', h5Dir: h5Copy, empty: ADMIN });
  browser = await launch();
  office = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
  phone = await phonePage(browser);
  for (const p of [office, phone]) p.on('pageerror', (e) => console.error('page error:', e.message));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (h5Copy) rmSync(h5Copy, { recursive: true, force: true });
});

const vis = (p: Page, sel: string) => p.locator(sel).filter({ visible: true }).first();
const visible = (p: Page, sel: string, timeout = 15_000) => vis(p, sel).waitFor({ state: 'visible', timeout });
const tap = async (p: Page, sel: string) => (await visible(p, sel), vis(p, sel).click());
const type = async (p: Page, sel: string, value: string) => {
  const field = p.locator(`${sel} input, ${sel} textarea, input${sel}`).filter({ visible: true }).first();
  await field.waitFor({ state: 'visible', timeout: 15_000 });
  await field.fill(value);
};
const go = (p: Page, route: string) => p.goto(`${stack.baseUrl}/#${route}`);
/** The row of a place in the tree, by its name. */
const row = (name: string) => office.locator('.adm-row').filter({ visible: true }).filter({ has: office.locator('.adm-row__name', { hasText: new RegExp(`^${name}$`) }) }).first();
async function addUnder(parent: string, label: string, fields: Record<string, string>, pick?: string) {
  await row(parent).locator('.adm-link', { hasText: `+${label}` }).click();
  await visible(office, '#place-form');
  for (const [sel, v] of Object.entries(fields)) await type(office, sel, v);
  if (pick) await office.locator('#place-form .chip', { hasText: pick }).filter({ visible: true }).first().click();
  await tap(office, '#place-save');
  await row(fields['#place-name']).waitFor({ state: 'visible', timeout: 15_000 });
}

describe('going live from an empty database', () => {
  it('the bureau admin signs in and lands on the admin home, not the owner scan page', async () => {
    await go(office, '/staff/pages/login/index');
    await type(office, '#staff-phone', ADMIN.phone);
    await type(office, '#staff-password', ADMIN.password);
    await tap(office, '#staff-login-submit');
    await visible(office, '#page-admin', 20_000);
    await visible(office, '#admin-places');
    await shot(office, 'admin-empty');
  });

  it('sets up the places and a company on the screens', async () => {
    await tap(office, '#add-city');
    await type(office, '#place-name', '济南市');
    await tap(office, '#place-save');
    await row('济南市').waitFor();
    await addUnder('济南市', '区县', { '#place-name': '历城区' });
    await addUnder('历城区', '街道', { '#place-name': '洪家楼街道' });
    await addUnder('洪家楼街道', '社区', { '#place-name': '花园社区' });
    await tap(office, '#add-company');
    await type(office, '#place-name', '洪楼物业服务有限公司');
    await type(office, '#place-phone', '0531-88117777');
    await tap(office, '#place-save');
    await visible(office, '.adm-row__name:text-is("洪楼物业服务有限公司")');
    await addUnder('花园社区', '小区', { '#place-name': '洪楼花园', '#place-address': '洪楼南路8号', '#place-phone': '0531-88117777', '#place-emergency': '13700009999' }, '洪楼物业服务有限公司');
    await addUnder('洪楼花园', '楼栋', { '#place-name': '1号楼' });
    await addUnder('洪楼花园', '出入口', { '#place-name': '东门' });
    await shot(office, 'admin-places');
  });

  it('invites the staff member by phone and shows the one-time code', async () => {
    await tap(office, '#admin-tab-people');
    await visible(office, '#invite-form');
    await type(office, '#invite-phone', STAFF_PHONE);
    await type(office, '#invite-name', '洪师傅');
    await tap(office, '#invite-role-STAFF');
    await office.locator('#invite-form .chip', { hasText: '洪楼花园' }).filter({ visible: true }).first().click();
    await tap(office, '#invite-save');
    await visible(office, '#one-time-code');
    staffCode = /：([2-9A-Z]{8})/.exec(await vis(office, '#one-time-code').innerText())![1];
    await visible(office, '.adm-row__name:text-is("洪师傅")');
    await shot(office, 'admin-people');
  });

  it('imports a second complex from an XLSX: bad rows listed by number, valid rows committed, re-import a no-op', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('导入');
    ws.addRow(['类型', '社区', '小区', '名称', '楼栋', '手机号', '角色', '物业公司', '地址', '服务电话']);
    ws.addRow(['小区', '花园社区', '洪楼二期', '', '', '', '', '洪楼物业服务有限公司', '洪楼南路10号', '0531-88117777']);
    ws.addRow(['楼栋', '花园社区', '洪楼二期', '5号楼', '', '', '', '', '', '']);
    ws.addRow(['楼栋', '花园社区', '洪楼二期', '坏!!', '', '', '', '', '', '']);
    ws.addRow(['出入口', '花园社区', '洪楼二期', '北门', '', '', '', '', '', '']);
    ws.addRow(['出入口', '不存在社区', '洪楼二期', '西门', '', '', '', '', '', '']);
    ws.addRow(['员工', '花园社区', '洪楼二期', '二期师傅', '', '13700000112', '物业员工', '', '', '']);
    ws.addRow(['员工', '花园社区', '洪楼二期', '重号师傅', '', '13700000112', '物业员工', '', '', '']);
    const file = join(tmpdir(), `msb-import-${process.pid}.xlsx`);
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    await tap(office, '#admin-tab-import');
    await visible(office, '#import-choose');
    await office.setInputFiles('#import-file', file);
    await visible(office, '#import-preview');
    for (const r of [4, 6, 8]) await visible(office, `#import-row-${r} .adm-row__errors`);
    await shot(office, 'admin-import-preview');
    await tap(office, '#import-commit');
    await visible(office, '#import-result');
    expect(await vis(office, '#import-result').innerText()).toContain('新建 4');
    await office.setInputFiles('#import-file', file);
    await visible(office, '#import-preview');
    expect(await office.locator('#import-preview .adm-status--new').count()).toBe(0);
    await shot(office, 'admin-import-again');
  });

  it('prints the gate poster from the posters screen; the decoded QR opens the gate in a phone browser', async () => {
    await tap(office, '#admin-tab-posters');
    const spotRow = office.locator('#admin-posters .adm-row', { hasText: '东门' }).first();
    // The screen opens the PDF in a new tab (window.open): catch the URL it opens and download it as a printer would.
    await office.evaluate(() => { (window as any).__opened = []; window.open = ((u: string) => ((window as any).__opened.push(u), null)) as typeof window.open; });
    await spotRow.locator('.adm-link', { hasText: 'A4' }).click();
    const url = await office.waitForFunction(() => (window as any).__opened[0] as string | undefined).then((h) => h.jsonValue() as Promise<string>);
    const res = await fetch(new URL(url, stack.baseUrl));
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = join(tmpdir(), `msb-poster-${process.pid}.pdf`);
    writeFileSync(pdf, Buffer.from(await res.arrayBuffer()));
    const prefix = join(__dirname, 'screenshots', 'admin-poster');
    const out = JSON.parse(execFileSync(process.execPath, [join(ROOT, 'apps', 'bff', 'test', 'admin', 'render-pdf.mjs'), pdf, '150', prefix], { encoding: 'utf8' }));
    posterLink = out.codes[0][0];
    expect(posterLink).toMatch(new RegExp(`^${stack.baseUrl}/q/`));
    await shot(office, 'admin-posters');

    await phone.goto(posterLink);
    await visible(phone, '#page-landing', 20_000);
    expect(await vis(phone, '#page-landing').innerText()).toContain('洪楼花园');
    await tap(phone, '#home-report');
    await visible(phone, '#page-login');
    await type(phone, '#login-phone', OWNER_PHONE);
    await tap(phone, '#login-agree');
    await tap(phone, '#login-send-code');
    await type(phone, '#login-code', await stack.smsCode(OWNER_PHONE));
    await tap(phone, '#login-submit');
    await visible(phone, '#page-report');
    await tap(phone, '#category-FACILITIES');
    await type(phone, '#report-description', '东门门禁刷卡没反应，老人进不了小区。');
    await tap(phone, '#report-submit');
    // The result page after 提交, then the ticket from its link.
    await visible(phone, '#page-report-done', 30_000);
    await tap(phone, '#done-ticket');
    await visible(phone, '#page-ticket', 30_000);
    await shot(phone, 'admin-owner-ticket');
  });

  it('the new staff member sets a password with the code and finds the ticket in their inbox', async () => {
    await go(phone, '/staff/pages/set-password/index');
    await type(phone, '#set-phone', STAFF_PHONE);
    await type(phone, '#set-code', staffCode);
    await type(phone, '#set-password', 'HongShi2026');
    await tap(phone, '#set-submit');
    await visible(phone, '#page-staff-login', 20_000);
    await type(phone, '#staff-phone', STAFF_PHONE);
    await type(phone, '#staff-password', 'HongShi2026');
    await tap(phone, '#staff-login-submit');
    await visible(phone, '#page-staff-inbox', 20_000);
    await phone.locator('text=东门门禁刷卡没反应').filter({ visible: true }).first().waitFor({ timeout: 20_000 });
    await shot(phone, 'admin-staff-inbox');
  });

  it('moves a complex to another street’s community on the office screen', async () => {
    await tap(office, '#admin-tab-places');
    await addUnder('历城区', '街道', { '#place-name': '东风街道' });
    await addUnder('东风街道', '社区', { '#place-name': '东风社区' });
    await row('洪楼二期').locator('.adm-link', { hasText: '移动' }).click();
    await visible(office, '#move-form');
    await office.locator('#move-form .chip', { hasText: '东风社区' }).filter({ visible: true }).first().click();
    await shot(office, 'admin-move-complex');
    await tap(office, '#move-save');
    await office.locator('#move-form').waitFor({ state: 'detached', timeout: 15_000 });
    // The tree now lists it under its new community.
    await office.waitForFunction(() => {
      const names = Array.from(document.querySelectorAll<HTMLElement>('#admin-places .adm-row__name')).filter((e) => e.offsetParent !== null).map((e) => e.innerText);
      return names.indexOf('洪楼二期') > names.indexOf('东风社区') && names.indexOf('东风社区') >= 0;
    }, null, { timeout: 15_000 });
    await shot(office, 'admin-moved-complex');
  });

  for (const width of [390, 320]) {
    it(`departments and their handlers on a ${width} px phone: loading, empty, error, create, add and remove a handler, retire; a gate moves to a building`, async () => {
      const p = await phonePage(browser, width, 780);
      p.on('pageerror', (e) => console.error('page error:', e.message));
      await p.goto(`${stack.baseUrl}/#/staff/pages/login/index`);
      await type(p, '#staff-phone', ADMIN.phone);
      await type(p, '#staff-password', ADMIN.password);
      await tap(p, '#staff-login-submit');
      await visible(p, '#page-admin', 20_000);
      // Loading (the units answer held back), then an error with a retry, then the real list.
      let mode: 'slow' | 'fail' | 'pass' = 'slow';
      let release: () => void = () => {};
      const held = new Promise<void>((r) => (release = r));
      await p.route('**/graphql', async (route) => {
        if (!/AdminUnits/.test(route.request().postData() ?? '') || mode === 'pass') return route.continue();
        if (mode === 'slow') return held.then(() => route.continue());
        return route.fulfill({ status: 503, contentType: 'application/json', body: '{"errors":[{"message":"busy","extensions":{"code":"UNAVAILABLE"}}]}' });
      });
      await tap(p, '#admin-tab-units');
      await visible(p, '#admin-units .page-state__spinner');
      await shot(p, `admin-units-loading-${width}`);
      mode = 'fail';
      release();
      await tap(p, '#admin-tab-places');
      await tap(p, '#admin-tab-units');
      await visible(p, '#units-error');
      await shot(p, `admin-units-error-${width}`);
      mode = 'pass';
      await tap(p, '#units-error #error-retry');
      const dept = width === 390 ? '历城区城市管理局' : '历城区市场监督管理局';
      if (width === 390) {
        await visible(p, '#units-empty');
        await shot(p, `admin-units-empty-${width}`);
      } else await visible(p, '#units-list');
      await type(p, '#unit-name', dept);
      await p.locator('#unit-form .chip', { hasText: '历城区' }).filter({ visible: true }).first().click();
      await tap(p, '#unit-save');
      const unitRow = p.locator('#units-list .adm-row', { has: p.locator('.adm-row__name', { hasText: dept }) }).first();
      await unitRow.waitFor({ state: 'visible', timeout: 15_000 });
      await unitRow.locator('.adm-link', { hasText: '添加办理人' }).click();
      const form = unitRow.locator('.adm-unit__handler-form');
      await form.locator('.field input').nth(0).fill(width === 390 ? '13700000131' : '13700000132');
      await form.locator('.field input').nth(1).fill(width === 390 ? '城管办理人' : '市监办理人');
      await form.locator('.adm-btn--primary').click();
      await visible(p, '#one-time-code');
      await unitRow.locator('.adm-unit__member-name', { hasText: width === 390 ? '城管办理人' : '市监办理人' }).waitFor({ timeout: 15_000 });
      await shot(p, `admin-units-handler-${width}`);
      // Nothing runs off a narrow screen.
      expect(await p.evaluate(() => Math.max(document.documentElement.scrollWidth, ...Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).map((e) => e.scrollWidth)))).toBeLessThanOrEqual(width + 1);
      if (width === 320) {
        await unitRow.locator('.adm-link', { hasText: '移除' }).click();
        await unitRow.locator('.adm-row__meta', { hasText: '还没有办理人' }).waitFor({ timeout: 15_000 });
        await unitRow.locator('.adm-link', { hasText: '停用' }).click();
        await unitRow.locator('.adm-row__off').waitFor({ timeout: 15_000 });
        await shot(p, `admin-units-retired-${width}`);
        // A gate moves to a building of its complex, on the narrow screen.
        await tap(p, '#admin-tab-places');
        const gate = p.locator('#admin-places .adm-row', { has: p.locator('.adm-row__name', { hasText: /^东门$/ }) }).first();
        await gate.locator('.adm-link', { hasText: '移动' }).click();
        await gate.locator('#move-form .chip', { hasText: '1号楼' }).first().click();
        await shot(p, `admin-move-gate-${width}`);
        await gate.locator('#move-save').click();
        await p.locator('#move-form').waitFor({ state: 'detached', timeout: 15_000 });
        expect(await p.evaluate(() => Math.max(document.documentElement.scrollWidth, ...Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).map((e) => e.scrollWidth)))).toBeLessThanOrEqual(width + 1);
      }
      await p.context().close();
    });
  }

  it('the audit trail shows every change', async () => {
    await tap(office, '#admin-tab-audit');
    await visible(office, '#admin-audit .adm-event');
    const text = await vis(office, '#admin-audit').innerText();
    for (const a of ['AREA_CREATE', 'COMPANY_CREATE', 'COMPLEX_CREATE', 'BUILDING_CREATE', 'SPOT_CREATE', 'ROLE_GRANT', 'IMPORT_COMMIT', 'COMPLEX_MOVE', 'SPOT_MOVE', 'UNIT_CREATE', 'UNIT_RETIRE', 'ROLE_REVOKE']) expect(text).toContain(a);
    await shot(office, 'admin-audit');
  });
});
