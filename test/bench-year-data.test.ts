/**
 * The benchmarks' year of tickets is bulk-written beside the engine (bench/lib/year-data.ts), so
 * this keeps the generator honest: over a few generated days, the engine's own reading of the
 * rows — its daily report, its replay of the event log, the database's integrity checks, and a
 * next ticket on the following day — agrees with what the generator says it wrote.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateYear, sampleSite, type YearData } from '../bench/lib/year-data.js';
import { ManualClock } from '../server/src/adapters/clock/manual-clock.js';
import { SqliteDatabase } from '../server/src/adapters/sqlite/sqlite-database.js';
import { SqliteStore } from '../server/src/adapters/sqlite/sqlite-store.js';
import { QueueEngine } from '../server/src/app/queue-engine.js';
import { loadConfig } from '../server/src/config-file.js';
import { replayTickets } from '../server/src/domain/replay.js';
import { stats } from '../server/src/domain/report.js';
import { zonedInstant } from '../server/src/domain/time.js';
import type { EventRow } from '../server/src/ports/event-log.js';
import { harness } from '../server/src/test-support/fixtures.js';

let dir: string;
let year: Omit<YearData, 'cached'>;
let database: SqliteDatabase;
let store: SqliteStore;
let engine: QueueEngine;
let clock: ManualClock;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bench-year-'));
  // 3 business days from Friday 2025-04-04 (with a weekend between), lighter than a real day to stay quick
  year = generateYear(join(dir, 'year.db'), { from: '2025-04-04', businessDays: 3, ticketsPerDay: 900 });
  database = new SqliteDatabase({ file: year.file });
  store = new SqliteStore(database);
  clock = new ManualClock('2025-04-09T01:00:00Z'); // Wednesday 10:00 JST, the next business day
  engine = new QueueEngine({ store, clock, config: loadConfig(undefined), newToken: () => `t-${Math.random().toString(36).slice(2)}` });
});

afterAll(() => {
  database?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the benchmark year generator', () => {
  it('writes the business days it reports, skipping the weekend', () => {
    expect(year.days.map((d) => d.date)).toEqual(['2025-04-04', '2025-04-07', '2025-04-08']);
    expect(year.tickets).toBe(year.days.reduce((n, d) => n + d.issued, 0));
    expect(year.days.every((d) => d.issued > 800 && d.served > 0.9 * d.issued)).toBe(true);
  });

  it('leaves a database that passes SQLite integrity and foreign-key checks, with one gapless event sequence', () => {
    expect(database.connection.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(database.connection.pragma('foreign_key_check')).toEqual([]);
    const seq = database.connection.prepare('SELECT count(*) AS n, max(seq) AS last FROM events').get() as { n: number; last: number };
    expect(seq).toEqual({ n: year.events, last: year.events });
    expect(store.siteDay('naka')).toEqual({ businessDate: '2025-04-08', seq: year.events });
    expect(database.connection.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it("gives the engine's daily report the figures the generator wrote", () => {
    for (const day of year.days) {
      const r = engine.dailyReport('naka', day.date);
      expect(r.issued, day.date).toBe(day.issued);
      expect(r.served).toBe(day.served);
      expect(r.noShows).toBe(day.noShows);
      expect(r.arrivalsByHour).toEqual(day.arrivalsByHour);
      for (const q of day.queues) {
        const got = r.queues.find((x) => x.queue === q.queue);
        expect(got, `${day.date} ${q.queue}`).toMatchObject({
          issued: q.issued,
          served: q.served,
          noShows: q.noShows,
          cancelled: q.cancelled,
          expired: 0,
          transfersIn: q.transfersIn,
          waits: stats(q.waits),
          serviceTimes: stats(q.serviceTimes),
        });
      }
      expect(day.queues.some((q) => q.transfersIn > 0 && q.noShows > 0 && q.cancelled > 0)).toBe(true);
    }
  });

  it('writes only event shapes the engine itself writes (type, states, actor, columns, data keys)', () => {
    const generated = new Set(store.events('naka').map(shape));
    const engineShapes = engineEventShapes();
    expect([...generated].filter((x) => !engineShapes.has(x))).toEqual([]);
    expect([...engineShapes].filter((x) => !generated.has(x))).toEqual([]);
  });

  it('stores tickets that are the projection of their event log', () => {
    for (const day of year.days) {
      const replayed = replayTickets(store.ticketEventsOfDay('naka', day.date));
      const tickets = store.ticketsOfDay('naka', day.date);
      expect(replayed.size).toBe(tickets.length);
      for (const t of tickets) {
        const r = replayed.get(t.id);
        expect(r, t.label).toEqual({
          id: t.id,
          label: t.label,
          queueId: t.queueId,
          serviceId: t.serviceId,
          state: t.state,
          counterId: t.counterId,
          sortKey: t.sortKey,
          recalls: t.recalls,
          priority: t.priority,
          lowCounter: t.lowCounter,
        });
      }
    }
  });

  it('lets the engine go on the next day: the day rolls over and the next ticket and call follow on', () => {
    const site = sampleSite();
    const issued = engine.takeTicket('naka', { queue: 'certificates' }, { kind: 'device', id: 'kiosk:1' });
    expect(issued.ticket.label).toBe(site.queues[0]?.numbering.first.toString());
    expect(issued.ticket.id).toBe(year.tickets + 1);
    expect(store.siteDay('naka')).toMatchObject({ businessDate: '2025-04-09' });
    engine.setCounterState('naka', '1', 'open', { kind: 'clerk', id: 'clerk01' }, { clerk: 'clerk01' });
    clock.set(zonedInstant('2025-04-09', 10 * 60 + 5, 'Asia/Tokyo'));
    expect(engine.callNext('naka', '1', { kind: 'clerk', id: 'clerk01' })?.label).toBe(issued.ticket.label);
  });
});

/** What an event looks like apart from its values. */
function shape(e: EventRow): string {
  const parts = [e.type, e.fromState, e.toState, e.actorKind, e.ticketId !== null, e.counterId !== null, e.queueId !== null, Object.keys(e.data).sort().join('+')];
  if (e.type === 'ticket:called') parts.push(`recall=${String(e.data.recall)}`);
  return parts.join(' ');
}

