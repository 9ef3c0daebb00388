import { describe, expect, it } from 'vitest';
import { countersNeeded, erlangC, hourlyWaits, mmcWaitMinutes } from './forecast.js';

describe('Erlang C', () => {
  it('matches a case computed by hand: 10 tickets an hour, 10 minutes each, 2 counters', () => {
    // a = 10/60 × 10 = 5/3 erlangs; P(wait) = (a²/2!)(2/(2−a)) / (1 + a + (a²/2!)(2/(2−a))) = 25/3 ÷ 11
    expect(erlangC(2, 5 / 3)).toBeCloseTo(25 / 33, 10);
    // Wq = C × S / (c − a) = (25/33) × 10 / (1/3)
    expect(mmcWaitMinutes(10, 10, 2)).toBeCloseTo(250 / 11, 10);
  });

  it('is M/M/1 with one counter: P(wait) = ρ', () => {
    expect(erlangC(1, 0.6)).toBeCloseTo(0.6, 12);
    expect(mmcWaitMinutes(3, 12, 1)).toBeCloseTo((0.6 * 12) / (1 - 0.6), 12);
  });

  it('is unstable at or past the counters', () => {
    expect(erlangC(2, 2)).toBe(1);
    expect(mmcWaitMinutes(12, 10, 2)).toBe(Infinity);
    expect(mmcWaitMinutes(0, 10, 0)).toBe(0);
  });

  it('needs the fewest counters that meet the target', () => {
    // with 2 counters 22.7 min, with 3: a=5/3, C = ?, far below 20
    expect(countersNeeded(10, 10, 20)).toBe(3);
    expect(countersNeeded(10, 10, 30)).toBe(2);
    expect(countersNeeded(0, 10, 5)).toBe(0);
    for (const [l, s, t] of [[40, 12, 10], [90, 8, 5], [5, 30, 60]] as const) {
      const c = countersNeeded(l, s, t);
      expect(mmcWaitMinutes(l, s, c)).toBeLessThanOrEqual(t);
      expect(mmcWaitMinutes(l, s, c - 1)).toBeGreaterThan(t);
    }
  });
});

describe('a day hour by hour', () => {
  it('carries an overloaded hour into the next ones', () => {
    const staffed = { arrivals: 20, serviceMinutes: 10, counters: 4 };
    const lunch = { arrivals: 20, serviceMinutes: 10, counters: 2 }; // 12 an hour served, 8 left over
    const [a, b, c, d] = hourlyWaits([staffed, lunch, lunch, staffed]);
    expect(b!).toBeGreaterThan(a!);
    expect(c!).toBeGreaterThan(b!); // the backlog grows over the lunch hours
    expect(d!).toBeLessThan(c!); // and is worked off after
    expect(d!).toBeGreaterThan(a!);
  });

  it('is Erlang C in a stable hour with nothing carried', () => {
    expect(hourlyWaits([{ arrivals: 10, serviceMinutes: 10, counters: 2 }])).toEqual([Math.round((250 / 11) * 10) / 10]);
  });

  it('serves a part-open hour at its counters’ pace, for its open minutes only', () => {
    // 8:45–9:00: 3 counters for 15 minutes, 12-minute service → 3.75 served; 5 come, so 1.25 are carried
    const [first, second] = hourlyWaits([
      { arrivals: 5, serviceMinutes: 12, counters: 3, minutes: 15 },
      { arrivals: 0, serviceMinutes: 12, counters: 3 },
    ]);
    const random = mmcWaitMinutes(((3.75 * 0.95 * 60) / 15), 12, 3);
    expect(first).toBeCloseTo(Math.round((random + (0 + 1.25) / 2 / (3 / 12)) * 10) / 10, 5);
    // the next hour starts with that backlog and clears it
    expect(second).toBeCloseTo(Math.round(((1.25 + 0) / 2 / (3 / 12)) * 10) / 10, 5);
    // the same arrivals over a whole hour wait far less
    expect(hourlyWaits([{ arrivals: 5, serviceMinutes: 12, counters: 3 }])[0]!).toBeLessThan(first!);
  });

  it('has no wait without a counter, and none to tell when nobody comes', () => {
    expect(hourlyWaits([{ arrivals: 5, serviceMinutes: 10, counters: 0 }, { arrivals: 0, serviceMinutes: 10, counters: 0 }])).toEqual([null, null]);
    expect(hourlyWaits([{ arrivals: 0, serviceMinutes: 10, counters: 0 }])).toEqual([0]);
  });
});
