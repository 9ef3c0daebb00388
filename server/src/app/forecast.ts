import {
  counterShare,
  expectedWaitsByPlace,
  remainingServiceMinutes,
  roundedWait,
  serviceTimeModel,
  type CounterCapacity,
  type ServiceTimeModel,
} from '../domain/estimate.js';
import { counterTimeFactors, WaitHistory } from '../domain/wait-history.js';
import { classOf, queueOrder } from '../domain/selection.js';
import type { BookingStore } from '../ports/booking-store.js';
import type { SiteDef } from '../domain/site.js';
import { addDays, zonedInstant } from '../domain/time.js';
import type { CounterStore } from '../ports/counter-store.js';
import type { EventLog, EventRow } from '../ports/event-log.js';
import type { SiteStore } from '../ports/site-store.js';
import type { TicketStore, WaitingTicket } from '../ports/ticket-store.js';
import { effectiveQueues } from './views.js';

/** from the call to the start of service: the walk to the counter, before anyone has been seen doing it */
const DEFAULT_WALK_MINUTES = 0.5;
/**
 * A paused counter (休憩, 電話対応) is expected back as long after it paused as today's earlier
 * pauses with the same reason took, this long before there are any, and not sooner than in
 * PAUSE_LEFT_MINUTES: the model cannot know the roster, only that pauses end.
 */
const PAUSE_MINUTES = 30;
const PAUSE_LEFT_MINUTES = 5;
/** the share of its time a counter gives its other queues: primary queue backlogged … empty */
const SPARE_SHARE_MIN = 0.05;
const SPARE_SHARE_MAX = 0.75;
/** how far back the counters' pace and the queue's order are observed */
const PACE_WINDOW_MINUTES = 30;
const ORDER_WINDOW_MINUTES = 60;
/** a history further behind than this many events is rebuilt from the day's ticket events */
const CATCH_UP_LIMIT = 2_000;
const MINUTE = 60_000;

/**
 * How likely a booking not yet checked in is to come: the share of the queue's bookings of the
 * last SHOW_DAYS days (today's included) that checked in rather than became no-shows, pulled
 * towards SHOW_PRIOR as if PRIOR_BOOKINGS more had come at that rate (a new queue: 0.9).
 */
const SHOW_DAYS = 28;
const SHOW_PRIOR = 0.9;
const PRIOR_BOOKINGS = 10;
const DAY = 86_400_000;

const stamp = (e: EventRow): string => `${e.seq}/${e.type}/${e.ticketId}/${e.at}/${e.actorId}/${e.counterId}/${e.queueId}/${JSON.stringify(e.data)}`;

/** What a forecast reads: the log and the counters' and tickets' rows. */
export type ForecastStore = Pick<SiteStore, 'siteDay'> &
  Pick<EventLog, 'events' | 'ticketEventsOfDay' | 'counterEventsBetween'> &
  Pick<CounterStore, 'counters'> &
  Pick<TicketStore, 'ticket'>;

interface SiteMemo {
  history: WaitHistory;
  model: { completions: number; model: ServiceTimeModel } | null;
}

/**
 * What forecasts keep between use cases, owned by the engine object (one per engine, so one per
 * event log): per site, the day's history (a projection of the event log, caught up with the
 * events since the last use case) and the service-time model (rebuilt only when a service was
 * completed); and the last forecast (a use case's answer and its pushed counts read the same
 * state at the same instant). The last event applied is compared by content, so a rolled-back
 * transaction that handed out the same sequence number is never mistaken for the committed log:
 * the history is then rebuilt from the store. A store wrapped to answer "what if" (the manager's
 * move preview changes only the counters) shares the history, never the last forecast.
 */
export class ForecastMemo {
  readonly histories = new Map<string, SiteMemo>();
  last: { store: ForecastStore; key: string; forecast: SiteForecast } | null = null;
}

