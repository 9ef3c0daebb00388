/**
 * Worker for the concurrency test: its own connection to a shared database file, calling
 * "next" and completing at one counter until nothing waits. Starts when the barrier opens.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { QueueEngine } from '../app/queue-engine.js';
import { ManualClock } from '../adapters/clock/manual-clock.js';
import { SqliteDatabase } from '../adapters/sqlite/sqlite-database.js';
import { SqliteStore } from '../adapters/sqlite/sqlite-store.js';
import type { InstallationConfig } from '../domain/site.js';

const { file, config, counterId, barrier, now } = workerData as {
  now: string;
  file: string;
  config: InstallationConfig;
  counterId: string;
  barrier: SharedArrayBuffer;
};

const database = new SqliteDatabase({ file, busyTimeoutMs: 10_000 });
const store = new SqliteStore(database);
const engine = new QueueEngine({ store, clock: new ManualClock(now), config, newToken: () => 'unused' });
const actor = { kind: 'clerk' as const, id: `clerk-${counterId}` };

// [0] start flag, [1] ready count, [2] never set: a 1 ms pause, [3] workers past their first call
const gate = new Int32Array(barrier);
Atomics.add(gate, 1, 1);
Atomics.wait(gate, 0, 0);

const called: number[] = [];
for (;;) {
  const t = engine.callNext('naka', counterId, actor);
  if (!t) break;
  called.push(t.id);
  engine.complete('naka', counterId, actor);
  // both connections get a call before the race goes on: on a busy machine one connection's
  // busy handler (sleeping up to 100 ms between tries) could otherwise miss every gap of the other
  if (called.length === 1) {
    const past = Atomics.add(gate, 3, 1) + 1;
    if (past < 2) Atomics.wait(gate, 3, past, 10_000);
    else Atomics.notify(gate, 3);
  }
  // let the other connection in between two calls, as a clerk's work would
  Atomics.wait(gate, 2, 0, 1);
}
database.close();
parentPort?.postMessage(called);
