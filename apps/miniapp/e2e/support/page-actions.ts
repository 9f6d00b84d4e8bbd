import type { Page } from 'playwright-core';

// Taro H5 keeps earlier pages of the stack in the DOM (hidden): always address the visible one.
export const vis = (p: Page, sel: string) => p.locator(sel).filter({ visible: true }).first();
export const visible = (p: Page, sel: string, timeout = 15_000) => vis(p, sel).waitFor({ state: 'visible', timeout });
export const text = (p: Page, sel: string) => vis(p, sel).innerText();
export const tap = async (p: Page, sel: string) => {
  await visible(p, sel);
  await vis(p, sel).click();
};
/** Types into the input or textarea inside `sel` (Taro wraps form fields in its own elements). */
export const type = async (p: Page, sel: string, value: string) => {
  const field = p.locator(`${sel} input, ${sel} textarea`).filter({ visible: true }).first();
  await field.waitFor({ state: 'visible', timeout: 15_000 });
  await field.fill(value);
};
/** Waits until the visible ticket page shows `status`. */
export const statusIs = (p: Page, status: string) =>
  p.waitForFunction((s) => Array.from(document.querySelectorAll<HTMLElement>('[id="detail-status"]')).some((e) => e.offsetParent !== null && e.getAttribute('data-status') === s), status, { timeout: 15_000 });
