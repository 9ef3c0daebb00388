import type { TurnAlertChannel } from '@madoguchi/shared';
import type { Clock } from '../ports/clock.js';
import type { DeliveryOutcome, TurnAlertSender } from '../ports/turn-alert-channel.js';
import type { DueDelivery, TurnAlertStore } from '../ports/turn-alert-store.js';

/** Timers the worker waits with; tests inject their own and never sleep. */
export interface DeliveryTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: DeliveryTimers = {
  set: (fn, ms) => setTimeout(fn, ms).unref(),
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface TurnAlertDeliveryOptions {
  store: TurnAlertStore;
  senders: readonly TurnAlertSender[];
  clock: Clock;
  log: { warn(o: object, m: string): void; error(o: object, m: string): void };
  /** the waits before each retry: a message is tried once and then once after each (default 5 s, 30 s, 2 min) */
  retryDelaysMs?: readonly number[];
  /** a send that has not answered after this long counts as a failure to retry (default 10 s) */
  timeoutMs?: number;
  /** sends in flight at once per channel (default 8) */
  concurrency?: number;
  timers?: DeliveryTimers;
}

export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [5_000, 30_000, 120_000];
const DEFAULT_TIMEOUT_MS = 10_000;
const BATCH = 200;

/**
 * The turn-alert outbox's worker (docs/adr/0007-turn-alerts.md): after a unit of work that queued
 * messages has committed it sends the due ones through the sender of their channel, a bounded
 * number at a time per channel, each with a timeout: a slow or hanging service holds only its
 * own messages, never a call or an issue (sending is asynchronous; the queue's transactions never
 * wait for it). A failure is retried with growing waits, then given up (`failed`, counted for
 * the manager); a contact that is gone ends its alert and is deleted at once. A message being
 * sent is leased (its next attempt set past the timeout), so a crash mid-send retries it after a
 * restart and nothing is sent twice by this process.
 */
export class TurnAlertDelivery {
  private readonly senders = new Map<TurnAlertChannel, TurnAlertSender>();
  private readonly active = new Map<TurnAlertChannel, number>();
  private readonly inFlight = new Set<number>();
  private readonly pendingSends = new Set<Promise<void>>();
  private readonly delays: readonly number[];
  private readonly timeoutMs: number;
  private readonly concurrency: number;
  private readonly timers: DeliveryTimers;
  private soon = false;
  private timer: { handle: unknown; at: number } | null = null;
  private closed = false;

  constructor(private readonly o: TurnAlertDeliveryOptions) {
    for (const s of o.senders) this.senders.set(s.channel, s);
    this.delays = o.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.concurrency = o.concurrency ?? 8;
    this.timers = o.timers ?? realTimers;
  }

  /** the channels that can be offered: those with a sender */
  channels(): TurnAlertChannel[] {
    return [...this.senders.keys()];
  }

  /** Sends what is due on the next turn of the event loop (after the commit that queued it). */
  wake(): void {
    if (this.soon || this.closed) return;
    this.soon = true;
    setImmediate(() => {
      this.soon = false;
      this.pump();
    });
  }

  /** Starts every due message its channel has room for, then waits for the next one due. */
  pump(): void {
    if (this.closed) return;
    const now = this.o.clock.now().getTime();
    try {
      for (const d of this.o.store.dueDeliveries(now, BATCH)) {
        if (this.inFlight.has(d.id)) continue;
        if (!d.contact) {
          this.o.store.updateDelivery(d.id, { state: 'dropped', attempts: d.attempts, nextAttemptAt: now, reason: 'contact_deleted' }, now);
          continue;
        }
        const sender = this.senders.get(d.channel);
        if (!sender) {
          this.o.store.updateDelivery(d.id, { state: 'failed', attempts: d.attempts, nextAttemptAt: now, reason: 'channel_not_offered' }, now);
          continue;
        }
        if ((this.active.get(d.channel) ?? 0) >= this.concurrency) continue;
        this.start(d, sender, now);
      }
    } catch (err) {
      this.o.log.error({ err }, 'turn alerts: could not read or update the outbox; tried again on the next change');
    }
    this.arm();
  }

