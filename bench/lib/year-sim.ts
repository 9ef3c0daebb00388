/**
 * One business day of the sample office as a template of rows: a small discrete simulation
 * (arrivals on a ward-office curve, counters serving their queues first come first served,
 * recalls, no-shows, transfers, cancellations, printing, feedback) whose actions are replayed in
 * time order into exactly the rows the engine writes for them — the same units of work (a ticket
 * event plus the counter's `counter:updated`, `print:updated` beside `ticket:issued`…), the same
 * event data (typed by the event map, shared/src/events.ts), consecutive sequence numbers.
 *
 * Ids and sequence numbers are relative to the day (ticket k = 1, 2…; seq s = 1, 2…) and numbers
 * inside event data are marked (`\0S12\0` a seq, `\0T3\0` a ticket id, `\0J3\0` a print job id), so
 * year-data.ts can copy a template to any date and offset inside SQLite. Instants are epoch ms.
 */
import type { LoggedEventType, StoredEventData } from '@madoguchi/shared';
import { formatLabel } from '../../server/src/domain/numbering.js';
import { nextStreak } from '../../server/src/domain/selection.js';
import type { CounterDef, QueueDef, SiteDef } from '../../server/src/domain/site.js';
import { zonedInstant } from '../../server/src/domain/time.js';
import { seededRandom } from '../../server/src/test-support/random.js';

export type Row = Array<string | number | null>;

/** What a template day holds, per queue as the daily report counts it. */
export interface QueueSummary {
  queue: string;
  issued: number;
  served: number;
  noShows: number;
  cancelled: number;
  transfersIn: number;
  /** minutes from issue to the first call, of the tickets issued in this queue */
  waits: number[];
  /** minutes from start (or first call) to completion, of the tickets that ended in this queue */
  serviceTimes: number[];
}

export interface DaySummary {
  date: string;
  issued: number;
  served: number;
  noShows: number;
  arrivalsByHour: number[];
  queues: QueueSummary[];
  events: number;
}

export interface DayTemplate {
  date: string;
  /** [k, issued_queue_id, number, label, queue_id, service_id, priority, low_counter, state, s (sort_key = issue_seq),
   *  issued_at, called_at, started_at, ended_at, counter_id, recalls, transfers] */
  tickets: Row[];
  /** [s, type, k (ticket) | null, from_state, to_state, at, actor_kind, actor_id, counter_id, queue_id, data (marked)] */
  events: Row[];
  /** [j (= k), k, kiosk, state, attempts, ahead, estimated_wait_minutes, language, created_at, updated_at] */
  printJobs: Row[];
  /** [k, request_hash, created_at] */
  idempotencyKeys: Row[];
  /** [k, rating, at] */
  feedback: Row[];
  /** [queue_id, last_number, cycle, priority_streak] */
  queueDays: Row[];
  summary: DaySummary;
}

/** The demo kiosk's actor and device name: the first device of a new sample office. */
export const KIOSK_ACTOR = 'kiosk:1';
export const KIOSK_NAME = 'demo kiosk';

const MINUTE = 60_000;
const LANGUAGES = ['ja', 'ja', 'ja', 'ja', 'ja', 'ja', 'ja', 'ja', 'ja-easy', 'en', 'zh', 'ko', 'pt', 'vi'];
/** 08:45 … 17:00 in quarter hours: the morning rush, the lunch dip, a smaller afternoon peak */
const ARRIVAL_WEIGHTS = [
  1.7, 1.6, 1.6, 1.5, 1.4, 1.4, 1.3, 1.3, 1.2, 1.1, 1.1, 1.0, 0.8, 0.8, 0.7, 0.8, 1.1, 1.2, 1.1, 1.1, 1.0, 1.0, 1.0, 0.9, 0.9, 0.9,
  0.8, 0.8, 0.7, 0.6, 0.6, 0.5, 0.4,
];
const OPEN_MINUTE = 8 * 60 + 45;
const CLOSE_MINUTE = 17 * 60 + 15;

