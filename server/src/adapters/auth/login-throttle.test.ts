import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/manual-clock.js';
import { LOGIN_THROTTLE_DEFAULTS, LoginThrottle } from './login-throttle.js';

const A = '198.51.100.1';
const B = '198.51.100.2';

/** n failed attempts (begun, never succeeded); the refusals seen */
function fail(t: LoginThrottle, address: string, username: string, n: number): Array<string | null> {
  const seen: Array<string | null> = [];
  for (let i = 0; i < n; i++) seen.push(t.begin(address, username)?.code ?? null);
  return seen;
}

describe('LoginThrottle', () => {
  it('after 4 free failures of a name from an address, waits 30 s, then doubles the wait up to 15 min', () => {
    const clock = new ManualClock('2026-12-07T01:00:00Z');
    const t = new LoginThrottle(clock);
    expect(fail(t, A, 'admin', 5)).toEqual([null, null, null, null, null]);
    expect(t.begin(A, 'admin')).toEqual({ code: 'LOCKED_OUT', retryAfterSeconds: 30 });
    // the same name from another address, and another name from this one, are not held up
    expect(t.begin(B, 'admin')).toBeNull();
    expect(t.begin(A, 'tanaka')).toBeNull();

    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const r = t.begin(A, 'admin');
      clock.advance((r?.retryAfterSeconds ?? 0) * 1000);
      waits.push(r?.retryAfterSeconds ?? 0);
      expect(t.begin(A, 'admin')).toBeNull(); // the wait passed: one more try, which fails
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it('a success from the address starts that name afresh', () => {
    const clock = new ManualClock('2026-12-07T01:00:00Z');
    const t = new LoginThrottle(clock);
    fail(t, A, 'tanaka', 4);
    expect(t.begin(A, 'tanaka')).toBeNull();
    t.succeeded(A, 'tanaka');
    expect(fail(t, A, 'tanaka', 5)).toEqual([null, null, null, null, null]);
  });

  it('forgets one failure per 15 minutes of a name, so typos spread over a day never add up', () => {
    const clock = new ManualClock('2026-12-07T01:00:00Z');
    const t = new LoginThrottle(clock);
    for (let i = 0; i < 40; i++) {
      expect(t.begin(A, 'tanaka')).toBeNull();
      clock.advanceMinutes(15);
    }
  });

  it('a spray of many names from one address waits too (RATE_LIMITED); other addresses do not', () => {
    const clock = new ManualClock('2026-12-07T01:00:00Z');
    const t = new LoginThrottle(clock);
    const free = LOGIN_THROTTLE_DEFAULTS.perAddress.free;
    for (let i = 0; i < free; i++) expect(t.begin(A, `user${i}`)).toBeNull();
    expect(t.begin(A, 'one-more')).toBeNull();
    expect(t.begin(A, 'and-another')).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 30 });
    expect(t.begin(B, 'and-another')).toBeNull();
  });

  it('holds at most maxEntries per table, however many addresses and names flood it', () => {
    const clock = new ManualClock('2026-12-07T01:00:00Z');
    const t = new LoginThrottle(clock, { maxEntries: 100 });
    for (let i = 0; i < 5000; i++) t.begin(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, `name-${i}`);
    expect(t.size).toBe(200);
    // the most recent entries are the ones kept
    const last = 4999;
    const address = `10.${(last >> 16) & 255}.${(last >> 8) & 255}.${last & 255}`;
    fail(t, address, `name-${last}`, 4);
    expect(t.begin(address, `name-${last}`)?.code).toBe('LOCKED_OUT');
  });
});
