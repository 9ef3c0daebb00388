/**
 * Micro-benchmark: one takeTicket + one callNext (and the complete that frees the counter)
 * against the durable file store, next to its anchor — a raw better-sqlite3 transaction
 * with synchronous=FULL doing one insert — measured in the same run on the same disk.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { CLERK, KIOSK, config, counter, harness, openCounters, queue, site } from '../server/src/test-support/fixtures.js';

export interface Timing {
  n: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  perSecond: number;
}

function summarise(samples: number[]): Timing {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return { n: s.length, meanMs: mean, p50Ms: q(0.5), p99Ms: q(0.99), perSecond: 1000 / mean };
}

export function rawFullCommit(n: number): Timing {
  const dir = mkdtempSync(`${tmpdir()}/bench-raw-`);
  const db = new Database(`${dir}/raw.db`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, label TEXT NOT NULL, at TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (label, at) VALUES (?, ?)');
  const tx = db.transaction((i: number) => insert.run(String(i), '2026-04-06T01:00:00Z'));
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    tx.immediate(i);
    samples.push(performance.now() - t0);
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return summarise(samples);
}

export function takeAndCallPair(n: number): { pair: Timing; take: Timing; callNext: Timing } {
  const dir = mkdtempSync(`${tmpdir()}/bench-engine-`);
  const wide = { prefix: '', first: 1, last: 999_999, width: 6, wrap: false };
  const h = harness({
    file: `${dir}/m.db`,
    config: config(site('naka', { demo: true, queues: [queue('certificates', 1, { numbering: wide })], counters: [counter('1', ['certificates'])] })),
  });
  openCounters(h, 'naka', ['1']);
  const pair: number[] = [];
  const take: number[] = [];
  const call: number[] = [];
  for (let i = 0; i < n; i++) {
    h.clock.advance(1000);
    const t0 = performance.now();
    h.engine.takeTicket('naka', { queue: 'certificates' }, KIOSK);
    const t1 = performance.now();
    h.engine.callNext('naka', '1', CLERK, { confirmNoShow: true });
    const t2 = performance.now();
    pair.push(t2 - t0);
    take.push(t1 - t0);
    call.push(t2 - t1);
  }
  h.close();
  rmSync(dir, { recursive: true, force: true });
  return { pair: summarise(pair), take: summarise(take), callNext: summarise(call) };
}
