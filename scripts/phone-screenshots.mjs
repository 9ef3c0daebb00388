#!/usr/bin/env node
// Screenshots of the status and phone pages as a foreign resident's phone shows them (issue 15):
// the phone page of a ticket taken at the kiosk in Vietnamese, opened on a Japanese phone
// (docs/screenshots/phone-vi.png), and the status page on a 360 px phone
// (docs/screenshots/status-phone-360.png). Like status-screenshots.mjs it runs the built server in
// this process (server/dist, a ManualClock on a weekday morning, a throw-away data directory) and
// Debian's Chromium via playwright-core. Usage: node scripts/phone-screenshots.mjs
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, out, prepare, root } from './lib/screenshot-kit.mjs';

const { createMadoguchi, ManualClock, parseConfig, TWO_SITE_CONFIG_TEXT } = await prepare('status');

const SITE = 'naka';
const CLERK = { kind: 'clerk', id: 'tanaka' };
const MANAGER = { kind: 'manager', id: 'suzuki' };
const KIOSK = { kind: 'device', id: 'kiosk-0' };
/** Monday 2026-04-06 10:30 JST */
const MONDAY = '2026-04-06T01:30:00Z';
const PHONE = { width: 360, height: 740 };

const cleanups = [];
try {
  mkdirSync(out, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-phone-shots-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const config = parseConfig(TWO_SITE_CONFIG_TEXT, 'screenshots.yaml');
  const m = await createMadoguchi({ dataDir: dir, config, clock: new ManualClock(MONDAY), logger: false, pagesRoot: root });
  cleanups.unshift(() => m.close());
  const url = await m.app.listen({ port: 0, host: '127.0.0.1' });

  // a mid-morning lobby; the pension window paused for a while
  for (const id of ['1', '2', '3', '5', '6', '9']) m.engine.setCounterState(SITE, id, 'open', MANAGER, { clerk: `clerk-${id}` });
  const take = (queue, service, n, language) => {
    const issued = [];
    for (let i = 0; i < n; i += 1) issued.push(m.engine.takeTicket(SITE, { queue, service, ...(language ? { language } : {}) }, KIOSK));
    return issued;
  };
  take('certificates', 'juminhyo', 12);
  take('filings', 'move-in', 6);
  take('insurance', 'kokuho', 3);
  for (const id of ['1', '2', '3', '5', '6', '9']) m.engine.callNext(SITE, id, CLERK);
  m.engine.setIssuing(SITE, { mode: 'paused', queue: 'insurance', reason: '一時停止' }, MANAGER);
  const mine = take('filings', 'move-in', 1, 'vi')[0];

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  cleanups.unshift(() => browser.close());
  const written = [];
  const shoot = async (page, name, opts = {}) => {
    await page.evaluate('document.fonts.ready');
    const file = join(out, `${name}.png`);
    await page.screenshot({ path: file, ...opts });
    written.push(file);
  };
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
