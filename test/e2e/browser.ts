/**
 * Debian's Chromium driven by playwright-core (no browser download): headless, no sandbox (CI
 * runs as root), no background traffic. `chromium.launch` starts it on a fresh temporary
 * profile (user-data-dir) that Playwright deletes on close, and every `newContext()` is a clean,
 * incognito-like session (its own localStorage and cookies), so no state leaks between tests.
 */
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Portrait 1080×1920 kiosk screen, Japanese locale, Tokyo time (overridable). */
export async function kioskContext(browser: Browser, opts: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 1080, height: 1920 },
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    hasTouch: true,
    ...opts,
  });
}
