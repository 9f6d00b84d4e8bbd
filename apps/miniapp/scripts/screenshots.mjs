#!/usr/bin/env node
// Dev-only: screenshots of every page of the H5 build at 390×844 (Debian chromium).
// Usage: node scripts/mock-server.mjs & node scripts/screenshots.mjs [baseUrl] [outDir]
import { chromium } from 'playwright-core'
import { mkdirSync } from 'node:fs'

const base = process.argv[2] ?? 'http://127.0.0.1:10086'
const out = process.argv[3] ?? 'screenshots'
mkdirSync(out, { recursive: true })
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
})
const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
page.on('pageerror', (e) => console.error('pageerror:', e.message))
const shot = async (name, hash, prepare) => {
  await page.goto(`${base}/#${hash}`)
  await page.waitForTimeout(1200)
  if (prepare) await prepare()
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true })
  console.log(`${out}/${name}.png`)
}
await shot('01-home-no-token', '/pages/index/index')
await shot('02-home-qr', '/pages/index/index?token=k1.demo-gate-north.sig')
await shot('03-home-forged', '/pages/index/index?token=forged.token.value')
await shot('04-login', '/pages/login/index')
await page.evaluate(() => localStorage.setItem('msb:session-token', 'demo-jwt'))
await shot('05-report-empty', '/report/pages/new/index?token=k1.demo-gate-north.sig')
await shot('06-report-filled', '/report/pages/new/index?token=k1.demo-gate-north.sig', async () => {
  await page.click('#category-ELEVATOR')
  await page.locator('textarea').first().fill('3号楼2单元电梯按钮失灵，上下行都要按好几次')
  await page.waitForTimeout(300)
})
// Reload: the draft must come back.
await shot('07-report-restored', '/report/pages/new/index?token=k1.demo-gate-north.sig')
await shot('08-tickets', '/tickets/pages/list/index')
await shot('09-ticket-detail', '/tickets/pages/detail/index?id=t1')
await browser.close()
