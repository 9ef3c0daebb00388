/**
 * The simulated day: its data file (office, arrival curve, service times, behaviour, rosters)
 * and the citizens it generates. Everything random comes from one seeded generator, drawn in a
 * fixed order, so the same file and seed give the same day on every run.
 */
import { readFileSync } from 'node:fs';
import { parseConfig } from '../../server/src/config-file.js';
import type { InstallationConfig } from '../../server/src/domain/site.js';
import { parseHHMM, zonedInstant } from '../../server/src/domain/time.js';
import { seededRandom } from '../../server/src/test-support/random.js';

export interface Distribution {
  /** mean minutes */
  mean: number;
  /** coefficient of variation (sd / mean) of the lognormal */
  cv: number;
}

export interface RosterEntry {
  counter: string;
  /** when the clerk signs in and opens the counter, "HH:MM" */
  open: string;
  /** queues at opening when they differ from the configuration (a manager's move) */
  queues?: string[];
  primaryQueue?: string | null;
  /** pauses (昼休憩, 休憩): start "HH:MM", taken once the current citizen is finished */
  breaks?: Array<{ at: string; minutes: number; reason: string }>;
  /** the floor manager moves the counter to other queues */
  moves?: Array<{ at: string; queues: string[]; primaryQueue?: string | null }>;
}

export interface DayFile {
  name: string;
  /** the business day simulated, "YYYY-MM-DD" */
  date: string;
  site: string;
  seed: number;
  /** an installation configuration file (the same schema as CONFIG), as an object */
  office: unknown;
  arrivals: {
    /** tickets of an ordinary day at this office */
    ordinaryDayTickets: number;
    /** 引越しシーズン: late March / early April brings this many times the ordinary day */
    seasonMultiplier: number;
    from: string;
    until: string;
    /** people already at the door when issuing opens, issued within the first minutes */
    doorQueue: { people: number; withinMinutes: number };
    /** relative arrival rate from each "HH:MM" until the next entry (or `until`) */
    curve: Array<[string, number]>;
    /** share of tickets per queue and, within it, per procedure */
    queues: Record<string, { share: number; services: Record<string, number> }>;
    priorityShare: number;
    lowCounterShare: number;
  };
  /** minutes at the counter, from "start" to "complete", per queue and procedure */
  serviceMinutes: Record<string, Record<string, Distribution>>;
  /** from the call until the citizen reaches the counter */
  walkMinutes: { min: number; max: number };
  noShow: {
    /** not in the lobby when called (stepped out, a phone call), whatever the wait */
    probability: number;
    recallEveryMinutes: number;
    recalls: number;
    /** some come back later and are reinstated at the front of their queue */
    comeBack: { probability: number; afterMinutes: [number, number] };
  };
  /** how long a citizen waits before leaving; some tell the staff (cancel), the rest are no-shows */
  patience: Distribution & { tellStaff: number };
  /**
   * Turn-near alerts (docs/product.md §8): this share of the citizens whose ticket says more than
   * `overMinutes` signs up for an e-mail alert from the phone page, leaves the lobby and comes back
   * `travelMinutes` (uniform) after the near alert arrives. `ahead`/`minutes`: the thresholds they
   * choose (absent: the server's defaults).
   */
  alerts?: { share: number; overMinutes: number; travelMinutes: [number, number]; ahead?: number; minutes?: number };
  /**
   * Bookings (来庁予約, docs/product.md §8), used only on the bookings day (`--bookings`): a `share`
   * of the citizens of `queue` whose procedure is one of `services` book a slot before the day
   * instead of walking in — the slot that holds the time they would have walked in, else the
   * nearest one with a place. `config` is the queue's `booking` block on that day (the day without
   * bookings runs the office as configured). On the day a booked citizen cancels from the
   * booking's page (`cancel`), never comes (`noShow`), comes `late` (minutes after the slot start;
   * past the check-in window the kiosk refuses the code and they take a walk-in ticket), comes
   * `tooEarly` (minutes before the slot start, before check-in opens: they wait and check in when
   * it opens), or else comes `early` (minutes before the slot start, uniform).
   */
  bookings?: {
    queue: string;
    services: string[];
    share: number;
    config: { slotMinutes: number; perSlot: number; daysAhead: number; checkInBeforeMinutes: number; checkInAfterMinutes: number };
    early: [number, number];
    late: { share: number; minutes: [number, number] };
    tooEarly: { share: number; minutes: [number, number] };
    noShow: number;
    cancel: number;
  };
  /** 回付: after a procedure, the same citizen goes on to another queue */
  transfers: Array<{ from: string; service: string; to: string; toService: string | null; probability: number }>;
  rosters: Record<string, RosterEntry[]>;
}

