import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { KIOSK, MONDAY_10, config, harness, openCounters, site } from '../../test-support/fixtures.js';

const BOOT = new URL('../../test-support/ts-worker.mjs', import.meta.url);
const ENTRY = new URL('../../test-support/call-worker.ts', import.meta.url).href;

function runWorker(file: string, counterId: string, barrier: SharedArrayBuffer): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const w = new Worker(BOOT, {
      workerData: { entry: ENTRY, now: MONDAY_10, file, config: config(site('naka', { demo: true })), counterId, barrier },
      execArgv: ['--conditions=source'],
    });
    w.once('message', resolve);
    w.once('error', reject);
    w.once('exit', (code) => code !== 0 && reject(new Error(`worker exited ${code}`)));
  });
}

describe('two connections to one database file', () => {
  it('calling next at once never get the same ticket', async () => {
    const file = `${mkdtempSync(`${tmpdir()}/madoguchi-conc-`)}/m.db`;
    const h = harness({ file, config: config(site('naka', { demo: true })) });
    openCounters(h, 'naka', ['1', '2']);
    const issued = Array.from({ length: 200 }, () => h.engine.takeTicket('naka', { queue: 'certificates' }, KIOSK).ticket.id);
    h.close();

    const barrier = new SharedArrayBuffer(16);
    const gate = new Int32Array(barrier);
    const runs = [runWorker(file, '1', barrier), runWorker(file, '2', barrier)];
    // release both workers together once both are ready
    let failed: unknown = null;
    for (const r of runs) r.catch((e: unknown) => (failed = e));
    while (Atomics.load(gate, 1) < 2 && failed === null) await new Promise((r) => setTimeout(r, 5));
    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
    const [a = [], b = []] = await Promise.all(runs);

    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    expect([...a, ...b].sort((x, y) => x - y)).toEqual(issued);

    const after = harness({ file, config: config(site('naka', { demo: true })) });
    const states = after.store.ticketsOfDay('naka', after.engine.status('naka').businessDate).map((t) => t.state);
    expect(new Set(states)).toEqual(new Set(['done']));
    const calls = after.store.events('naka').filter((e) => e.type === 'ticket:called');
    expect(new Set(calls.map((e) => e.ticketId)).size).toBe(200);
    after.close();
  });
});
