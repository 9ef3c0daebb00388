import { callsSpeech, type CounterRef, type RecentCall } from '@madoguchi/shared';
import type { DisplayDebug, TurnEntry } from './debug';
import { record } from './debug';
import type { SoundSettings } from './settings';
import { englishForm, takeTurn, type BacklogEnglish, type Turn, type Waiting } from './speech-turns';

/** How long a call blinks once it is on the screen. */
export const BLINK_MS = 6_000;
/** The least time one announcement takes, so that announcements blink one after another even in silence. */
const MIN_MS = 1_500;
/** A breath between two announcements. */
const GAP_MS = 400;
/** Calls made together reach the page within moments: waiting this long before speaking says them in one announcement. */
export const GATHER_MS = 300;
/** The most calls in one announcement: three take about 15 s with the chime and short English. */
const MAX_CALLS = 3;

export interface AnnouncerState {
  /** the calls being said now (by sequence number) */
  speaking: ReadonlySet<number>;
  /** calls blinking now (by sequence number): new on the screen */
  blinking: ReadonlySet<number>;
}

/** What the announcer plays: sound.ts in the page, a recorder in the tests. */
export interface Speaker {
  chime(): Promise<unknown>;
  say(lang: 'ja' | 'en', text: string): Promise<void>;
}

/** The announcer's time: the page's, or a test's that moves only when told. */
export interface AnnouncerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const PAGE_CLOCK: AnnouncerClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** How the voice keeps up with the screen (options.ts), read at each turn. */
export interface Pace {
  backlogEnglish: BacklogEnglish;
  maxDelayMs: number;
}

export interface AnnouncerDeps {
  speaker: Speaker;
  settings: () => SoundSettings;
  pace: () => Pace;
  counter: (id: string) => CounterRef;
  /** whether a call still waits for its citizen (called at its counter, not started or ended) */
  live: (call: RecentCall) => boolean;
  debug: DisplayDebug;
  clock: AnnouncerClock;
}

/**
 * The announcement queue. Every call handed in blinks on the screen at once; its words follow
 * in turn — chime, Japanese, English — one announcement at a time, so none is spoken over
 * another. When calls pile up, speech-turns.ts decides: the waiting ones are said together,
 * English shortens, and a call that ended or waited too long is not said. A recall is a call
 * like any other.
 */
export class Announcer {
  private queue: Waiting[] = [];
  private running = false;
  private state: AnnouncerState = { speaking: new Set(), blinking: new Set() };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: AnnouncerDeps) {}

  enqueue(call: RecentCall): void {
    this.queue.push({ call, since: this.deps.clock.now() });
    this.blink(call.seq);
    if (!this.running) void this.run();
  }

  get pending(): number {
    return this.queue.length;
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      await this.deps.clock.sleep(GATHER_MS);
      for (;;) {
        const next = takeTurn(this.queue, this.deps.clock.now(), {
          maxCalls: MAX_CALLS,
          maxDelayMs: this.deps.pace().maxDelayMs,
          fits: (calls) => callsSpeech(this.words(calls)) !== null,
          live: this.deps.live,
        });
        if (!next) break;
        this.queue = next.rest;
        try {
          await this.announce(next.turn);
        } catch (e) {
          // one failed sound must not stop the calls behind it
          console.error('madoguchi display: announcement failed', e);
        }
      }
    } finally {
      this.running = false;
      this.set({ speaking: new Set() });
    }
  }

  private words(calls: readonly RecentCall[]) {
    return calls.map((c) => ({ label: c.label, counter: this.deps.counter(c.counter) }));
  }

  private async announce(turn: Turn): Promise<void> {
    const { speaker, settings, clock, debug } = this.deps;
    // calls that ended before their turn: nothing to say, nothing to chime for
    if (turn.spoken.length === 0 && turn.overdue.length === 0) return;
    const started = clock.now();
    const label = (c: RecentCall) => c.label;
    const entry: TurnEntry = { spoken: turn.spoken.map(label), overdue: turn.overdue.map(label), ended: turn.ended.map(label), delayMs: Math.round(turn.delayMs), english: null };
    record(debug.turns, entry);
    for (const c of turn.spoken) record(debug.announced, { label: c.label, counter: c.counter, recall: c.recall });
    // a turn of overdue calls only chimes: people look at the screen, which shows them
    this.set({ speaking: new Set(turn.spoken.map((c) => c.seq)) });
    if (settings().chime) await speaker.chime();
    if (turn.spoken.length > 0 && settings().voice) {
      const calls = this.words(turn.spoken);
      const ja = callsSpeech(calls, 'full');
      if (ja) await speaker.say('ja', ja.ja);
      // several said at once, or more waiting now: English makes way as this display is set
      const backlog = turn.spoken.length > 1 || this.queue.some((w) => this.deps.live(w.call));
      const form = englishForm(this.deps.pace().backlogEnglish, backlog);
      entry.english = form ?? 'off';
      const en = form && callsSpeech(calls, form);
      if (en && settings().voice) await speaker.say('en', en.en);
    }
    const rest = MIN_MS - (clock.now() - started);
    if (rest > 0) await clock.sleep(rest);
    await clock.sleep(GAP_MS);
  }

  private blink(seq: number): void {
    this.set({ blinking: new Set([...this.state.blinking, seq]) });
    void this.deps.clock.sleep(BLINK_MS).then(() => {
      const next = new Set(this.state.blinking);
      next.delete(seq);
      this.set({ blinking: next });
    });
  }

  private set(patch: Partial<AnnouncerState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): AnnouncerState => this.state;
}