/** A number of the event data written as a mark, replaced inside SQLite. */
type Mark = `\u0000${'S' | 'T' | 'J'}${number}\u0000`;

export const mark = {
  seq: (s: number): Mark => `\u0000S${s}\u0000`,
  ticket: (k: number): Mark => `\u0000T${k}\u0000`,
  job: (j: number): Mark => `\u0000J${j}\u0000`,
};

/** An event type's stored data, where any number may be a mark. */
type Marked<D> = { [K in keyof D]: D[K] extends number ? number | Mark : D[K] extends number | null ? number | Mark | null : D[K] };

/** A value of event data as JSON; a mark (the only string starting with NUL) bare. */
const jsonValue = (v: unknown): string =>
  v === null ? 'null' : typeof v === 'number' || typeof v === 'boolean' ? String(v) : typeof v === 'string' && v.charCodeAt(0) === 0 ? v : JSON.stringify(v);

/** Event data as JSON, its marks written bare (keys are plain names): as fast as the hand-written strings it replaces. */
function markedJson(data: Record<string, unknown>): string {
  let out = '{';
  for (const k in data) out += `${out.length > 1 ? ',' : ''}"${k}":${jsonValue(data[k])}`;
  return `${out}}`;
}

/** An event row as the engine stores it, its data typed by the event map. */
function eventRow<T extends LoggedEventType>(
  seq: number,
  type: T,
  ticket: number | null,
  from: string | null,
  to: string | null,
  at: number,
  actor: [kind: string, id: string],
  counter: string | null,
  queue: string | null,
  data: Marked<StoredEventData[T]>,
): Row {
  return [seq, type, ticket, from, to, at, actor[0], actor[1], counter, queue, markedJson(data)];
}

type TicketEventType = Extract<LoggedEventType, `ticket:${string}`>;
const KIOSK: [string, string] = ['device', KIOSK_ACTOR];


interface Ticket {
  k: number;
  issuedQueue: string;
  number: number;
  label: string;
  queue: string;
  service: string | null;
  priority: boolean;
  lowCounter: boolean;
  language: string;
  issuedAt: number;
  issueSeq: number;
  state: string;
  calledAt: number | null;
  startedAt: number | null;
  endedAt: number | null;
  counter: string | null;
  recalls: number;
  transfers: number;
  printedAt: number;
  // kept on the side: what the daily report derives from the events
  firstCalledAt: number | null;
  everStartedAt: number | null;
  ahead: number;
  estimate: number;
  feedback: number | null;
}

interface Visit {
  ticket: Ticket;
  queue: string;
  readyAt: number;
}

/** A business day being simulated: its ticket list, the counters' state, and the units of work to replay. */
class Day {
  readonly events: Row[] = [];
  readonly units: Array<{ at: number; order: number; run: () => void }> = [];
  readonly freeAt = new Map<string, number>();
  readonly clerkOf = new Map<string, string>();
  readonly waiting = new Map<string, number>();
  readonly streak = new Map<string, number>();
  /** transfers, waiting for a counter in the order they become ready */
  readonly later: Visit[] = [];
  seq = 0;

  constructor(
    readonly list: Ticket[],
    queues: readonly QueueDef[],
  ) {
    for (const q of queues) {
      this.waiting.set(q.id, 0);
      this.streak.set(q.id, 0);
    }
  }

  schedule(at: number, run: () => void): void {
    this.units.push({ at, order: this.units.length, run });
  }

  ticketEvent<T extends TicketEventType>(at: number, type: T, t: Ticket, from: string, counter: string | null, data: Marked<StoredEventData[T]>, queue = t.queue): void {
    this.events.push(eventRow(++this.seq, type, t.k, from, t.state, at, ['clerk', this.clerk(counter ?? '')], counter, queue, data));
  }

