import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '@madoguchi/shared';
import {
  CLERK,
  KIOSK,
  MANAGER,
  config,
  counter,
  harness,
  openCounters,
  queue,
  site,
  type Harness,
} from '../test-support/fixtures.js';

let h: Harness;
afterEach(() => h?.close());

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return undefined;
};
const errorOf = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
};

const take = (q = 'certificates', extra: Record<string, unknown> = {}) => h.engine.takeTicket('naka', { queue: q, ...extra }, KIOSK);

describe('takeTicket', () => {
  it('numbers each queue from its first number with its width and prefix', () => {
    h = harness({
      config: config(site('naka', { queues: [queue('certificates', 1001), queue('filings', 1, { numbering: { prefix: 'B-', first: 1, last: 999, width: 3, wrap: false } })] })),
    });
    expect(take().ticket.label).toBe('1001');
    expect(take().ticket.label).toBe('1002');
    expect(take('filings').ticket.label).toBe('B-001');
    expect(take('filings').ticket.label).toBe('B-002');
  });

  it('reports people ahead and an estimate from configured defaults before any data', () => {
    h = harness();
    take('certificates', { service: 'certificates-long' });
    const second = take('certificates');
    expect(second.ahead).toBe(1);
    // the 20-minute ticket ahead takes one of the planned counters (1, 2 and half of 4); another calls this one at once
    expect(second.estimatedWaitMinutes).toBe(0);
  });

  it('returns the first ticket again for a repeated idempotency key', () => {
    h = harness();
    const a = take('certificates', { idempotencyKey: 'tap-1' });
    const b = take('certificates', { idempotencyKey: 'tap-1' });
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.ticket.id).toBe(a.ticket.id);
    expect(b.token).toBe(a.token);
    expect(h.engine.ticketsOfToday('naka')).toHaveLength(1);
  });

  it('refuses an idempotency key reused for a different request', () => {
    h = harness();
    take('certificates', { idempotencyKey: 'tap-1' });
    expect(codeOf(() => take('filings', { idempotencyKey: 'tap-1' }))).toBe('IDEMPOTENCY_MISMATCH');
  });

  it('names the field of an unknown queue or service and writes nothing', () => {
    h = harness();
    const q = errorOf(() => take('passport'));
    expect([q.code, q.details.field]).toEqual(['NOT_FOUND', 'queue']);
    const s = errorOf(() => take('certificates', { service: 'filings-long' }));
    expect([s.code, s.details.field]).toEqual(['NOT_FOUND', 'service']);
    expect(h.engine.ticketsOfToday('naka')).toHaveLength(0);
    expect(codeOf(() => h.engine.takeTicket('nowhere', { queue: 'certificates' }, KIOSK))).toBe('NOT_FOUND');
  });

  it('refuses with NUMBERS_EXHAUSTED at the end of the range unless wrap is configured', () => {
    const numbering = { prefix: '', first: 1, last: 2, width: 1, wrap: false };
    h = harness({ config: config(site('naka', { queues: [queue('certificates', 1, { numbering })] , counters: [counter('1', ['certificates'])] })) });
    take();
    take();
    expect(codeOf(() => take())).toBe('NUMBERS_EXHAUSTED');
  });

  it('wraps only to numbers not active now', () => {
    const numbering = { prefix: '', first: 1, last: 3, width: 1, wrap: true };
    h = harness({ config: config(site('naka', { queues: [queue('certificates', 1, { numbering })], counters: [counter('1', ['certificates'])] })) });
    openCounters(h, 'naka', ['1']);
    take();
    take();
    take();
    h.engine.callNext('naka', '1', CLERK);
    h.engine.complete('naka', '1', CLERK); // 1 done; 2 and 3 still waiting
    expect(take().ticket.label).toBe('1');
    expect(codeOf(() => take())).toBe('NUMBERS_EXHAUSTED');
  });
});

