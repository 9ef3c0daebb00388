import { describe, expect, it } from 'vitest';
import { callsSpeech, type RecentCall } from '@madoguchi/shared';
import { Announcer, BLINK_MS, GATHER_MS, type AnnouncerClock, type Pace, type Speaker } from './announcer';
import type { DisplayDebug } from './debug';

/** Wakes the page's pending promises (a macrotask: no time passes on the test's clock). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Time that moves only when the test says: each sleeper wakes at its moment, in order. */
class TestClock implements AnnouncerClock {
  t = 0;
  private timers: Array<{ at: number; wake: () => void }> = [];
  now = (): number => this.t;
  sleep = (ms: number): Promise<void> => new Promise((wake) => this.timers.push({ at: this.t + ms, wake }));

  async runUntil(until: number): Promise<void> {
    for (;;) {
      await settle();
      const next = [...this.timers].sort((a, b) => a.at - b.at)[0];
      if (!next || next.at > until) break;
      this.timers.splice(this.timers.indexOf(next), 1);
      this.t = next.at;
      next.wake();
    }
    this.t = until;
    await settle();
  }
}

interface Said {
  at: number;
  what: string;
}

/**
 * A voice as slow as a real one: the chime 2 s, words 100 ms a character (one call's Japanese
 * ≈ 4 s, its English ≈ 4 s: with the gaps, about the 12 s the issue measured).
 */
function slowSpeaker(clock: TestClock, said: Said[], msPerChar = 100): Speaker {
  return {
    chime: async () => {
      said.push({ at: clock.now(), what: 'chime' });
      await clock.sleep(2_000);
    },
    say: async (lang, text) => {
      said.push({ at: clock.now(), what: `${lang}:${text}` });
      await clock.sleep(text.length * msPerChar);
    },
  };
}

const counter = (id: string) => ({ id, name: { ja: `${id}番窓口`, en: `Counter ${id}` } });
let seq = 0;
const call = (label: string, counterId: string, recall = false): RecentCall => ({ seq: ++seq, at: '2026-04-06T01:00:00Z', label, queue: 'certificates', counter: counterId, recall });
const words = (calls: Array<[string, string]>, english: 'full' | 'short' = 'full') => callsSpeech(calls.map(([label, c]) => ({ label, counter: counter(c) })), english)!;

function setup(opts: { pace?: Partial<Pace>; msPerChar?: number; voice?: boolean } = {}) {
  const clock = new TestClock();
  const said: Said[] = [];
  const live = new Set<string>();
  const debug: DisplayDebug = { announced: [], turns: [], sounds: [] };
  const announcer = new Announcer({
    speaker: slowSpeaker(clock, said, opts.msPerChar),
    settings: () => ({ chime: true, voice: opts.voice ?? true }),
    pace: () => ({ backlogEnglish: 'short', maxDelayMs: 20_000, ...opts.pace }),
    counter,
    live: (c) => live.has(c.label),
    debug,
    clock,
  });
  /** a counter calls a ticket: it is live until started or ended */
  const calls = (label: string, counterId: string, recall = false): RecentCall => {
    const c = call(label, counterId, recall);
    live.add(label);
    announcer.enqueue(c);
    return c;
  };
  return { clock, said, live, debug, announcer, calls };
}

