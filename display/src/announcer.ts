import { callSpeech, type CounterRef, type RecentCall } from '@madoguchi/shared';
import type { DisplayDebug } from './debug';
import { record } from './debug';
import type { SoundSettings } from './settings';
import type { Sound } from './sound';

/** How long a call blinks once its announcement starts. */
export const BLINK_MS = 6_000;
/** The least time one announcement takes, so that calls arriving together blink one after another even in silence. */
const MIN_MS = 1_500;
/** A breath between two announcements. */
const GAP_MS = 400;

export interface AnnouncerState {
  /** the call being announced now */
  current: RecentCall | null;
  /** calls blinking now (by sequence number) */
  blinking: ReadonlySet<number>;
}

export interface AnnouncerDeps {
  sound: Sound;
  settings: () => SoundSettings;
  counter: (id: string) => CounterRef;
  debug: DisplayDebug;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The announcement queue: every call handed in is announced, in order, one at a time —
 * blink, chime, Japanese, English — so calls arriving together are none of them dropped or
 * spoken over each other. A recall is a call like any other.
 */
export class Announcer {
  private readonly queue: RecentCall[] = [];
  private running = false;
  private state: AnnouncerState = { current: null, blinking: new Set() };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: AnnouncerDeps) {}

  enqueue(call: RecentCall): void {
    this.queue.push(call);
    if (!this.running) void this.run();
  }

  get pending(): number {
    return this.queue.length;
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      for (let call = this.queue.shift(); call; call = this.queue.shift()) {
        try {
          await this.announce(call);
        } catch (e) {
          // one failed sound must not stop the calls behind it
          console.error('madoguchi display: announcement failed', e);
        }
      }
    } finally {
      this.running = false;
      this.set({ current: null });
    }
  }

  private async announce(call: RecentCall): Promise<void> {
    const started = performance.now();
    record(this.deps.debug.announced, { label: call.label, counter: call.counter, recall: call.recall });
    this.blink(call.seq);
    this.set({ current: call });
    const s = this.deps.settings();
    if (s.chime) await this.deps.sound.chime();
    if (this.deps.settings().voice) {
      const words = callSpeech(call.label, this.deps.counter(call.counter));
      await this.deps.sound.say('ja', words.ja);
      if (this.deps.settings().voice) await this.deps.sound.say('en', words.en);
    }
    const rest = MIN_MS - (performance.now() - started);
    if (rest > 0) await sleep(rest);
    await sleep(GAP_MS);
  }

  private blink(seq: number): void {
    this.set({ blinking: new Set([...this.state.blinking, seq]) });
    setTimeout(() => {
      const next = new Set(this.state.blinking);
      next.delete(seq);
      this.set({ blinking: next });
    }, BLINK_MS);
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
