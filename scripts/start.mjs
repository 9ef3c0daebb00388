#!/usr/bin/env node
// `npm start`: builds what is missing or out of date, then runs the server in this process
// (so SIGTERM/SIGINT reach its graceful shutdown directly).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStale } from './lib/stale.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const main = join(root, 'server/dist/madoguchi.js');

if (isStale(main, ['shared/src', 'printer/src', 'server/src', 'server/migrations'].map((d) => join(root, d)))) {
  process.stdout.write('madoguchi: building (tsc -b, then the server bundle)…\n');
  const r = spawnSync(process.execPath, [join(root, 'scripts/build-server.mjs'), '--echo'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
// the pages (kiosk, display, counter console, status and phone page) are built by Vite, each only
// when missing or older than its sources
for (const page of ['kiosk', 'display', 'counter', 'status', 'manager']) {
  const r = spawnSync(process.execPath, [join(root, 'scripts/ensure-page-built.mjs'), page], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
await import(main);
