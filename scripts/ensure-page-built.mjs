#!/usr/bin/env node
// Builds a browser page (`kiosk`, `display`, …) with Vite when <page>/dist is missing or older
// than its sources (the page's own, and shared/src whose catalogues and types it bundles).
// Fast when up to date. Usage: node scripts/ensure-page-built.mjs <page>
// Used by `npm start`, the test run's global setup and the screenshot scripts.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStale } from './lib/stale.mjs';

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

const sources = ['src', 'public', 'index.html', 'ticket.html', 'booking.html', 'vite.config.ts', 'package.json'].map((p) => join(page, p));
sources.push(...['shared/src', 'shared/web', 'scripts/lib/vite-page.ts'].map((p) => join(root, p)));
if (!isStale(join(page, 'dist/index.html'), sources)) process.exit(0);

process.stdout.write(`madoguchi: building the ${name} page (vite build)…\n`);
const vite = join(root, 'node_modules/vite/bin/vite.js');
// always the production bundle (what ships, and what the page-weight benchmark measures): a build
// started from the test run would otherwise inherit its NODE_ENV=test and bundle React's development build
const env = { ...process.env, NODE_ENV: 'production' };
const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: page, stdio: 'inherit', env });
process.exit(r.status ?? 1);