/** A forecast's inputs: the rows it reads and the engine's memo. */
export interface ForecastDeps {
  store: ForecastStore;
  forecasts: ForecastMemo;
  /** the day's open bookings (their slots go ahead of walk-ins expected to be called after them), and how many came */
  bookings?: Pick<BookingStore, 'openOfDay' | 'countsBetween'>;
}

function historyOf(deps: ForecastDeps, siteId: string, timeZone: string, businessDate: string, seq: number): SiteMemo {
  const { store } = deps;
  const bySite = deps.forecasts.histories;
  let memo = bySite.get(siteId);
  if (memo && memo.history.businessDate === businessDate && seq - memo.history.seq <= CATCH_UP_LIMIT) {
    const h = memo.history;
    const since = store.events(siteId, Math.max(0, h.seq - 1));
    const first = since[0];
    if (h.seq === 0 || (first && first.seq === h.seq && stamp(first) === h.stamp)) {
      for (const e of since) if (e.seq > h.seq) h.apply(e, stamp(e));
      return memo;
    }
  }
  // first use, a new day, far behind, or a log that is not the one seen before: rebuild
  const history = new WaitHistory(businessDate);
  const dayStart = zonedInstant(businessDate, 0, timeZone);
  const day = [...store.ticketEventsOfDay(siteId, businessDate), ...store.counterEventsBetween(siteId, dayStart, dayStart + DAY)].sort((a, b) => a.seq - b.seq);
  for (const e of day) history.apply(e, stamp(e));
  // then the events after the day's last one (never the whole log of earlier days)
  for (const e of store.events(siteId, history.seq > 0 ? history.seq : Math.max(0, seq - 1))) history.apply(e, stamp(e));
  memo = { history, model: null };
  bySite.set(siteId, memo);
  return memo;
}

/** A queue's waiting tickets in calling order, each one's place, and (once asked) every place's wait. */
interface QueueLine {
  order: WaitingTicket[];
  places: Map<number, number>;
  waits: number[] | null;
  priorityWaits: number[] | null;
}

/**
 * Everything needed to estimate waits in a site's queues, read once per use case: the waiting
 * tickets, each counter's state (what it is doing since when), the recent service times, and
 * the day's history of calls. `now` defaults to the time of the site's latest event, which
 * inside a use case is the use case's own time.
 */
/** Per queue, the share of its ended bookings that checked in, pulled towards SHOW_PRIOR (see PRIOR_BOOKINGS). */
export function showRates(counts: ReadonlyArray<{ queueId: string; state: string; n: number }>): Map<string, number> {
  const came = new Map<string, number>();
  const ended = new Map<string, number>();
  for (const c of counts) {
    if (c.state !== 'checked_in' && c.state !== 'no_show') continue;
    ended.set(c.queueId, (ended.get(c.queueId) ?? 0) + c.n);
    if (c.state === 'checked_in') came.set(c.queueId, (came.get(c.queueId) ?? 0) + c.n);
  }
  const rates = new Map<string, number>();
  for (const [q, n] of ended) rates.set(q, ((came.get(q) ?? 0) + SHOW_PRIOR * PRIOR_BOOKINGS) / (n + PRIOR_BOOKINGS));
  return rates;
}