  counterUpdated(at: number, c: string, availability: 'open' | 'closed', current: Ticket | null): void {
    const data = { availability, currentTicketId: current ? mark.ticket(current.k) : null, reason: null };
    this.events.push(eventRow(++this.seq, 'counter:updated', null, null, null, at, ['clerk', this.clerk(c)], c, null, data));
  }

  printUpdated(at: number, actor: [string, string], k: number, state: 'pending' | 'printed'): void {
    // one print job per ticket, so job j and ticket k coincide within a day
    const data = { job: mark.job(k), ticket: mark.ticket(k), printer: 'lobby', state, reason: null };
    this.events.push(eventRow(++this.seq, 'print:updated', null, null, null, at, actor, null, null, data));
  }

  clerk(counter: string): string {
    return this.clerkOf.get(counter) ?? 'clerk01';
  }
}

export class TemplateWriter {
  private readonly rand: () => number;
  private readonly servedBy: Map<string, CounterDef[]>;
  /** counters per queue, a counter serving two queues counting by half */
  private readonly capacity: Map<string, number>;

  constructor(
    private readonly site: SiteDef,
    seed: number,
  ) {
    this.rand = seededRandom(seed);
    this.servedBy = new Map(site.queues.map((q) => [q.id, site.counters.filter((c) => c.queues.includes(q.id))]));
    this.capacity = new Map(site.queues.map((q) => [q.id, (this.servedBy.get(q.id) ?? []).reduce((s, c) => s + 1 / c.queues.length, 0)]));
  }

  private pick<T>(xs: readonly T[]): T {
    const x = xs[Math.floor(this.rand() * xs.length)];
    if (x === undefined) throw new Error('pick from an empty list');
    return x;
  }

