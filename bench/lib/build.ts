/** The production build (`tsc -b`, then the server bundle server/dist/madoguchi.js), as the test run's global setup makes it. */
import { spawnSync } from 'node:child_process';
import { ROOT } from './child.js';

let built: string | null | undefined;

/** Builds once per run; null when the build is good, else tsc's complaint. */
export function ensureBuilt(): string | null {
  if (built !== undefined) return built;
  const r = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT, encoding: 'utf8' });
  built = r.status === 0 ? null : `server build failed: ${(r.stdout + r.stderr).trim().split('\n').slice(0, 3).join(' ')}`;
  return built;
}
