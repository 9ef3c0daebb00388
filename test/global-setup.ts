import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Tests that start the built server as a child process need an up-to-date build. */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tsc -b failed:\n${r.stdout}${r.stderr}`);
}
