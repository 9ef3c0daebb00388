import type { DeliveryTimers } from '../../server/src/app/turn-alert-delivery.js';

/**
 * The turn-alert delivery worker's timers, fired by the test: nothing waits for real time. Each
 * timer is kept with the delay it was set for, so a test fires the sends' timeouts or the retry
 * waits by their length.
 */
export class FakeTimers implements DeliveryTimers {
  private next = 1;
  readonly pending = new Map<number, { fn: () => void; ms: number }>();
  set(fn: () => void, ms: number): number {
    const id = this.next++;
    this.pending.set(id, { fn, ms });
    return id;
  }
  clear(h: unknown): void {
    this.pending.delete(h as number);
  }
  /** fires the timers set for `ms` (e.g. the sends' timeout) and says how many */
  fire(ms: number): number {
    let n = 0;
    for (const [id, t] of [...this.pending]) {
      if (t.ms !== ms) continue;
      this.pending.delete(id);
      t.fn();
      n++;
    }
    return n;
  }
}
