import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inTime } from './in-time.js';

describe('inTime', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('answers with the work when it ends in time', async () => {
    await expect(inTime(Promise.resolve('sent'), 1_000)).resolves.toBe('sent');
  });

  it('answers timeout when the work has not ended by then, and a late failure goes nowhere', async () => {
    let fail: (e: Error) => void = () => undefined;
    const hanging = new Promise<string>((_resolve, reject) => (fail = reject));
    const answer = inTime(hanging, 1_000);
    await vi.advanceTimersByTimeAsync(999);
    let settled = false;
    void answer.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(answer).resolves.toBe('timeout');
    // rejected after the timeout: caught by inTime, so no unhandled rejection fails the run
    fail(new Error('LINE answered 500 at last'));
    await Promise.resolve();
  });

  it('passes a failure within the time on', async () => {
    await expect(inTime(Promise.reject(new Error('refused')), 1_000)).rejects.toThrow('refused');
  });
});
