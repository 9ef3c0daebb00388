// What the screenshot scripts share: up-to-date builds, the built server's pieces, Chromium's flags.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const out = join(root, 'docs/screenshots');

// Debian's Chromium as the project launches it (no sandbox as root, no background networking)
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';

export { CHROMIUM, CHROMIUM_ARGS };

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function run(args, what) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`screenshots: ${what} failed\n`);
    process.exit(r.status ?? 1);
  }
}

/** Builds the server (when stale) and the page, then loads what a script needs from server/dist. */
export async function prepare(page) {
  const serverMain = join(root, 'server/dist/server.js');
  const sources = ['shared/src', 'printer/src', 'server/src'].map((d) => newest(join(root, d)));
  if (!existsSync(serverMain) || Math.max(...sources) > statSync(serverMain).mtimeMs) run(['node_modules/typescript/bin/tsc', '-b'], 'tsc -b');
  run(['scripts/ensure-page-built.mjs', page], `the ${page} build`);
  const { createMadoguchi } = await import(serverMain);
  const { ManualClock } = await import(join(root, 'server/dist/adapters/clock/manual-clock.js'));
  const { parseConfig } = await import(join(root, 'server/dist/config-file.js'));
  const { SAMPLE_CONFIG_TEXT, TWO_SITE_CONFIG_TEXT } = await import(join(root, 'server/dist/sample-office.js'));
  return { createMadoguchi, ManualClock, parseConfig, SAMPLE_CONFIG_TEXT, TWO_SITE_CONFIG_TEXT };
}

/** Monday 2026-04-06 10:30 JST: the weekday morning the screenshots are taken on. */
export const MONDAY_MORNING = '2026-04-06T01:30:00Z';
/** the sample office's main site */
export const SITE = 'naka';
export const CLERK = { kind: 'clerk', id: 'tanaka' };
export const MANAGER = { kind: 'manager', id: 'suzuki' };
export const KIOSK = { kind: 'device', id: 'kiosk-0' };

/**
 * The built server (`kit` from `prepare`) on a throw-away data directory and a ManualClock at
 * MONDAY_MORNING, listening on loopback. Its closing and the directory's removal join `cleanups`,
 * which the script runs first to last when it ends.
 */
export async function startServer(kit, cleanups, { name, config, ...options }) {
  const dir = mkdtempSync(join(tmpdir(), `madoguchi-${name}-shots-`));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const m = await kit.createMadoguchi({ dataDir: dir, config, clock: new kit.ManualClock(MONDAY_MORNING), logger: false, pagesRoot: root, ...options });
  cleanups.unshift(() => m.close());
  const url = await m.app.listen({ port: 0, host: '127.0.0.1' });
  return { m, url };
}

/**
 * A mid-morning lobby at SITE, as the status and phone screenshots show it: six counters open,
 * 12 waiting for certificates, 6 for filings and 3 for insurance, one called at each counter, the
 * pension window paused. Returns `take(queue, service, language?)` for the ticket a shot follows.
 */
export function morningLobby(m) {
  const take = (queue, service, language) => m.engine.takeTicket(SITE, { queue, service, ...(language ? { language } : {}) }, KIOSK);
  for (const id of ['1', '2', '3', '5', '6', '9']) m.engine.setCounterState(SITE, id, 'open', MANAGER, { clerk: `clerk-${id}` });
  for (const [queue, service, n] of [['certificates', 'juminhyo', 12], ['filings', 'move-in', 6], ['insurance', 'kokuho', 3]]) {
    for (let i = 0; i < n; i += 1) take(queue, service);
  }
  for (const id of ['1', '2', '3', '5', '6', '9']) m.engine.callNext(SITE, id, CLERK);
  m.engine.setIssuing(SITE, { mode: 'paused', queue: 'insurance', reason: '一時停止' }, MANAGER);
  return take;
}

/**
 * Debian's Chromium for a script (closed with `cleanups`), and `shoot(page, name, opts)`, which
 * waits for the fonts and writes docs/screenshots/<name>.png; `written` lists the files.
 */
/** Signs in on a staff page (`app`: manager, counter) the way staff do: user name, password, サインイン. */
export async function signIn(page, url, app, username, password) {
  await page.goto(`${url}/${app}/`);
  await page.getByLabel('ユーザー名').fill(username);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'サインイン' }).click();
}

export async function launchShooter(cleanups) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  cleanups.unshift(() => browser.close());
  const written = [];
  const shoot = async (page, name, opts = {}) => {
    await page.evaluate('document.fonts.ready');
    const file = join(out, `${name}.png`);
    await page.screenshot({ path: file, ...opts });
    written.push(file);
  };
  return { browser, shoot, written };
}