export class SiteForecast {
  private readonly model: ServiceTimeModel;
  private readonly waitingByQueue = new Map<string, WaitingTicket[]>();
  private readonly capacity = new Map<string, CounterCapacity[]>();
  /** the low counters among them, which call low-counter tickets first */
  private readonly lowCapacity = new Map<string, CounterCapacity[]>();
  private readonly walkMinutes: number;
  /** observed counter time per ticket against the model's, per queue */
  private readonly pace = new Map<string, number>();
  /** calls before a normal ticket's turn per person ahead of it, per queue */
  private readonly order = new Map<string, number>();
  /** each queue's line, sorted once (turn alerts ask for many tickets per use case) */
  private readonly lines = new Map<string, QueueLine>();
  /** the day's history, for what is asked rarely (walk-ins' arrival rate, for booked tickets before their slot) */
  private readonly history: WaitHistory;
  /** the instant of the forecast (booked tickets are placed by their slot start against it) */
  private readonly at: number;
  /** per queue, the booked work still to come in: booked tickets before their slot, open bookings (read once, when first asked) */
  private upcoming: Map<string, Array<{ slotStart: number; serviceId: string | null; weight: number }>> | null = null;
  private readonly upcomingSource: () => Array<{ queueId: string; slotStart: number; serviceId: string | null }>;
  /** per queue, how likely an open booking is to come (read with the open bookings) */
  private readonly showRateSource: () => Map<string, number>;

  constructor(deps: ForecastDeps, site: SiteDef, businessDate: string, now?: number) {
    const { store } = deps;
    const { seq } = store.siteDay(site.id);
    const memo = historyOf(deps, site.id, site.timeZone, businessDate, seq);
    const history = memo.history;
    const at = now ?? history.at;
    this.at = at;
    this.history = history;
    // bookings are not in the history's state: read fresh by every forecast, never shared through the memo
    this.upcomingSource = () => deps.bookings?.openOfDay(site.id, businessDate) ?? [];
    this.showRateSource = () => showRates(deps.bookings?.countsBetween(site.id, addDays(businessDate, -(SHOW_DAYS - 1)), businessDate) ?? []);
    const key = `${site.id}\u0000${businessDate}\u0000${history.stateStamp}\u0000${at}`;
    const last = deps.forecasts.last;
    if (last?.store === store && last.key === key) {
      // the same state at the same instant (events that change nothing here, e.g. a print job, do not count): share the work
      const f = last.forecast;
      this.model = f.model;
      this.waitingByQueue = f.waitingByQueue;
      this.capacity = f.capacity;
      this.lowCapacity = f.lowCapacity;
      this.walkMinutes = f.walkMinutes;
      this.pace = f.pace;
      this.order = f.order;
      return;
    }
    if (memo.model?.completions !== history.completions) {
      const model = serviceTimeModel([...history.samples], {
        queueMinutes: (q) => site.queues.find((x) => x.id === q)?.defaultServiceMinutes ?? 10,
        serviceMinutes: (q, s) => site.queues.find((x) => x.id === q)?.services.find((x) => x.id === s)?.defaultServiceMinutes,
      });
      memo.model = { completions: history.completions, model };
    }
    this.model = memo.model.model;

    const queueIds = site.queues.map((q) => q.id);
    for (const q of queueIds) this.waitingByQueue.set(q, history.waiting(q));

    const rows = store.counters(site.id);
    const counters = site.counters.flatMap((def) => {
      const row = rows.find((r) => r.id === def.id);
      if (!row) return [];
      const current = row.currentTicketId === null ? undefined : (history.ticket(row.currentTicketId) ?? store.ticket(site.id, row.currentTicketId));
      return [{ row, current, queues: effectiveQueues(def, row), low: def.lowCounter }];
    });
    // the walk from the lobby, as the citizens at the counters now took it
    const walks = counters.flatMap((c) =>
      c.current?.state === 'serving' && c.current.calledAt !== null && c.current.startedAt !== null
        ? [Math.max(0, c.current.startedAt - c.current.calledAt) / MINUTE]
        : [],
    );
    this.walkMinutes = walks.length > 0 ? walks.reduce((a, b) => a + b, 0) / walks.length : DEFAULT_WALK_MINUTES;

    // since when each queue has had someone waiting: its longest-waiting ticket placed by issue
    const busySince = new Map<string, number>();
    for (const list of this.waitingByQueue.values()) {
      for (const t of list) if (t.sortKey >= 0) busySince.set(t.queueId, Math.min(busySince.get(t.queueId) ?? Infinity, t.issuedAt));
    }
    this.pace = counterTimeFactors({
      calls: history.calls,
      since: at - PACE_WINDOW_MINUTES * MINUTE,
      expectedMinutes: (q) => this.model.minutes(q, null) + this.walkMinutes,
      busySince: (q) => busySince.get(q) ?? null,
    });
    for (const q of queueIds) this.order.set(q, history.callsPerAhead(q, at - ORDER_WINDOW_MINUTES * MINUTE));

    // counters giving a queue their full attention (its own, and those with it as primary queue)
    const dedicated = new Map<string, number>();
    for (const c of counters) {
      if (c.row.availability === 'closed') continue;
      for (const q of c.queues.queues) if (counterShare(c.queues, q) === 1) dedicated.set(q, (dedicated.get(q) ?? 0) + 1);
    }
    /**
     * A counter with a primary queue serves the others when its primary queue has nobody left
     * for it: most of its time when that queue is empty, hardly any while it has a backlog.
     */
    const shareOf = (c: (typeof counters)[number], q: string): number => {
      const share = counterShare(c.queues, q);
      const primary = c.queues.primaryQueue;
      if (share <= 0 || primary === null || primary === q) return share;
      const backlog = (this.waitingByQueue.get(primary)?.length ?? 0) / Math.max(1, dedicated.get(primary) ?? 1);
      return (SPARE_SHARE_MIN + (SPARE_SHARE_MAX - SPARE_SHARE_MIN) * Math.max(0, 1 - backlog)) / Math.max(1, c.queues.queues.length - 1);
    };
    // when each counter can call next: after its citizen, its walk, or its pause
    const freeIn = counters.map((c) => {
      if (c.row.availability === 'paused') return Math.max((history.pauseEnds(c.row.id, c.row.updatedAt, PAUSE_MINUTES) - at) / MINUTE, PAUSE_LEFT_MINUTES);
      return c.row.availability === 'open' ? this.busyFor(c.current, at) : null;
    });
    for (const q of queueIds) {
      const serving: CounterCapacity[] = [];
      const planned: CounterCapacity[] = [];
      const low: CounterCapacity[] = [];
      counters.forEach((c, i) => {
        const share = shareOf(c, q);
        if (share <= 0) return;
        planned.push({ freeIn: 0, share });
        const free = freeIn[i];
        if (free === null || free === undefined) return;
        serving.push({ freeIn: free, share });
        if (c.low) low.push({ freeIn: free, share });
      });
      // before opening, estimate with the counters planned for the queue
      this.capacity.set(q, serving.length > 0 ? serving : planned);
      this.lowCapacity.set(q, low);
    }
    deps.forecasts.last = { store, key, forecast: this };
  }

