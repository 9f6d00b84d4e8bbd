import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const SCREENSHOTS = join(__dirname, '..', 'screenshots');
/** Issue 12's walks save theirs under apps/miniapp/test-results/ (git-ignored), one folder per spec. */
export const TEST_RESULTS = join(__dirname, '..', '..', 'test-results');

/** Debian's chromium, headless, no network of its own (STACK.md). */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export async function phonePage(browser: Browser, width = 390, height = 844): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  return ctx.newPage();
}

let n = 0;
/**
 * Whole-page screenshot, numbered in the order the flow takes them. Taro H5 scrolls inside its page
 * element, not the document, so the viewport is stretched to the page's height for the picture.
 */
export async function shot(page: Page, name: string, dir: string = SCREENSHOTS): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await page.waitForTimeout(350); // let transitions settle
  // A toast lies over the page for a couple of seconds: the picture is of the page.
  await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((t) => t.style.display === 'none'), null, { timeout: 5000 }).catch(() => {});
  const size = page.viewportSize() ?? { width: 390, height: 844 };
  const height = await page.evaluate(() =>
    Math.max(window.innerHeight, ...Array.from(document.querySelectorAll<HTMLElement>('.taro_page, .taro_router > *')).filter((e) => e.offsetParent !== null || e.style.display !== 'none').map((e) => e.scrollHeight)),
  );
  if (height > size.height) await page.setViewportSize({ width: size.width, height: Math.min(height, 4000) });
  await page.screenshot({ path: join(dir, `${String(++n).padStart(2, '0')}-${name}.png`) });
  if (height > size.height) await page.setViewportSize(size);
}
