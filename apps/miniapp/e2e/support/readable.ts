/**
 * 适老化 checks (issue 12 §5/§6) on whatever is on screen: the computed font size of every visible
 * character (text nodes, and the value or placeholder of inputs) and the box of every visible thing an
 * owner can tap (React `onClick` handlers, buttons, inputs, links). Measured in the real browser, so CSS,
 * NutUI's variables and Taro's rem scaling all count.
 */
import type { Page } from 'playwright-core';

export interface TextSample {
  where: string;
  text: string;
  px: number;
  chars: number;
}

export interface TapSample {
  where: string;
  width: number;
  height: number;
}

export interface Measured {
  viewport: number;
  /** Characters per rounded font size. */
  histogram: Record<string, number>;
  texts: TextSample[];
  taps: TapSample[];
  /** html font-size (Taro's rem root). */
  rootPx: number;
  /** Horizontal overflow of the document in px (0 = fits). */
  overflow: number;
}

export const MIN_READ_PX = 14;
export const BODY_PX = 17;
export const MIN_TAP_PX = 44;

/**
 * Taro's React wrappers bind a View's onClick with addEventListener on the element (not through React's
 * props), so the page marks every element that gets a click/tap listener. Call before the first goto.
 */
export async function installTapProbe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const add = EventTarget.prototype.addEventListener;
    EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, ...rest: unknown[]) {
      if ((type === 'click' || type === 'tap') && this instanceof Element && this !== document.body && this.id !== 'app') this.setAttribute('data-e2e-tap', '');
      return (add as (...a: unknown[]) => void).call(this, type, ...rest);
    } as typeof EventTarget.prototype.addEventListener;
  });
}

/** Everything readable and tappable on the page right now. */
export async function measure(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const shown = (el: Element): boolean => {
      const r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) return false;
      return (el as HTMLElement).checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true } as never) ?? true;
    };
    const name = (el: Element): string => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && parts.length < 3; e = e.parentElement) {
        if (e.id) {
          parts.unshift(`#${e.id}`);
          break;
        }
        const cls = Array.from(e.classList).find((c) => !c.startsWith('hydrated') && !c.startsWith('taro'));
        parts.unshift(cls ? `.${cls}` : e.tagName.toLowerCase());
      }
      return parts.join(' ');
    };
    const texts: { where: string; text: string; px: number; chars: number }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const t = (n.textContent ?? '').replace(/\s+/g, '');
      const el = n.parentElement;
      if (!t || !el || el.closest('script, style, noscript, [aria-hidden="true"]')) continue;
      if (!shown(el)) continue;
      texts.push({ where: name(el), text: t.slice(0, 40), px: parseFloat(getComputedStyle(el).fontSize), chars: t.length });
    }
    for (const el of Array.from(document.querySelectorAll('input, textarea'))) {
      const f = el as HTMLInputElement;
      const t = (f.value || f.placeholder || '').replace(/\s+/g, '');
      if (!t || f.type === 'hidden' || !shown(f)) continue;
      texts.push({ where: name(f), text: t.slice(0, 40), px: parseFloat(getComputedStyle(f).fontSize), chars: t.length });
    }
    const histogram: Record<string, number> = {};
    for (const s of texts) histogram[s.px.toFixed(1)] = (histogram[s.px.toFixed(1)] ?? 0) + s.chars;

    const tappable = (el: Element): boolean => {
      if (el.matches('input:not([type=hidden]), textarea, button, a[href], taro-button-core, label[for], [data-e2e-tap]')) return true;
      const key = Object.keys(el).find((k) => k.startsWith('__reactProps$'));
      const props = key ? (el as unknown as Record<string, Record<string, unknown>>)[key] : undefined;
      return typeof props?.onClick === 'function' || typeof props?.onTap === 'function';
    };
    const taps: { where: string; width: number; height: number }[] = [];
    const seen = new Set<Element>();
    for (const el of Array.from(document.querySelectorAll('*'))) {
      if (!tappable(el) || !shown(el)) continue;
      // A full-screen mask that closes a sheet is not a target to aim at.
      const r = el.getBoundingClientRect();
      if (r.width >= window.innerWidth && r.height >= window.innerHeight * 0.9) continue;
      // NutUI/Taro nest a native element inside a tappable host: measure the outermost one.
      if (el.parentElement && seen.has(el.parentElement) && el.getBoundingClientRect().height <= el.parentElement.getBoundingClientRect().height) {
        seen.add(el);
        continue;
      }
      seen.add(el);
      taps.push({ where: name(el), width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10 });
    }
    return {
      viewport: window.innerWidth,
      histogram,
      texts,
      taps,
      rootPx: parseFloat(getComputedStyle(document.documentElement).fontSize),
      overflow: document.documentElement.scrollWidth - window.innerWidth,
    };
  });
}

export interface Verdict {
  small: TextSample[];
  smallTaps: TapSample[];
  /** Share of characters at BODY_PX or more. */
  bodyShare: number;
  minPx: number;
}

export function judge(m: Measured, minPx = MIN_READ_PX): Verdict {
  const total = m.texts.reduce((a, s) => a + s.chars, 0);
  const body = m.texts.filter((s) => s.px >= BODY_PX - 0.05).reduce((a, s) => a + s.chars, 0);
  return {
    small: m.texts.filter((s) => s.px < minPx - 0.005),
    smallTaps: m.taps.filter((t) => t.height < MIN_TAP_PX - 0.5 || t.width < MIN_TAP_PX - 0.5),
    bodyShare: total ? body / total : 1,
    minPx: Math.min(...m.texts.map((s) => s.px)),
  };
}

/** Every figure measured, by page and width: written next to the screenshots and into the notes. */
export const measured: { page: string; width: number; minPx: number; bodyShare: number; minTap: number; rootPx: number }[] = [];

/**
 * Fails when anything the owner reads is under 14 px, when less than `bodyShare` (default half: the typical
 * character) of the characters are at 17 px or more, when a tap target is under 44 × 44 px, or when the page is wider than the screen.
 */
export async function expectBigEnough(page: Page, label: string, opts: { bodyShare?: number; minPx?: number } = {}): Promise<Measured> {
  const m = await measure(page);
  const min = opts.minPx ?? MIN_READ_PX;
  const v = judge(m, min);
  measured.push({ page: label, width: m.viewport, minPx: v.minPx, bodyShare: Math.round(v.bodyShare * 100) / 100, minTap: Math.min(...m.taps.map((t) => Math.min(t.width, t.height))), rootPx: m.rootPx });
  const problems = [
    ...v.small.map((s) => `text ${s.px}px < ${min}: ${s.where} "${s.text}"`),
    ...v.smallTaps.map((t) => `tap ${t.width}×${t.height} < ${MIN_TAP_PX}: ${t.where}`),
    ...(v.bodyShare < (opts.bodyShare ?? 0.5) ? [`only ${Math.round(v.bodyShare * 100)}% of characters at ≥ ${BODY_PX}px: ${JSON.stringify(m.histogram)}`] : []),
    ...(m.overflow > 0 ? [`page ${m.overflow}px wider than the ${m.viewport}px screen`] : []),
  ];
  if (problems.length) throw new Error(`${label} @${m.viewport}px is not big enough:\n  ${problems.join('\n  ')}`);
  return m;
}
