/**
 * The history import of a ≈ 400,000-row log (issue 19, docs/history-import.md): the log is
 * generated to a temporary file by bench/lib/history-year.ts (scale 1.75, two fiscal years of the
 * sample office), then streamed over HTTP to `POST /api/v1/sites/naka/history` of a real server in
 * a child process (bench/lib/history-server.ts: createMadoguchi, real SQLite, a WAL fsync per day).
 * Measured: rows per second end to end (request sent → 202), the importing process's peak RSS
 * against its RSS before the import and the file's size (streaming: it must never hold the file),
 * and the refit that follows. Anchor, same run, same file: csv-parse alone reading it (the floor of
 * any import through that parser).
 *
 *   node --conditions=source --import tsx bench/history-import.ts
 */
import { fork } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { isMain, mb, ms, perS, printSection, times, type Section } from './lib/figures.js';
import type { HistoryServerMessage } from './lib/history-server.js';
import { writeHistoryYear } from './lib/history-year.js';

const SCALE = 1.75;
const ROWS_TARGET = 400_000;
/** peak RSS growth during the import at most this share of the file's size (it must stream) */
const RSS_SHARE_TARGET = 1;

/** csv-parse alone over the file: rows per second (the parser's floor). */
async function parseOnly(file: string): Promise<{ rows: number; ms: number }> {
  const t0 = performance.now();
  let rows = 0;
  for await (const _record of createReadStream(file).pipe(parse({ bom: true, columns: false, from_line: 2 }))) rows++;
  return { rows, ms: performance.now() - t0 };
}

function post(port: number, token: string, file: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/api/v1/sites/naka/history', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'content-length': statSync(file).size } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
}

interface ImportRun {
  rows: number;
  importMs: number;
  answer: { imported: number; skipped: number; days: string[] };
  idleRss: number;
  peakRss: number;
  refit: { ms: number; historyDays: number; peakRss: number };
}

