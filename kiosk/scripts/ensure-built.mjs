#!/usr/bin/env node
// Builds the kiosk page with Vite when kiosk/dist is missing or older than its sources (the
// page's own and shared/src, whose catalogues and types it bundles). Fast when up to date.
// Used by `npm start`, the test run's global setup and `npm run screenshots`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const page = join(root, 'kiosk');

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = 0;
  for (const e of readdirSync(path)) t = Math.max(t, newest(join(path, e)));
  return t;
}

const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((p) => newest(join(page, p)));
sources.push(newest(join(root, 'shared/src')));
const built = join(page, 'dist/index.html');
if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources)) process.exit(0);

process.stdout.write('madoguchi: building the kiosk page (vite build)…\n');
const vite = join(root, 'node_modules/vite/bin/vite.js');
const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: page, stdio: 'inherit' });
process.exit(r.status ?? 1);
