/**
 * A real day of tickets becomes the forecast's input: tickets issued, called and completed through
 * the engine, counters opened and closed at known times, then the day rolls over and the row kept
 * in demand_days holds the arrivals per local hour, the service minutes of the completed tickets
 * per final queue, and the counter-hours each queue was given per hour (a counter serving two
 * queues counts half to each). Every expected figure is worked out here from the times below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@madoguchi/shared';
import { SITE, startServer, type TestServer } from './support/server.js';

const CLERK: Actor = { kind: 'clerk', id: 'tanaka' };
const KIOSK: Actor = { kind: 'device', id: 'kiosk' };
const MANAGER: Actor = { kind: 'manager', id: 'suzuki' };
const DAY = '2026-04-06'; // a Monday
/** a local (JST) time of DAY */
const at = (hh: number, mm: number) => Date.parse(`${DAY}T00:00:00Z`) + (hh - 9) * 3_600_000 + mm * 60_000;

let s: TestServer;

interface DemandRow {
  arrivals: number;
  hours: string;
  service_minutes: number;
  served: number;
  counter_hours: string;
  imported: number;
}

beforeAll(async () => {
  s = await startServer({ now: new Date(at(8, 50)).toISOString() });
  const e = s.m.engine;
  s.clock.set(at(9, 0));
  s.m.tick();
  e.setCounterState(SITE, '1', 'open', MANAGER); // certificates only
  s.clock.set(at(9, 5));
  e.takeTicket(SITE, { queue: 'certificates' }, KIOSK);
  s.clock.set(at(9, 10));
  e.takeTicket(SITE, { queue: 'certificates' }, KIOSK);
  // counter 1: the first ticket, started a minute after the call, 8 minutes at the counter
  s.clock.set(at(9, 20));
  e.callNext(SITE, '1', CLERK);
  s.clock.set(at(9, 21));
  e.start(SITE, '1', CLERK);
  s.clock.set(at(9, 29));
  e.complete(SITE, '1', CLERK);
  // counter 4 serves filings and certificates (no primary): half an hour to each
  s.clock.set(at(9, 30));
  e.setCounterState(SITE, '4', 'open', MANAGER);
  // counter 1: the second, never started: 10 minutes from the call
  e.callNext(SITE, '1', CLERK);
  s.clock.set(at(9, 40));
  e.complete(SITE, '1', CLERK);
  const filing = e.takeTicket(SITE, { queue: 'filings' }, KIOSK).ticket;
  s.clock.set(at(9, 45));
  e.callTicket(SITE, '4', filing.id, CLERK);
  s.clock.set(at(9, 57));
  e.complete(SITE, '4', CLERK); // 12 minutes
  // a third certificate waits until the day ends: an arrival, never served
  s.clock.set(at(10, 20));
  e.takeTicket(SITE, { queue: 'certificates' }, KIOSK);
  s.clock.set(at(11, 15));
  e.setCounterState(SITE, '1', 'closed', MANAGER);
  s.clock.set(at(12, 0));
  e.setCounterState(SITE, '4', 'closed', MANAGER);
  // the next morning: the day closes, its demand is kept and the forecast refits
  s.clock.set(at(24 + 8, 0));
  s.m.tick();
  await s.m.demand.idle();
});

afterAll(async () => {
  await s.close();
});

const row = (queue: string): DemandRow => {
  const r = s.m.database.connection
    .prepare('SELECT arrivals, hours, service_minutes, served, counter_hours, imported FROM demand_days WHERE site_id = ? AND business_date = ? AND queue_id = ?')
    .get(SITE, DAY, queue) as DemandRow | undefined;
  if (!r) throw new Error(`no demand row of ${queue} on ${DAY}`);
  return r;
};

const hours = (entries: Record<number, number>): number[] => Array.from({ length: 24 }, (_, h) => entries[h] ?? 0);

describe('a closed day’s demand, derived from its tickets and counters', () => {
  it('counts arrivals per queue and local hour', () => {
    expect(row('certificates').arrivals).toBe(3);
    expect(JSON.parse(row('certificates').hours)).toEqual(hours({ 9: 2, 10: 1 }));
    expect(row('filings').arrivals).toBe(1);
    expect(JSON.parse(row('filings').hours)).toEqual(hours({ 9: 1 }));
  });

  it('sums the minutes at the counter of the completed tickets', () => {
    expect(row('certificates').served).toBe(2);
    expect(row('certificates').service_minutes).toBeCloseTo(8 + 10, 6);
    expect(row('filings').served).toBe(1);
    expect(row('filings').service_minutes).toBeCloseTo(12, 6);
  });

  it('gives each queue the counter-hours of the counters serving it, a shared counter half to each', () => {
    // counter 1 (certificates) 09:00–11:15; counter 4 (both, half each) 09:30–12:00
    expect(JSON.parse(row('certificates').counter_hours)).toEqual(hours({ 9: 1 + 0.25, 10: 1 + 0.5, 11: 0.25 + 0.5 }));
    expect(JSON.parse(row('filings').counter_hours)).toEqual(hours({ 9: 0.25, 10: 0.5, 11: 0.5 }));
  });

  it('marks the day as live, not imported, and the forecast learned from it', async () => {
    expect(row('certificates').imported).toBe(0);
    const fit = s.m.database.connection.prepare('SELECT fit FROM forecast_fits WHERE site_id = ?').get(SITE) as { fit: string };
    const parsed = JSON.parse(fit.fit) as { asOf: string; historyDays: number };
    expect(parsed.asOf).toBe(DAY);
    expect(parsed.historyDays).toBe(1);
    const res = await s.app.inject({ method: 'GET', url: `/api/v1/sites/${SITE}/forecast?days=1` });
    expect(res.json<{ historyDays: number }>().historyDays).toBe(1);
  });
});
