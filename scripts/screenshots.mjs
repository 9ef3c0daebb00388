#!/usr/bin/env node
// `npm run screenshots`: screenshots of the kiosk page, portrait 1080×1920 and landscape
// 1920×1080, in Japanese and English, into docs/screenshots/kiosk-*.png, a printed ticket as
// the printer simulator renders it (ticket-printed.png), and the floor manager's page after a
// simulated few days (manager-dashboard.png, manager-report.png, manager-admin.png). It runs the built
// server in this process (server/dist, a ManualClock on a weekday morning, a throw-away data
// directory, a printer that writes into a temp file) and Debian's Chromium via playwright-core.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { tsImport } from 'tsx/esm/api';
import { CHROMIUM_ARGS, out, prepare, root, signIn } from './lib/screenshot-kit.mjs';

const { createMadoguchi, ManualClock, parseConfig, SAMPLE_CONFIG_TEXT, TWO_SITE_CONFIG_TEXT } = await prepare('kiosk');
await prepare('manager');

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

// ---- the floor manager's screenshots: an office with a few days of history ----
const MANAGER_PASSWORD = 'screenshot-password';
/** the days before the Monday of the screenshots, simulated in full (the month report) */
const HISTORY_DAYS = ['2026-04-01', '2026-04-02', '2026-04-03'];

/** The seeded random source of the tests and the simulator, so the screenshots do not change by themselves. */
const { seededRandom } = await tsImport('../server/src/test-support/random.ts', import.meta.url);

/**
 * Runs the office minute by minute from 08:45 JST to `until` (HH:MM) on `date`: arrivals with a
 * morning and an early-afternoon peak, counters calling, serving and completing, a few no-shows,
 * and some citizens answering the satisfaction question. `breakAt` sends a counter on a break.
 */
function simulateDay(m, clock, date, until, rnd, breakAt = null) {
  const at = (hhmm) => new Date(`${date}T${hhmm}:00+09:00`).getTime();
  // arrivals per minute at an ordinary hour, and service minutes (from, to)
  const queues = [
    { id: 'certificates', rate: 0.5, service: [2, 7] },
    { id: 'filings', rate: 0.13, service: [8, 24] },
    { id: 'insurance', rate: 0.07, service: [5, 16] },
  ];
  const counters = { 1: 'certificates', 2: 'certificates', 3: 'certificates', 5: 'filings', 6: 'filings', 7: 'filings', 9: 'insurance' };
  const busy = new Map();
  const tokens = [];
  clock.set(at('08:45'));
  for (const id of Object.keys(counters)) m.engine.setCounterState(SITE, id, 'open', CLERK, { clerk: `clerk-${id}` });
  for (let t = at('08:45'); t <= at(until); t += 60_000) {
    clock.set(t);
    const hour = new Date(t).getUTCHours() + 9;
    const peak = hour === 9 || hour === 10 ? 1.6 : hour === 13 ? 1.3 : hour >= 16 ? 0.5 : 1;
    for (const q of queues) {
      if (rnd() < q.rate * peak) {
        const r = m.engine.takeTicket(SITE, { queue: q.id, service: null }, { kind: 'device', id: 'kiosk-1' });
        tokens.push(r.token);
      }
    }
    if (breakAt && t === at(breakAt.time)) {
      const b = busy.get(breakAt.counter);
      if (b?.noShow) m.engine.noShow(SITE, breakAt.counter, CLERK);
      else if (b) m.engine.complete(SITE, breakAt.counter, CLERK);
      busy.delete(breakAt.counter);
      delete counters[breakAt.counter];
      m.engine.setCounterState(SITE, breakAt.counter, 'paused', CLERK, { reason: 'break' });
    }
    for (const [id, queue] of Object.entries(counters)) {
      const b = busy.get(id);
      if (b && t >= b.until) {
        if (b.noShow) m.engine.noShow(SITE, id, CLERK);
        // 転入届 and the like go on to 国民健康保険 (回付) now and then
        else if (queue === 'filings' && rnd() < 0.15) m.engine.transfer(SITE, id, { queue: 'insurance' }, CLERK);
        else m.engine.complete(SITE, id, CLERK);
        busy.delete(id);
      }
      if (!busy.has(id)) {
        const ticket = m.engine.callNext(SITE, id, CLERK);
        if (!ticket) continue;
        const q = queues.find((x) => x.id === queue);
        if (rnd() < 0.05) {
          busy.set(id, { until: t + 3 * 60_000, noShow: true });
        } else {
          m.engine.start(SITE, id, CLERK);
          busy.set(id, { until: t + Math.round(q.service[0] + rnd() * (q.service[1] - q.service[0])) * 60_000, noShow: false });
        }
      }
    }
  }
  if (until === '17:00') {
    // closing time: the last citizens are served, the counters close
    for (const [id, b] of busy) {
      if (b.noShow) m.engine.noShow(SITE, id, CLERK);
      else m.engine.complete(SITE, id, CLERK);
    }
    for (const id of Object.keys(counters)) m.engine.setCounterState(SITE, id, 'closed', CLERK);
  }
  for (const token of tokens) {
    if (rnd() < 0.3) {
      try {
        m.engine.giveFeedback(token, rnd() < 0.6 ? 5 : rnd() < 0.7 ? 4 : 3);
      } catch {
        // not served (yet): nothing to rate
      }
    }
  }
}

