import type { Actor } from '@madoguchi/shared';
import { QueueEngine } from '../app/queue-engine.js';
import { ManualClock } from '../adapters/clock/manual-clock.js';
import { SqliteDatabase } from '../adapters/sqlite/sqlite-database.js';
import { SqliteStore } from '../adapters/sqlite/sqlite-store.js';
import { SqliteBookingStore } from '../adapters/sqlite/sqlite-booking-store.js';
import type { CounterDef, InstallationConfig, QueueDef, Schedule, SiteDef } from '../domain/site.js';
import type { SiteEvent } from '@madoguchi/shared';

/** Test fixtures: small sites built in code, an engine over a real SQLite store. */

export const WEEKDAY_HOURS: Schedule = {
  weekly: {
    mon: [['08:45', '17:15']],
    tue: [['08:45', '17:15']],
    wed: [['08:45', '17:15']],
    thu: [['08:45', '17:15']],
    fri: [['08:45', '17:15']],
  },
  extended: [],
  specialOpenings: [],
  closedDays: [],
  nationalHolidays: true,
  cutoffMinutes: 15,
};

export function queue(id: string, first: number, over: Partial<QueueDef> = {}): QueueDef {
  return {
    id,
    name: { ja: id, en: id },
    numbering: { prefix: '', first, last: first + 998, width: 4, wrap: false },
    services: [
      { id: `${id}-short`, name: { ja: '短', en: 'short' }, defaultServiceMinutes: 3 },
      { id: `${id}-long`, name: { ja: '長', en: 'long' }, defaultServiceMinutes: 20 },
    ],
    schedule: WEEKDAY_HOURS,
    defaultServiceMinutes: 5,
    transferPlacement: 'issue-time',
    priorityStreak: 3,
    recallsBeforeNoShow: 2,
    autoCompleteOnNext: false,
    alerts: { waitMinutes: 60, waiting: 30 },
    ...over,
  };
}

export function counter(id: string, queues: string[], over: Partial<CounterDef> = {}): CounterDef {
  return { id, name: { ja: `${id}番窓口`, en: `Counter ${id}` }, queues, lowCounter: false, ...over };
}

export function site(id: string, over: Partial<SiteDef> = {}): SiteDef {
  return {
    id,
    name: { ja: id, en: id },
    kind: 'ward-office',
    timeZone: 'Asia/Tokyo',
    demo: false,
    closedDays: [],
    specialOpenings: [],
    queues: [queue('certificates', 1001), queue('filings', 2001)],
    counters: [
      counter('1', ['certificates']),
      counter('2', ['certificates']),
      counter('3', ['filings'], { lowCounter: true }),
      counter('4', ['filings', 'certificates']),
    ],
    printers: [],
    kiosks: [],
    displays: [],
    buttons: [],
    defaultPrinter: null,
    alerts: { counterPausedMinutes: 20 },
    ...over,
  };
}

export const config = (...sites: SiteDef[]): InstallationConfig => ({ publicUrl: 'http://localhost:3000', sites });

/** Monday 2026-04-06 10:00 JST, a regular working day */
export const MONDAY_10 = '2026-04-06T01:00:00Z';

export const CLERK: Actor = { kind: 'clerk', id: 'tanaka' };
export const KIOSK: Actor = { kind: 'device', id: 'kiosk-1' };
export const MANAGER: Actor = { kind: 'manager', id: 'suzuki' };

export interface Harness {
  engine: QueueEngine;
  /** the connection (raw rows for assertions) */
  database: SqliteDatabase;
  store: SqliteStore;
  clock: ManualClock;
  events: SiteEvent[];
  close(): void;
}

let tokenCounter = 0;

export function harness(opts: { config?: InstallationConfig; file?: string; now?: string } = {}): Harness {
  const database = new SqliteDatabase({ file: opts.file ?? ':memory:' });
  const store = new SqliteStore(database);
  const clock = new ManualClock(opts.now ?? MONDAY_10);
  const events: SiteEvent[] = [];
  const engine = new QueueEngine({
    store,
    clock,
    config: opts.config ?? config(site('naka')),
    publisher: { publish: (e) => events.push(e) },
    newToken: () => `tok-${process.pid}-${++tokenCounter}-${Math.random().toString(36).slice(2)}`,
    bookings: new SqliteBookingStore(database),
  });
  return { engine, database, store, clock, events, close: () => database.close() };
}

/** Opens counters for calling. */
export function openCounters(h: Harness, siteId: string, ids: string[]): void {
  for (const id of ids) h.engine.setCounterState(siteId, id, 'open', CLERK, { clerk: 'tanaka' });
}