/** The shapes of every kind of event the generator writes, as a real engine writes them for the same actions. */
function engineEventShapes(): Set<string> {
  const h = harness({ config: loadConfig(undefined), now: '2026-04-06T00:00:00Z' });
  try {
    const clerk = { kind: 'clerk', id: 'clerk01' } as const;
    const kiosk = { kind: 'device', id: 'kiosk:1' } as const;
    const e = h.engine;
    e.rolloverDay('naka'); // main.ts's timer, just after midnight
    h.clock.advanceMinutes(8 * 60 + 40);
    for (const c of ['1', '5']) e.setCounterState('naka', c, 'open', clerk, { clerk: 'clerk01' });
    const take = () => {
      h.clock.advanceMinutes(1);
      const t = e.takeTicket('naka', { queue: 'certificates', service: 'juminhyo', language: 'ja', idempotencyKey: `k${h.clock.now().getTime()}` }, kiosk);
      if (t.print.job !== null) e.printOutcome('naka', t.print.job, { printed: true, attempts: 1 });
      return t;
    };
    const at = (c: string, f: () => unknown) => {
      h.clock.advanceMinutes(1);
      return f() ?? c;
    };
    take();
    at('1', () => e.callNext('naka', '1', clerk));
    at('1', () => e.recall('naka', '1', clerk));
    at('1', () => e.start('naka', '1', clerk));
    at('1', () => e.transfer('naka', '1', { queue: 'filings', service: 'move-in' }, clerk)); // from serving
    at('5', () => e.callNext('naka', '5', clerk));
    at('5', () => e.complete('naka', '5', clerk)); // from called
    take();
    at('1', () => e.callNext('naka', '1', clerk));
    at('1', () => e.transfer('naka', '1', { queue: 'filings', service: 'move-in' }, clerk)); // from called
    at('5', () => e.callNext('naka', '5', clerk));
    at('5', () => e.start('naka', '5', clerk));
    at('5', () => e.complete('naka', '5', clerk)); // from serving
    take();
    at('1', () => e.callNext('naka', '1', clerk));
    at('1', () => e.noShow('naka', '1', clerk));
    const gone = take();
    at('1', () => e.cancel('naka', gone.ticket.id, clerk));
    for (const c of ['1', '5']) e.setCounterState('naka', c, 'closed', clerk);
    h.clock.advanceMinutes(24 * 60);
    e.rolloverDay('naka');
    return new Set(h.store.events('naka').map(shape));
  } finally {
    h.close();
  }
}