async function startManagerServer() {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-shots-manager-'));
  const parsed = parseConfig(SAMPLE_CONFIG_TEXT, 'screenshots.yaml');
  const lobby = { id: 'lobby', name: '1F 発券機プリンター', transport: { kind: 'file', path: join(dir, 'lobby.bin') }, model: 'epson', paperWidthMm: 80, kanji: true };
  const config = { ...parsed, sites: parsed.sites.map((s) => (s.id === SITE ? { ...s, printers: [lobby], defaultPrinter: 'lobby' } : s)) };
  const clock = new ManualClock(`${HISTORY_DAYS[0]}T08:45:00+09:00`);
  const m = await createMadoguchi({ dataDir: dir, config, clock, logger: false, pagesRoot: root, printing: false, buttons: false });
  cleanups.push(async () => {
    await m.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await Promise.all([m.auth.createUser('suzuki', MANAGER_PASSWORD, 'manager'), m.auth.createUser('yamada', MANAGER_PASSWORD, 'admin')]);
  const rnd = seededRandom(20260406);
  for (const day of HISTORY_DAYS) simulateDay(m, clock, day, '17:00', rnd);
  // Monday: a busy morning; counter 3 went on a break at 10:02; the lobby printer ran out of paper
  simulateDay(m, clock, '2026-04-06', '10:30', rnd, { counter: '3', time: '10:02' });
  m.engine.recordPrinterHealth(SITE, 'lobby', 'paper_out', null);
  m.tick();
  const url = await m.app.listen({ port: 0, host: '127.0.0.1' });
  return { m, clock, url };
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

  // the printer runs out of paper: the number is on the screen, with the printer-trouble message,
  // the seated and priority options chosen
  for (const [orientation, viewport] of [
    ['portrait', PORTRAIT],
    ['landscape', LANDSCAPE],
  ]) {
    const { page, close } = await open(office, viewport, 'ja');
    office.m.engine.recordPrinterHealth(SITE, 'lobby', 'paper_out', null);
    // with both options chosen (seated, priority): the longest failure screen must still fit
    await page.locator('.option').first().click();
    await page.locator('.option').nth(1).click();
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

  // ---- the floor manager's page: a simulated month so far, then a Monday morning ----
  {
    const { m: mgr, url } = await startManagerServer();
    const shootManager = async (page, name) => {
      await page.evaluate('document.fonts.ready');
      const file = join(out, `manager-${name}.png`);
      await page.screenshot({ path: file });
      written.push(file);
    };
    const signInManager = async (username) => {
      const context = await browser.newContext({ viewport: LANDSCAPE, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
      cleanups.unshift(() => context.close());
      const page = await context.newPage();
      await signIn(page, url, 'manager', username, MANAGER_PASSWORD);
      await page.locator('tr[data-queue="certificates"] [data-testid="queue-issued"]').waitFor();
      return page;
    };

    // the live floor: waiting queues, counters calling and serving, a counter on a long break, a printer out of paper
    const manager = await signInManager('suzuki');
    await manager.locator('[data-alert^="counter_paused"]').waitFor();
    await manager.locator('[data-alert="printer:lobby"]').waitFor();
    await shootManager(manager, 'dashboard');

    // the month so far, with its charts
    await manager.locator('[data-tab="reports"]').click();
    await manager.getByTestId('report').waitFor();
    await manager.getByLabel('月報').check();
    await manager.getByTestId('report-show').click();
    await manager.getByTestId('chart-days').waitFor();
    await manager.getByTestId('report-days').waitFor();
    await shootManager(manager, 'report');

    // administration: the device tokens of the office
    for (const [kind, name] of [
      ['kiosk', '1F 発券機'],
      ['kiosk', '2F 発券機'],
      ['display', '1F 呼出表示盤'],
      ['display', '2F 呼出表示盤'],
      ['counter', '呼出ボタン 1〜4番'],
    ]) {
      mgr.auth.createDevice(SITE, kind, name);
    }
    mgr.auth.revokeDevice(SITE, mgr.auth.createDevice(SITE, 'kiosk', '旧発券機').id);
    const admin = await signInManager('yamada');
    await admin.locator('[data-tab="admin"]').click();
    await admin.locator('button[data-section="devices"]').click();
    await admin.getByLabel('無効にした端末も表示').check();
    await admin.locator('tr[data-device="旧発券機"]').waitFor();
    // a new kiosk's token: shown once, with the address to open on the kiosk
    await admin.getByLabel('名前（例：1F発券機）').fill('3F 発券機');
    await admin.getByRole('button', { name: '発行', exact: true }).click();
    await admin.getByTestId('device-token').waitFor();
    await shootManager(admin, 'admin');
  }

  for (const f of written) process.stdout.write(`${f.slice(root.length)}\n`);
} finally {
  for (const c of cleanups) await c();
}