describe('Announcer', () => {
  it('says three calls made together in one announcement, at once, with English short: the third is not heard 26–32 s late', async () => {
    const { clock, said, debug, calls } = setup();
    calls('1005', '1');
    calls('1006', '2');
    calls('1007', '3');
    await clock.runUntil(60_000);
    const three: Array<[string, string]> = [
      ['1005', '1'],
      ['1006', '2'],
      ['1007', '3'],
    ];
    expect(said).toEqual([
      { at: GATHER_MS, what: 'chime' },
      { at: GATHER_MS + 2_000, what: `ja:${words(three).ja}` },
      { at: GATHER_MS + 2_000 + words(three).ja.length * 100, what: `en:${words(three, 'short').en}` },
    ]);
    expect(debug.announced.map((a) => a.label)).toEqual(['1005', '1006', '1007']);
    expect(debug.turns).toEqual([{ spoken: ['1005', '1006', '1007'], overdue: [], ended: [], delayMs: GATHER_MS, english: 'short' }]);
  });

  it('says one call alone in full, and calls arriving meanwhile together next, shortening the English of the one being said', async () => {
    const { clock, said, debug, calls } = setup();
    calls('1001', '1');
    await clock.runUntil(3_000);
    calls('1002', '2');
    await clock.runUntil(5_000);
    calls('1003', '3');
    await clock.runUntil(60_000);
    const two: Array<[string, string]> = [
      ['1002', '2'],
      ['1003', '3'],
    ];
    expect(said.map((s) => s.what)).toEqual([
      'chime',
      `ja:${words([['1001', '1']]).ja}`,
      // 1002 and 1003 wait: the English of 1001 makes way
      `en:${words([['1001', '1']], 'short').en}`,
      'chime',
      `ja:${words(two).ja}`,
      `en:${words(two, 'short').en}`,
    ]);
    expect(debug.turns.map((t) => [t.spoken, t.english])).toEqual([
      [['1001'], 'short'],
      [['1002', '1003'], 'short'],
    ]);
    // the words for 1002 begin well within the limit after it was called
    const start = said.findIndex((s) => s.what.startsWith('ja:') && s.what.includes('せんに'));
    expect(said[start]!.at - 3_000).toBeLessThan(20_000);
    expect(debug.turns[1]!.delayMs).toBeLessThanOrEqual(20_000);
  });

  it('says English in full with no backlog, and none during a backlog when the display is set so', async () => {
    const quiet = setup({ pace: { backlogEnglish: 'off' } });
    quiet.calls('1001', '1');
    await quiet.clock.runUntil(30_000);
    quiet.calls('1002', '2');
    quiet.calls('1003', '3');
    await quiet.clock.runUntil(60_000);
    expect(quiet.said.map((s) => s.what)).toEqual(['chime', `ja:${words([['1001', '1']]).ja}`, `en:${words([['1001', '1']]).en}`, 'chime', `ja:${words([['1002', '2'], ['1003', '3']]).ja}`]);

    const full = setup({ pace: { backlogEnglish: 'full' } });
    full.calls('1002', '2');
    full.calls('1003', '3');
    await full.clock.runUntil(60_000);
    expect(full.said.at(-1)!.what).toBe(`en:${words([['1002', '2'], ['1003', '3']]).en}`);
  });

  it('does not say a call whose ticket was started, or ended, before its turn', async () => {
    const { clock, said, live, debug, calls } = setup();
    calls('1001', '1');
    await clock.runUntil(1_000);
    calls('1002', '2');
    calls('1003', '3');
    await clock.runUntil(4_000);
    live.delete('1002'); // the citizen reached counter 2 while 1001 was being said
    await clock.runUntil(60_000);
    expect(said.filter((s) => s.what.startsWith('ja:')).map((s) => s.what)).toEqual([`ja:${words([['1001', '1']]).ja}`, `ja:${words([['1003', '3']]).ja}`]);
    expect(debug.turns[1]).toMatchObject({ spoken: ['1003'], ended: ['1002'] });
    expect(debug.announced.map((a) => a.label)).toEqual(['1001', '1003']);
  });

  it('never runs further behind than the limit: a call that waited longer is chimed for, shown, and not said', async () => {
    // a voice five times slower than usual: one call takes about a minute
    const { clock, said, debug, calls } = setup({ msPerChar: 500 });
    calls('1001', '1');
    await clock.runUntil(1_000);
    calls('1002', '2');
    await clock.runUntil(120_000);
    expect(debug.turns).toEqual([
      { spoken: ['1001'], overdue: [], ended: [], delayMs: GATHER_MS, english: 'short' },
      { spoken: [], overdue: ['1002'], ended: [], delayMs: 0, english: null },
    ]);
    expect(said.filter((s) => s.what.includes('せんに'))).toEqual([]);
    expect(said.filter((s) => s.what === 'chime')).toHaveLength(2);
  });

  it('marks the calls being said, and blinks each new call from its arrival for BLINK_MS', async () => {
    const { clock, announcer, calls } = setup();
    const a = calls('1001', '1');
    expect(announcer.getState().blinking).toEqual(new Set([a.seq]));
    expect(announcer.getState().speaking).toEqual(new Set());
    await clock.runUntil(GATHER_MS + 1);
    expect(announcer.getState().speaking).toEqual(new Set([a.seq]));
    await clock.runUntil(BLINK_MS + 1);
    expect(announcer.getState().blinking).toEqual(new Set());
    await clock.runUntil(60_000);
    expect(announcer.getState().speaking).toEqual(new Set());
    expect(announcer.pending).toBe(0);
  });

  it('with the voice off, chimes and records each call without words', async () => {
    const { clock, said, debug, calls } = setup({ voice: false });
    calls('1001', '1');
    calls('1002', '2');
    await clock.runUntil(60_000);
    expect(said.map((s) => s.what)).toEqual(['chime']);
    expect(debug.announced.map((a) => a.label)).toEqual(['1001', '1002']);
  });
});