export interface Citizen {
  /** arrival order, from 0 */
  n: number;
  at: number;
  queue: string;
  service: string;
  priority: boolean;
  lowCounter: boolean;
  serviceMinutes: number;
  walkMinutes: number;
  /** not there when called, whatever the wait */
  away: boolean;
  /** minutes after a no-show when the citizen comes back, or null */
  comeBackAfter: number | null;
  patienceMinutes: number;
  tellsStaff: boolean;
  transfer: { to: string; service: string | null; serviceMinutes: number } | null;
  /** signs up for an alert and leaves when the printed wait is long enough (day file `alerts`) */
  signsUp: boolean;
  /** from the near alert's arrival back to the lobby */
  travelMinutes: number;
  /**
   * On the bookings day: this citizen books a slot instead of walking in (null: walks in, or the
   * day has no bookings). `minutes`: when they come, relative to the slot start (negative: early).
   */
  booking: { fate: 'comes' | 'no-show' | 'cancels'; minutes: number } | null;
}

export interface Day {
  file: DayFile;
  config: InstallationConfig;
  site: string;
  date: string;
  timeZone: string;
  /** the instant of a local "HH:MM" on the simulated date */
  at(hhmm: string): number;
  roster: RosterEntry[];
  citizens: Citizen[];
}

export interface DayOptions {
  /** expected number of tickets (rescales the arrival rate); default: ordinary day × season */
  tickets?: number;
  /** arrivals stop at this local time instead of the file's `until` */
  until?: string;
  /** which roster of the file (default "reference") */
  roster?: string;
  seed?: number;
  /** the share of long-wait citizens who sign up for an alert and leave (default: the file's `alerts.share`, else 0) */
  alertShare?: number;
  /**
   * The bookings day: the share of the file's `bookings.services` citizens who book (true: the
   * file's `bookings.share`). Absent or 0: nobody books, the day without bookings.
   */
  bookings?: boolean | number;
}

/** The share of booking candidates who book on this day (0: the day without bookings). */
export function bookingShare(file: DayFile, opts: DayOptions): number {
  if (opts.bookings === undefined || opts.bookings === false) return 0;
  if (!file.bookings) throw new Error('the day file has no `bookings` block');
  return opts.bookings === true ? file.bookings.share : opts.bookings;
}


export function lognormal(rand: () => number, d: Distribution): number {
  const sigma2 = Math.log(1 + d.cv * d.cv);
  const mu = Math.log(d.mean) - sigma2 / 2;
  // Box–Muller; 1 - rand() keeps the logarithm finite
  const z = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return Math.exp(mu + Math.sqrt(sigma2) * z);
}

function pick<K extends string>(rand: () => number, weights: Record<K, number>): K {
  const entries = Object.entries(weights) as Array<[K, number]>;
  const total = entries.reduce((a, [, w]) => a + w, 0);
  let u = rand() * total;
  for (const [k, w] of entries) {
    u -= w;
    if (u < 0) return k;
  }
  const last = entries[entries.length - 1];
  if (!last) throw new Error('empty weights');
  return last[0];
}

export function loadDayFile(path: string | URL): DayFile {
  return JSON.parse(readFileSync(path, 'utf8')) as DayFile;
}

/**
 * The office of the bookings day: the booking queue gets the file's `booking` block, and the
 * site's per-address booking limits are lifted (every booking comes from the simulator's one
 * address here, as the lobby's phones share one behind the office's NAT; the limits have tests of their own).
 */
function withBooking(file: DayFile): unknown {
  const b = file.bookings;
  if (!b) throw new Error('the day file has no `bookings` block');
  const office = structuredClone(file.office) as { sites: Array<{ id: string; queues: Array<{ id: string }> } & Record<string, unknown>> };
  const site = office.sites.find((s) => s.id === file.site);
  const queue = site?.queues.find((q) => q.id === b.queue) as Record<string, unknown> | undefined;
  if (!site || !queue) throw new Error(`bookings: no queue "${b.queue}" at site "${file.site}"`);
  queue.booking = b.config;
  site.bookingLimits = { perAddressPerDay: 10_000, perMinute: 10_000, burst: 10_000 };
  return office;
}

export const REFERENCE_DAY = new URL('./reference-day.json', import.meta.url);

