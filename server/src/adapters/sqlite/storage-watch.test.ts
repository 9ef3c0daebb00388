import { describe, expect, it } from 'vitest';
import { diskFullError, recordingLog } from '../../test-support/disk-full.js';
import { StorageWatch } from './storage-watch.js';

function watch(free: { bytes: number }) {
  const timers: Array<() => void> = [];
  const log = recordingLog();
  const w = new StorageWatch({
    freeBytes: () => free.bytes,
    resumeBytes: 1000,
    every: (fn) => {
      timers.push(fn);
      return () => timers.splice(timers.indexOf(fn), 1);
    },
  });
  w.attach({ log, now: () => Date.parse('2026-04-06T01:00:00Z') });
  return { w, log, timers };
}

describe('StorageWatch', () => {
  it('logs a full disk once per spell however many writes it refuses, and ignores other errors', () => {
    const free = { bytes: 10 };
    const { w, log } = watch(free);
    expect(w.failed(Object.assign(new Error('busy'), { code: 'SQLITE_BUSY' }), 'x')).toBe(false);
    expect(w.full).toBe(false);
    for (let i = 0; i < 50; i++) expect(w.failed(diskFullError(), 'ticket')).toBe(true);
    expect(log.errors()).toHaveLength(1);
    expect(w.condition()).toEqual({ store: 'full', since: '2026-04-06T01:00:00.000Z', refused: 50 });
  });

  it('ends the spell when the disk has room again, on its retry timer, and runs the writes that waited', () => {
    const free = { bytes: 10 };
    const { w, log, timers } = watch(free);
    w.failed(diskFullError(), 'audit log');
    const done: string[] = [];
    w.whenWritable(() => done.push('audit'));
    w.whenWritable(() => done.push('print outcome'));
    expect(timers).toHaveLength(1);
    timers[0]?.(); // still full
    expect(w.full).toBe(true);
    expect(done).toEqual([]);
    free.bytes = 5000;
    timers[0]?.();
    expect(w.full).toBe(false);
    expect(done).toEqual(['audit', 'print outcome']);
    expect(timers).toHaveLength(0);
    expect(log.lines.map((l) => l.level)).toEqual(['error', 'info']);
    // a write that waits while there is room runs at once
    w.whenWritable(() => done.push('now'));
    expect(done.at(-1)).toBe('now');
  });

  it('a waiting write that finds the disk full again starts a new spell instead of throwing', () => {
    const free = { bytes: 10 };
    const { w, log, timers } = watch(free);
    w.failed(diskFullError(), 'x');
    w.whenWritable(() => {
      throw diskFullError();
    });
    free.bytes = 5000;
    expect(() => timers[0]?.()).not.toThrow();
    expect(w.full).toBe(true);
    expect(log.errors()).toHaveLength(2);
  });
});
