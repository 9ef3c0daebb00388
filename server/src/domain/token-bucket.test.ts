import { describe, expect, it } from 'vitest';
import { takeToken, type Bucket } from './token-bucket.js';

const LIMIT = { perMinute: 30, burst: 10 };

function run(times: number[]): boolean[] {
  let b: Bucket | undefined;
  return times.map((t) => {
    const r = takeToken(b, LIMIT, t);
    b = r.bucket;
    return r.ok;
  });
}

describe('takeToken', () => {
  it('gives a burst, then one token per 60/perMinute seconds, and says how long to wait', () => {
    expect(run(Array.from({ length: 12 }, () => 0))).toEqual([...Array<boolean>(10).fill(true), false, false]);
    let b: Bucket | undefined;
    for (let i = 0; i < 10; i++) b = takeToken(b, LIMIT, 0).bucket;
    expect(takeToken(b, LIMIT, 0)).toMatchObject({ ok: false, retryAfterMs: 2000 });
    expect(takeToken(b, LIMIT, 1500)).toMatchObject({ ok: false, retryAfterMs: 500 });
    expect(takeToken(b, LIMIT, 2000).ok).toBe(true);
  });

  it('never holds more than the burst however long the device was idle', () => {
    expect(run([0, 3_600_000, ...Array.from({ length: 10 }, () => 3_600_000)]).filter(Boolean)).toHaveLength(11);
  });

  it('a clock set back neither refills nor drains the bucket, and refills from the new time on (no lock-out for the jump’s length)', () => {
    let b: Bucket | undefined;
    for (let i = 0; i < 10; i++) b = takeToken(b, LIMIT, 3_600_000).bucket;
    const back = takeToken(b, LIMIT, 0);
    expect(back.ok).toBe(false);
    expect(takeToken(back.bucket, LIMIT, 2000).ok).toBe(true);
  });
});
