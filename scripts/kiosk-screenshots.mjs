#!/usr/bin/env node
// Screenshots of the kiosk's aids, landscape 1920×1080: larger text on the start screen
// (docs/screenshots/kiosk-large-text.png) and やさしい日本語 on the procedures of 証明発行, whose
// lines break only between words (kiosk-ja-easy.png). The other kiosk screenshots come from
// scripts/screenshots.mjs. It runs the built server in this process (server/dist, a ManualClock on
// a weekday morning, a throw-away data directory) and Debian's Chromium via playwright-core.
// Usage: node scripts/kiosk-screenshots.mjs [folder]   (default docs/screenshots)
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, CLERK, KIOSK, out as docs, prepare, SITE, startServer } from './lib/screenshot-kit.mjs';

const kit = await prepare('kiosk');

const LANDSCAPE = { width: 1920, height: 1080 };
const out = process.argv[2] ?? docs;

/** A mid-morning lobby: counters open, people waiting in each queue. */
function populate(m) {
  for (const id of ['1', '2', '3', '5', '6', '9']) m.engine.setCounterState(SITE, id, 'open', CLERK, { clerk: `clerk-${id}` });
  const take = (queue, service, n) => {
    for (let i = 0; i < n; i += 1) m.engine.takeTicket(SITE, { queue, service }, KIOSK);
  };
  take('certificates', 'juminhyo', 9);
  take('filings', 'move-in', 5);
  take('insurance', 'kokuho', 2);
}

const cleanups = [];
try {
  mkdirSync(out, { recursive: true });
  const { m, url } = await startServer(kit, cleanups, { name: 'kiosk', config: kit.parseConfig(kit.SAMPLE_CONFIG_TEXT, 'sample-office.yaml'), printing: false });
  const { token } = m.auth.createDevice(SITE, 'kiosk', 'kiosk-1');
  populate(m);

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  cleanups.unshift(() => browser.close());
  const written = [];

  const shoot = async (name, viewport, steps) => {
    const context = await browser.newContext({ viewport, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${url}/kiosk/?token=${token}`);
    await page.locator('button[data-queue="certificates"]:enabled').waitFor();
    await steps(page);
    await page.evaluate('document.fonts.ready');
    const file = join(out, `kiosk-${name}.png`);
    await page.screenshot({ path: file });
    written.push(file);
    await context.close();
  };

  await shoot('large-text', LANDSCAPE, async (page) => {
    await page.getByTestId('large-text').click();
    await page.locator('.large-text').waitFor();
  });
  await shoot('ja-easy', LANDSCAPE, async (page) => {
    await page.getByRole('button', { name: 'やさしい にほんご', exact: true }).click();
    await page.locator('[data-easy]').waitFor();
    await page.locator('button[data-queue="certificates"]').click();
    await page.locator('button[data-service="inkan"]').waitFor();
  });
  // with OUT given (a folder to look at), the aids in portrait too and with every option
  if (process.argv[2]) {
    for (const [name, viewport] of [
      ['portrait', { width: 1080, height: 1920 }],
      ['landscape', LANDSCAPE],
    ]) {
      await shoot(`${name}-large-easy`, viewport, async (page) => {
        await page.getByTestId('large-text').click();
        await page.getByRole('button', { name: 'やさしい にほんご', exact: true }).click();
      });
      await shoot(`${name}-large-easy-procedure`, viewport, async (page) => {
        await page.getByTestId('large-text').click();
        await page.getByRole('button', { name: 'やさしい にほんご', exact: true }).click();
        await page.locator('button[data-queue="certificates"]').click();
        await page.locator('button[data-service="inkan"]').waitFor();
      });
      await shoot(`${name}-large-pt-ticket`, viewport, async (page) => {
        await page.getByTestId('large-text').click();
        await page.getByRole('button', { name: 'Português', exact: true }).click();
        await page.locator('.option').first().click();
        await page.locator('.option').nth(1).click();
        await page.locator('button[data-queue="insurance"]').click();
        await page.locator('button[data-service="kokuho"]').click();
        await page.locator('button.done:enabled').waitFor();
      });
      await shoot(`${name}-ja`, viewport, async () => undefined);
    }
  }
  process.stdout.write(`kiosk screenshots: ${written.length} files in ${out}\n`);
} finally {
  for (const c of cleanups) await c();
}
