#!/usr/bin/env node
// Screenshots of the lobby display, landscape 1920×1080 and portrait 1080×1920, with three
// counters calling together (the voice saying them in one announcement, marked), earlier calls,
// per-queue waits, an information announcement scrolling, an emergency, and the second line in
// Vietnamese, into docs/screenshots/display-*.png. It runs the built server in this process (server/dist,
// a ManualClock on a weekday morning, a throw-away data directory) and Debian's Chromium via
// playwright-core. Usage: node scripts/display-screenshots.mjs
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, out, prepare, root } from './lib/screenshot-kit.mjs';

const { createMadoguchi, ManualClock, parseConfig, SAMPLE_CONFIG_TEXT } = await prepare('display');

const SITE = 'naka';
const CLERK = { kind: 'clerk', id: 'tanaka' };
const MANAGER = { kind: 'manager', id: 'suzuki' };
const KIOSK = { kind: 'device', id: 'kiosk-0' };
/** Monday 2026-04-06 10:00 JST; the calls then take the morning to 10:44 */
const MONDAY = '2026-04-06T01:00:00Z';
const LANDSCAPE = { width: 1920, height: 1080 };
const PORTRAIT = { width: 1080, height: 1920 };
/** the counters that call together, after the morning's calls */
const TOGETHER = ['4', '5', '7'];

/**
 * A voice that never finishes its sentence, run in the page before its scripts: the announcement
 * of the three calls stays on, marked on the screen, while the picture is taken.
 */
const ENDLESS_VOICE = `
  const voices = [{ lang: 'ja-JP', name: 'ja', voiceURI: 'ja', localService: true, default: true }, { lang: 'en-US', name: 'en', voiceURI: 'en', localService: true, default: false }];
  Object.defineProperty(window, 'speechSynthesis', {
    configurable: true,
    value: { speaking: true, pending: false, paused: false, getVoices: () => voices, speak() {}, cancel() {}, pause() {}, resume() {}, addEventListener() {}, removeEventListener() {} },
  });
`;

/** A busy mid-morning: every counter open, people waiting, twenty-odd tickets called so far. */
function populate(m, clock) {
  const counters = ['1', '2', '3', '4', '5', '6', '7', '9'];
  for (const id of [...counters, '8', '10']) m.engine.setCounterState(SITE, id, 'open', CLERK, { clerk: `clerk-${id}` });
  const take = (queue, n) => {
    for (let i = 0; i < n; i += 1) m.engine.takeTicket(SITE, { queue }, KIOSK);
  };
  take('certificates', 34);
  take('filings', 12);
  take('insurance', 6);
  // serve and call in turn, so that the last calls go to various counters
  const order = ['1', '2', '5', '3', '9', '4', '6', '1', '2', '3', '7', '4', '1', '5', '2', '3', '9', '4', '1', '6', '2', '3'];
  for (const id of order) {
    clock.advanceMinutes(2); // service takes time: the estimates learn from it
    if (m.engine.counters(SITE).find((c) => c.id === id)?.currentTicket) m.engine.complete(SITE, id, CLERK);
    m.engine.callNext(SITE, id, CLERK);
    m.engine.start(SITE, id, CLERK);
  }
  m.engine.postAnnouncement(
    SITE,
    { message: '本日は大変混み合っております。番号札をお取りになり、番号が呼ばれるまでお待ちください。　Today is very busy: please take a ticket and wait for your number.', severity: 'info' },
    MANAGER,
  );
}

const cleanups = [];
try {
  mkdirSync(out, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-display-shots-'));
  const clock = new ManualClock(MONDAY);
  const m = await createMadoguchi({ dataDir: dir, config: parseConfig(SAMPLE_CONFIG_TEXT, 'sample-office.yaml'), clock, logger: false, pagesRoot: root, printing: false });
  cleanups.push(async () => {
    await m.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const url = await m.app.listen({ port: 0, host: '127.0.0.1' });
  const { token } = m.auth.createDevice(SITE, 'display', 'lobby-display-1');
  populate(m, clock);

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  cleanups.unshift(() => browser.close());
  const written = [];

  const shoot = async (viewport, name, { before, query = '&chime=off&voice=off', voice = false } = {}) => {
    const context = await browser.newContext({ viewport, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const page = await context.newPage();
    if (voice) await page.addInitScript(ENDLESS_VOICE);
    // the page's clock shows the server's (manual) time
    await page.clock.setFixedTime(clock.now());
    await page.goto(`${url}/display/?token=${token}${query}`);
    await page.getByTestId('display').waitFor();
    // the banner scrolls: stop it with its text at the start, so the picture shows it; a new call's blink is caught at rest
    await page.addStyleTag({ content: '.banner-text { animation: none !important; padding-left: 1.5vw !important; } .blink::after { animation: none !important; }' });
    if (before) await before(page);
    await page.getByTestId('latest-call').waitFor();
    await page.evaluate('document.fonts.ready');
    const file = join(out, `display-${name}.png`);
    await page.screenshot({ path: file });
    written.push(file);
    await context.close();
  };

  // three counters call together while the display is on: all three in the main area, said in one announcement
  await shoot(LANDSCAPE, 'three-calls', {
    query: '&chime=off&voice=on',
    voice: true,
    before: async (page) => {
      for (const id of TOGETHER) {
        m.engine.complete(SITE, id, CLERK);
        m.engine.callNext(SITE, id, CLERK);
      }
      await page.locator('[data-testid="calling"] [data-speaking="true"]').nth(TOGETHER.length - 1).waitFor();
    },
  });
  await shoot(LANDSCAPE, 'landscape');
  await shoot(PORTRAIT, 'portrait');
  await shoot(PORTRAIT, 'portrait-vi', { query: '&chime=off&voice=off&second=vi' });
  // an emergency covers the screen
  const id = m.engine.postAnnouncement(SITE, { message: '地震が発生しました。係員の指示に従って、落ち着いて行動してください。', severity: 'emergency' }, MANAGER);
  await shoot(LANDSCAPE, 'landscape-emergency', { before: (page) => page.getByTestId('emergency').waitFor() });
  m.engine.clearAnnouncement(SITE, id, MANAGER);

  for (const f of written) process.stdout.write(`${f.slice(root.length)}\n`);
} finally {
  for (const c of cleanups) await c();
}
