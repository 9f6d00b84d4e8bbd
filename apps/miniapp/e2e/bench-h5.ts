/**
 * `pnpm bench:h5` (issue 12 §13): the H5 app on a weak phone and network, measured in headless Chromium over
 * CDP — CPU 4× slower, 1.6 Mbps down / 750 kbps up, 150 ms RTT, a cold cache (a new browser context per run).
 * Against the real stack (BFF serving the production H5 build, MariaDB, Redis, demo seed), like the e2e specs.
 *
 *  - QR landing: the printed /q/<token> link → the landing page shown: bytes on the wire (every response's
 *    encoded length, headers included) and first contentful paint. Targets ≤ 150 KB, ≤ 1.5 s.
 *  - Scan → filed: the same cold start through SMS sign-in, the report form and 提交 to the result page:
 *    every byte downloaded. Target ≤ 400 KB.
 *
 * Prints one JSON line per run and a summary; `--runs N` (default 3) repeats with a cold cache each time.
 */
import { cpus, totalmem } from 'node:os';
import type { CDPSession, Page } from 'playwright-core';
import { ensureBuilt, startStack, type Stack } from './support/stack';
import { launch, phonePage } from './support/browser';

const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0 };

interface Run {
  landingKB: number;
  landingFcpMs: number;
  landingShownMs: number;
  filedKB: number;
  filedMs: number;
  requests: number;
}

/** Bytes received on the wire for every request of the page (CDP encodedDataLength, headers included). */
async function wire(page: Page): Promise<{ cdp: CDPSession; bytes: () => number; count: () => number }> {
  const cdp = await page.context().newCDPSession(page);
  let bytes = 0;
  let count = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
    count++;
  });
  cdp.on('Network.webSocketFrameReceived', (e: { response: { payloadData: string } }) => {
    bytes += Buffer.byteLength(e.response.payloadData);
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return { cdp, bytes: () => bytes, count: () => count };
}

async function once(stack: Stack, browser: Awaited<ReturnType<typeof launch>>, phone: string): Promise<Run> {
  const page = await phonePage(browser, 390, 844);
  const on = (sel: string) => page.locator(sel).filter({ visible: true }).first();
  const tap = async (sel: string) => {
    await on(sel).waitFor({ state: 'visible', timeout: 60_000 });
    await on(sel).click();
  };
  const type = async (sel: string, value: string) => {
    const f = page.locator(`${sel} input, ${sel} textarea, input${sel}, textarea${sel}`).filter({ visible: true }).first();
    await f.waitFor({ state: 'visible', timeout: 60_000 });
    await f.fill(value);
  };
  const net = await wire(page);
  const gate = stack.qrLinks.find((q) => q.complex === '明湖花园' && q.spot === '东门')!;
  const t0 = Date.now();
  await page.goto(gate.link);
  await on('#page-landing').waitFor({ state: 'visible', timeout: 60_000 });
  const landingShownMs = Date.now() - t0;
  // Let the landing's own requests (figures, unread count) finish before counting its bytes.
  await page.waitForLoadState('networkidle').catch(() => {});
  const landingBytes = net.bytes();
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1);

  await tap('#home-report');
  await type('#login-phone', phone);
  await tap('#login-agree');
  await tap('#login-send-code');
  await type('#login-code', await stack.smsCode(phone));
  await tap('#login-submit');
  await tap('#category-FACILITIES');
  await type('#report-description', '2号楼3单元楼道声控灯坏了一周，晚上上下楼看不见台阶。');
  await tap('#report-submit');
  await on('#page-report-done').waitFor({ state: 'visible', timeout: 120_000 });
  await page.waitForLoadState('networkidle').catch(() => {});
  const run: Run = {
    landingKB: Math.round(landingBytes / 102.4) / 10,
    landingFcpMs: Math.round(fcp),
    landingShownMs,
    filedKB: Math.round(net.bytes() / 102.4) / 10,
    filedMs: Date.now() - t0,
    requests: net.count(),
  };
  await page.context().close();
  return run;
}

async function main() {
  ensureBuilt();
  const stack = await startStack({ name: 'bench' });
  const browser = await launch();
  const runs: Run[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const r = await once(stack, browser, `1391234${String(5000 + i)}`);
      console.log(JSON.stringify({ run: i + 1, ...r }));
      runs.push(r);
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
  const median = (k: keyof Run) => [...runs.map((r) => r[k])].sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  const verdict = (v: number, max: number) => (v <= max ? 'met' : 'MISSED');
  console.log(`\nH5 bench (${RUNS} cold runs, median) — CPU 4× slower, 1.6 Mbps / 150 ms RTT; ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`);
  console.log(`  QR landing on the wire   ${median('landingKB')} KB   (target ≤ 150 KB: ${verdict(median('landingKB'), 150)})`);
  console.log(`  QR landing FCP           ${median('landingFcpMs')} ms  (target ≤ 1500 ms: ${verdict(median('landingFcpMs'), 1500)}); landing shown ${median('landingShownMs')} ms`);
  console.log(`  scan → filed downloaded  ${median('filedKB')} KB   (target ≤ 400 KB: ${verdict(median('filedKB'), 400)}); ${median('filedMs')} ms with typing, ${median('requests')} requests`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