  private lognormal(mean: number, sigma: number): number {
    const u = Math.max(1e-9, this.rand());
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.rand());
    return mean * Math.exp(sigma * z - (sigma * sigma) / 2);
  }

  /**
   * The sample office has 10 counters: a day of ~2,850 tickets keeps them ~90 % busy only with
   * short services, so the mean is scaled to the queue's capacity; the configured minutes of the
   * procedures only shape the mix.
   */
  private meanServiceMinutes(queue: string, dayTickets: number): number {
    const perQueue = dayTickets / this.site.queues.length;
    return ((this.capacity.get(queue) ?? 1) * (CLOSE_MINUTE - OPEN_MINUTE) * 0.9) / Math.max(1, perQueue);
  }

  /** A business day with about `tickets` tickets (each queue capped by its numbering range). */
  businessDay(date: string, tickets: number, shares: Record<string, number>): DayTemplate {
    const site = this.site;
    // office hours never straddle a daylight-saving change, so one offset serves the whole day
    const noon = zonedInstant(date, 12 * 60, site.timeZone);
    const at = (minute: number) => noon + (minute - 12 * 60) * MINUTE;

    // arrivals: quarter hours by weight, uniform within the quarter
    const totalWeight = ARRIVAL_WEIGHTS.reduce((a, b) => a + b, 0);
    const arrivals: Array<{ at: number; queue: QueueDef }> = [];
    for (const q of site.queues) {
      const n = Math.min(q.numbering.last - q.numbering.first + 1, Math.round(tickets * (shares[q.id] ?? 0)));
      for (let i = 0; i < n; i++) {
        let r = this.rand() * totalWeight;
        let slot = 0;
        while (slot < ARRIVAL_WEIGHTS.length - 1 && r >= (ARRIVAL_WEIGHTS[slot] ?? 0)) r -= ARRIVAL_WEIGHTS[slot++] ?? 0;
        arrivals.push({ at: at(OPEN_MINUTE + slot * 15) + Math.floor(this.rand() * 15 * MINUTE), queue: q });
      }
    }
    arrivals.sort((a, b) => a.at - b.at);
    const lastNumber = new Map<string, number>();
    const list: Ticket[] = arrivals.map((a, i) => {
      const q = a.queue;
      const number = (lastNumber.get(q.id) ?? q.numbering.first - 1) + 1;
      lastNumber.set(q.id, number);
      const hasLow = (this.servedBy.get(q.id) ?? []).some((c) => c.lowCounter);
      return {
        k: i + 1,
        issuedQueue: q.id,
        number,
        label: formatLabel(q.numbering, number),
        queue: q.id,
        service: q.services.length > 0 && this.rand() < 0.9 ? this.pick(q.services).id : null,
        priority: this.rand() < 0.02,
        lowCounter: hasLow && this.rand() < 0.015,
        language: this.pick(LANGUAGES),
        issuedAt: a.at,
        issueSeq: 0,
        state: 'waiting',
        calledAt: null,
        startedAt: null,
        endedAt: null,
        counter: null,
        recalls: 0,
        transfers: 0,
        printedAt: a.at + 1500 + Math.floor(this.rand() * 1500),
        firstCalledAt: null,
        everStartedAt: null,
        ahead: 0,
        estimate: 0,
        feedback: null,
      };
    });
    const d = new Day(list, site.queues);

    // counters open before the doors, each by the day's clerk
    for (const c of site.counters) {
      d.clerkOf.set(c.id, `clerk${String(1 + Math.floor(this.rand() * 40)).padStart(2, '0')}`);
      const opens = at(8 * 60 + 35) + Math.floor(this.rand() * 8 * MINUTE);
      d.freeAt.set(c.id, opens + MINUTE);
      d.schedule(opens, () => d.counterUpdated(opens, c.id, 'open', null));
    }

    // issue (ticket:issued and the queued print job in one unit), and the print worker's outcome
    for (const t of list) {
      d.schedule(t.issuedAt, () => {
        t.ahead = d.waiting.get(t.queue) ?? 0;
        d.waiting.set(t.queue, t.ahead + 1);
        t.estimate = Math.round((t.ahead * this.meanServiceMinutes(t.queue, list.length)) / Math.max(0.5, this.capacity.get(t.queue) ?? 1));
        t.issueSeq = d.seq + 1;
        const data = {
          label: t.label,
          number: t.number,
          cycle: 0,
          service: t.service,
          priority: t.priority,
          lowCounter: t.lowCounter,
          sortKey: mark.seq(t.issueSeq),
          language: t.language,
        };
        d.events.push(eventRow(++d.seq, 'ticket:issued', t.k, null, 'waiting', t.issuedAt, KIOSK, null, t.queue, data));
        d.printUpdated(t.issuedAt, KIOSK, t.k, 'pending');
      });
      d.schedule(t.printedAt, () => d.printUpdated(t.printedAt, ['system', 'printer'], t.k, 'printed'));
    }

    // serve the visits in the order they become ready, each at the counter free first
    const visits: Visit[] = list.map((t) => ({ ticket: t, queue: t.queue, readyAt: t.issuedAt }));
    let i = 0;
    for (;;) {
      const next = (d.later[0]?.readyAt ?? Infinity) < (visits[i]?.readyAt ?? Infinity) ? d.later.shift() : visits[i++];
      if (!next) break;
      this.serve(next, d);
    }

    // counters close once their last citizen is done
    for (const c of site.counters) {
      const closes = Math.max(d.freeAt.get(c.id) ?? 0, at(CLOSE_MINUTE)) + MINUTE + Math.floor(this.rand() * 4 * MINUTE);
      d.schedule(closes, () => d.counterUpdated(closes, c.id, 'closed', null));
    }

    d.units.sort((a, b) => a.at - b.at || a.order - b.order);
    for (const u of d.units) u.run();

    return {
      date,
      tickets: list.map((t) => [
        t.k, t.issuedQueue, t.number, t.label, t.queue, t.service, t.priority ? 1 : 0, t.lowCounter ? 1 : 0, t.state, t.issueSeq,
        t.issuedAt, t.calledAt, t.startedAt, t.endedAt, t.counter, t.recalls, t.transfers,
      ]),
      events: d.events,
      printJobs: list.map((t) => [t.k, t.k, KIOSK_NAME, 'printed', 1, t.ahead, t.estimate, t.language, t.issuedAt, t.printedAt]),
      idempotencyKeys: list.map((t) => [t.k, JSON.stringify([t.issuedQueue, t.service, t.priority, t.lowCounter]), t.issuedAt]),
      feedback: list.filter((t) => t.feedback !== null).map((t) => [t.k, t.feedback, (t.endedAt ?? t.issuedAt) + 3 * MINUTE]),
      queueDays: site.queues.map((q) => [q.id, lastNumber.get(q.id) ?? null, 0, d.streak.get(q.id) ?? 0]),
      summary: { ...summarise(date, list, site), events: d.events.length },
    };
  }

  private serve(v: Visit, d: Day): void {
    const t = v.ticket;
    const q = this.site.queues.find((x) => x.id === v.queue);
    if (!q) throw new Error(`queue ${v.queue}`);

    // a few leave before their call and are cancelled by staff
    if (v.queue === t.issuedQueue && this.rand() < 0.008) {
      const cancelAt = v.readyAt + (5 + Math.floor(this.rand() * 40)) * MINUTE;
      d.schedule(cancelAt, () => {
        const from = t.state;
        t.state = 'cancelled';
        t.endedAt = cancelAt;
        d.waiting.set(t.queue, (d.waiting.get(t.queue) ?? 1) - 1);
        d.ticketEvent(cancelAt, 'ticket:cancelled', t, from, null, {});
      });
      return;
    }

    let counter: CounterDef | undefined;
    for (const c of this.servedBy.get(v.queue) ?? []) {
      if (!counter || (d.freeAt.get(c.id) ?? 0) < (d.freeAt.get(counter.id) ?? 0)) counter = c;
    }
    if (!counter) throw new Error(`no counter serves ${v.queue}`);
    const c = counter.id;
    const callAt = Math.max(v.readyAt, d.freeAt.get(c) ?? 0) + 5000 + Math.floor(this.rand() * 15_000);
    d.schedule(callAt, () => {
      const from = t.state;
      Object.assign(t, { state: 'called', calledAt: callAt, counter: c, recalls: 0 });
      t.firstCalledAt ??= callAt;
      d.waiting.set(t.queue, (d.waiting.get(t.queue) ?? 1) - 1);
      d.streak.set(t.queue, nextStreak(d.streak.get(t.queue) ?? 0, t.priority));
      d.ticketEvent(callAt, 'ticket:called', t, from, c, { recall: false, outOfOrder: false });
      d.counterUpdated(callAt, c, 'open', t);
    });
    const recall = (when: number) =>
      d.schedule(when, () => {
        t.recalls += 1;
        d.ticketEvent(when, 'ticket:called', t, 'called', c, { recall: true, outOfOrder: false });
      });

    const r = this.rand();
    if (r < 0.03) {
      // called twice more, then a no-show
      recall(callAt + MINUTE);
      recall(callAt + 2 * MINUTE);
      const gone = callAt + 3 * MINUTE;
      d.schedule(gone, () => {
        t.state = 'no_show';
        t.endedAt = gone;
        d.ticketEvent(gone, 'ticket:no-show', t, 'called', c, {});
        d.counterUpdated(gone, c, 'open', null);
      });
      d.freeAt.set(c, gone);
      return;
    }
    let begins = callAt;
    if (r < 0.08) {
      recall(callAt + 45_000);
      begins += 45_000;
    }
    begins += 15_000 + Math.floor(this.rand() * 30_000);
    if (this.rand() < 0.7) {
      // most clerks press "start"; the others complete a called ticket directly
      const s = begins;
      d.schedule(s, () => {
        t.state = 'serving';
        t.startedAt = s;
        t.everStartedAt = s;
        d.ticketEvent(s, 'ticket:started', t, 'called', c, {});
        d.counterUpdated(s, c, 'open', t);
      });
    }
    const svc = q.services.find((s) => s.id === t.service);
    const shape = svc ? svc.defaultServiceMinutes / q.defaultServiceMinutes : 1;
    const ends = begins + Math.max(20_000, Math.round(this.lognormal(this.meanServiceMinutes(v.queue, d.list.length) * shape, 0.5) * MINUTE));
    d.freeAt.set(c, ends);

    // some go on to another queue (回付) with the same label, once
    const targets = this.site.queues.filter((x) => x.id !== v.queue);
    if (t.transfers === 0 && targets.length > 0 && this.rand() < 0.025) {
      const to = this.pick(targets);
      const service = to.services.length > 0 ? this.pick(to.services).id : null;
      t.transfers = 1; // decided now, so the next visit cannot transfer again
      d.schedule(ends, () => {
        const from = t.state;
        const fromQueue = t.queue;
        Object.assign(t, { state: 'waiting', queue: to.id, service, counter: null, calledAt: null, startedAt: null, recalls: 0 });
        d.waiting.set(to.id, (d.waiting.get(to.id) ?? 0) + 1);
        d.ticketEvent(ends, 'ticket:transferred', t, from, c, { fromQueue, service, sortKey: mark.seq(t.issueSeq) }, to.id);
        d.counterUpdated(ends, c, 'open', null);
      });
      const k = d.later.findIndex((x) => x.readyAt > ends);
      d.later.splice(k < 0 ? d.later.length : k, 0, { ticket: t, queue: to.id, readyAt: ends });
      return;
    }
    d.schedule(ends, () => {
      const from = t.state;
      t.state = 'done';
      t.endedAt = ends;
      d.ticketEvent(ends, 'ticket:completed', t, from, c, {});
      d.counterUpdated(ends, c, 'open', null);
    });
    if (this.rand() < 0.05) t.feedback = 1 + Math.floor(this.rand() * 5);
  }
}


