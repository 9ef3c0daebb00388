import { describe, expect, it } from 'vitest';
import type { RecentCall } from '@madoguchi/shared';
import { englishForm, takeTurn, type TurnRules, type Waiting } from './speech-turns';

const call = (seq: number, label: string, counter: string, recall = false): RecentCall => ({ seq, at: '2026-04-06T01:00:00Z', label, queue: 'certificates', counter, recall });
const waiting = (c: RecentCall, since: number): Waiting => ({ call: c, since });
const labels = (calls: readonly RecentCall[]) => calls.map((c) => c.label);

const RULES: TurnRules = { maxCalls: 3, maxDelayMs: 20_000, fits: () => true, live: () => true };

describe('takeTurn', () => {
  it('has nothing to say when nothing waits', () => {
    expect(takeTurn([], 0, RULES)).toBeNull();
  });

  it('says the calls waiting together in one turn, in the order they were called, and how long the oldest waited', () => {
    const queue = [waiting(call(1, '1005', '2'), 0), waiting(call(2, '1006', '3'), 4_000)];
    const next = takeTurn(queue, 9_000, RULES)!;
    expect(labels(next.turn.spoken)).toEqual(['1005', '1006']);
    expect(next.turn.delayMs).toBe(9_000);
    expect(next.rest).toEqual([]);
  });

  it('says at most maxCalls at once, and only as many as fit in one announcement’s words; the others keep their order for the next turn', () => {
    const queue = ['1001', '1002', '1003', '1004', '1005'].map((l, i) => waiting(call(i + 1, l, String(i + 1)), 0));
    const first = takeTurn(queue, 1_000, RULES)!;
    expect(labels(first.turn.spoken)).toEqual(['1001', '1002', '1003']);
    expect(first.rest.map((w) => w.call.label)).toEqual(['1004', '1005']);

    const twoFit = takeTurn(queue, 1_000, { ...RULES, fits: (calls) => calls.length <= 2 })!;
    expect(labels(twoFit.turn.spoken)).toEqual(['1001', '1002']);
    expect(twoFit.rest.map((w) => w.call.label)).toEqual(['1003', '1004', '1005']);
  });

  it('does not say a call whose ticket ended (served, no-show, transferred, called elsewhere) before its turn', () => {
    const queue = [waiting(call(1, '1005', '2'), 0), waiting(call(2, '1006', '3'), 0)];
    const next = takeTurn(queue, 1_000, { ...RULES, live: (c) => c.label !== '1005' })!;
    expect(labels(next.turn.spoken)).toEqual(['1006']);
    expect(labels(next.turn.ended)).toEqual(['1005']);
  });

  it('never runs more than maxDelay behind: a call that waited longer is left unsaid (the screen shows it)', () => {
    const queue = [waiting(call(1, '1005', '2'), 0), waiting(call(2, '1006', '3'), 5_000)];
    const next = takeTurn(queue, 21_000, RULES)!;
    expect(labels(next.turn.overdue)).toEqual(['1005']);
    expect(labels(next.turn.spoken)).toEqual(['1006']);
    expect(next.turn.delayMs).toBe(16_000);
    // exactly at the limit it is still said
    expect(labels(takeTurn(queue, 20_000, RULES)!.turn.spoken)).toEqual(['1005', '1006']);
  });

  it('says a ticket called again while it waited (a recall) once, as its latest call', () => {
    const queue = [waiting(call(1, '1005', '2'), 0), waiting(call(2, '1006', '3'), 0), waiting(call(3, '1005', '2', true), 2_000)];
    const next = takeTurn(queue, 3_000, RULES)!;
    expect(next.turn.spoken.map((c) => [c.label, c.recall])).toEqual([
      ['1006', false],
      ['1005', true],
    ]);
    // the same label at another counter is another call (a transfer, or a new day's numbering)
    const elsewhere = takeTurn([waiting(call(1, '1001', '1'), 0), waiting(call(2, '1001', '3'), 0)], 1_000, RULES)!;
    expect(elsewhere.turn.spoken.map((c) => c.counter)).toEqual(['1', '3']);
  });
});

describe('englishForm', () => {
  it('says English whole without a backlog, and as the display is set while one exists', () => {
    expect(englishForm('off', false)).toBe('full');
    expect(englishForm('full', true)).toBe('full');
    expect(englishForm('short', true)).toBe('short');
    expect(englishForm('off', true)).toBeNull();
  });
});
