#!/usr/bin/env node
// `npm run admin -- <command> …`: builds what is missing or out of date (like scripts/start.mjs),
// then runs the administration CLI (server/src/cli/admin.ts) in this process.
// In an image without sources (Docker), the existing build is used as is.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'server/dist/cli/admin.js');

// tests are not build inputs: tsc -b leaves the output untouched when only they changed
const NOT_BUILT = /\.test\.ts$|^test-support$/;

function newest(dir) {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (NOT_BUILT.test(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

/** a project whose sources changed after its last build (tsc -b rewrites its .tsbuildinfo) */
const stale = (project) => {
  const info = join(root, project, 'tsconfig.tsbuildinfo');
  return !existsSync(info) || newest(join(root, project, 'src')) > statSync(info).mtimeMs;
};

const tsc = join(root, 'node_modules/typescript/bin/tsc');
if (existsSync(tsc) && existsSync(join(root, 'server/src')) && (!existsSync(cli) || ['shared', 'printer', 'server'].some(stale))) {
  // stderr: stdout may carry a CSV export
  process.stderr.write('madoguchi: building (tsc -b)…\n');
  const r = spawnSync(process.execPath, [tsc, '-b'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (!existsSync(cli)) {
  process.stderr.write(`madoguchi admin: ${cli} is missing; run "npm run build" first\n`);
  process.exit(1);
}

const { runAdmin } = await import(cli);
process.exitCode = await runAdmin(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
});
