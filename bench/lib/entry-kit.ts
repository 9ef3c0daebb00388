/**
 * What the benchmarks' server processes (server-entry.ts, city-entry.ts) set up alike: a manual
 * clock that follows real time, and the staff whose bearer tokens the load generators use.
 */
import { performance } from 'node:perf_hooks';
import type { ManualClock } from '../../server/src/adapters/clock/manual-clock.js';
import type { Madoguchi } from '../../server/src/server.js';

/** Moves `clock` with real time every 50 ms, for benchmarks whose clients wait on real timers. */
export function followRealTime(clock: ManualClock): void {
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    clock.advance(now - last);
    last = now;
  }, 50).unref();
}

/** A clerk and a manager, signed in: their bearer tokens. */
export async function benchStaff(m: Madoguchi): Promise<{ clerk: string; manager: string }> {
  const password = 'bench-password-123';
  await Promise.all([m.auth.createUser('bench-clerk', password, 'clerk'), m.auth.createUser('bench-manager', password, 'manager')]);
  const [clerk, manager] = await Promise.all([m.auth.login('bench-clerk', password, 'bearer'), m.auth.login('bench-manager', password, 'bearer')]);
  return { clerk: clerk.token, manager: manager.token };
}