  /** Minutes until a counter is done with its current ticket. */
  private busyFor(
    t: { queueId: string; serviceId: string | null; state: string; calledAt: number | null; startedAt: number | null } | undefined,
    at: number,
  ): number {
    if (!t) return 0;
    const mean = this.model.minutes(t.queueId, t.serviceId);
    if (t.state === 'serving' && t.startedAt !== null) {
      return remainingServiceMinutes(mean, this.model.cv(t.queueId), Math.max(0, at - t.startedAt) / MINUTE);
    }
    const walked = t.calledAt === null ? 0 : Math.max(0, at - t.calledAt) / MINUTE;
    return Math.max(0, this.walkMinutes - walked) + mean;
  }

  waiting(queueId: string): number {
    return this.waitingByQueue.get(queueId)?.length ?? 0;
  }

  /**
   * When the longest-waiting ticket of the queue was issued (the first by issue sequence, not by
   * wall time), or null when nobody waits. After a use case this reads the forecast it built,
   * so an alert check costs no query.
   */
  oldestIssuedAt(queueId: string): number | null {
    let oldest: WaitingTicket | null = null;
    for (const t of this.waitingByQueue.get(queueId) ?? []) if (oldest === null || t.issueSeq < oldest.issueSeq) oldest = t;
    return oldest?.issuedAt ?? null;
  }