describe('issuing rules', () => {
  it('refuses outside hours, at the cut-off, on closed days and when paused, with distinct codes and reasons', () => {
    h = harness({ now: '2026-04-06T08:30:00Z' }); // Monday 17:30 JST: after closing
    const outside = errorOf(() => take());
    expect([outside.code, outside.details.reason]).toEqual(['ISSUING_CLOSED', 'outside_hours']);
    expect(outside.details.nextOpening).toBe('2026-04-06T23:45:00.000Z'); // Tuesday 08:45 JST

    h.clock.set('2026-04-06T08:05:00Z'); // 17:05 JST, within the 15-minute cut-off
    const cutoff = errorOf(() => take());
    expect([cutoff.code, cutoff.details.reason]).toEqual(['ISSUING_CLOSED', 'cutoff']);

    h.clock.set('2026-04-29T01:00:00Z'); // 昭和の日, a Wednesday
    const holiday = errorOf(() => take());
    expect([holiday.code, holiday.details.reason]).toEqual(['ISSUING_CLOSED', 'closed_day']);

    h.clock.set('2026-04-30T01:00:00Z');
    expect(take().ticket.label).toBe('1001');
    h.engine.setIssuing('naka', { mode: 'paused', queue: 'certificates', reason: 'システム点検' }, MANAGER);
    const paused = errorOf(() => take());
    expect(paused.code).toBe('ISSUING_PAUSED');
    expect(paused.message).toContain('システム点検');
    expect(take('filings').ticket.label).toBe('2001'); // only that queue is paused
    h.engine.setIssuing('naka', { mode: 'paused', reason: null }, MANAGER);
    expect(codeOf(() => take('filings'))).toBe('ISSUING_PAUSED');
  });

  it('opens outside hours with the manual override (臨時受付) and returns to the schedule on auto', () => {
    h = harness({ now: '2026-04-11T01:00:00Z' }); // Saturday
    expect(codeOf(() => take())).toBe('ISSUING_CLOSED');
    h.engine.setIssuing('naka', { mode: 'open', queue: 'certificates' }, MANAGER);
    expect(take().ticket.label).toBe('1001');
    expect(h.engine.status('naka').queues.find((q) => q.id === 'certificates')?.issuing).toBe('open');
    h.engine.setIssuing('naka', { mode: 'auto', queue: 'certificates' }, MANAGER);
    expect(codeOf(() => take())).toBe('ISSUING_CLOSED');
  });

  it('stops issuing everywhere during an emergency announcement until it is cleared', () => {
    h = harness();
    const id = h.engine.postAnnouncement('naka', { message: '避難してください', severity: 'emergency' }, MANAGER);
    expect(codeOf(() => take())).toBe('EMERGENCY');
    expect(h.engine.status('naka').issuing).toBe('emergency');
    h.engine.clearAnnouncement('naka', id, MANAGER);
    expect(take().ticket.label).toBe('1001');
  });

  it('keeps demo sites open at any hour', () => {
    h = harness({ config: config(site('naka', { demo: true })), now: '2026-04-11T14:00:00Z' });
    expect(take().ticket.label).toBe('1001');
  });
});

