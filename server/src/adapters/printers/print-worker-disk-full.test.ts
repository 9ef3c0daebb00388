/**
 * The print worker on a full disk (issue #13 item 1): a slip printed while its outcome cannot be
 * stored keeps the outcome in memory (else the job stays pending and prints again after a
 * restart) and stores it once there is room; printer health that cannot be stored is not an
 * error line per poll.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PrinterTransport } from '@madoguchi/printer';
import { EventBus } from '../../app/event-bus.js';
import type { PrinterDef } from '../../domain/site.js';
import { diskFullError, recordingLog } from '../../test-support/disk-full.js';
import { config, harness, KIOSK, site, type Harness } from '../../test-support/fixtures.js';
import { StorageWatch } from '../sqlite/storage-watch.js';
import { PrintWorker } from './print-worker.js';

const lobby: PrinterDef = { id: 'lobby', name: 'lobby', transport: { kind: 'file', path: '/dev/null' }, model: 'epson', paperWidthMm: 80, kanji: true };

/** the print queue works on promises: a few turns of the event loop, bounded */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000 && !cond(); i++) await new Promise((r) => setImmediate(r));
  if (!cond()) throw new Error(`never happened: ${what}`);
}

let h: Harness | undefined;
let worker: PrintWorker | undefined;
afterEach(async () => {
  await worker?.close();
  h?.close();
});

describe('the print worker on a full disk', () => {
  it('keeps a printed slip’s outcome until there is room, then stores it once', async () => {
    const bus = new EventBus();
    h = harness({ config: config(site('naka', { demo: true, printers: [lobby], defaultPrinter: 'lobby' })) });
    h.engine.deps.publisher = bus;
    const disk = { full: true, free: 0 };
    const timers: Array<() => void> = [];
    const storage = new StorageWatch({ freeBytes: () => disk.free, resumeBytes: 1, every: (fn) => (timers.push(fn), () => timers.splice(0)) });
    const log = recordingLog();
    storage.attach({ log });
    const printed: Uint8Array[] = [];
    const transport: PrinterTransport = {
      send: (bytes) => (printed.push(bytes), Promise.resolve()),
      status: () => Promise.resolve({ state: 'ok' as const, at: new Date(0).toISOString() }),
      close: () => Promise.resolve(),
    };
    const engine = h.engine;
    const real = engine.printOutcome;
    vi.spyOn(engine, 'printOutcome').mockImplementation((...args) => {
      if (disk.full) throw diskFullError();
      return real(...args);
    });
    worker = new PrintWorker({ engine, bus, config: engine.deps.config, log, storage, transportFor: () => transport, pollMs: 0 });
    worker.start();

    const t = engine.takeTicket('naka', { queue: 'certificates' }, KIOSK);
    await until(() => printed.length === 1 && worker?.unrecordedOutcomes() === 1, 'the slip printed and its outcome kept');
    expect(engine.printJob('naka', t.print.job ?? 0)?.state).toBe('pending');
    expect(log.errors()).toHaveLength(1);

    disk.full = false;
    disk.free = 1 << 20;
    for (const fn of [...timers]) fn();
    expect(worker.unrecordedOutcomes()).toBe(0);
    expect(engine.printJob('naka', t.print.job ?? 0)?.state).toBe('printed');
    expect(printed).toHaveLength(1);
  });
});
