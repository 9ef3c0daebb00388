// What the screenshot scripts share: up-to-date builds, the built server's pieces, Chromium's flags.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const out = join(root, 'docs/screenshots');

// Debian's Chromium as the project launches it (no sandbox as root, no background networking)
export { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';

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
