import { DomainError, recordedEvent, type Actor, type RecordedEvent, type SiteEvent } from '@madoguchi/shared';
import type { InstallationConfig, QueueDef, SiteDef, CounterDef } from '../domain/site.js';
import { findCounterDef, findQueue } from '../domain/site.js';
import { localDate } from '../domain/time.js';
import type { Clock } from '../ports/clock.js';
import type { Publisher } from '../ports/publisher.js';
import type { CounterRow } from '../ports/counter-store.js';
import type { Store } from '../ports/store.js';
import type { BookingStore } from '../ports/booking-store.js';
import { ForecastMemo, SiteForecast } from './forecast.js';
import { issuingStatus, NUMBERS_EXHAUSTED } from './issuing.js';
import { queueTurnAlerts, type TurnAlertQueueDeps } from './turn-alert-queue.js';
import { ticketView } from './views.js';

/** What the engine is given: its ports and the installation's configuration. */
export interface EngineInput {
  store: Store;
  clock: Clock;
  config: InstallationConfig;
  publisher?: Publisher;
  /** an unguessable token for a ticket's phone page */
  newToken: () => string;
  /** turn-near alerts: their outbox is written at the end of every unit of work (turn-alert-queue.ts) */
  turnAlerts?: TurnAlertQueueDeps;
  /** bookings (来庁予約); without it the booking use cases answer 503 */
  bookings?: BookingStore;
}

/** What the use cases get: the engine's input, and what the engine object keeps between them. */
export interface EngineDeps extends EngineInput {
  /** the forecasts' histories and last forecast */
  forecasts: ForecastMemo;
  /** where committed units' events go: published at once, or held for a group commit */
  outbox: Outbox;
}

/** The use cases' deps over `input`, with fresh state: made once by the engine object that keeps it. */
export function engineDeps(input: EngineInput): EngineDeps {
  return { ...input, forecasts: new ForecastMemo(), outbox: new Outbox() };
}

/**
 * One use case's unit of work: a single write transaction on the store, whose events get
 * the site's sequence numbers inside the transaction and are published after it commits.
 */
export class UnitOfWork {
  readonly events: SiteEvent[] = [];
  constructor(
    readonly deps: EngineDeps,
    readonly site: SiteDef,
    readonly now: number,
    readonly actor: Actor,
    readonly businessDate: string,
  ) {}

  get store(): Store {
    return this.deps.store;
  }

  /**
   * Stores an event's row(s) and queues its push, all from the one event (shared/src/events.ts);
   * returns the sequence number of its first row. A push stands for the rows stored after its own
   * without a push of their own (EventBase.lastSeq), so clients see no gap in the numbers.
   */
  record(event: RecordedEvent): number {
    const { rows, push } = recordedEvent(event);
    let first: number | null = null;
    for (const row of rows) {
      const seq = this.store.nextSeq(this.site.id);
      this.store.appendEvent({ ...row, siteId: this.site.id, seq, at: this.now, actorKind: this.actor.kind, actorId: this.actor.id });
      first ??= seq;
      if (push && seq === first) {
        this.events.push({ ...push, site: this.site.id, seq, at: new Date(this.now).toISOString() });
        continue;
      }
      const covering = this.events[this.events.length - 1];
      if (!covering) throw new Error(`${event.type} is stored without a push: it must follow one in its unit of work`);
      covering.lastSeq = seq;
    }
    if (first === null) throw new Error(`${event.type} stored no row`);
    return first;
  }
}

export function siteOf(deps: EngineDeps, siteId: string): SiteDef {
  const site = deps.config.sites.find((s) => s.id === siteId);
  if (!site) throw new DomainError('NOT_FOUND', `unknown site "${siteId}"`, { field: 'site' });
  return site;
}

export function queueOf(site: SiteDef, queueId: string, field = 'queue'): QueueDef {
  const q = findQueue(site, queueId);
  if (!q) throw new DomainError('NOT_FOUND', `unknown queue "${queueId}"`, { field });
  return q;
}