const minutes = (from: number | null, to: number | null): number | null => (from === null || to === null ? null : Math.max(0, (to - from) / MINUTE));

function summarise(date: string, list: readonly Ticket[], site: SiteDef): Omit<DaySummary, 'events'> {
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone: site.timeZone, hour: '2-digit', hourCycle: 'h23' });
  const arrivalsByHour = Array.from({ length: 24 }, () => 0);
  for (const t of list) {
    const h = Number(hour.format(t.issuedAt));
    arrivalsByHour[h] = (arrivalsByHour[h] ?? 0) + 1;
  }
  const num = (xs: Array<number | null>) => xs.filter((x): x is number => x !== null);
  return {
    date,
    issued: list.length,
    served: list.filter((t) => t.state === 'done').length,
    noShows: list.filter((t) => t.state === 'no_show').length,
    arrivalsByHour,
    queues: site.queues.map((q) => {
      const final = list.filter((t) => t.queue === q.id);
      return {
        queue: q.id,
        issued: list.filter((t) => t.issuedQueue === q.id).length,
        served: final.filter((t) => t.state === 'done').length,
        noShows: final.filter((t) => t.state === 'no_show').length,
        cancelled: final.filter((t) => t.state === 'cancelled').length,
        transfersIn: final.filter((t) => t.transfers > 0 && t.issuedQueue !== q.id).length,
        waits: num(list.filter((t) => t.issuedQueue === q.id).map((t) => minutes(t.issuedAt, t.firstCalledAt))),
        serviceTimes: num(final.filter((t) => t.state === 'done').map((t) => minutes(t.everStartedAt ?? t.firstCalledAt, t.endedAt))),
      };
    }),
  };
}