  /**
   * Booked work that goes ahead of a walk-in expected to be called in `wait` minutes: booked
   * tickets waiting for their slot and open bookings whose slot starts before then, each a
   * service's counter minutes spread over the queue's counters. A booking not yet checked in
   * counts by how likely it is to come (showRates): no-shows would make walk-ins' estimates long.
   */
  private bookedAhead(queueId: string, wait: number): number {
    if (!this.upcoming) {
      this.upcoming = new Map();
      const add = (q: string, slotStart: number, serviceId: string | null, weight: number) => {
        const list = this.upcoming?.get(q) ?? [];
        list.push({ slotStart, serviceId, weight });
        this.upcoming?.set(q, list);
      };
      for (const [q, list] of this.waitingByQueue) for (const t of list) if (classOf(t, this.at) === 'early-booked') add(q, t.slotStart ?? 0, t.serviceId, 1);
      const open = this.upcomingSource().filter((b) => b.slotStart >= this.at - 60 * MINUTE);
      const rates = open.length > 0 ? this.showRateSource() : new Map<string, number>();
      for (const b of open) add(b.queueId, b.slotStart, b.serviceId, rates.get(b.queueId) ?? SHOW_PRIOR);
    }
    const list = this.upcoming.get(queueId);
    if (!list || list.length === 0) return 0;
    const shares = this.shares(queueId);
    if (shares <= 0) return 0;
    // twice: the booked work lengthens the wait, which may let a later slot in
    let extra = 0;
    for (let pass = 0; pass < 2; pass++) {
      const until = this.at + (wait + extra) * MINUTE;
      extra = list.filter((b) => b.slotStart <= until).reduce((sum, b) => sum + b.weight * this.ticketMinutes(queueId, b.serviceId), 0) / shares;
    }
    return extra;
  }

  /**
   * People ahead of a waiting ticket, and its estimated wait. A walk-in's wait counts the booked
   * work that goes ahead of it (bookedAhead). A booked ticket before its slot: at least until the
   * slot, and then as priority (only the priority tickets ahead of it count, also in `ahead`).
   */
  forTicket(queueId: string, ticketId: number): { ahead: number; estimatedWaitMinutes: number } {
    const line = this.lineOf(queueId);
    const idx = line.places.get(ticketId) ?? -1;
    const t = line.order[idx];
    const ahead = idx < 0 ? line.order.length : idx;
    const priority = t ? classOf(t, this.at) === 'priority' : false;
    // every place's wait in one pass, kept for the use case: turn alerts ask for many tickets
    let waits = priority ? line.priorityWaits : line.waits;
    if (!waits) {
      waits = this.waits(queueId, line.order, priority);
      if (priority) line.priorityWaits = waits;
      else line.waits = waits;
    }
    if (t && classOf(t, this.at) === 'early-booked') {
      const first = line.order.slice(0, idx).filter((x) => classOf(x, this.at) === 'priority');
      const untilSlot = ((t.slotStart ?? this.at) - this.at) / MINUTE;
      // from its slot it goes first; before it, a counter calls it once nobody waits ahead of its
      // place, and the walk-ins who come meanwhile go ahead of it too: that line empties after
      // W / (1 − ρ), ρ being the walk-ins' load on the queue's counters (never, at ρ ≥ 1)
      const fromSlot = Math.max(untilSlot, this.estimate(queueId, first, true));
      const load = this.walkInLoad(queueId);
      const emptied = load < 1 ? (waits[ahead] ?? 0) / (1 - load) : Infinity;
      return { ahead: first.length, estimatedWaitMinutes: roundedWait(Math.min(fromSlot, emptied)) };
    }
    const base = waits[ahead] ?? 0;
    let wait = roundedWait(priority ? base : base + this.bookedAhead(queueId, base));
    const low = this.lowCapacity.get(queueId) ?? [];
    if (t && t.lowCounter && !t.priority && low.length > 0) {
      // a low counter calls priority tickets, then low-counter tickets, before everyone else
      const first = line.order.slice(0, ahead).filter((x) => x.priority || x.lowCounter);
      wait = Math.min(wait, this.estimate(queueId, first, true, low));
    }
    return { ahead, estimatedWaitMinutes: wait };
  }

