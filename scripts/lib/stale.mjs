// Whether a build output is out of date: the launchers (`npm start`, `npm run printer-sim`) and
// scripts/ensure-page-built.mjs rebuild only what is missing or older than its sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time under `path` (a file, or a folder walked through); 0 when missing. */
export function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = 0;
  for (const e of readdirSync(path)) t = Math.max(t, newest(join(path, e)));
  return t;
}

/** True when `output` is missing or older than anything under `sources`. */
export function isStale(output, sources) {
  return !existsSync(output) || Math.max(...sources.map(newest)) > statSync(output).mtimeMs;
}
