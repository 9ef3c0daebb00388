#!/usr/bin/env node
// Screenshots of the pages without JavaScript (issue 15 item 8): the status page and a called
// ticket's phone page as a feature phone shows them (240 px wide, scripts off, reached through the
// scripted pages' <noscript>) into docs/screenshots/status-no-javascript.png and
// phone-no-javascript.png. It runs the built server in this process (server/dist, a ManualClock on
// a weekday morning, a throw-away data directory) and Debian's Chromium via playwright-core.
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
/** a feature phone's screen */
const FEATURE_PHONE = { width: 240, height: 320 };

const cleanups = [];
try {
  mkdirSync(out, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-noscript-shots-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const config = parseConfig(TWO_SITE_CONFIG_TEXT, 'screenshots.yaml');
  const m = await createMadoguchi({ dataDir: dir, config, clock: new ManualClock(MONDAY), logger: false, pagesRoot: root });
  cleanups.unshift(() => m.close());
  const url = await m.app.listen({ port: 0, host: '127.0.0.1' });

  // a mid-morning lobby, as in status-screenshots.mjs; the pension window paused for a while
  for (const id of ['1', '2', '3', '5', '6', '9']) m.engine.setCounterState(SITE, id, 'open', MANAGER, { clerk: `clerk-${id}` });
  const take = (queue, service) => m.engine.takeTicket(SITE, { queue, service }, KIOSK);
  for (let i = 0; i < 12; i += 1) take('certificates', 'juminhyo');
  for (let i = 0; i < 6; i += 1) take('filings', 'move-in');
  for (let i = 0; i < 3; i += 1) take('insurance', 'kokuho');
  for (const id of ['1', '2', '3', '5', '6', '9']) m.engine.callNext(SITE, id, CLERK);
  m.engine.setIssuing(SITE, { mode: 'paused', queue: 'insurance', reason: '一時停止' }, MANAGER);
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
