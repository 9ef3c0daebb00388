import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Tests that start the built server as a child process, or load a page, need an up-to-date build. */
export default function setup(): void {
  // a developer iterating on unit tests may skip the builds (the process and page tests then use the last build)
  if (process.env.MADOGUCHI_SKIP_BUILD === '1') return;
  const root = fileURLToPath(new URL('..', import.meta.url));
  // tsc -b, then the production bundle (server/dist/madoguchi.js) that the process tests start
  const r = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`server build failed:\n${r.stdout}${r.stderr}`);
  // the browser tests load the pages from <page>/dist, each rebuilt only when its sources changed
  for (const page of ['kiosk', 'display', 'counter', 'status', 'manager']) {
    const p = spawnSync(process.execPath, ['scripts/ensure-page-built.mjs', page], { cwd: root, encoding: 'utf8' });
    if (p.status !== 0) throw new Error(`${page} build failed:\n${p.stdout}${p.stderr}`);
  }
}
