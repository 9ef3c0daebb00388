// Debian's Chromium as the project drives it (browser tests and screenshot scripts alike): plain
// JavaScript, so that the scripts run by node and the TypeScript tests import the same flags.

/** Debian's package (no browser download for playwright-core) */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, no sandbox (CI and the screenshot scripts run as root), no background traffic. */
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
