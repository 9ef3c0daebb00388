#!/usr/bin/env node
// Screenshots of the status and phone pages as a foreign resident's phone shows them (issue 15):
// the phone page of a ticket taken at the kiosk in Vietnamese, opened on a Japanese phone
// (docs/screenshots/phone-vi.png), and the status page on a 360 px phone
// (docs/screenshots/status-phone-360.png). Like status-screenshots.mjs it runs the built server in
// this process (server/dist, a ManualClock on a weekday morning, a throw-away data directory) and
// Debian's Chromium via playwright-core. Usage: node scripts/phone-screenshots.mjs
import { mkdirSync } from 'node:fs';
import { launchShooter, morningLobby, out, prepare, SITE, startServer } from './lib/screenshot-kit.mjs';

const kit = await prepare('status');
const PHONE = { width: 360, height: 740 };

const cleanups = [];
try {
  mkdirSync(out, { recursive: true });
  const { m, url } = await startServer(kit, cleanups, { name: 'phone', config: kit.parseConfig(kit.TWO_SITE_CONFIG_TEXT, 'screenshots.yaml') });
  const take = morningLobby(m);
  const mine = take('filings', 'move-in', 'vi');

  const { browser, shoot, written } = await launchShooter(cleanups);
  // a Japanese phone: the page's language comes from the ticket
  const context = await browser.newContext({ viewport: PHONE, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', deviceScaleFactor: 1, hasTouch: true });
  let page = await context.newPage();
  await page.goto(`${url}/t/${mine.token}`);
  await page.locator('.updated .dot.on').waitFor();
  await page.getByRole('heading', { name: 'Số thứ tự của bạn' }).waitFor();
  await shoot(page, 'phone-vi');
  await page.close();

  page = await context.newPage();
  await page.goto(`${url}/status/?site=${SITE}`);
  await page.locator('.as-of .dot.on').waitFor();
  await shoot(page, 'status-phone-360', { fullPage: true });

  for (const f of written) process.stdout.write(`${f}\n`);
} finally {
  for (const c of cleanups) await c();
}