  /** A queue's waiting tickets in calling order with each one's place, sorted once per use case. */
  private lineOf(queueId: string): QueueLine {
    let line = this.lines.get(queueId);
    if (!line) {
      const order = queueOrder(this.waitingByQueue.get(queueId) ?? [], this.at);
      line = { order, places: new Map(order.map((t, i) => [t.id, i])), waits: null, priorityWaits: null };
      this.lines.set(queueId, line);
    }
    return line;
  }

  /**
   * The estimated wait of a ticket taken now: behind everyone waiting but booked tickets before
   * their slot, and the booked work whose slot starts before its call (bookedAhead).
   */
  forNewTicket(queueId: string): { ahead: number; estimatedWaitMinutes: number } {
    const all = this.waitingByQueue.get(queueId) ?? [];
    const order = all.some((t) => t.slotStart !== null && t.slotStart !== undefined) ? all.filter((t) => classOf(t, this.at) !== 'early-booked') : all;
    const waits = this.waits(queueId, order, false);
    const base = waits[waits.length - 1] ?? 0;
    return { ahead: order.length, estimatedWaitMinutes: roundedWait(base + this.bookedAhead(queueId, base)) };
  }

  /**
   * The walk-ins' load on the queue's counters now: their arrivals over the last half hour times
   * a ticket's counter minutes, over the counters' shares (1 or more: the line does not empty).
   */
  private walkInLoad(queueId: string): number {
    const shares = this.shares(queueId);
    if (shares <= 0) return 1;
    const perMinute = this.history.walkInsIssuedSince(queueId, this.at - 30 * MINUTE) / 30;
    return (perMinute * this.ticketMinutes(queueId, null)) / shares;
  }

  /** The queue's counters, each counted by the share of its time the queue gets. */
  private shares(queueId: string): number {
    return (this.capacity.get(queueId) ?? []).reduce((sum, c) => sum + Math.max(0, Math.min(1, c.share)), 0);
  }

  /** A ticket's counter minutes: the service-time model's, the walk to the counter, at the queue's pace today. */
  private ticketMinutes(queueId: string, serviceId: string | null): number {
    return (this.model.minutes(queueId, serviceId) + this.walkMinutes) * (this.pace.get(queueId) ?? 1);
  }

  private estimate(queueId: string, ahead: readonly WaitingTicket[], priority: boolean, counters = this.capacity.get(queueId) ?? []): number {
    const waits = this.waits(queueId, ahead, priority, counters);
    return roundedWait(waits[waits.length - 1] ?? 0);
  }

  /** The unrounded wait behind each place of `line` (expectedWaitsByPlace). */
  private waits(queueId: string, line: readonly WaitingTicket[], priority: boolean, counters = this.capacity.get(queueId) ?? []): number[] {
    // a normal ticket also waits for those who will go first after it was issued
    const factor = (this.pace.get(queueId) ?? 1) * (priority ? 1 : (this.order.get(queueId) ?? 1));
    const minutes = new Map<string | null, number>();
    const counterMinutes = (serviceId: string | null): number => {
      let m = minutes.get(serviceId);
      if (m === undefined) {
        m = (this.model.minutes(queueId, serviceId) + this.walkMinutes) * factor;
        minutes.set(serviceId, m);
      }
      return m;
    };
    return expectedWaitsByPlace({ ahead: line.map((t) => counterMinutes(t.serviceId)), counters });
  }

}