/** Builds the day: the office's configuration, the roster, and every citizen with their draws. */
export function buildDay(file: DayFile, opts: DayOptions = {}): Day {
  const share = bookingShare(file, opts);
  const config = parseConfig(JSON.stringify(share > 0 ? withBooking(file) : file.office), 'office.json');
  const site = config.sites.find((s) => s.id === file.site);
  if (!site) throw new Error(`the office has no site "${file.site}"`);
  const at = (hhmm: string): number => zonedInstant(file.date, parseHHMM(hhmm), site.timeZone);
  const rosterName = opts.roster ?? 'reference';
  const roster = file.rosters[rosterName];
  if (!roster) throw new Error(`no roster "${rosterName}" in the day file`);
  for (const r of roster) {
    if (!site.counters.some((c) => c.id === r.counter)) throw new Error(`roster: unknown counter ${r.counter}`);
  }

  const a = file.arrivals;
  const rand = seededRandom(opts.seed ?? file.seed);
  const from = at(a.from);
  const until = at(opts.until ?? a.until);
  // piecewise-constant relative rate, cut at `until`
  const bins = a.curve
    .map(([start, w], i) => ({ start: at(start), end: at(a.curve[i + 1]?.[0] ?? a.until), w }))
    .map((b) => ({ ...b, end: Math.min(b.end, until) }))
    .filter((b) => b.end > b.start && b.start >= from);
  const fullArea = a.curve
    .map(([start, w], i) => (at(a.curve[i + 1]?.[0] ?? a.until) - at(start)) * w)
    .reduce((x, y) => x + y, 0);
  const area = bins.reduce((x, b) => x + (b.end - b.start) * b.w, 0);
  const dayTickets = a.ordinaryDayTickets * a.seasonMultiplier;
  const door = opts.tickets === undefined ? a.doorQueue.people : Math.round((a.doorQueue.people * opts.tickets) / dayTickets);
  const flowTickets = opts.tickets === undefined ? ((dayTickets - door) * area) / fullArea : opts.tickets - door;
  const perMs = flowTickets / area;

  const times: number[] = [];
  for (let i = 0; i < door; i++) times.push(from + Math.floor(rand() * a.doorQueue.withinMinutes * 60_000));
  for (const b of bins) {
    const rate = perMs * b.w;
    let t = b.start;
    for (;;) {
      t += -Math.log(1 - rand()) / rate;
      if (t >= b.end) break;
      times.push(Math.floor(t));
    }
  }
  times.sort((x, y) => x - y);

  // the alert draws come from a stream of their own: the rest of the day is the same with or without them
  const alertRand = seededRandom(((opts.seed ?? file.seed) ^ 0x0a1e27) >>> 0);
  const alertShare = opts.alertShare ?? file.alerts?.share ?? 0;
  const [travelMin, travelMax] = file.alerts?.travelMinutes ?? [0, 0];
  // the booking draws too: the same citizens come, with or without bookings, and the same of them book at any share
  const bookRand = seededRandom(((opts.seed ?? file.seed) ^ 0xb00c1e) >>> 0);
  const b = file.bookings;
  const uniform = (u: number, [lo, hi]: [number, number]): number => lo + u * (hi - lo);
  const queueShares = Object.fromEntries(Object.entries(a.queues).map(([q, v]) => [q, v.share]));
  const citizens = times.map((t, n): Citizen => {
    const queue = pick(rand, queueShares);
    const service = pick(rand, a.queues[queue]?.services ?? {});
    const dist = file.serviceMinutes[queue]?.[service];
    if (!dist) throw new Error(`no service time for ${queue}/${service}`);
    const serviceMinutes = lognormal(rand, dist);
    const priority = rand() < a.priorityShare;
    const lowCounter = rand() < a.lowCounterShare;
    const walkMinutes = file.walkMinutes.min + rand() * (file.walkMinutes.max - file.walkMinutes.min);
    const away = rand() < file.noShow.probability;
    const [cbMin, cbMax] = file.noShow.comeBack.afterMinutes;
    const comesBack = rand() < file.noShow.comeBack.probability;
    const comeBackAfter = away && comesBack ? cbMin + rand() * (cbMax - cbMin) : null;
    const patienceMinutes = lognormal(rand, file.patience);
    const tellsStaff = rand() < file.patience.tellStaff;
    const rule = file.transfers.find((r) => r.from === queue && r.service === service);
    const u = rand();
    let transfer: Citizen['transfer'] = null;
    if (rule && u < rule.probability) {
      const d = file.serviceMinutes[rule.to]?.[rule.toService ?? ''];
      if (!d) throw new Error(`no service time for ${rule.to}/${rule.toService}`);
      transfer = { to: rule.to, service: rule.toService, serviceMinutes: lognormal(rand, d) };
    } else {
      rand(); // keep the stream aligned whether or not this citizen transfers
      rand();
    }
    const signsUp = alertRand() < alertShare;
    const travelMinutes = travelMin + alertRand() * (travelMax - travelMin);
    const [uBook, uFate, uWhen] = [bookRand(), bookRand(), bookRand()];
    let booking: Citizen['booking'] = null;
    if (b && b.queue === queue && b.services.includes(service) && uBook < share) {
      // one draw splits the fates: cancel, no-show, late, too early, else early
      const edges = [b.cancel, b.noShow, b.late.share, b.tooEarly.share].reduce<number[]>((acc, x) => [...acc, (acc[acc.length - 1] ?? 0) + x], []);
      const [cCancel = 0, cNoShow = 0, cLate = 0, cEarly = 0] = edges;
      if (uFate < cCancel) booking = { fate: 'cancels', minutes: 0 };
      else if (uFate < cNoShow) booking = { fate: 'no-show', minutes: 0 };
      else if (uFate < cLate) booking = { fate: 'comes', minutes: uniform(uWhen, b.late.minutes) };
      else if (uFate < cEarly) booking = { fate: 'comes', minutes: -uniform(uWhen, b.tooEarly.minutes) };
      else booking = { fate: 'comes', minutes: -uniform(uWhen, b.early) };
    }
    return { n, at: t, queue, service, priority, lowCounter, serviceMinutes, walkMinutes, away, comeBackAfter, patienceMinutes, tellsStaff, transfer, signsUp, travelMinutes, booking };
  });
  return { file, config, site: site.id, date: file.date, timeZone: site.timeZone, at, roster, citizens };
}
