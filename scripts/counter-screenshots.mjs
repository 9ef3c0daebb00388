#!/usr/bin/env node
// `node scripts/counter-screenshots.mjs`: screenshots of the counter console into
// docs/screenshots/counter*.png — a desk PC's 1366×768 in Japanese, 1920×1080 in English, the
// transfer dialog, and the sign-in. It runs the built server in this process (server/dist, a
// ManualClock on a weekday morning, a throw-away data directory) and Debian's Chromium via
// playwright-core; the morning at counter 8 is played through the engine beforehand.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, out, prepare, root } from './lib/screenshot-kit.mjs';

const { createMadoguchi, ManualClock, parseConfig, SAMPLE_CONFIG_TEXT } = await prepare('counter');

const SITE = 'naka';
const PASSWORD = 'correct-horse-battery';
const KIOSK = { kind: 'device', id: 'kiosk-1' };
const TANAKA = { kind: 'clerk', id: 'tanaka' };
/** Monday 2026-04-06 09:00 JST */
const MONDAY_9 = '2026-04-06T00:00:00Z';

const cleanups = [];
try {
  mkdirSync(out, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-counter-shots-'));
  const parsed = parseConfig(SAMPLE_CONFIG_TEXT, 'sample-office.yaml');
  const config = { ...parsed, sites: parsed.sites.map((s) => ({ ...s, printers: [], defaultPrinter: null })) };
  const clock = new ManualClock(MONDAY_9);
  const m = await createMadoguchi({ dataDir: dir, config, clock, logger: false, pagesRoot: root });
  cleanups.push(async () => {
    await m.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await m.auth.createUser('tanaka', PASSWORD, 'clerk');
  const url = await m.app.listen({ port: 0, host: '127.0.0.1' });

  // a morning: people arrive, counters open, counter 8 (filings and certificates) works through its tickets
  const e = m.engine;
  const take = (queue, service, opts = {}) => e.takeTicket(SITE, { queue, service, ...opts }, KIOSK).ticket;
  for (const id of ['1', '2', '5', '6']) e.setCounterState(SITE, id, 'open', TANAKA, { clerk: `clerk-${id}` });
  e.setCounterState(SITE, '8', 'open', TANAKA, { clerk: 'tanaka' });
  const arrive = (n, queue, services) => {
    for (let i = 0; i < n; i += 1) {
      take(queue, services[i % services.length]);
      clock.advanceMinutes(2);
    }
  };
  arrive(4, 'filings', ['move-in', 'marriage', 'move-out', 'birth']);
  arrive(3, 'certificates', ['juminhyo', 'koseki', 'inkan']);
  e.callNext(SITE, '8', TANAKA); // 2001
  e.start(SITE, '8', TANAKA);
  clock.advanceMinutes(14);
  e.complete(SITE, '8', TANAKA);
  e.callNext(SITE, '8', TANAKA); // 2002: does not come
  e.recall(SITE, '8', TANAKA);
  clock.advanceMinutes(3);
  e.recall(SITE, '8', TANAKA);
  e.noShow(SITE, '8', TANAKA);
  e.callNext(SITE, '8', TANAKA); // 2003: moves out, then health insurance
  e.start(SITE, '8', TANAKA);
  for (const id of ['1', '2', '5', '6']) e.callNext(SITE, id, { kind: 'clerk', id: `clerk-${id}` });
  arrive(5, 'filings', ['change-of-address', 'move-in', 'marriage']);
  take('filings', 'birth', { priority: true });
  arrive(6, 'certificates', ['juminhyo', 'tax', 'koseki']);
  /** the rest of the morning happens while the console is open (a transfer is known from its event) */
  const later = () => {
    clock.advanceMinutes(2);
    e.transfer(SITE, '8', { queue: 'insurance', service: 'kokuho' }, TANAKA);
    e.callNext(SITE, '8', TANAKA); // the priority ticket first
    e.start(SITE, '8', TANAKA);
    clock.advanceMinutes(4);
    clock.advance(37_000);
    e.takeTicket(SITE, { queue: 'certificates', service: 'inkan' }, KIOSK); // an event that carries the time
  };

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  cleanups.unshift(() => browser.close());
  const written = [];
  const shoot = async (page, name) => {
    await page.evaluate('document.fonts.ready');
    const file = join(out, `${name}.png`);
    await page.screenshot({ path: file });
    written.push(file);
  };

  for (const [name, viewport, lang] of [
    ['counter', { width: 1366, height: 768 }, 'ja'],
    ['counter-en', { width: 1920, height: 1080 }, 'en'],
  ]) {
    const context = await browser.newContext({ viewport, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const page = await context.newPage();
    await page.goto(`${url}/counter/`);
    if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
    if (name === 'counter') {
      await page.getByLabel('ユーザー名').fill('tanaka');
      await page.getByLabel('パスワード').fill('wrong');
      await page.getByRole('button', { name: 'サインイン' }).click();
      await page.getByTestId('sign-in-error').waitFor();
      await page.getByLabel('パスワード').fill('');
      await page.getByLabel('ユーザー名').blur();
      await shoot(page, 'counter-sign-in');
      await page.getByLabel('パスワード').fill(PASSWORD);
      await page.getByRole('button', { name: 'サインイン' }).click();
    } else {
      await page.getByLabel('User name').fill('tanaka');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
    }
    await page.locator('button[data-counter="8"]').waitFor();
    if (name === 'counter') await shoot(page, 'counter-choose');
    await page.locator('button[data-counter="8"]').click();
    await page.getByTestId('current-label').waitFor();
    if (name === 'counter') {
      later();
      await page.locator('[data-testid="recent"] li').nth(2).waitFor();
    }
    await page.locator('[data-testid="current-state"].badge-serving').waitFor();
    await shoot(page, name);
    if (name === 'counter') {
      await page.keyboard.press('t');
      await page.getByTestId('transfer').waitFor();
      await page.keyboard.press('2'); // 保険年金
      await page.getByTestId('transfer').getByRole('button', { name: '国民健康保険' }).waitFor();
      await shoot(page, 'counter-transfer');
    }
    await context.close();
  }
  for (const f of written) process.stdout.write(`${f.slice(root.length)}\n`);
} finally {
  for (const c of cleanups) await c();
}
