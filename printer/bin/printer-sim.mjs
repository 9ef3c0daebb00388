#!/usr/bin/env node
// `npm run printer-sim`: builds the printer workspace when its output is missing or older than its
// sources, then runs the simulator in this process (so SIGTERM/SIGINT reach its shutdown directly).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStale } from '../../scripts/lib/stale.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const main = join(root, 'printer/dist/sim/main.js');

if (isStale(main, [join(root, 'printer/src')])) {
  process.stdout.write('printer-sim: building (tsc -b printer)…\n');
  const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'printer'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
await import(main);
