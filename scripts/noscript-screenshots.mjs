#!/usr/bin/env node
// Screenshots of the pages without JavaScript (issue 15 item 8): the status page and a called
// ticket's phone page as a feature phone shows them (240 px wide, scripts off, reached through the
// scripted pages' <noscript>) into docs/screenshots/status-no-javascript.png and
// phone-no-javascript.png. It runs the built server in this process (server/dist, a ManualClock on
// a weekday morning, a throw-away data directory) and Debian's Chromium via playwright-core.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CLERK, morningLobby, out, prepare, SITE, startServer } from './lib/screenshot-kit.mjs';

const kit = await prepare('status');
/** a feature phone's screen */
const FEATURE_PHONE = { width: 240, height: 320 };

const cleanups = [];
try {
  mkdirSync(out, { recursive: true });
  const { m, url } = await startServer(kit, cleanups, { name: 'noscript', config: kit.parseConfig(kit.TWO_SITE_CONFIG_TEXT, 'screenshots.yaml') });
  const take = morningLobby(m);
  const mine = take('filings', 'marriage');

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  cleanups.unshift(() => browser.close());
  const context = await browser.newContext({ viewport: FEATURE_PHONE, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', deviceScaleFactor: 2, javaScriptEnabled: false });
  const page = await context.newPage();
  const written = [];
  const shoot = async (name) => {
    const file = join(out, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    written.push(file);
  };

  await page.goto(`${url}/status/?site=${SITE}`);
  await page.waitForURL(`${url}/status/plain?site=${SITE}`);
  await shoot('status-no-javascript');

  // the filing windows work through their queue until this ticket is called
  for (;;) {
    for (const id of ['5', '6']) if (m.engine.counters(SITE).find((x) => x.id === id)?.currentTicket) m.engine.complete(SITE, id, CLERK);
    const t = m.engine.callNext(SITE, '5', CLERK);
    if (!t || t.label === mine.ticket.label) break;
  }
  await page.goto(`${url}/t/${mine.token}`);
  await page.waitForURL(`${url}/t/${mine.token}/plain`);
  await shoot('phone-no-javascript');

  for (const f of written) process.stdout.write(`${f}\n`);
} finally {
  for (const c of cleanups) await c();
}
