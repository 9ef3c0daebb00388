#!/usr/bin/env node
// Screenshots of announcements in several languages (issue 15 item 3): the floor manager's
// announcement panel — one announcement shown with its languages, and an emergency being written
// in Japanese, English and やさしい日本語 with the other languages opened — and a Vietnamese kiosk
// covered by that emergency, which has no Vietnamese text: the Japanese with the やさしい日本語 one.
// Into docs/screenshots/manager-announcement-languages.png and kiosk-emergency-vi.png. It runs the
// built server in this process (server/dist, a ManualClock on a weekday morning, a throw-away data
// directory) and Debian's Chromium via playwright-core. Usage: node scripts/announce-screenshots.mjs
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, out, prepare, root, signIn } from './lib/screenshot-kit.mjs';

const { createMadoguchi, ManualClock, parseConfig, SAMPLE_CONFIG_TEXT } = await prepare('manager');
await prepare('kiosk');

const SITE = 'naka';
const MANAGER = { kind: 'manager', id: 'suzuki' };
const PASSWORD = 'screenshot-password';
/** Monday 2026-04-06 10:00 JST */
const MONDAY = '2026-04-06T01:00:00Z';
const EMERGENCY = {
  message: '地震が発生しました。係員の指示に従って、落ち着いて行動してください。',
  en: 'An earthquake has occurred. Please stay calm and follow the instructions of the staff.',
  'ja-easy': 'じしんが ありました。 おちついて、 かかりの ひとの いうことを きいて ください。',
};

const cleanups = [];
try {
  mkdirSync(out, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-announce-shots-'));
  const clock = new ManualClock(MONDAY);
  const m = await createMadoguchi({ dataDir: dir, config: parseConfig(SAMPLE_CONFIG_TEXT, 'sample-office.yaml'), clock, logger: false, pagesRoot: root, printing: false, buttons: false });
  cleanups.push(async () => {
    await m.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await m.auth.createUser('suzuki', PASSWORD, 'manager');
  const { token } = m.auth.createDevice(SITE, 'kiosk', 'kiosk-1');
  m.engine.postAnnouncement(
    SITE,
    { message: '本日は大変混み合っております。', severity: 'info', texts: { en: 'It is very busy today.', 'ja-easy': 'きょうは とても こんで います。' } },
    MANAGER,
  );
  const url = await m.app.listen({ port: 0, host: '127.0.0.1' });

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  cleanups.unshift(() => browser.close());
  const written = [];

  // the manager writes the emergency; the panel is shown before it is sent
  const desk = await (await browser.newContext({ viewport: { width: 1600, height: 1400 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' })).newPage();
  await signIn(desk, url, 'manager', 'suzuki', PASSWORD);
  const panel = desk.getByTestId('announcements');
  await panel.locator('li[data-announcement]').waitFor();
  await panel.getByLabel('本文（日本語）').fill(EMERGENCY.message);
  await panel.getByLabel('英語', { exact: true }).fill(EMERGENCY.en);
  await panel.getByLabel('やさしい日本語', { exact: true }).fill(EMERGENCY['ja-easy']);
  await panel.getByText('そのほかの言語').click();
  await panel.getByLabel('緊急（全画面に表示し、発券を停止）').check();
  await desk.evaluate('document.fonts.ready');
  const managerFile = join(out, 'manager-announcement-languages.png');
  await panel.screenshot({ path: managerFile });
  written.push(managerFile);

  // sent: a kiosk in Vietnamese shows the Japanese text with the やさしい日本語 one
  const kiosk = await (await browser.newContext({ viewport: { width: 1080, height: 1920 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', hasTouch: true })).newPage();
  await kiosk.goto(`${url}/kiosk/?token=${token}`);
  await kiosk.getByRole('button', { name: 'Tiếng Việt', exact: true }).click();
  await kiosk.locator('html[lang="vi-VN"]').waitFor();
  await panel.getByTestId('announce-post').click();
  await desk.getByTestId('confirm-emergency-confirm').click();
  await kiosk.getByTestId('emergency').waitFor();
  await kiosk.evaluate('document.fonts.ready');
  const kioskFile = join(out, 'kiosk-emergency-vi.png');
  await kiosk.screenshot({ path: kioskFile });
  written.push(kioskFile);

  for (const f of written) process.stdout.write(`${f.slice(root.length)}\n`);
} finally {
  for (const c of cleanups) await c();
}
