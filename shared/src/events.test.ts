import { describe, expect, it } from 'vitest';
import { isLoggedEventType, publicEvent, recordedEvent, SITE_EVENT_TYPES, type SiteEvent } from './events.js';
import type { CounterView, TicketView } from './model.js';
import type { SiteSnapshot } from './realtime.js';
import { applyEvent } from './site-state.js';

const ticket: TicketView = {
  id: 7,
  label: '1001',
  queue: 'certificates',
  service: 'juminhyo',
  state: 'called',
  priority: true,
  lowCounter: false,
  issuedAt: '2026-04-06T00:00:00.000Z',
  calledAt: '2026-04-06T00:05:00.000Z',
  startedAt: null,
  endedAt: null,
  counter: '1',
  recalls: 0,
  businessDate: '2026-04-06',
};
const counter: CounterView = {
  id: '1',
  name: { ja: '1番窓口', en: 'Counter 1' },
  state: 'calling',
  availability: 'open',
  queues: ['certificates'],
  primaryQueue: null,
  lowCounter: false,
  currentTicket: ticket,
  clerk: 'tanaka',
  reason: null,
};
const call = { type: 'ticket:called', ticket, from: 'waiting', counterView: counter, recall: false, outOfOrder: false, counterSaved: true } as const;

describe('the event map', () => {
  it('lists every pushed type once, and knows the stored-only ones', () => {
    expect(new Set(SITE_EVENT_TYPES).size).toBe(SITE_EVENT_TYPES.length);
    expect(SITE_EVENT_TYPES).toContain('ticket:called');
    expect(SITE_EVENT_TYPES).not.toContain('ticket:expired');
    expect(isLoggedEventType('ticket:expired')).toBe(true);
    expect(isLoggedEventType('ticket:calld')).toBe(false);
  });

  it('stores a call as the call row then the counter row, and pushes one event carrying both', () => {
    const { rows, push } = recordedEvent(call);
    expect(rows).toEqual([
      { type: 'ticket:called', ticketId: 7, fromState: 'waiting', toState: 'called', counterId: '1', queueId: 'certificates', data: { recall: false, outOfOrder: false } },
      { type: 'counter:updated', ticketId: null, fromState: null, toState: null, counterId: '1', queueId: null, data: { availability: 'open', currentTicketId: 7, reason: null } },
    ]);
    expect(push).toEqual({ type: 'ticket:called', ticket, counter: '1', counterView: counter, recall: false, outOfOrder: false });
    // a recall that leaves the counter as it was stores the call alone
    expect(recordedEvent({ ...call, recall: true, counterSaved: false }).rows.map((r) => r.type)).toEqual(['ticket:called']);
  });

  it('stores an expiry without a push', () => {
    const { rows, push } = recordedEvent({ type: 'ticket:expired', ticket: { ...ticket, state: 'expired' }, from: 'called' });
    expect(push).toBeNull();
    expect(rows).toMatchObject([{ type: 'ticket:expired', ticketId: 7, fromState: 'called', toState: 'expired', counterId: '1', data: {} }]);
  });

  it('gives the public room the call without the procedure, the priority or the clerk', () => {
    const { push } = recordedEvent(call);
    if (push?.type !== 'ticket:called') throw new Error('no call pushed');
    const e = publicEvent({ ...push, site: 'naka', seq: 2, at: '2026-04-06T00:05:00.000Z' });
    if (e.type !== 'ticket:called') throw new Error('not a call');
    expect(e.ticket).toMatchObject({ service: null, priority: false });
    expect(e.counterView).toMatchObject({ clerk: null, currentTicket: { service: null, priority: false } });
  });
});

describe('a page applying a push that stands for rows after its own', () => {
  const state: SiteSnapshot = {
    site: { id: 'naka', name: { ja: '中区役所', en: 'Naka Ward Office' }, demo: false, timeZone: 'Asia/Tokyo' },
    seq: 1,
    at: '2026-04-06T00:00:00.000Z',
    businessDate: '2026-04-06',
    issuing: 'open',
    queues: [],
    counters: [{ ...counter, currentTicket: null, state: 'open' }],
    recentCalls: [],
    announcements: [],
    printers: [],
  };
  const pushed = (seq: number, lastSeq?: number): SiteEvent => ({
    type: 'ticket:called',
    site: 'naka',
    seq,
    ...(lastSeq === undefined ? {} : { lastSeq }),
    at: '2026-04-06T00:05:00.000Z',
    ticket,
    counter: '1',
    counterView: counter,
    recall: false,
    outOfOrder: false,
  });

  it('takes the counter from the call and follows on from its last sequence number', () => {
    const r = applyEvent(state, pushed(2, 3));
    if (r.kind !== 'applied') throw new Error(r.kind);
    expect(r.state.seq).toBe(3);
    expect(r.state.counters[0]).toEqual(counter);
    expect(r.announce).toMatchObject({ seq: 2, label: '1001', counter: '1' });
    expect(applyEvent(r.state, pushed(4)).kind).toBe('applied');
    expect(applyEvent(r.state, pushed(3)).kind).toBe('stale');
  });

  it('sees a gap when a push does not follow on', () => {
    expect(applyEvent(state, pushed(4, 5))).toEqual({ kind: 'gap', expected: 2, got: 4 });
  });
});