describe('calling', () => {
  it('calls first-come, and two counters never get the same ticket', () => {
    h = harness();
    openCounters(h, 'naka', ['1', '2']);
    take();
    take();
    const a = h.engine.callNext('naka', '1', CLERK);
    const b = h.engine.callNext('naka', '2', CLERK, { confirmNoShow: true });
    expect([a?.label, b?.label]).toEqual(['1001', '1002']);
    expect(a?.counter).toBe('1');
    expect(h.engine.callNext('naka', '1', CLERK, { confirmNoShow: true })).toBeNull();
  });

  it('returns null when nothing waits for the counter, even if other queues wait', () => {
    h = harness();
    openCounters(h, 'naka', ['3']);
    take('certificates');
    expect(h.engine.callNext('naka', '3', CLERK)).toBeNull();
  });

  it('calls priority tickets first and a low counter prefers low-counter tickets', () => {
    h = harness();
    openCounters(h, 'naka', ['1', '3']);
    take('certificates');
    take('certificates', { priority: true });
    take('filings');
    take('filings', { lowCounter: true });
    expect(h.engine.callNext('naka', '1', CLERK)?.label).toBe('1002');
    expect(h.engine.callNext('naka', '3', CLERK)?.label).toBe('2002');
  });

  it('a multi-queue counter takes the longest-waiting ticket across its queues, or drains its primary queue first', () => {
    h = harness();
    openCounters(h, 'naka', ['4']);
    take('filings');
    take('certificates');
    expect(h.engine.callNext('naka', '4', CLERK)?.label).toBe('2001');
    h.engine.complete('naka', '4', CLERK);
    take('filings');
    h.engine.setCounterQueues('naka', '4', ['filings', 'certificates'], 'filings', MANAGER);
    expect(h.engine.callNext('naka', '4', CLERK)?.label).toBe('2002');
  });

  it('refuses to call at a closed or paused counter', () => {
    h = harness();
    take();
    expect(codeOf(() => h.engine.callNext('naka', '1', CLERK))).toBe('COUNTER_NOT_OPEN');
    openCounters(h, 'naka', ['1']);
    h.engine.setCounterState('naka', '1', 'paused', CLERK, { reason: '休憩' });
    expect(codeOf(() => h.engine.callNext('naka', '1', CLERK))).toBe('COUNTER_NOT_OPEN');
    expect(h.engine.counters('naka').find((c) => c.id === '1')).toMatchObject({ state: 'paused', reason: '休憩' });
  });

  it('calls a chosen waiting ticket out of order and records it', () => {
    h = harness();
    openCounters(h, 'naka', ['1']);
    take();
    const second = take();
    expect(h.engine.callTicket('naka', '1', second.ticket.id, CLERK).label).toBe('1002');
    const called = h.events.find((e) => e.type === 'ticket:called');
    expect(called).toMatchObject({ outOfOrder: true, counter: '1' });
    expect(codeOf(() => h.engine.callTicket('naka', '1', second.ticket.id, CLERK, { confirmNoShow: true }))).toBe('INVALID_TRANSITION');
  });
});

describe('the counter state machine', () => {
  it('refuses what makes no sense with clear codes', () => {
    h = harness();
    openCounters(h, 'naka', ['1']);
    expect(codeOf(() => h.engine.complete('naka', '1', CLERK))).toBe('NO_CURRENT_TICKET');
    expect(codeOf(() => h.engine.recall('naka', '1', CLERK))).toBe('NO_CURRENT_TICKET');
    take();
    take();
    h.engine.callNext('naka', '1', CLERK);
    h.engine.start('naka', '1', CLERK);
    expect(codeOf(() => h.engine.start('naka', '1', CLERK))).toBe('INVALID_TRANSITION');
    expect(codeOf(() => h.engine.noShow('naka', '1', CLERK))).toBe('INVALID_TRANSITION');
    expect(codeOf(() => h.engine.callNext('naka', '1', CLERK))).toBe('COUNTER_BUSY');
    expect(codeOf(() => h.engine.setCounterState('naka', '1', 'closed', CLERK))).toBe('COUNTER_BUSY');
    expect(h.engine.complete('naka', '1', CLERK).state).toBe('done');
  });

  it('completes the serving ticket on "next" when the queue auto-completes', () => {
    h = harness({ config: config(site('naka', { queues: [queue('certificates', 1001, { autoCompleteOnNext: true }), queue('filings', 2001)] })) });
    openCounters(h, 'naka', ['1']);
    const first = take();
    take();
    h.engine.callNext('naka', '1', CLERK);
    h.engine.start('naka', '1', CLERK);
    expect(h.engine.callNext('naka', '1', CLERK)?.label).toBe('1002');
    expect(h.engine.ticketsOfToday('naka').find((t) => t.id === first.ticket.id)?.state).toBe('done');
  });
});