  private start(d: DueDelivery, sender: TurnAlertSender, now: number): void {
    const attempts = d.attempts + 1;
    // the lease: until the send answers or times out, this message is not due again
    this.o.store.updateDelivery(d.id, { state: 'pending', attempts, nextAttemptAt: now + this.timeoutMs + (this.delays[0] ?? 0), reason: null }, now);
    this.inFlight.add(d.id);
    this.active.set(d.channel, (this.active.get(d.channel) ?? 0) + 1);
    const send = this.sendWithTimeout(sender, d).then((outcome) => {
      this.inFlight.delete(d.id);
      this.active.set(d.channel, (this.active.get(d.channel) ?? 1) - 1);
      this.pendingSends.delete(send);
      if (!this.closed) this.record(d, attempts, outcome);
      this.wake();
    });
    this.pendingSends.add(send);
  }

  private sendWithTimeout(sender: TurnAlertSender, d: DueDelivery): Promise<DeliveryOutcome> {
    return new Promise((resolve) => {
      const handle = this.timers.set(() => resolve({ kind: 'failed', retry: true, reason: 'timeout' }), this.timeoutMs);
      const done = (outcome: DeliveryOutcome): void => {
        this.timers.clear(handle);
        resolve(outcome);
      };
      try {
        // d.contact is non-null: pump() dropped the others
        sender.send(d.contact as NonNullable<DueDelivery['contact']>, d.message).then(done, (err: unknown) => done({ kind: 'failed', retry: true, reason: errorReason(err) }));
      } catch (err) {
        done({ kind: 'failed', retry: true, reason: errorReason(err) });
      }
    });
  }

  private record(d: DueDelivery, attempts: number, outcome: DeliveryOutcome): void {
    const { store, clock, log } = this.o;
    const now = clock.now().getTime();
    try {
      switch (outcome.kind) {
        case 'sent':
          store.updateDelivery(d.id, { state: 'sent', attempts, nextAttemptAt: now, reason: null }, now);
          break;
        case 'gone':
          store.updateDelivery(d.id, { state: 'dropped', attempts, nextAttemptAt: now, reason: `gone: ${outcome.reason}` }, now);
          store.dropAlert(d.alertId, now, 'contact_gone');
          log.warn({ channel: d.channel, delivery: d.id, reason: outcome.reason }, 'turn alert: the contact is gone; its alert ends and the contact is deleted');
          break;
        case 'failed': {
          const wait = outcome.retry ? this.delays[attempts - 1] : undefined;
          if (wait === undefined) {
            store.updateDelivery(d.id, { state: 'failed', attempts, nextAttemptAt: now, reason: outcome.reason }, now);
            log.warn({ channel: d.channel, delivery: d.id, attempts, reason: outcome.reason }, 'turn alert: not delivered, given up');
          } else {
            store.updateDelivery(d.id, { state: 'pending', attempts, nextAttemptAt: now + wait, reason: outcome.reason }, now);
          }
          break;
        }
      }
      store.forgetEndedContacts();
    } catch (err) {
      // the lease runs out and the message is tried again: at worst it arrives twice
      log.error({ err, delivery: d.id }, 'turn alerts: could not record a delivery outcome');
    }
  }

  /**
   * One timer, for the earliest message due later. A message due already waits for a free slot of
   * its channel: the send that frees it wakes the worker (a timer then would only spin).
   */
  private arm(): void {
    if (this.closed) return;
    const next = this.o.store.nextDueAt();
    if (next === null || next <= this.o.clock.now().getTime()) return;
    if (this.timer && this.timer.at <= next) return;
    if (this.timer) this.timers.clear(this.timer.handle);
    const handle = this.timers.set(
      () => {
        this.timer = null;
        this.pump();
      },
      Math.max(0, next - this.o.clock.now().getTime()),
    );
    this.timer = { handle, at: next };
  }

  /** sends in flight (for tests and shutdown) */
  settled(): Promise<void> {
    return Promise.all([...this.pendingSends]).then(() => undefined);
  }

  close(): void {
    this.closed = true;
    if (this.timer) this.timers.clear(this.timer.handle);
    this.timer = null;
  }
}

function errorReason(err: unknown): string {
  return err instanceof Error ? err.name : 'error';
}
