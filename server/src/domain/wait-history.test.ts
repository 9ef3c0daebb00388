import { describe, expect, it } from 'vitest';
import { counterTimeFactors, WaitHistory, type HistoryEvent, type ObservedCall } from './wait-history.js';

describe('counterTimeFactors()', () => {
  const MIN = 60_000;
  /** a counter calling a cert ticket every `every` minutes from minute 0 */
  const calls = (every: number, n: number, counterId = '1'): ObservedCall[] =>
    Array.from({ length: n }, (_, i) => ({ at: i * every * MIN, counterId, queueId: 'cert', recall: false }));
  const input = (c: ObservedCall[], busySince: number | null = -1) => ({ calls: c, since: 0, expectedMinutes: () => 2, busySince: () => busySince });

  it('counterTimeFactors() is empty before there are calls', () => {
    expect(counterTimeFactors(input([])).size).toBe(0);
  });

  it('counterTimeFactors() finds a counter taking longer per ticket than the model, trusting it more with more calls', () => {
    const few = counterTimeFactors(input(calls(3, 4))).get('cert') ?? 1;
    const many = counterTimeFactors(input(calls(3, 40))).get('cert') ?? 1;
    expect(few).toBeGreaterThan(1);
    expect(many).toBeGreaterThan(few);
    expect(many).toBeGreaterThan(1.35);
    expect(many).toBeLessThanOrEqual(1.5);
  });

  it('counterTimeFactors() ignores the time between calls while the queue had nobody waiting', () => {
    expect(counterTimeFactors(input(calls(3, 20), 1_000 * MIN)).size).toBe(0);
  });

  it('counterTimeFactors() ignores recalls and a gap that was a pause', () => {
    const c = [...calls(2, 10), { at: 9 * 2 * MIN + 30_000, counterId: '1', queueId: 'cert', recall: true }, { at: 60 * MIN, counterId: '1', queueId: 'cert', recall: false }];
    expect(counterTimeFactors(input(c)).get('cert')).toBeCloseTo(1, 9);
  });

  it('counterTimeFactors() pairs each counter with its own calls', () => {
    const c = [...calls(4, 10, '1'), ...calls(4, 10, '2')].map((x, i) => ({ ...x, at: x.at + (i % 2) * 1000 }));
    expect(counterTimeFactors(input(c)).get('cert')).toBeGreaterThan(1.5);
  });
});

describe('WaitHistory', () => {
  let seq = 0;
  const ev = (type: string, ticketId: number | null, toState: string | null, at: number, extra: Partial<HistoryEvent> = {}): HistoryEvent => ({
    seq: ++seq,
    type,
    ticketId,
    toState,
    at,
    counterId: null,
    queueId: 'cert',
    data: {},
    ...extra,
  });
  const issue = (id: number, at: number, data: Record<string, unknown> = {}) => ev('ticket:issued', id, 'waiting', at, { data: { sortKey: seq + 1, service: 'juminhyo', ...data } });
  const feed = (h: WaitHistory, events: HistoryEvent[]) => events.forEach((e) => h.apply(e, String(e.seq)));

  it('WaitHistory keeps who waits in which queue by place, as the ticket replay does', () => {
    seq = 0;
    const h = new WaitHistory('2026-04-06');
    feed(h, [issue(1, 0), issue(2, 1), issue(3, 2, { priority: true }), ev('ticket:called', 1, 'called', 3, { counterId: '1' })]);
    expect(h.waiting('cert').map((t) => t.id)).toEqual([2, 3]);
    feed(h, [ev('ticket:started', 1, 'serving', 4), ev('ticket:transferred', 1, 'waiting', 5, { queueId: 'filing', data: { service: 'move-in', sortKey: 1 } })]);
    expect(h.waiting('filing').map((t) => [t.id, t.serviceId, t.sortKey])).toEqual([[1, 'move-in', 1]]);
    feed(h, [ev('ticket:called', 2, 'called', 6), ev('ticket:no-show', 2, 'no_show', 7), ev('ticket:reinstated', 2, 'waiting', 8, { data: { sortKey: -1e12 + 20 } })]);
    expect(h.waiting('cert').map((t) => t.id)).toEqual([2, 3]);
    feed(h, [ev('ticket:cancelled', 3, 'cancelled', 9)]);
    expect(h.waiting('cert').map((t) => t.id)).toEqual([2]);
    expect(h.ticket(1)?.state).toBe('waiting');
    expect(h.seq).toBe(seq);
  });

  it('WaitHistory keeps completed services as samples and counts them', () => {
    seq = 0;
    const h = new WaitHistory('2026-04-06');
    feed(h, [issue(1, 0), ev('ticket:called', 1, 'called', 60_000), ev('ticket:started', 1, 'serving', 90_000), ev('ticket:completed', 1, 'done', 270_000)]);
    expect(h.completions).toBe(1);
    expect(h.samples).toEqual([{ queueId: 'cert', serviceId: 'juminhyo', seconds: 180 }]);
  });

  it('WaitHistory.callsPerAhead() counts those who went first after a ticket was issued', () => {
    seq = 0;
    const h = new WaitHistory('2026-04-06');
    // 2 is issued with 1 ahead; a priority ticket 3 arrives and goes first: 2 calls before 2's turn
    feed(h, [issue(1, 0), issue(2, 1), issue(3, 2, { priority: true }), ev('ticket:called', 3, 'called', 3), ev('ticket:called', 1, 'called', 4), ev('ticket:called', 2, 'called', 5)]);
    expect(h.callsPerAhead('cert', 0)).toBeGreaterThan(1);
    expect(h.callsPerAhead('cert', 10)).toBe(1);
    expect(h.callsPerAhead('filing', 0)).toBe(1);
  });

  it('WaitHistory.pauseEnds() expects a pause to last as long as today’s earlier pauses with the same reason', () => {
    seq = 0;
    const h = new WaitHistory('2026-04-06');
    const MIN = 60_000;
    const pause = (counterId: string, at: number, reason: string) => ev('counter:updated', null, null, at, { counterId, data: { availability: 'paused', reason } });
    const open = (counterId: string, at: number) => ev('counter:updated', null, null, at, { counterId, data: { availability: 'open' } });
    feed(h, [pause('1', 0, '昼休憩'), open('1', 45 * MIN), pause('2', 60 * MIN, '昼休憩'), pause('3', 60 * MIN, '電話対応')]);
    expect(h.pauseEnds('2', 0, 30)).toBe(105 * MIN);
    expect(h.pauseEnds('3', 0, 30)).toBe(90 * MIN);
    expect(h.pauseEnds('4', 10 * MIN, 30)).toBe(40 * MIN);
  });
});