describe('recall, no-show and reinstate', () => {
  it('asks before ending an un-recalled ticket as no-show, and ends it after enough recalls', () => {
    h = harness();
    openCounters(h, 'naka', ['1']);
    take();
    take();
    take();
    h.engine.callNext('naka', '1', CLERK);
    expect(codeOf(() => h.engine.callNext('naka', '1', CLERK))).toBe('CONFIRM_NO_SHOW');
    expect(h.engine.recall('naka', '1', CLERK).recalls).toBe(1);
    expect(codeOf(() => h.engine.callNext('naka', '1', CLERK))).toBe('CONFIRM_NO_SHOW');
    h.engine.recall('naka', '1', CLERK);
    expect(h.engine.callNext('naka', '1', CLERK)?.label).toBe('1002');
    expect(h.engine.ticketsOfToday('naka')[0]?.state).toBe('no_show');
    expect(h.engine.callNext('naka', '1', CLERK, { confirmNoShow: true })?.label).toBe('1003');
    expect(h.engine.ticketsOfToday('naka')[1]?.state).toBe('no_show');
  });

  it('recall announces again, also from serving', () => {
    h = harness();
    openCounters(h, 'naka', ['1']);
    take();
    h.engine.callNext('naka', '1', CLERK);
    h.engine.start('naka', '1', CLERK);
    const t = h.engine.recall('naka', '1', CLERK);
    expect([t.state, t.recalls]).toEqual(['called', 1]);
    expect(h.events.filter((e) => e.type === 'ticket:called').map((e) => (e.type === 'ticket:called' ? e.recall : null))).toEqual([false, true]);
  });

  it('a reinstated no-show goes to the front of its queue', () => {
    h = harness();
    openCounters(h, 'naka', ['1']);
    const first = take();
    take();
    take();
    h.engine.callNext('naka', '1', CLERK);
    h.engine.noShow('naka', '1', CLERK);
    h.engine.reinstate('naka', first.ticket.id, CLERK);
    expect(h.engine.ticketStatus(first.token)).toMatchObject({ state: 'waiting', ahead: 0 });
    expect(h.engine.callNext('naka', '1', CLERK)?.label).toBe('1001');
  });

  it('reinstates only no-shows of the same business day', () => {
    h = harness();
    openCounters(h, 'naka', ['1']);
    const first = take();
    expect(codeOf(() => h.engine.reinstate('naka', first.ticket.id, CLERK))).toBe('INVALID_TRANSITION');
    h.engine.callNext('naka', '1', CLERK);
    h.engine.noShow('naka', '1', CLERK);
    h.clock.advance(24 * 3600_000);
    expect(codeOf(() => h.engine.reinstate('naka', first.ticket.id, CLERK))).toBe('NOT_SAME_DAY');
  });
});

describe('transfer (回付)', () => {
  it('keeps the label and takes its place by original issue time', () => {
    h = harness();
    openCounters(h, 'naka', ['1', '3']);
    const citizen = take('certificates'); // 1001, issued first
    take('filings'); // 2001, issued after
    h.engine.callNext('naka', '1', CLERK);
    h.engine.start('naka', '1', CLERK);
    const moved = h.engine.transfer('naka', '1', { queue: 'filings', service: 'filings-long' }, CLERK);
    expect(moved).toMatchObject({ label: '1001', queue: 'filings', state: 'waiting', service: 'filings-long' });
    expect(h.engine.ticketStatus(citizen.token)).toMatchObject({ ahead: 0, queue: 'filings' });
    expect(h.engine.callNext('naka', '3', CLERK)?.label).toBe('1001');
    expect(h.engine.counters('naka').find((c) => c.id === '1')?.state).toBe('open');
  });

  it('enters at the front when the target queue is configured so', () => {
    h = harness({ config: config(site('naka', { queues: [queue('certificates', 1001), queue('filings', 2001, { transferPlacement: 'front' })] })) });
    openCounters(h, 'naka', ['1', '3']);
    take('filings');
    take('certificates');
    h.engine.callNext('naka', '1', CLERK);
    h.engine.transfer('naka', '1', { queue: 'filings' }, CLERK);
    expect(h.engine.callNext('naka', '3', CLERK)?.label).toBe('1001');
  });

  it('names the field of an unknown target', () => {
    h = harness();
    openCounters(h, 'naka', ['1']);
    take();
    h.engine.callNext('naka', '1', CLERK);
    expect(errorOf(() => h.engine.transfer('naka', '1', { queue: 'x' }, CLERK)).details.field).toBe('queue');
    expect(errorOf(() => h.engine.transfer('naka', '1', { queue: 'filings', service: 'certificates-short' }, CLERK)).details.field).toBe('service');
  });
});