/** One import into a fresh server in a child process (its heap capped at `heapMb` when given). */
async function importOnce(dir: string, file: string, heapMb?: number): Promise<Omit<ImportRun, 'rows'>> {
  const child = fork(fileURLToPath(new URL('./lib/history-server.ts', import.meta.url)), [join(dir, `data-${heapMb ?? 'default'}`)], {
    execArgv: ['--conditions=source', '--import', 'tsx', ...(heapMb ? [`--max-old-space-size=${heapMb}`] : [])],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const next = <K extends HistoryServerMessage['kind']>(kind: K): Promise<Extract<HistoryServerMessage, { kind: K }>> =>
    new Promise((resolve, reject) => {
      const on = (m: HistoryServerMessage) => {
        if (m.kind !== kind) return;
        child.off('message', on);
        child.off('exit', exited);
        resolve(m as Extract<HistoryServerMessage, { kind: K }>);
      };
      const exited = (code: number | null) => reject(new Error(`the importing server exited (${code})`));
      child.on('message', on);
      child.once('exit', exited);
    });
  try {
    const { port, token, idleRssKb } = await next('ready');
    const t0 = performance.now();
    const res = await post(port, token, file);
    const importMs = performance.now() - t0;
    if (res.status !== 202) throw new Error(`the import answered ${res.status}: ${res.body}`);
    const rss = next('rss');
    child.send({ kind: 'rss' });
    const { maxRssKb } = await rss;
    const refitted = next('refitted');
    child.send({ kind: 'refit' });
    const refit = await refitted;
    return {
      importMs,
      answer: JSON.parse(res.body) as ImportRun['answer'],
      idleRss: idleRssKb * 1024,
      peakRss: maxRssKb * 1024,
      refit: { ms: refit.ms, historyDays: refit.historyDays, peakRss: refit.maxRssKb * 1024 },
    };
  } finally {
    child.send({ kind: 'stop' });
    await new Promise((resolve) => {
      const timer = setTimeout(() => {
        child.kill();
        resolve(null);
      }, 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(null);
      });
    });
  }
}

/** the capped heap of the second run: proves the import streams (a held file would not fit) */
const CAPPED_HEAP_MB = 96;

export async function measureHistoryImport(): Promise<Section> {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-history-bench-'));
  const file = join(dir, 'old-system.csv');
  try {
    const rows = await writeHistoryYear(file, { scale: SCALE });
    const bytes = statSync(file).size;
    const run = await importOnce(dir, file);
    const capped = await importOnce(dir, file, CAPPED_HEAP_MB);
    const anchor = await parseOnly(file);
    const { answer, importMs } = run;
    const rate = answer.imported / (importMs / 1000);
    const parseRate = anchor.rows / (anchor.ms / 1000);
    const growth = Math.max(0, run.peakRss - run.idleRss);
    const cappedGrowth = Math.max(0, capped.peakRss - capped.idleRss);
    const streamed = cappedGrowth <= bytes * RSS_SHARE_TARGET && capped.answer.imported === rows;
    const allIn = answer.imported === rows && answer.skipped === 0;
    return {
      title: 'History import (過去ログ)',
      figures: [
        {
          what: `import of a ${Math.round(rows / 1000)}k-row log over HTTP (${mb(bytes)})`,
          value: `${perS(rate)} rows (${ms(importMs, 0)} for ${answer.imported.toLocaleString('en-US')} rows, ${answer.days.length} days)`,
          anchor: `csv-parse alone on the same file: ${perS(parseRate)} rows (${ms(anchor.ms, 0)})`,
          ratio: times(parseRate / rate),
          target: `≥ ${ROWS_TARGET.toLocaleString('en-US')} rows, every row imported`,
          met: rows >= ROWS_TARGET && allIn,
          why: allIn
            ? 'each day is validated, its figures derived and committed in its own transaction (one WAL fsync a day); the parse is a small part of the time.'
            : `only ${answer.imported} of ${rows} rows were imported.`,
        },
        {
          what: 'peak RSS of the importing server (default heap)',
          value: `${mb(run.peakRss)} (${mb(growth)} above its ${mb(run.idleRss)} before the import)`,
          anchor: `the file: ${mb(bytes)}`,
          ratio: `growth ${times(growth / bytes)} the file`,
          target: 'reported',
          met: null,
          why: 'V8 lets the heap grow while memory is plentiful and collects late: the run below shows how little the import needs.',
        },
        {
          what: `peak RSS of the importing server, heap capped at ${CAPPED_HEAP_MB} MB`,
          value: `${mb(capped.peakRss)} (${mb(cappedGrowth)} above its ${mb(capped.idleRss)} before); ${perS(capped.answer.imported / (capped.importMs / 1000))} rows`,
          anchor: `the file: ${mb(bytes)}`,
          ratio: `growth ${times(cappedGrowth / bytes)} the file`,
          target: `growth ≤ ${RSS_SHARE_TARGET}× the file (streamed, never held)`,
          met: streamed,
          why: streamed
            ? 'the body is parsed as it arrives and only a few days are held at once: with the heap capped the process grows by a fraction of the file, at about the same speed.'
            : 'the capped server could not import the file within the bound: something holds it whole.',
        },
        {
          what: 'a refit on the imported two years',
          value: `${ms(run.refit.ms, 0)} (fit on ${run.refit.historyDays} days and the last 8 weeks' backtest)`,
          anchor: '—',
          ratio: '—',
          target: 'reported',
          met: null,
          why: 'the refit after an import runs in the background after the 202; timed here once more alone, synchronously.',
        },
      ],
      notes: [
        `The log: bench/lib/history-year.ts at scale ${SCALE} (${rows.toLocaleString('en-US')} rows, ${mb(bytes)}, 2024-04-01 … 2026-03-31), streamed from disk with its Content-Length to a real server in a child process (bench/lib/history-server.ts) on a fresh data directory, twice: with Node's default heap, and with \`--max-old-space-size=${CAPPED_HEAP_MB}\`. Peak RSS is that process's \`process.resourceUsage().maxRSS\` right after the 202; "before" is the same figure once the server listens (it includes the TypeScript loader of the source build).`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) printSection(await measureHistoryImport());