export function counterOf(deps: EngineDeps, site: SiteDef, counterId: string): { def: CounterDef; row: CounterRow } {
  const def = findCounterDef(site, counterId);
  const row = def && deps.store.counter(site.id, counterId);
  if (!def || !row) throw new DomainError('NOT_FOUND', `unknown counter "${counterId}"`, { field: 'counter' });
  return { def, row };
}

/**
 * The business day for `now`: the site's local date, but never earlier than the stored one
 * (a clock that jumps back over midnight must not reopen yesterday's numbering).
 */
export function businessDateFor(stored: string | null, now: number, timeZone: string): string {
  const today = localDate(now, timeZone);
  return stored && stored > today ? stored : today;
}

/**
 * Where the events of committed units go: to the publisher at once, or, while a group commit
 * (commit-group.ts) runs, held until the group's one commit.
 */
export class Outbox {
  private held: SiteEvent[] | null = null;

  /** Runs `fn` (which opens the enclosing transaction) and returns the events its units would have published. */
  hold(fn: () => void): SiteEvent[] {
    const events: SiteEvent[] = [];
    this.held = events;
    try {
      fn();
    } finally {
      this.held = null;
    }
    return events;
  }

  /** A committed unit's events: held for the running group commit, else published now. */
  send(events: readonly SiteEvent[], publisher: Publisher | undefined): void {
    if (this.held) this.held.push(...events);
    else if (publisher) for (const e of events) publisher.publish(e);
  }
}

/** Runs `fn` as one unit of work and publishes its events after the commit. */
export function runUnit<T>(deps: EngineDeps, siteId: string, actor: Actor, fn: (u: UnitOfWork) => T): T {
  const site = siteOf(deps, siteId);
  const now = deps.clock.now().getTime();
  let unit: UnitOfWork | undefined;
  let alertsQueued = 0;
  const result = deps.store.transaction(() => {
    const stored = deps.store.siteDay(site.id).businessDate;
    const date = businessDateFor(stored, now, site.timeZone);
    unit = new UnitOfWork(deps, site, now, actor, date);
    if (date !== stored) rollover(unit, stored);
    const r = fn(unit);
    if (deps.turnAlerts) alertsQueued = queueTurnAlerts(unit, deps.turnAlerts);
    attachQueueCounts(unit);
    return r;
  });
  if (!unit) return result;
  deps.outbox.send(unit.events, deps.publisher);
  if (alertsQueued > 0) deps.turnAlerts?.queued(site.id);
  return result;
}

/** Pages keep waiting counts, estimates and issuing states exact without asking: a change's last event carries them. */
function attachQueueCounts(u: UnitOfWork): void {
  const last = u.events[u.events.length - 1];
  if (!last) return;
  const f = new SiteForecast(u.deps, u.site, u.businessDate);
  last.queues = u.site.queues.map((q) => {
    const s = issuingStatus(u.store, u.site, q, u.now);
    return {
      id: q.id,
      waiting: f.waiting(q.id),
      estimatedWaitMinutes: s.reason === NUMBERS_EXHAUSTED ? null : f.forNewTicket(q.id).estimatedWaitMinutes,
      issuing: s.state,
      closedReason: s.reason,
      nextOpening: s.nextOpening,
    };
  });
}

/**
 * Day change (§3.6): open tickets of earlier days expire; numbering starts fresh by date. The
 * expiries are stored after `day:rolled-over`, which stands for them (pages refetch on a new day).
 */
function rollover(u: UnitOfWork, previous: string | null): void {
  const { store, site } = u;
  const open = store.openTicketsBefore(site.id, u.businessDate);
  store.setBusinessDate(site.id, u.businessDate);
  u.record({ type: 'day:rolled-over', businessDate: u.businessDate, previousDate: previous, expired: open.length });
  for (const t of open) {
    const from = t.state;
    t.state = 'expired';
    t.endedAt = u.now;
    store.updateTicket(t);
    u.record({ type: 'ticket:expired', ticket: ticketView(t), from });
  }
  const expiredIds = new Set(open.map((t) => t.id));
  for (const c of store.counters(site.id)) {
    if (c.currentTicketId !== null && expiredIds.has(c.currentTicketId)) {
      store.saveCounter({ ...c, currentTicketId: null, updatedAt: u.now });
    }
  }
}
