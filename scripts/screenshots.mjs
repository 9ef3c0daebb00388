#!/usr/bin/env node
// `npm run screenshots`: screenshots of the kiosk page, portrait 1080×1920 and landscape
// 1920×1080, in Japanese and English, into docs/screenshots/kiosk-*.png, and a printed ticket as
// the printer simulator renders it (ticket-printed.png). It runs the built
// server in this process (server/dist, a ManualClock on a weekday morning, a throw-away data
// directory, a printer that writes into a temp file) and Debian's Chromium via playwright-core.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, out, prepare, root } from './lib/screenshot-kit.mjs';

const { createMadoguchi, ManualClock, parseConfig, SAMPLE_CONFIG_TEXT, TWO_SITE_CONFIG_TEXT } = await prepare('kiosk');

const SITE = 'naka';
const CLERK = { kind: 'clerk', id: 'tanaka' };
const MANAGER = { kind: 'manager', id: 'suzuki' };
/** Monday 2026-04-06 10:30 JST */
const MONDAY = '2026-04-06T01:30:00Z';
/** Saturday 2026-05-16 10:00 JST (closed) */
const SATURDAY = '2026-05-16T01:00:00Z';
const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };
/** the same flags as test/e2e/browser.ts */

const cleanups = [];

async function startServer(configText, now, printerFile) {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-shots-'));
  const parsed = parseConfig(configText, 'screenshots.yaml');
  const lobby = { id: 'lobby', name: '1F lobby kiosk printer', transport: { kind: 'file', path: printerFile }, model: 'epson', paperWidthMm: 80, kanji: true };
  const config = { ...parsed, sites: parsed.sites.map((s) => (s.id === SITE ? { ...s, printers: [lobby], defaultPrinter: 'lobby' } : s)) };
  const m = await createMadoguchi({ dataDir: dir, config, clock: new ManualClock(now), logger: false, pagesRoot: root });
  cleanups.push(async () => {
    await m.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const url = await m.app.listen({ port: 0, host: '127.0.0.1' });
  const { token } = m.auth.createDevice(SITE, 'kiosk', 'kiosk-1');
  return { m, url, token };
}

/** A mid-morning lobby: counters open, people waiting in each queue, some already called. */
function populate(m) {
  for (const id of ['1', '2', '3', '5', '6', '9']) m.engine.setCounterState(SITE, id, 'open', CLERK, { clerk: `clerk-${id}` });
  const take = (queue, service, n) => {
    for (let i = 0; i < n; i += 1) m.engine.takeTicket(SITE, { queue, service }, { kind: 'device', id: 'kiosk-0' });
  };
  take('certificates', 'juminhyo', 9);
  take('filings', 'move-in', 5);
  take('insurance', 'kokuho', 2);
  for (const id of ['1', '2', '3', '5', '6']) m.engine.callNext(SITE, id, CLERK);
}

try {
  mkdirSync(out, { recursive: true });
  const printDir = mkdtempSync(join(tmpdir(), 'madoguchi-shots-print-'));
  cleanups.push(async () => rmSync(printDir, { recursive: true, force: true }));
  const office = await startServer(SAMPLE_CONFIG_TEXT, MONDAY, join(printDir, 'lobby.bin'));
  populate(office.m);
  const closed = await startServer(TWO_SITE_CONFIG_TEXT, SATURDAY, join(printDir, 'closed.bin'));

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  cleanups.unshift(() => browser.close());
  const written = [];

  const open = async (server, viewport, lang) => {
    const context = await browser.newContext({ viewport, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/kiosk/?token=${server.token}`);
    await page.locator('button[data-queue="certificates"]').waitFor();
    if (lang === 'en') {
      await page.getByRole('button', { name: 'English', exact: true }).click();
      await page.locator('html[lang="en-US"]').waitFor();
    }
    return { page, close: () => context.close() };
  };
  const shoot = async (page, name) => {
    await page.evaluate('document.fonts.ready');
    const file = join(out, `kiosk-${name}.png`);
    await page.screenshot({ path: file });
    written.push(file);
  };
  const takeTicket = async (page, service) => {
    await page.locator('button[data-queue="certificates"]').click();
    await page.locator(`button[data-service="${service}"]`).click();
    await page.getByTestId('ticket-number').waitFor();
  };

  for (const [orientation, viewport] of [
    ['portrait', PORTRAIT],
    ['landscape', LANDSCAPE],
  ]) {
    for (const lang of ['ja', 'en']) {
      const { page, close } = await open(office, viewport, lang);
      await shoot(page, `${orientation}-${lang}`);
      await page.locator('button[data-queue="certificates"]').click();
      await page.locator('button[data-service="juminhyo"]').waitFor();
      await shoot(page, `${orientation}-${lang}-procedure`);
      await page.locator('button[data-service="juminhyo"]').click();
      await page.locator('button.done:enabled').waitFor();
      await shoot(page, `${orientation}-${lang}-ticket`);
      await close();
    }
  }

  // the printer runs out of paper: the number is on the screen, with the printer-trouble message
  for (const [orientation, viewport] of [
    ['portrait', PORTRAIT],
    ['landscape', LANDSCAPE],
  ]) {
    const { page, close } = await open(office, viewport, 'ja');
    office.m.engine.recordPrinterHealth(SITE, 'lobby', 'paper_out', null);
    await takeTicket(page, 'koseki');
    await page.locator('[data-print="failed"]').waitFor();
    await page.locator('button.done:enabled').waitFor();
    await shoot(page, `${orientation}-ja-printer-trouble`);
    office.m.engine.recordPrinterHealth(SITE, 'lobby', 'ok', null);
    await close();
  }

  // an emergency announcement covers the kiosk
  {
    const { page, close } = await open(office, PORTRAIT, 'ja');
    const id = office.m.engine.postAnnouncement(SITE, { message: '地震が発生しました。係員の指示に従って、落ち着いて行動してください。', severity: 'emergency' }, MANAGER);
    await page.getByTestId('emergency').waitFor();
    await shoot(page, 'portrait-ja-emergency');
    office.m.engine.clearAnnouncement(SITE, id, MANAGER);
    await close();
  }

  // a Saturday: every window closed, with the next opening
  for (const [orientation, viewport, lang] of [
    ['portrait', PORTRAIT, 'ja'],
    ['landscape', LANDSCAPE, 'en'],
  ]) {
    const { page, close } = await open(closed, viewport, lang);
    await page.getByTestId('next-opening').first().waitFor();
    await shoot(page, `${orientation}-${lang}-closed`);
    await close();
  }

  // a printed ticket as the printer simulator renders the ESC/POS bytes it received
  {
    const { renderTicket, decodeEscPos, toPng } = await import(join(root, 'printer/dist/index.js'));
    const bytes = renderTicket(
      {
        officeName: '中区役所',
        windowName: '証明発行',
        label: '1023',
        procedure: '住民票の写し',
        issuedAt: '2026年4月6日 10:02',
        ahead: 7,
        estimatedWaitMinutes: 15,
        trackUrl: 'http://localhost:3000/t/sample-token',
        note: '番号をお呼びするまでお待ちください',
      },
      { model: 'epson', paperWidthMm: 80, kanji: true },
    );
    const file = join(out, 'ticket-printed.png');
    writeFileSync(file, toPng(decodeEscPos(bytes)));
    written.push(file);
  }

  for (const f of written) process.stdout.write(`${f.slice(root.length)}\n`);
} finally {
  for (const c of cleanups) await c();
}
