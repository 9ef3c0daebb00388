/**
 * Child process for the crash test: issues tickets (and calls some) against a database file,
 * printing each label only after its transaction committed, until it is killed.
 */
import { QueueEngine } from '../app/queue-engine.js';
import { ManualClock } from '../adapters/clock/manual-clock.js';
import { SqliteDatabase } from '../adapters/sqlite/sqlite-database.js';
import { SqliteStore } from '../adapters/sqlite/sqlite-store.js';
import { config, site, MONDAY_10 } from './fixtures.js';

const file = process.argv[2];
if (!file) throw new Error('usage: issue-loop <db file>');
const database = new SqliteDatabase({ file });
const store = new SqliteStore(database);
const clock = new ManualClock(MONDAY_10);
let n = 0;
const engine = new QueueEngine({
  store,
  clock,
  config: config(site('naka', { demo: true })),
  newToken: () => `${process.pid}-${++n}-${Math.random().toString(36).slice(2)}`,
});
engine.setCounterState('naka', '1', 'open', { kind: 'clerk', id: 'c' });
for (let i = 0; ; i++) {
  clock.advance(1000);
  const t = engine.takeTicket('naka', { queue: i % 3 === 0 ? 'filings' : 'certificates' }, { kind: 'device', id: 'k' });
  process.stdout.write(`${t.ticket.label}\n`);
  if (i % 4 === 0) {
    const called = engine.callNext('naka', '1', { kind: 'clerk', id: 'c' }, { confirmNoShow: true });
    if (called) process.stdout.write(`called ${called.label}\n`);
  }
}
