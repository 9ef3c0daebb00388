// A manual clock for code that takes an injected `setTimer`: nothing fires until the test says so.
import type { SetTimer } from '../src/transports/transport.js';

interface Pending {
  fn: () => void;
  due: number;
  seq: number;
}

export class ManualTimers {
  private now = 0;
  private seq = 0;
  private pending: Pending[] = [];

  readonly setTimer: SetTimer = (fn, ms) => {
    const t: Pending = { fn, due: this.now + ms, seq: this.seq++ };
    this.pending.push(t);
    return () => {
      this.pending = this.pending.filter((p) => p !== t);
    };
  };

  /** Timers scheduled and not yet fired or cancelled. */
  get count(): number {
    return this.pending.length;
  }

  /** Delays of the timers waiting, relative to now. */
  delays(): number[] {
    return this.pending.map((p) => p.due - this.now);
  }

  /** Moves time forward, firing due timers in order and letting promises settle in between. */
  async advance(ms: number): Promise<void> {
    const target = this.now + ms;
    for (;;) {
      await settle();
      const next = [...this.pending].sort((a, b) => a.due - b.due || a.seq - b.seq)[0];
      if (!next || next.due > target) break;
      this.pending = this.pending.filter((p) => p !== next);
      this.now = next.due;
      next.fn();
    }
    this.now = target;
    await settle();
  }
}

/** Lets pending promise callbacks (and a few rounds of I/O-free continuations) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
  await new Promise<void>((r) => setImmediate(r));
}
