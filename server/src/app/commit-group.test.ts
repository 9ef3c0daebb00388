import { DomainError } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import { KIOSK, harness, type Harness } from '../test-support/fixtures.js';
import { CommitGroup } from './commit-group.js';
import { takeTicket } from './ticket-use-cases.js';

/** A group whose commit runs when the test says (the engine's runs on the next turn of the loop). */
function manualGroup(h: Harness): { group: CommitGroup; flushes: Array<() => void>; outerTransactions: () => number } {
  const flushes: Array<() => void> = [];
  let outer = 0;
  const store = h.store;
  const real = store.transaction.bind(store);
  store.transaction = <T>(fn: () => T): T => {
    if (!h.database.connection.inTransaction) outer++;
    return real(fn);
  };
  const group = new CommitGroup(h.engine.deps, (flush) => flushes.push(flush));
  return { group, flushes, outerTransactions: () => outer };
}

const take = (h: Harness, group: CommitGroup, queue: string, key?: string) =>
  group.run(() => takeTicket(h.engine.deps, 'naka', { queue, ...(key ? { idempotencyKey: key } : {}) }, KIOSK));

const labels = (h: Harness) => (h.database.connection.prepare('SELECT label FROM tickets ORDER BY id').all() as Array<{ label: string }>).map((r) => r.label);

describe('group commit of tickets taken in the same turn', () => {
  it('stores five tickets in one transaction and answers and publishes only after its commit', async () => {
    const h = harness();
    const { group, flushes, outerTransactions } = manualGroup(h);
    const answers = [0, 1, 2, 3, 4].map(() => take(h, group, 'certificates'));
    let answered = 0;
    for (const a of answers) void a.then(() => answered++);
    await Promise.resolve();
    expect(flushes).toHaveLength(1); // one commit scheduled for the whole turn
    expect(labels(h)).toEqual([]);
    expect(h.events).toEqual([]);
    expect(answered).toBe(0);

    flushes[0]?.();
    const issued = await Promise.all(answers);
    expect(outerTransactions()).toBe(1);
    expect(issued.map((r) => r.ticket.label)).toEqual(['1001', '1002', '1003', '1004', '1005']);
    expect(labels(h)).toEqual(['1001', '1002', '1003', '1004', '1005']);
    // each ticket saw those before it: people ahead grow one by one
    expect(issued.map((r) => r.ahead)).toEqual([0, 1, 2, 3, 4]);
    const pushed = h.events.filter((e) => e.type === 'ticket:issued');
    expect(pushed.map((e) => (e.type === 'ticket:issued' ? e.ticket.label : ''))).toEqual(['1001', '1002', '1003', '1004', '1005']);
    const seqs = h.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    h.close();
  });

  it('a refused ticket undoes only its own writes; the same Idempotency-Key twice in a group is one ticket', async () => {
    const h = harness();
    const { group, flushes } = manualGroup(h);
    // a refusal that comes after the ticket, its number and its event were written
    const realSave = h.store.saveIdempotencyKey.bind(h.store);
    h.store.saveIdempotencyKey = (...args) => {
      if (args[2] === 'refused-late') throw new DomainError('CONFLICT', 'refused after its writes');
      realSave(...args);
    };
    const a = take(h, group, 'certificates', 'tap-1');
    const refusedEarly = take(h, group, 'no-such-queue');
    const refusedLate = take(h, group, 'certificates', 'refused-late');
    const again = take(h, group, 'certificates', 'tap-1');
    const b = take(h, group, 'certificates');
    flushes[0]?.();
    await expect(refusedEarly).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(refusedLate).rejects.toMatchObject({ code: 'CONFLICT' });
    const [first, second, other] = await Promise.all([a, again, b]);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.ticket.id).toBe(first.ticket.id);
    // the late refusal's number 1002 was undone with the rest of its writes: the next ticket gets it
    expect(other.ticket.label).toBe('1002');
    expect(labels(h)).toEqual(['1001', '1002']);
    const issuedEvents = h.database.connection.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'ticket:issued'").get() as { n: number };
    expect(issuedEvents.n).toBe(2);
    expect(h.events.filter((e) => e.type === 'ticket:issued')).toHaveLength(2);
    h.close();
  });

  it('a failure other than a refusal ends the group there: those before commit, those after go into the next group', async () => {
    const h = harness();
    const { group, flushes, outerTransactions } = manualGroup(h);
    const realInsert = h.store.insertTicket.bind(h.store);
    let inserts = 0;
    h.store.insertTicket = (t) => {
      if (++inserts === 2) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      return realInsert(t);
    };
    const answers = [0, 1, 2].map(() => take(h, group, 'certificates').then((r) => r.ticket.label, (e: unknown) => e));
    flushes[0]?.();
    expect(flushes).toHaveLength(2); // the third put back into a group of its own
    flushes[1]?.();
    expect(group.counts).toEqual({ groups: 2, useCases: 3 });
    const [first, failed, third] = await Promise.all(answers);
    expect(first).toBe('1001');
    expect(failed).toMatchObject({ code: 'SQLITE_FULL' });
    expect(failed).not.toBeInstanceOf(DomainError);
    expect(third).toBe('1002');
    expect(labels(h)).toEqual(['1001', '1002']);
    expect(outerTransactions()).toBe(2);
    h.close();
  });

  it('when the commit fails, every ticket of the group fails, nothing is stored and nothing is published', async () => {
    const h = harness();
    const { group, flushes } = manualGroup(h);
    const wrapped = h.store.transaction;
    h.store.transaction = <T>(fn: () => T): T => {
      if (h.database.connection.inTransaction) return wrapped(fn);
      return wrapped(() => {
        fn();
        throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' }); // as a failing COMMIT would
      });
    };
    const answers = [0, 1].map(() => take(h, group, 'certificates'));
    const refused = take(h, group, 'no-such-queue');
    flushes[0]?.();
    for (const a of answers) await expect(a).rejects.toMatchObject({ code: 'SQLITE_IOERR' });
    await expect(refused).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(labels(h)).toEqual([]);
    expect(h.events).toEqual([]);
    // and the next group works
    h.store.transaction = wrapped;
    const next = take(h, group, 'certificates');
    flushes[1]?.();
    expect((await next).ticket.label).toBe('1001');
    h.close();
  });

  it('the engine groups the kiosk path on the next turn of the event loop', async () => {
    const h = harness();
    const issued = await Promise.all([0, 1, 2].map(() => h.engine.takeTicketGrouped('naka', { queue: 'certificates' }, KIOSK)));
    expect(issued.map((r) => r.ticket.label)).toEqual(['1001', '1002', '1003']);
    expect(h.events.filter((e) => e.type === 'ticket:issued')).toHaveLength(3);
    h.close();
  });
});
