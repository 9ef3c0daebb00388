/**
 * Start-up with a year of tickets (docs/product.md §7: listening ≤ 1.5 s with ≈ 700,000 tickets): the
 * time from spawning `node server/dist/madoguchi.js` (the production build, the sample office) until it
 * prints "madoguchi is listening on", on a data directory holding a year — next to the same start
 * on an empty database (the anchor). Each data directory is started once first (the first start
 * of an empty one creates the administrator, and a year-old office has one), then timed three
 * times; the median counts. The database file is in the page cache, as on a server that runs.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DB_FILE } from '../server/src/server.js';
import { ensureBuilt } from './lib/build.js';
import { ROOT } from './lib/child.js';
import { isMain, mb, median, ms, notMeasured, printSection, times, type Section } from './lib/figures.js';
import { cachedYear, copyYearInto, type YearData } from './lib/year-data.js';

/** One start: ms until the "listening" line, then a graceful stop. */
async function startOnce(dataDir: string): Promise<number> {
  const env: Record<string, string | undefined> = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.CONFIG;
  delete env.MANUAL_CLOCK;
  const t0 = performance.now();
  const child = spawn(process.execPath, ['server/dist/madoguchi.js'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  try {
    return await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('madoguchi is listening on')) resolve(performance.now() - t0);
      });
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
      setTimeout(() => reject(new Error(`no "listening" within 60 s: ${out}`)), 60_000).unref();
    });
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(kill);
    }
  }
}

async function timedStarts(dataDir: string, n: number): Promise<{ first: number; runs: number[] }> {
  const first = await startOnce(dataDir);
  const runs: number[] = [];
  for (let i = 0; i < n; i++) runs.push(await startOnce(dataDir));
  return { first, runs };
}

export interface StartUpOptions {
  runs?: number;
  year?: YearData;
  /** a data directory already holding a copy of the year (run.ts shares one with the reports) */
  dataDir?: string;
  log?: (line: string) => void;
}

export async function measureStartUp(o: StartUpOptions = {}): Promise<Section> {
  const what = 'start-up with a year of tickets (node server/dist/madoguchi.js until listening)';
  const target = 'listening ≤ 1.5 s';
  const buildError = ensureBuilt();
  if (buildError) return { title: 'Start-up', figures: [notMeasured(what, target, `the production build failed (${buildError}).`)], notes: [] };
  const year = o.year ?? cachedYear({}, o.log);
  const runs = o.runs ?? 3;
  const empty = mkdtempSync(join(tmpdir(), 'bench-start-empty-'));
  const own = o.dataDir === undefined;
  const full = o.dataDir ?? mkdtempSync(join(tmpdir(), 'bench-start-year-'));
  try {
    const anchor = await timedStarts(empty, runs);
    const t0 = performance.now();
    if (own) copyYearInto(year, full, DB_FILE);
    const copyMs = performance.now() - t0;
    const withYear = await timedStarts(full, runs);
    const value = median(withYear.runs);
    const base = median(anchor.runs);
    const met = value <= 1500;
    const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
    // what two sets of starts on the same machine differ by anyway
    const noise = Math.max(spread(anchor.runs), spread(withYear.runs), 0.15 * base);
    return {
      title: 'Start-up',
      figures: [
        {
          what: `start-up with a year of tickets (${year.tickets.toLocaleString('en-US')} tickets, ${year.events.toLocaleString('en-US')} events, ${mb(year.bytes)})`,
          value: `${ms(value, 0)} (median of ${runs})`,
          anchor: `empty database: ${ms(base, 0)}`,
          ratio: times(value / base),
          target,
          met,
          why: met
            ? `start-up reads no history (migrations check, configuration sync, pending print jobs by index), so a year costs ${ms(Math.max(0, value - base), 0)} over an empty database.`
            : value - base > noise
              ? `a year adds ${ms(value - base, 0)} to the start, more than the runs' spread (${ms(noise, 0)}): something at start-up reads history.`
              : `the empty start itself takes ${ms(base, 0)} on this machine (loading the modules Node keeps outside the bundle, opening the database, parsing the configuration, starting the printer simulator); the year adds ${value > base ? ms(value - base, 0) : 'nothing'}, within the runs' spread (${ms(noise, 0)}).`,
        },
      ],
      notes: [
        `The year: fiscal 2025 of the sample office, ${year.businessDays} business days from ${year.from} to ${year.lastBusinessDay}, ${year.tickets.toLocaleString('en-US')} tickets with ${year.events.toLocaleString('en-US')} events, print jobs, idempotency keys and feedback (\`bench/lib/year-data.ts\`: ${year.templates} simulated days, two per month, copied to every business day with fresh tokens; ${year.cached ? `cached in bench/.cache, generated in ${(year.generatedMs / 1000).toFixed(1)} s` : `generated in this run in ${(year.generatedMs / 1000).toFixed(1)} s`}${own ? `; copied into the data directory in ${(copyMs / 1000).toFixed(1)} s` : ''}).`,
        `Each start: \`node server/dist/madoguchi.js\` with PORT=0, a fresh process, until its stdout says "madoguchi is listening on", then SIGTERM. First (untimed) start: empty ${ms(anchor.first, 0)} (creates the administrator and the demo devices), year ${ms(withYear.first, 0)} (the same, and rolls the business day over). Timed starts — empty: ${anchor.runs.map((r) => ms(r, 0)).join(', ')}; year: ${withYear.runs.map((r) => ms(r, 0)).join(', ')}.`,
      ],
    };
  } finally {
    rmSync(empty, { recursive: true, force: true });
    if (own) rmSync(full, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) printSection(await measureStartUp({ log: (l) => console.error(l) }));
