/**
 * Page weight (docs/product.md §7: display and kiosk JavaScript ≤ 150 KB gzipped each): the JavaScript
 * of each built page (`<page>/dist`, rebuilt first when its sources changed), gzipped as a
 * server would send it. No anchor: the target is absolute.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './lib/child.js';
import { isMain, notMeasured, printSection, type Figure, type Section } from './lib/figures.js';

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? jsFiles(p) : f.endsWith('.js') ? [p] : [];
  });
}

export function measurePageSizes(pages: readonly string[] = ['display', 'kiosk']): Section {
  const figures: Figure[] = [];
  const notes: string[] = [];
  for (const page of pages) {
    const what = `${page} page JavaScript, gzipped`;
    const target = '≤ 150 KB';
    const build = spawnSync(process.execPath, ['scripts/ensure-page-built.mjs', page], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) {
      figures.push(notMeasured(what, target, `the page did not build (${(build.stdout + build.stderr).trim().split('\n')[0] ?? ''}).`));
      continue;
    }
    const files = jsFiles(join(ROOT, page, 'dist'));
    const raw = files.reduce((n, f) => n + statSync(f).size, 0);
    const gz = files.reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).byteLength, 0);
    const kb = gz / 1024;
    figures.push({
      what,
      value: `${kb.toFixed(1)} KB (${(raw / 1024).toFixed(0)} KB raw, ${files.length} file${files.length === 1 ? '' : 's'})`,
      anchor: '—',
      ratio: `${((kb / 150) * 100).toFixed(0)} % of the budget`,
      target,
      met: kb <= 150,
      why: kb <= 150 ? `${(150 - kb).toFixed(0)} KB to spare.` : `${(kb - 150).toFixed(0)} KB over: the bundle needs splitting or a lighter dependency.`,
    });
  }
  notes.push('Every `.js` file under `<page>/dist` (the Vite build `npm start` serves), gzip level 9; `scripts/ensure-page-built.mjs` rebuilds a page first when its sources are newer than its build.');
  return { title: 'Page weight', figures, notes };
}

if (isMain(import.meta.url)) printSection(measurePageSizes());
