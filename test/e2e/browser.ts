/**
 * Debian's Chromium driven by playwright-core (no browser download), with the flags the screenshot
 * scripts use too (scripts/lib/chromium.mjs). `chromium.launch` starts it on a fresh temporary
 * profile (user-data-dir) that Playwright deletes on close, and every `newContext()` is a clean,
 * incognito-like session (its own localStorage and cookies), so no state leaks between tests.
 */
import { chromium, type Browser, type BrowserContextOptions } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/lib/chromium.mjs';

/** Launches Chromium with the project's flags and any `extraArgs` a test relies on. */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** A browser in a Japanese office: Japanese locale, Tokyo time. */
export const JAPAN = { locale: 'ja-JP', timezoneId: 'Asia/Tokyo' } as const satisfies BrowserContextOptions;

/** Portrait 1080×1920 kiosk screen, touch, Japanese locale, Tokyo time. */
export const KIOSK_SCREEN = { viewport: { width: 1080, height: 1920 }, ...JAPAN, hasTouch: true } as const satisfies BrowserContextOptions;
