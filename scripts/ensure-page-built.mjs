#!/usr/bin/env node
// Builds a browser page (`kiosk`, `display`, …) with Vite when <page>/dist is missing or older
// than its sources (the page's own, and shared/src whose catalogues and types it bundles).
// Fast when up to date. Usage: node scripts/ensure-page-built.mjs <page>
// Used by `npm start`, the test run's global setup and the screenshot scripts.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const name = process.argv[2];
if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
  process.stderr.write('usage: node scripts/ensure-page-built.mjs <page>   (e.g. kiosk, display)\n');
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));
const page = join(root, name);
if (!existsSync(join(page, 'vite.config.ts'))) {
  process.stderr.write(`ensure-page-built: ${name}/vite.config.ts not found\n`);
  process.exit(2);
}

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = 0;
  for (const e of readdirSync(path)) t = Math.max(t, newest(join(path, e)));
  return t;
}

const sources = ['src', 'public', 'index.html', 'ticket.html', 'vite.config.ts', 'package.json'].map((p) => newest(join(page, p)));
for (const shared of ['shared/src', 'shared/web', 'scripts/lib/vite-page.ts']) sources.push(newest(join(root, shared)));
const built = join(page, 'dist/index.html');
if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources)) process.exit(0);

process.stdout.write(`madoguchi: building the ${name} page (vite build)…\n`);
const vite = join(root, 'node_modules/vite/bin/vite.js');
const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: page, stdio: 'inherit' });
process.exit(r.status ?? 1);