describe('business day', () => {
  it('expires waiting and called tickets at the day change and restarts numbering', () => {
    h = harness();
    openCounters(h, 'naka', ['1']);
    take();
    take();
    h.engine.callNext('naka', '1', CLERK);
    h.clock.set('2026-04-07T00:00:00Z'); // Tuesday 09:00 JST
    expect(h.engine.rolloverDay('naka')).toBe('2026-04-07');
    const yesterday = h.store.ticketsOfDay('naka', '2026-04-06');
    expect(yesterday.map((t) => t.state)).toEqual(['expired', 'expired']);
    expect(h.engine.counters('naka').find((c) => c.id === '1')?.currentTicket).toBeNull();
    expect(take().ticket.label).toBe('1001');
    const rolled = h.events.find((e) => e.type === 'day:rolled-over' && e.businessDate === '2026-04-07');
    expect(rolled).toMatchObject({ businessDate: '2026-04-07', previousDate: '2026-04-06', expired: 2 });
  });

  it('a clock jumping back over midnight neither reopens yesterday nor reuses numbers', () => {
    h = harness({ config: config(site('naka', { demo: true })) });
    take();
    h.clock.set('2026-04-06T15:30:00Z'); // 00:30 JST Tuesday
    expect(take().ticket.label).toBe('1001');
    h.clock.set('2026-04-06T14:50:00Z'); // back to 23:50 JST Monday
    const t = take();
    expect([t.ticket.label, t.ticket.businessDate]).toEqual(['1002', '2026-04-07']);
  });
});

describe('a clock that jumps backwards', () => {
  it('never reorders a queue nor yields a negative duration', () => {
    h = harness();
    openCounters(h, 'naka', ['1']);
    take();
    h.clock.advance(-10 * 60_000);
    take(); // issued "earlier" by the wall clock, but after 1001
    h.clock.advance(-10 * 60_000);
    const first = h.engine.callNext('naka', '1', CLERK);
    expect(first?.label).toBe('1001');
    h.engine.start('naka', '1', CLERK);
    h.clock.advance(-5 * 60_000);
    h.engine.complete('naka', '1', CLERK);
    expect(h.engine.callNext('naka', '1', CLERK)?.label).toBe('1002');
    const samples = h.store.serviceSamples('naka', '2026-04-06', 10);
    expect(samples.every((s) => s.seconds >= 0)).toBe(true);
    expect(h.engine.status('naka').queues.every((q) => (q.estimatedWaitMinutes ?? 0) >= 0)).toBe(true);
  });
});

describe('events', () => {
  it('carry consecutive per-site sequence numbers and are published only after commit', () => {
    h = harness();
    openCounters(h, 'naka', ['1']);
    take();
    h.engine.callNext('naka', '1', CLERK);
    const seqs = h.events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
    const before = h.events.length;
    expect(codeOf(() => h.engine.complete('naka', '2', CLERK))).toBe('NO_CURRENT_TICKET');
    expect(h.events.length).toBe(before);
    expect(h.store.events('naka').map((e) => e.seq)).toEqual(h.store.events('naka').map((_, i) => i + 1));
  });

  it('a failed use case writes nothing: no ticket, no number, no event', () => {
    h = harness();
    h.engine.setIssuing('naka', { mode: 'paused' }, MANAGER);
    const before = h.store.siteDay('naka').seq;
    const published = h.events.length;
    expect(codeOf(() => take())).toBe('ISSUING_PAUSED');
    expect(h.store.siteDay('naka').seq).toBe(before);
    expect(h.events.length).toBe(published);
    expect(h.store.ticketsOfDay('naka', '2026-04-06')).toHaveLength(0);
    expect(h.store.queueDay('naka', 'certificates', '2026-04-06').lastNumber).toBeNull();
  });
});

