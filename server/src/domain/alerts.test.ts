import { describe, expect, it } from 'vitest';
import { evaluateAlerts, sameAlerts, type AlertInput } from './alerts.js';

const T0 = Date.parse('2026-04-06T01:00:00Z');
const min = (m: number) => T0 + m * 60_000;

function input(over: Partial<AlertInput> = {}): AlertInput {
  return {
    now: min(0),
    queues: [{ id: 'certificates', oldestIssuedAt: null, waiting: 0, thresholds: { waitMinutes: 30, waiting: 10 } }],
    counters: [],
    counterPausedMinutes: 20,
    printers: [],
    buttons: [],
    ...over,
  };
}

describe('evaluateAlerts', () => {
  it('is quiet when everything is within its threshold', () => {
    expect(evaluateAlerts(input())).toEqual([]);
    const q = { id: 'certificates', oldestIssuedAt: min(0), waiting: 9, thresholds: { waitMinutes: 30, waiting: 10 } };
    expect(evaluateAlerts(input({ now: min(29), queues: [q] }))).toEqual([]);
  });

  it('fires when the longest wait reaches the threshold, from the moment it did', () => {
    const q = { id: 'certificates', oldestIssuedAt: min(0), waiting: 1, thresholds: { waitMinutes: 30, waiting: 10 } };
    const [a] = evaluateAlerts(input({ now: min(31.5), queues: [q] }));
    expect(a).toMatchObject({ key: 'wait:certificates', kind: 'wait', value: 31, threshold: 30, since: min(30) });
  });

  it('fires when the queue is as long as its threshold', () => {
    const q = { id: 'certificates', oldestIssuedAt: min(0), waiting: 10, thresholds: { waitMinutes: 30, waiting: 10 } };
    expect(evaluateAlerts(input({ now: min(1), queues: [q] })).map((a) => a.key)).toEqual(['waiting:certificates']);
  });

  it('never counts a wait backwards after the clock jumped back', () => {
    const q = { id: 'certificates', oldestIssuedAt: min(60), waiting: 1, thresholds: { waitMinutes: 1, waiting: 10 } };
    expect(evaluateAlerts(input({ now: min(0), queues: [q] }))).toEqual([]);
  });

  it('fires for a counter paused too long, with its reason, but not for a closed one', () => {
    const counters = [
      { id: '1', availability: 'paused' as const, since: min(0), reason: '休憩' },
      { id: '2', availability: 'closed' as const, since: min(0), reason: null },
      { id: '3', availability: 'paused' as const, since: min(10), reason: null },
    ];
    const found = evaluateAlerts(input({ now: min(25), counters }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ key: 'counter_paused:1', value: 25, threshold: 20, detail: '休憩' });
  });

  it('fires for a printer that cannot print and a button that is unplugged or unreadable', () => {
    const found = evaluateAlerts(
      input({
        printers: [
          { id: 'lobby', health: 'paper_out', detail: null },
          { id: 'two', health: 'near_end', detail: null },
          { id: 'three', health: 'ok', detail: null },
        ],
        buttons: [
          { id: 'b1', counter: '1', connected: false, detail: null },
          { id: 'b2', counter: '2', connected: true, detail: 'permission denied' },
          { id: 'b3', counter: '3', connected: true, detail: null },
        ],
      }),
    );
    expect(found.map((a) => [a.key, a.detail])).toEqual([
      ['printer:lobby', 'paper_out'],
      ['button:b1', 'disconnected'],
      ['button:b2', 'permission denied'],
    ]);
  });

  it('compares alert sets by their keys', () => {
    const a = evaluateAlerts(input({ printers: [{ id: 'lobby', health: 'offline', detail: null }] }));
    const b = evaluateAlerts(input({ printers: [{ id: 'lobby', health: 'paper_out', detail: null }] }));
    expect(sameAlerts(a, b)).toBe(true);
    expect(sameAlerts(a, [])).toBe(false);
  });
});
