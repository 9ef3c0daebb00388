#!/usr/bin/env node
// The server's production build: `tsc -b` (every workspace's dist/), then the server in one file,
// server/dist/madoguchi.js, bundled by esbuild from tsc's output with our workspaces (shared,
// printer) and typebox inside and every other npm package left to Node. Node 20 loads ES modules
// one file at a time, and typebox alone is some 680 of them: about a third of a start
// (docs/adr/0005). Run by `npm run build`, `npm start`, the test run's set-up and the benchmarks:
//   node scripts/build-server.mjs      exit status 0 when built
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
/** what production runs */
const SERVER_BUNDLE = 'server/dist/madoguchi.js';
/** bare imports bundled in: our workspaces and typebox; everything else (native addons, CommonJS packages) stays external */
const INSIDE = /^(typebox(\/.*)?|@madoguchi\/(shared|printer)(\/.*)?)$/;

/** Builds; returns null when done, else what failed (tsc's or esbuild's complaint). */
async function buildServer({ echo = false } = {}) {
  const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b'], { cwd: root, encoding: 'utf8', stdio: echo ? 'inherit' : 'pipe' });
  if (tsc.status !== 0) return `tsc -b failed:\n${tsc.stdout ?? ''}${tsc.stderr ?? ''}`;
  try {
    await build({
      absWorkingDir: root,
      entryPoints: ['server/dist/main.js'],
      outfile: SERVER_BUNDLE,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'linked',
      logLevel: 'silent',
      plugins: [
        {
          name: 'npm-packages-external',
          setup(b) {
            b.onResolve({ filter: /^[^./]/ }, (args) => (INSIDE.test(args.path) ? undefined : { path: args.path, external: true }));
          },
        },
      ],
    });
  } catch (e) {
    return `esbuild failed: ${e instanceof Error ? e.message : String(e)}`;
  }
  return null;
}

const failed = await buildServer({ echo: process.argv.includes('--echo') });
if (failed) {
  process.stderr.write(`${failed}\n`);
  process.exit(1);
}