describe('two sites in one store', () => {
  it('keep numbering, counters, events and sequences separate', () => {
    h = harness({
      config: config(site('naka'), site('naka-branch', { kind: 'branch', queues: [queue('certificates', 1001)], counters: [counter('1', ['certificates'])] })),
    });
    openCounters(h, 'naka', ['1']);
    openCounters(h, 'naka-branch', ['1']);
    expect(take().ticket.label).toBe('1001');
    expect(h.engine.takeTicket('naka-branch', { queue: 'certificates' }, KIOSK).ticket.label).toBe('1001');
    expect(take().ticket.label).toBe('1002');
    expect(h.engine.callNext('naka-branch', '1', CLERK)?.label).toBe('1001');
    expect(h.engine.status('naka-branch').queues[0]).toMatchObject({ waiting: 0, lastCalled: '1001' });
    expect(h.engine.status('naka').queues[0]).toMatchObject({ waiting: 2, lastCalled: null });
    expect(h.engine.counters('naka').find((c) => c.id === '1')?.currentTicket).toBeNull();
    const bySite = (s: string) => h.events.filter((e) => e.site === s).map((e) => e.seq);
    expect(bySite('naka')).toEqual(bySite('naka').map((_, i) => i + 1));
    expect(bySite('naka-branch')).toEqual(bySite('naka-branch').map((_, i) => i + 1));
    expect(codeOf(() => h.engine.reinstate('naka', h.engine.ticketsOfToday('naka-branch')[0]?.id ?? 0, CLERK))).toBe('NOT_FOUND');
  });
});

describe('runtime settings', () => {
  it('counter moves and issuing overrides survive a restart', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = `${mkdtempSync(`${tmpdir()}/madoguchi-`)}/m.db`;
    h = harness({ file });
    h.engine.setCounterQueues('naka', '1', ['filings'], null, MANAGER);
    h.engine.setCounterState('naka', '1', 'open', CLERK, { clerk: 'tanaka' });
    h.engine.setIssuing('naka', { mode: 'paused', queue: 'filings', reason: '点検' }, MANAGER);
    h.close();
    h = harness({ file });
    expect(h.engine.counters('naka').find((c) => c.id === '1')).toMatchObject({ queues: ['filings'], state: 'open', clerk: 'tanaka' });
    expect(h.engine.status('naka').queues.find((q) => q.id === 'filings')?.issuing).toBe('paused');
  });
});

describe('the schedule alone opening and closing issuing', () => {
  it('is pushed as issuing:changed carrying the queues’ new states', () => {
    h = harness({ now: '2026-04-05T23:40:00Z' }); // Monday 08:40 JST, before opening
    expect(h.engine.checkSchedule('naka')).toBe(false); // first look: only remembered
    h.clock.set('2026-04-05T23:44:00Z');
    expect(h.engine.checkSchedule('naka')).toBe(false); // nothing changed
    h.clock.set('2026-04-05T23:46:00Z'); // 08:46: open
    expect(h.engine.checkSchedule('naka')).toBe(true);
    const e = h.events.at(-1);
    expect(e).toMatchObject({ type: 'issuing:changed', reason: 'schedule' });
    expect(e?.queues?.map((q) => q.issuing)).toEqual(['open', 'open']);
    h.clock.set('2026-04-06T08:01:00Z'); // 17:01: within the cut-off
    expect(h.engine.checkSchedule('naka')).toBe(true);
    expect(h.events.at(-1)?.queues?.map((q) => [q.issuing, q.closedReason])).toEqual([['closed', 'cutoff'], ['closed', 'cutoff']]);
  });
});
