/** The production build (`tsc -b`: server/dist), as the test run's global setup makes it. */
import { spawnSync } from 'node:child_process';
import { ROOT } from './child.js';

let built: string | null | undefined;

/** Builds once per run; null when the build is good, else tsc's complaint. */
export function ensureBuilt(): string | null {
  if (built !== undefined) return built;
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b'], { cwd: ROOT, encoding: 'utf8' });
  built = r.status === 0 ? null : `tsc -b failed: ${(r.stdout + r.stderr).trim().split('\n').slice(0, 3).join(' ')}`;
  return built;
}
